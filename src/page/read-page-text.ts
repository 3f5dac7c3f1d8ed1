import { BLOCK_BREAK } from '../matching/tokenize';

/**
 * Reads the text a reader sees under a root, as one string plus the text nodes it came from, so
 * that character offsets found by the matcher map back to DOM Ranges.
 *
 * Skipped: script, style, noscript, template, form fields, editable regions, hidden or undisplayed
 * elements, and elements whose tag is `excludeTag` (our own UI). Text split across inline
 * elements joins up as the browser renders it; block boundaries become BLOCK_BREAK (a phrase
 * never spans two paragraphs) and `<br>` becomes a space-like newline.
 */
export interface PageText {
  text: string;
  nodes: Text[];
  /** starts[i] is where nodes[i] begins in text */
  starts: number[];
}

const SKIP = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'BUTTON',
  'IFRAME', 'OBJECT', 'EMBED', 'CANVAS', 'SVG', 'svg', 'MATH', 'VIDEO', 'AUDIO', 'HEAD', 'TITLE',
]);
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL', 'DT',
  'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER',
  'HGROUP', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY',
  'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL', 'CAPTION', 'HTML',
]);

export const isBlockElement = (element: Element): boolean => BLOCKS.has(element.tagName);

const VISIBILITY = { visibilityProperty: true };
const EDITABLE = '[contenteditable]:not([contenteditable="false"])';

export interface ReadOptions {
  /** the tag name (upper case) of elements to leave out with everything inside them: our own UI */
  excludeTag?: string;
}

/**
 * Whether an element is left out, with its subtree. What only some pages have (editable regions,
 * the hidden attribute) is asked of the whole tree once, natively, so that an element costs a
 * tag name and a visibility check: the read runs once per page, in code V8 has not compiled yet,
 * where each call into the DOM is most of an element's cost.
 */
function skipper(root: Node, options: ReadOptions): (element: Element, tag: string) => boolean {
  const doc = root.ownerDocument ?? (root as Document);
  const scope = 'querySelector' in root ? (root as ParentNode) : null;
  // (An editing host's subtree is skipped whole, so the root itself is all that a query of its
  // descendants does not answer.)
  const anyEditable =
    doc.designMode === 'on' || (scope?.querySelector(EDITABLE) ?? null) !== null || (root as HTMLElement).isContentEditable === true;
  const anyHidden = (scope?.querySelector('[hidden]') ?? null) !== null || (root as Element).hasAttribute?.('hidden') === true;
  const canCheck = typeof (doc.documentElement as Element | null)?.checkVisibility === 'function';
  const { excludeTag } = options;
  return (element, tag) =>
    SKIP.has(tag) ||
    tag === excludeTag ||
    (anyHidden && element.hasAttribute('hidden')) ||
    (anyEditable && (element as HTMLElement).isContentEditable === true) ||
    // display: contents has no box of its own, yet its children render.
    (canCheck && !element.checkVisibility(VISIBILITY) && getComputedStyle(element).display !== 'contents');
}

/** The nearest block-level ancestor-or-self of a node, or the root's block when there is none. */
export function blockOf(node: Node, root: Node): Node {
  let current: Node | null = node.nodeType === Node.ELEMENT_NODE ? node : node.parentNode;
  while (current && current !== root) {
    if (current.nodeType === Node.ELEMENT_NODE && isBlockElement(current as Element)) return current;
    current = current.parentNode;
  }
  return root;
}

const TEXT_NODE = 3;

export function readPageText(root: Node, options: ReadOptions = {}): PageText {
  const doc = root.ownerDocument ?? (root as Document);
  const skip = skipper(root, options);
  const nodes: Text[] = [];
  const starts: number[] = [];
  const parts: string[] = [];
  let length = 0;
  let lastBlock: Node | null = null;
  const blockCache = new Map<Node, Node>();
  const push = (part: string) => {
    parts.push(part);
    length += part.length;
  };
  if (root.nodeType === Node.ELEMENT_NODE && skip(root as Element, (root as Element).tagName)) return { text: '', nodes, starts };

  // No filter callback: the browser calling into script for every node cost more than the
  // walk itself. A skipped element's subtree is stepped over here instead.
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  const pastSubtree = (): Node | null => {
    for (;;) {
      const sibling = walker.nextSibling();
      if (sibling) return sibling;
      if (!walker.parentNode()) return null;
    }
  };
  // A <br> marks a line break before the next text read (wherever that text sits: after the
  // <br>'s inline parent, or past hidden elements).
  let lineBreak = false;
  for (let node = walker.nextNode(); node; ) {
    if (node.nodeType !== TEXT_NODE) {
      const tag = (node as Element).tagName;
      if (skip(node as Element, tag)) node = pastSubtree();
      else {
        if (tag === 'BR') lineBreak = true;
        node = walker.nextNode();
      }
      continue;
    }
    const textNode = node as Text;
    const parent = textNode.parentNode!;
    let block = blockCache.get(parent);
    if (!block) {
      block = blockOf(textNode, root);
      blockCache.set(parent, block);
    }
    if (lastBlock && block !== lastBlock) push(BLOCK_BREAK);
    else if (lastBlock && lineBreak) push('\n');
    lineBreak = false;
    lastBlock = block;
    nodes.push(textNode);
    starts.push(length);
    push(textNode.data);
    node = walker.nextNode();
  }
  return { text: parts.join(''), nodes, starts };
}

/** Index of the text node holding character `offset`, or the next node when it falls between. */
function nodeAt(page: PageText, offset: number, preferNext: boolean): number {
  let lo = 0;
  let hi = page.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (page.starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  const node = page.nodes[lo]!;
  const within = offset - page.starts[lo]!;
  if (preferNext ? within >= node.length : within > node.length) return lo + 1;
  return lo;
}

/** The DOM Range for text[start, end), or null when the text nodes have since left the page. */
export function rangeForOffsets(page: PageText, start: number, end: number): Range | null {
  if (page.nodes.length === 0 || start >= end) return null;
  const first = nodeAt(page, start, true);
  const last = nodeAt(page, end, false);
  const startNode = page.nodes[first];
  const endNode = page.nodes[Math.min(last, page.nodes.length - 1)];
  if (!startNode || !endNode || !startNode.isConnected || !endNode.isConnected) return null;
  const range = startNode.ownerDocument.createRange();
  range.setStart(startNode, Math.max(0, start - page.starts[first]!));
  range.setEnd(endNode, Math.min(endNode.length, end - page.starts[Math.min(last, page.nodes.length - 1)]!));
  return range.collapsed ? null : range;
}
