/**
 * Links from packs are clickable only when they are http(s): a `javascript:` or `data:` URL in a
 * pack must never run. Everything else is shown as text.
 */
export function safeHttpUrl(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Percent-encodes a text directive term; "-", "," and "&" are directive syntax (WICG spec §3.3). */
const encodeTerm = (term: string): string =>
  encodeURIComponent(term).replace(/-/g, '%2D').replace(/,/g, '%2C').replace(/&/g, '%26');

const WORDS_PER_EDGE = 5;

/**
 * A link that opens `url` scrolled to `quote` via a Text Fragment (`#:~:text=`). Long quotes are
 * given as textStart,textEnd so the link survives small edits in between. Null for non-http(s) URLs.
 */
export function textFragmentUrl(url: string, quote: string): string | null {
  const safe = safeHttpUrl(url);
  if (!safe) return null;
  const words = quote.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  if (words.length === 0) return safe;
  const directive =
    words.length <= WORDS_PER_EDGE * 2
      ? encodeTerm(words.join(' '))
      : `${encodeTerm(words.slice(0, WORDS_PER_EDGE).join(' '))},${encodeTerm(words.slice(-WORDS_PER_EDGE).join(' '))}`;
  const parsed = new URL(safe);
  const existing = parsed.hash.replace(/^#/, '').split(':~:')[0] ?? '';
  parsed.hash = '';
  return `${parsed.href}#${existing}:~:text=${directive}`;
}
