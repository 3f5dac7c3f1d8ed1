/**
 * Small helpers the annotation importers share for reading untrusted JSON values: shapes that may
 * be one value or a list, bounded text, http(s) URLs and timestamps.
 */

export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON-LD value that may be single or a list, as a list of at most `max` items. */
export function listOf(value: unknown, max = 1000): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value.slice(0, max) : [value];
}

/** A string, or the first string of a list (JSON-LD allows either for single values). */
export function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.find((item): item is string => typeof item === 'string');
  return undefined;
}

/** Whether a node's `type` is, or includes, one of the names. */
export function hasType(node: unknown, ...names: string[]): boolean {
  if (!isObject(node)) return false;
  return listOf(node.type, 20).some((type) => typeof type === 'string' && names.includes(type));
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** The first `max` UTF-16 units of the text, never ending inside a surrogate pair. */
export function keepStart(text: string, max: number): string {
  if (text.length <= max) return text;
  return text.slice(0, isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max);
}

/** The last `max` UTF-16 units of the text, never starting inside a surrogate pair. */
export function keepEnd(text: string, max: number): string {
  if (text.length <= max) return text;
  const from = text.length - max;
  return text.slice(isLowSurrogate(text.charCodeAt(from)) ? from + 1 : from);
}

/** Text trimmed and cut to `max` characters, ending in "…" when cut; `cut` says whether it was. */
export function boundText(value: string, max: number): { text: string; cut: boolean } {
  const text = value.trim();
  if (text.length <= max) return { text, cut: false };
  return { text: `${keepStart(text, max - 1).trimEnd()}…`, cut: true };
}

/** A value shortened for a warning message, so a hostile 2 MB id does not become a 2 MB warning. */
export function shown(value: string, max = 80): string {
  const oneLine = value.replace(/\s+/g, ' ');
  return oneLine.length <= max ? oneLine : `${keepStart(oneLine, max - 1)}…`;
}

/** How an annotation is named in warnings: by its id when it has one, else by its position. */
export function labelOf(kind: string, id: string | undefined, index: number): string {
  return id ? `${kind} "${shown(id)}"` : `${kind} ${index + 1} (no id)`;
}

const MAX_URL = 2048;

export type UrlRead = { ok: true; url: string } | { ok: false; problem: string };

/**
 * An absolute http(s) URL of at most 2,048 characters, kept as written (only a fragment is cut
 * when `dropFragment`, since pages are stored without one). Anything else is refused with a reason.
 */
export function readHttpUrl(value: unknown, dropFragment = false): UrlRead {
  if (typeof value !== 'string' || !value.trim()) return { ok: false, problem: 'no URL' };
  let raw = value.trim();
  if (dropFragment && raw.includes('#')) raw = raw.slice(0, raw.indexOf('#'));
  if (raw.length > MAX_URL) return { ok: false, problem: `a URL longer than ${MAX_URL} characters` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, problem: `"${shown(raw)}", which is not an absolute URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, problem: `"${shown(raw)}", which is not an http(s) URL` };
  return { ok: true, url: raw };
}

/** An IRI as exported ids are: a scheme, a colon, no spaces, at most 2,048 characters. */
export const isIri = (value: string): boolean => value.length <= MAX_URL && /^[a-z][a-z0-9+.-]*:\S+$/i.test(value);

/** Milliseconds of an ISO 8601 date-time, or undefined. */
export function readTime(value: unknown): number | undefined {
  const text = stringOf(value);
  if (!text || text.length > 64 || !/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}
