import { isBlockElement } from './read-page-text';

/**
 * Reports the parts of the page whose text changed or appeared (infinite scroll, "load more",
 * client-side navigation, a "read more" expander), batched: mutations are collected and handed
 * over at most once per `delay`, in an idle moment, as the smallest set of elements that cover
 * them (uBlock Origin's content script batches the same way). What is re-read is the changed
 * block, never the whole page: a change with no block around it but <body> re-reads only the
 * changed element itself, and attribute changes on <html> and <body> (scroll classes, modal
 * flags) are ignored.
 */
export interface WatchOptions {
  signal: AbortSignal;
  delay?: number;
  /** mutations inside these nodes (our own UI) are ignored */
  ignore?: (node: Node) => boolean;
}

/** Attributes that can reveal text: [hidden], <details open>, and class or style toggles. */
const REVEALING = ['hidden', 'open', 'class', 'style'];
/** A revealed element with more text than this is left alone: re-reading it would cost more than it finds. */
const MAX_REVEALED_CHARS = 100_000;

export function watchPageChanges(root: Element, onChange: (elements: Element[]) => void, options: WatchOptions): void {
  const doc = root.ownerDocument;
  const win = doc.defaultView!;
  const pending = new Set<Element>();
  // Elements whose attributes changed; sized up only at flush time, never inside the observer.
  const revealed = new Set<Element>();
  let timer = 0;
  let idle = 0;

  const isPageFrame = (element: Element) => element === doc.documentElement || element === doc.body;

  /** The element to re-read for a change at `node`: its block, or itself when only <body> is around it. */
  const rootFor = (node: Node): Element | null => {
    let element: Element | null = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
    const own = element;
    while (element && !isPageFrame(element)) {
      if (isBlockElement(element)) return element;
      element = element.parentElement;
    }
    return own && !isPageFrame(own) ? own : null;
  };

  const flush = () => {
    timer = 0;
    idle = 0;
    for (const element of revealed)
      if ((element.textContent?.length ?? 0) <= MAX_REVEALED_CHARS) pending.add(element);
    revealed.clear();
    const elements = [...pending].filter((element) => element.isConnected);
    pending.clear();
    // Keep only the outermost: reading a section also reads the paragraphs inside it.
    const chosen = new Set(elements);
    const outer = elements.filter((element) => {
      for (let up = element.parentElement; up; up = up.parentElement) if (chosen.has(up)) return false;
      return true;
    });
    if (outer.length) onChange(outer);
  };

  const schedule = () => {
    if (timer || idle) return;
    timer = win.setTimeout(() => {
      timer = 0;
      // Wait for a quiet moment, but never more than a second.
      if (typeof win.requestIdleCallback === 'function') idle = win.requestIdleCallback(flush, { timeout: 1000 });
      else flush();
    }, options.delay ?? 250);
  };

  const note = (node: Node) => {
    if (options.ignore?.(node)) return;
    const element = rootFor(node);
    if (element) pending.add(element);
  };

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'characterData') note(record.target);
      else if (record.type === 'childList') {
        for (const added of record.addedNodes)
          if (added.nodeType === Node.ELEMENT_NODE || added.nodeType === Node.TEXT_NODE) note(added);
      } else {
        const target = record.target as Element;
        if (!isPageFrame(target) && !options.ignore?.(target)) revealed.add(target);
      }
    }
    if (pending.size || revealed.size) schedule();
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: REVEALING });
  options.signal.addEventListener('abort', () => {
    observer.disconnect();
    if (timer) win.clearTimeout(timer);
    if (idle) win.cancelIdleCallback(idle);
  });
}
