import { createPortal } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { AnnotatePanel } from '../annotate/AnnotatePanel';

/**
 * The tagging panel's form for one annotation, in a modal dialog. It is put at the end of the
 * body, beside the options page's <main>, since the panel is a <main> of its own.
 */
export function AnnotationEditDialog(props: { id: string; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
    };
  }, []);
  return createPortal(
    <dialog
      ref={ref}
      class="annotation-dialog"
      aria-label="Edit annotation"
      data-annotation-editor={props.id}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
    >
      <AnnotatePanel key={props.id} params={{ annotationId: props.id }} onClose={props.onClose} />
    </dialog>,
    document.body,
  );
}
