/**
 * The text that selectors count in: the data of every Text node under a root, in document order,
 * with nothing skipped and nothing inserted (the root's textContent). Hypothesis and Apache
 * Annotator use the same model, so their stored selectors and test cases apply unchanged. It is
 * deliberately not what src/page/read-page-text.ts reads for claim matching (visible text with
 * block separators): a stored position must not move when a style hides or shows an element.
 * Our own UI lives in a shadow root, which a TreeWalker does not enter.
 */
export interface DomText {
  root: Node;
  text: string;
  nodes: Text[];
  /** starts[i]: where nodes[i] begins in text */
  starts: number[];
  /**
   * Where the text of script and style elements lies in `text`. It counts for positions (it is
   * part of textContent) but no passage can be there: anchoring never lands in it.
   */
  inert: { start: number; end: number }[];
}

const INERT = new Set(['SCRIPT', 'STYLE']);
const isInert = (node: Text): boolean => {
  const parent = node.parentNode;
  return parent?.nodeType === Node.ELEMENT_NODE && INERT.has((parent as Element).nodeName.toUpperCase());
};

export function readDomText(root: Node): DomText {
  const nodes: Text[] = [];
  const starts: number[] = [];
  const parts: string[] = [];
  const inert: { start: number; end: number }[] = [];
  let length = 0;
  const add = (node: Text) => {
    nodes.push(node);
    starts.push(length);
    parts.push(node.data);
    if (node.data.length && isInert(node)) {
      const last = inert[inert.length - 1];
      if (last && last.end === length) last.end += node.data.length;
      else inert.push({ start: length, end: length + node.data.length });
    }
    length += node.data.length;
  };
  if (root.nodeType === Node.TEXT_NODE) add(root as Text);
  else {
    const doc = root.ownerDocument ?? (root as Document);
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) add(node as Text);
  }
  return { root, text: parts.join(''), nodes, starts, inert };
}

const indexCache = new WeakMap<DomText, Map<Node, number>>();
function indexOfNode(domText: DomText, node: Node): number | undefined {
  let index = indexCache.get(domText);
  if (!index) {
    index = new Map(domText.nodes.map((n, i) => [n, i]));
    indexCache.set(domText, index);
  }
  return index.get(node);
}

/**
 * The text offset of a DOM boundary point. A point inside one of the text nodes is exact. Any
 * other point (an element and a child index, as a selection often has; a comment) maps to where
 * the next text node begins, found by binary search with Range.comparePoint.
 */
export function textOffsetOf(domText: DomText, container: Node, offset: number): number {
  const { root, nodes, starts, text } = domText;
  const known = indexOfNode(domText, container);
  if (known !== undefined) return starts[known]! + Math.max(0, Math.min(offset, nodes[known]!.length));
  if (container !== root && !root.contains(container)) {
    // A point outside the root: before it counts as 0, after it as the end.
    const before = root.compareDocumentPosition(container) & Node.DOCUMENT_POSITION_PRECEDING;
    return before ? 0 : text.length;
  }
  const doc = container.ownerDocument ?? (container as Document);
  const point = doc.createRange();
  point.setStart(container, offset);
  let lo = 0;
  let hi = nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (point.comparePoint(nodes[mid]!, 0) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo < nodes.length ? starts[lo]! : text.length;
}

export function rangeToOffsets(domText: DomText, range: Range): { start: number; end: number } {
  const start = textOffsetOf(domText, range.startContainer, range.startOffset);
  const end = textOffsetOf(domText, range.endContainer, range.endOffset);
  return { start, end: Math.max(start, end) };
}

/**
 * The node holding `offset`, by binary search over `starts` (as rangeForOffsets in
 * src/page/read-page-text.ts does for its own text model). At a boundary between nodes, a range's start belongs to the next
 * node with text and its end to the previous one, so the range holds no empty edges.
 */
function nodeAt(domText: DomText, offset: number, side: 'start' | 'end'): number {
  const { nodes, starts } = domText;
  let lo = 0;
  let hi = nodes.length - 1;
  // Last node starting at or before offset (strictly before, for an end), which skips empty nodes
  // at the boundary in the right direction.
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (side === 'start' ? starts[mid]! <= offset : starts[mid]! < offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The DOM Range over text[start, end) (UTF-16 offsets), collapsed when start === end; null when
 * the root has no text or the nodes have left the document since they were read.
 */
export function rangeFromOffsets(domText: DomText, start: number, end: number): Range | null {
  const { nodes, starts, text } = domText;
  if (nodes.length === 0 || start < 0 || end < start || end > text.length) return null;
  const first = nodeAt(domText, start, 'start');
  const last = end === start ? first : nodeAt(domText, end, 'end');
  const startNode = nodes[first]!;
  const endNode = nodes[last]!;
  const rootConnected = (node: Node) => node === domText.root || domText.root.contains(node);
  if (!rootConnected(startNode) || !rootConnected(endNode)) return null;
  const doc = startNode.ownerDocument;
  const range = doc.createRange();
  range.setStart(startNode, Math.min(startNode.length, Math.max(0, start - starts[first]!)));
  range.setEnd(endNode, Math.min(endNode.length, Math.max(0, end - starts[last]!)));
  return range;
}
