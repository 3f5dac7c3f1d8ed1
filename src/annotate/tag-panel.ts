import type { ShadowHost } from '../highlight/shadow-host';

/**
 * The tagging panel beside the page: a frame of our own extension page (annotate.html) inside our
 * shadow root. The page cannot read or script a frame of another origin, and the form talks to the
 * background itself, so nothing typed there passes through the page.
 */
export interface TagPanel {
  open(url: string): void;
  close(): void;
  isOpen(): boolean;
}

export function createTagPanel(options: { doc: Document; host: () => ShadowHost; signal: AbortSignal }): TagPanel {
  const { doc } = options;
  let frame: HTMLIFrameElement | null = null;
  let returnFocus: Element | null = null;

  function close() {
    if (!frame) return;
    frame.remove();
    frame = null;
    if (returnFocus instanceof HTMLElement) returnFocus.focus({ preventScroll: true });
    returnFocus = null;
  }

  options.signal.addEventListener('abort', close);
  doc.addEventListener(
    'keydown',
    (event) => {
      if (event.key === 'Escape' && frame) close();
    },
    { signal: options.signal },
  );

  return {
    open(url) {
      returnFocus = doc.activeElement;
      if (!frame) {
        frame = doc.createElement('iframe');
        frame.className = 'cc-panel';
        frame.title = 'Crosscheck: tag claim';
        options.host().root.append(frame);
      }
      frame.src = url;
      frame.focus();
    },
    close,
    isOpen: () => frame !== null,
  };
}
