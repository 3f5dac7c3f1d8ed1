/** Loading fixture pages and resolving the fixtures' range descriptions, for the anchoring tests. */

/** Fixture HTML as the innerHTML of a container in the live document (Hypothesis's range specs). */
export function loadIntoContainer(html: string, tag = 'section'): HTMLElement {
  const container = document.createElement(tag);
  container.innerHTML = html;
  document.body.replaceChildren(container);
  return container;
}

/**
 * A saved page parsed as a whole document. The document is inert (scripts do not run, nothing
 * loads), and its body is the root of the text model, as it was for the page it was saved from.
 */
export const parsePage = (html: string): Document => new DOMParser().parseFromString(html, 'text/html');

export function textNodes(root: Node): Text[] {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  return nodes;
}

/** An XPath node; paths starting with "/" are taken relative to `context`, as the fixtures use them. */
export function xpathNode(context: Node, path: string): Node {
  const doc = context.ownerDocument ?? (context as Document);
  const expression = path.startsWith('/') && !path.startsWith('//') ? `.${path}` : path;
  const node = doc.evaluate(expression, context, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;
  if (!node) throw new Error(`no node at ${path}`);
  return node;
}

export function rangeBetween(startNode: Node, startOffset: number, endNode: Node, endOffset: number): Range {
  const range = (startNode.ownerDocument ?? (startNode as Document)).createRange();
  range.setStart(startNode, startOffset);
  range.setEnd(endNode, endOffset);
  return range;
}
