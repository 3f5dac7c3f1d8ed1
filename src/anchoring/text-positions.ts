/**
 * Stored and exported offsets count Unicode code points (the W3C model, and what Apache Annotator
 * does); JavaScript strings index UTF-16 units. The two differ after every character outside the
 * Basic Multilingual Plane (emoji, some CJK), so an offset has to be converted at the edge.
 *
 * A lone surrogate counts as one code point, as `for...of` and `Array.from` count it: broken text
 * on a page must not shift every later offset by a half character.
 */

const isHighSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

/** Units taken by the code point starting at `index` (1 or 2). */
function unitsAt(text: string, index: number): number {
  return isHighSurrogate(text.charCodeAt(index)) && isLowSurrogate(text.charCodeAt(index + 1)) ? 2 : 1;
}

export function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += unitsAt(text, i)) count++;
  return count;
}

/** Offsets visited in increasing order, so several conversions cost one pass over the text. */
function ascending(offsets: readonly number[]): number[] {
  return offsets.map((_, i) => i).sort((a, b) => offsets[a]! - offsets[b]!);
}

/**
 * UTF-16 offsets of code point offsets, in one pass. An offset that is negative, fractional or
 * past the end of the text gives null: a stale position must not be clamped into a wrong one.
 */
export function codePointsToUtf16(text: string, offsets: readonly number[]): (number | null)[] {
  const result: (number | null)[] = offsets.map(() => null);
  let unit = 0;
  let point = 0;
  for (const index of ascending(offsets)) {
    const target = offsets[index]!;
    if (!Number.isInteger(target) || target < 0) continue;
    while (point < target && unit < text.length) {
      unit += unitsAt(text, unit);
      point++;
    }
    if (point === target) result[index] = unit;
  }
  return result;
}

/**
 * Code point offsets of UTF-16 offsets, in one pass. An offset between the two halves of a pair
 * rounds down (`'floor'`, right for a range's start) or up (`'ceil'`, right for its end), so a
 * range never keeps half a character. Offsets outside the text are clamped.
 */
export function utf16ToCodePoints(
  text: string,
  offsets: readonly number[],
  rounding: 'floor' | 'ceil' | readonly ('floor' | 'ceil')[] = 'floor',
): number[] {
  const result = offsets.map(() => 0);
  let unit = 0;
  let point = 0;
  for (const index of ascending(offsets)) {
    const target = Math.max(0, Math.min(text.length, Math.floor(offsets[index]!)));
    while (unit < target) {
      const width = unitsAt(text, unit);
      if (unit + width > target) break;
      unit += width;
      point++;
    }
    const round = typeof rounding === 'string' ? rounding : rounding[index] ?? 'floor';
    result[index] = unit === target || round === 'floor' ? point : point + 1;
  }
  return result;
}

export interface OffsetRange {
  start: number;
  end: number;
}

/** A code point range as UTF-16 offsets, or null when it does not fit the text. */
export function codePointRangeToUtf16(text: string, start: number, end: number): OffsetRange | null {
  if (end < start) return null;
  const [from, to] = codePointsToUtf16(text, [start, end]);
  return from == null || to == null ? null : { start: from, end: to };
}

/** A UTF-16 range as code points, widened to whole characters. */
export function utf16RangeToCodePoints(text: string, start: number, end: number): OffsetRange {
  const [from, to] = utf16ToCodePoints(text, [start, Math.max(start, end)], ['floor', 'ceil']);
  return { start: from!, end: to! };
}
