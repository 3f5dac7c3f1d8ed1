/**
 * Quote search runs on text whose whitespace runs are collapsed to one space, and with soft
 * hyphens and zero-width spaces dropped. A page re-indented or re-wrapped by its CMS, or
 * hyphenated differently, still contains the same sentence; on the raw text every changed line
 * break would count as several edits and push a quote into fuzzy matching. Offsets found in the
 * normalized text map back to the raw text through `rawStart`/`rawEnd`.
 */
export interface NormalizedText {
  text: string;
  /** rawStart[i]: where normalized character i starts in the raw text */
  rawStart: Int32Array;
  /** rawEnd[i]: where it ends (a collapsed space ends after its whole whitespace run) */
  rawEnd: Int32Array;
  rawLength: number;
}

/** Same set as the `\s` class of JavaScript regular expressions. */
function isSpace(unit: number): boolean {
  return (
    unit === 0x20 ||
    (unit >= 0x09 && unit <= 0x0d) ||
    unit === 0xa0 ||
    unit === 0x1680 ||
    (unit >= 0x2000 && unit <= 0x200a) ||
    unit === 0x2028 ||
    unit === 0x2029 ||
    unit === 0x202f ||
    unit === 0x205f ||
    unit === 0x3000 ||
    unit === 0xfeff
  );
}

/** Invisible characters that pages insert or drop without changing what a reader sees. */
const isInvisible = (unit: number): boolean => unit === 0xad || unit === 0x200b;

export function normalizeWhitespace(raw: string): NormalizedText {
  const units: number[] = [];
  const rawStart = new Int32Array(raw.length);
  const rawEnd = new Int32Array(raw.length);
  let length = 0;
  let i = 0;
  while (i < raw.length) {
    const unit = raw.charCodeAt(i);
    if (isInvisible(unit)) {
      i++;
      continue;
    }
    if (isSpace(unit)) {
      const from = i;
      while (i < raw.length && (isSpace(raw.charCodeAt(i)) || isInvisible(raw.charCodeAt(i)))) i++;
      units.push(0x20);
      rawStart[length] = from;
      rawEnd[length] = i;
      length++;
      continue;
    }
    units.push(unit);
    rawStart[length] = i;
    rawEnd[length] = i + 1;
    length++;
    i++;
  }
  let text = '';
  // Chunked so that a long page does not overflow the argument limit of fromCharCode.
  for (let at = 0; at < units.length; at += 8192) text += String.fromCharCode(...units.slice(at, at + 8192));
  return { text, rawStart: rawStart.subarray(0, length), rawEnd: rawEnd.subarray(0, length), rawLength: raw.length };
}

/** The normalized form of a short string (a quote, a prefix or a suffix). */
export const normalizeString = (value: string): string => normalizeWhitespace(value).text;

/** The raw range covered by normalized text[start, end). */
export function rawRange(normalized: NormalizedText, start: number, end: number): { start: number; end: number } {
  const count = normalized.text.length;
  if (count === 0) return { start: 0, end: 0 };
  const from = start >= count ? normalized.rawLength : normalized.rawStart[start]!;
  if (end <= start) return { start: from, end: from };
  return { start: from, end: normalized.rawEnd[Math.min(end, count) - 1]! };
}

/** The normalized offset of a raw offset: the first normalized character that starts at or after it. */
export function normalizedOffset(normalized: NormalizedText, rawOffset: number): number {
  let lo = 0;
  let hi = normalized.text.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (normalized.rawEnd[mid]! <= rawOffset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The normalized range covering raw text[start, end): characters overlapping it, whole. */
export function normalizedRange(normalized: NormalizedText, start: number, end: number): { start: number; end: number } {
  const from = normalizedOffset(normalized, start);
  let lo = from;
  let hi = normalized.text.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (normalized.rawStart[mid]! < end) lo = mid + 1;
    else hi = mid;
  }
  return { start: from, end: Math.max(from, lo) };
}
