import { blockOf } from './read-page-text';

/**
 * Reports the blocks of the page whose text changed (infinite scroll, "load more", client-side
 * navigation), batched: mutations are collected and handed over at most once per `delay`, as the
 * smallest set of block elements that cover them, so a page that mutates constantly costs one
 * read of the changed blocks per batch, never a re-read of the whole page (uBlock Origin's
 * content script batches the same way).
 */
export interface WatchOptions {
  signal: AbortSignal;
  delay?: number;
  /** mutations inside these elements (our own UI) are ignored */
  ignore?: (node: Node) => boolean;
}

export function watchPageChanges(root: Element, onChange: (blocks: Element[]) => void, options: WatchOptions): void {
  const pending = new Set<Node>();
  const win = root.ownerDocument.defaultView!;
  let timer = 0;

  const flush = () => {
    timer = 0;
    const nodes = [...pending].filter((node) => node.isConnected);
    pending.clear();
    // Keep only outermost blocks: reading a section also reads the paragraphs inside it.
    const outer = nodes.filter((node) => !nodes.some((other) => other !== node && other.contains(node)));
    const blocks = outer.filter((node): node is Element => node.nodeType === Node.ELEMENT_NODE);
    if (blocks.length) onChange(blocks);
  };

  const note = (node: Node) => {
    if (options.ignore?.(node)) return;
    const block = blockOf(node, root);
    pending.add(block.nodeType === Node.ELEMENT_NODE ? block : root);
  };

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'characterData') note(record.target);
      else for (const added of record.addedNodes) if (added.nodeType === Node.ELEMENT_NODE || added.nodeType === Node.TEXT_NODE) note(added);
    }
    if (pending.size && !timer) timer = win.setTimeout(flush, options.delay ?? 250);
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  options.signal.addEventListener('abort', () => {
    observer.disconnect();
    if (timer) win.clearTimeout(timer);
  });
}
