import { PartialDateSchema } from '../../schema/common';

/** Small value helpers shared by the ClaimReview importer and exporter. */

/** Whitespace runs (including newlines from HTML markup) as single spaces, trimmed. */
export const cleanText = (value: string | undefined): string | undefined => {
  const text = value?.replace(/\s+/g, ' ').trim();
  return text ? text : undefined;
};

/** Text cut to `max` characters, at a word boundary where one is near, ending in "…". */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * 64-bit FNV-1a of the text's UTF-16 code units, as 16 hex digits. Synchronous and the same in
 * Node and the browser (crypto.subtle is async): used for stable ids, not for security.
 */
export function hash64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = 0xffffffffffffffffn;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * prime) & mask;
  }
  return hash.toString(16).padStart(16, '0');
}

/** Lower-case ASCII letters, digits and single hyphens: "Full Fact (UK)" → "full-fact-uk". */
export function slugify(text: string, max = 60): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, max)
    .replace(/^-+|-+$/g, '');
}

export type UrlCheck = { ok: true; url: string } | { ok: false; reason: 'missing' | 'relative' | 'unsafe' | 'invalid' };

/**
 * An absolute http(s) URL, resolving a relative one against `base` (the page it came from).
 * `javascript:`, `data:` and every other scheme are refused as unsafe (see HttpUrlSchema).
 */
export function checkHttpUrl(value: string | undefined, base?: string): UrlCheck {
  const raw = value?.trim();
  if (!raw) return { ok: false, reason: 'missing' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    if (!base) return { ok: false, reason: 'relative' };
    try {
      url = new URL(raw, base);
    } catch {
      return { ok: false, reason: 'invalid' };
    }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'unsafe' };
  if (url.href.length > 2048) return { ok: false, reason: 'invalid' };
  return { ok: true, url: url.href };
}

/** The host of a URL without "www.", or undefined. */
export function hostOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const host = new URL(value).hostname.replace(/^www\./, '');
    return host || undefined;
  } catch {
    return undefined;
  }
}

/**
 * A date as the publisher wrote it, reduced to a partial date: "2025-06-01T00:00:00Z" →
 * "2025-06-01", "2014-07" stays. The calendar date is read as written (no time-zone shift).
 * Anything else ("June 1, 2025", "2025-13-01") is undefined.
 */
export function toPartialDate(value: string | undefined): string | undefined {
  const match = value?.trim().match(/^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:$|[T ]\d)/);
  if (!match?.[1]) return undefined;
  return PartialDateSchema.safeParse(match[1]).success ? match[1] : undefined;
}

/** Today's local date as YYYY-MM-DD. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
