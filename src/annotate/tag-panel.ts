import type { ShadowHost } from '../highlight/shadow-host';

/**
 * The tagging panel beside the page: a frame of our own extension page (annotate.html) inside our
 * shadow root. The page cannot read or script a frame of another origin, and the form talks to the
 * background itself, so nothing typed there passes through the page. The frame sits in a *closed*
 * shadow root of its own: the page can reach into our open root, and must not read the frame's URL
 * (a draft or annotation id) to frame the panel itself and lure a click on Delete.
 */
const PANEL_CSS = `
  iframe {
    position: fixed; z-index: 2147483647; top: 12px; right: 12px; box-sizing: border-box;
    width: min(420px, calc(100vw - 24px)); height: min(680px, calc(100vh - 24px));
    border: 1px solid #90a4ae; border-radius: 8px; background: #fff; box-shadow: 0 8px 32px rgba(0, 0, 0, .25);
  }`;
export interface TagPanel {
  open(url: string): void;
  close(): void;
  isOpen(): boolean;
}

export function createTagPanel(options: { doc: Document; host: () => ShadowHost; signal: AbortSignal }): TagPanel {
  const { doc } = options;
  let frame: HTMLIFrameElement | null = null;
  let holder: HTMLElement | null = null;
  let returnFocus: Element | null = null;

  function close() {
    if (!frame) return;
    holder?.remove();
    holder = null;
    frame = null;
    if (returnFocus instanceof HTMLElement) returnFocus.focus({ preventScroll: true });
    returnFocus = null;
  }

  options.signal.addEventListener('abort', close);
  doc.addEventListener(
    'keydown',
    (event) => {
      // A page's synthetic Escape must not throw away what the annotator typed.
      if (event.isTrusted && event.key === 'Escape' && frame) close();
    },
    { signal: options.signal },
  );

  return {
    open(url) {
      returnFocus = doc.activeElement;
      if (!frame) {
        holder = doc.createElement('div');
        holder.className = 'cc-panel';
        const root = holder.attachShadow({ mode: 'closed' });
        const style = doc.createElement('style');
        style.textContent = PANEL_CSS;
        frame = doc.createElement('iframe');
        frame.title = 'Crosscheck: tag claim';
        root.append(style, frame);
        options.host().root.append(holder);
      }
      frame.src = url;
      frame.focus();
    },
    close,
    isOpen: () => frame !== null,
  };
}
