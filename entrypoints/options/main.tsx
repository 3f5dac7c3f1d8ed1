import { render } from 'preact';
import { OptionsApp } from '../../src/ui/options/OptionsApp';
import '../../src/ui/claim-styles.css';
import '../../src/ui/options/options.css';

render(<OptionsApp />, document.getElementById('app')!);
