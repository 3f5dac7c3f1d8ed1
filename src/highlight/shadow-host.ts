/**
 * Our one element in a page: a host whose shadow root holds the card (and, without the Highlight
 * API, the overlay). Created only when first needed, so a page with highlights but no card open
 * carries no trace of us in its DOM. Styles inside cannot leak out and the page's cannot leak in.
 */
export const HOST_TAG = 'crosscheck-ui';

export interface ShadowHost {
  readonly host: HTMLElement;
  readonly root: ShadowRoot;
  destroy(): void;
}

export function createShadowHost(doc: Document, css: string): ShadowHost {
  const host = doc.createElement(HOST_TAG);
  // all:initial resets inherited page styles; absolute at the document origin so overlay boxes
  // placed in page coordinates scroll with the page. Inline !important outranks any page rule
  // such as `crosscheck-ui { display: none !important }`.
  const style: Record<string, string> = {
    all: 'initial', position: 'absolute', left: '0', top: '0', width: '0', height: '0',
    'z-index': '2147483647', display: 'block', visibility: 'visible', opacity: '1',
    transform: 'none', filter: 'none', 'pointer-events': 'auto',
  };
  for (const [property, value] of Object.entries(style)) host.style.setProperty(property, value, 'important');
  const root = host.attachShadow({ mode: 'open' });
  const sheet = doc.createElement('style');
  sheet.textContent = css;
  root.append(sheet);
  doc.documentElement.append(host);
  return { host, root, destroy: () => host.remove() };
}
