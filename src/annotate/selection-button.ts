import type { ShadowHost } from '../highlight/shadow-host';

/**
 * The small "Tag claim" button that appears by a selection the annotator made in the page. It
 * lives in our shadow root; pressing it must not clear the page's selection, so the press is
 * taken on pointerdown (before the browser moves the selection) and its default prevented.
 */
export interface SelectionButton {
  hide(): void;
}

interface Options {
  doc: Document;
  host: () => ShadowHost;
  signal: AbortSignal;
  /** whether a selection can be tagged at all (our own UI, editable fields: no) */
  accepts: (range: Range) => boolean;
  onTag: (range: Range) => void;
}

const SETTLE_MS = 10;

export function selectedRange(doc: Document): Range | null {
  const selection = doc.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  return range.toString().trim() ? range.cloneRange() : null;
}

export function createSelectionButton(options: Options): SelectionButton {
  const { doc, signal } = options;
  const win = doc.defaultView!;
  let button: HTMLButtonElement | null = null;
  let range: Range | null = null;
  let timer = 0;
  // The passage just tagged: the pointerup that ends the press must not bring the button back.
  let tagged: Range | null = null;
  const same = (a: Range, b: Range) =>
    a.startContainer === b.startContainer && a.startOffset === b.startOffset && a.endContainer === b.endContainer && a.endOffset === b.endOffset;

  function hide() {
    button?.remove();
    button = null;
    range = null;
  }

  function show(at: Range) {
    const rects = [...at.getClientRects()].filter((rect) => rect.width > 0 || rect.height > 0);
    const last = rects.at(-1) ?? at.getBoundingClientRect();
    if (!button) {
      button = doc.createElement('button');
      button.type = 'button';
      button.className = 'cc-tag-button';
      button.textContent = 'Tag claim';
      button.title = 'Tag this passage as a claim (Alt+Shift+T)';
      const press = (event: Event) => {
        event.preventDefault();
        event.stopPropagation();
        // The page can reach into our (open) shadow root and dispatch events: only a person's count.
        if (!event.isTrusted) return;
        const chosen = range;
        hide();
        tagged = chosen;
        if (chosen) options.onTag(chosen);
      };
      button.addEventListener('pointerdown', press);
      // Keyboard users reach it with Tab; Enter and Space click.
      button.addEventListener('click', (event) => {
        if ((event as PointerEvent).pointerType === '' || event.detail === 0) press(event);
      });
      options.host().root.append(button);
    }
    range = at;
    // Page coordinates: the host sits at the document origin and scrolls with the page.
    const left = Math.max(4, Math.min(last.right + win.scrollX - 40, win.scrollX + win.innerWidth - 110));
    const top = last.bottom + win.scrollY + 6;
    button.style.left = `${left}px`;
    button.style.top = `${top}px`;
  }

  function check() {
    timer = 0;
    const current = selectedRange(doc);
    if (!current || !options.accepts(current) || (tagged && same(tagged, current))) return hide();
    tagged = null;
    show(current);
  }

  const schedule = () => {
    if (!timer) timer = win.setTimeout(check, SETTLE_MS);
  };
  doc.addEventListener('pointerup', (event) => event.isTrusted && schedule(), { passive: true, signal });
  doc.addEventListener(
    'keyup',
    (event) => {
      if (!event.isTrusted) return;
      if (event.shiftKey || event.key === 'Shift' || (event.key === 'a' && (event.ctrlKey || event.metaKey))) schedule();
    },
    { passive: true, signal },
  );
  doc.addEventListener(
    'selectionchange',
    () => {
      if (button && !selectedRange(doc)) hide();
    },
    { signal },
  );
  signal.addEventListener('abort', () => {
    win.clearTimeout(timer);
    hide();
  });
  return { hide };
}
