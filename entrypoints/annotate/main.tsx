import { render } from 'preact';
import { AnnotatePanel, panelParams } from '../../src/ui/annotate/AnnotatePanel';
import '../../src/ui/claim-styles.css';
import '../../src/ui/annotate/annotate.css';

render(<AnnotatePanel params={panelParams(location.search)} />, document.getElementById('app')!);
