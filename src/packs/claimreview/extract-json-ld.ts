/**
 * Finds the `<script type="application/ld+json">` blocks of an HTML page by scanning its text, so
 * it works the same in Node, a service worker and a page (no DOM, no DOMParser). Script content is
 * raw text in HTML: it ends at the first `</script`, and entities inside it are not decoded.
 */

const SCRIPT = /<script\b((?:[^>"']|"[^"]*"|'[^']*')*)>([\s\S]*?)<\/script\s*>/gi;
const TYPE_ATTRIBUTE = /(?:^|\s)type\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;

/** Whether the text looks like an HTML page or fragment rather than a JSON document. */
export const looksLikeHtml = (text: string): boolean => /<(script|html|head|body|!doctype)\b/i.test(text);

const isJsonLdType = (type: string): boolean => type.split(';')[0]!.trim().toLowerCase() === 'application/ld+json';

/** The text of every JSON-LD script block, in page order, with HTML comment and CDATA wrappers removed. */
export function extractJsonLdBlocks(html: string): string[] {
  const blocks: string[] = [];
  for (const match of html.matchAll(SCRIPT)) {
    const attributes = match[1] ?? '';
    const type = attributes.match(TYPE_ATTRIBUTE);
    if (!type || !isJsonLdType(type[1] ?? type[2] ?? type[3] ?? '')) continue;
    const body = (match[2] ?? '')
      .trim()
      .replace(/^(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, '')
      .replace(/(?:-->|\/\/\s*\]\]>|\]\]>)$/, '')
      .trim();
    if (body) blocks.push(body);
  }
  return blocks;
}
