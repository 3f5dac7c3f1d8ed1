import { describe, expect, it } from 'vitest';
import {
  codePointLength,
  codePointRangeToUtf16,
  codePointsToUtf16,
  utf16RangeToCodePoints,
  utf16ToCodePoints,
} from '../../../src/anchoring/text-positions';

/** Reference: what Array.from (code point iteration) says a code point offset is in UTF-16 units. */
const referenceUtf16 = (text: string, points: number): number => Array.from(text).slice(0, points).join('').length;

const SAMPLES = [
  '',
  'plain ascii',
  'l😃rem ipsum dolor amet',
  '😃😃 two emoji, 𝒳 math, 中文',
  'lone high \ud800 in the middle',
  'lone low \udc00 in the middle',
  'reversed pair \udc00\ud800 stays two',
  'ends with a high surrogate \ud83d',
  '\udc00 starts with a low surrogate',
];

describe('code point ↔ UTF-16 offsets', () => {
  it('counts code points as Array.from does, lone surrogates as one each', () => {
    for (const text of SAMPLES) expect(codePointLength(text), JSON.stringify(text)).toBe(Array.from(text).length);
  });

  it('converts every code point offset like the reference, and back', () => {
    for (const text of SAMPLES) {
      const points = Array.from({ length: codePointLength(text) + 1 }, (_, i) => i);
      const units = codePointsToUtf16(text, points);
      expect(units, JSON.stringify(text)).toEqual(points.map((p) => referenceUtf16(text, p)));
      expect(utf16ToCodePoints(text, units as number[])).toEqual(points);
    }
  });

  it('answers several offsets in any order', () => {
    const text = 'a😃b😃c';
    expect(codePointsToUtf16(text, [4, 0, 2, 5, 1])).toEqual([6, 0, 3, 7, 1]);
    expect(utf16ToCodePoints(text, [6, 0, 3, 7, 1])).toEqual([4, 0, 2, 5, 1]);
  });

  it('refuses offsets that do not fit instead of clamping them into a wrong place', () => {
    expect(codePointsToUtf16('abc', [4, -1, 1.5, 3])).toEqual([null, null, null, 3]);
    expect(codePointRangeToUtf16('a😃', 0, 3)).toBeNull();
    expect(codePointRangeToUtf16('a😃', 2, 1)).toBeNull();
    expect(codePointRangeToUtf16('a😃b', 1, 2)).toEqual({ start: 1, end: 3 });
  });

  it('rounds a UTF-16 offset inside a pair down for a start and up for an end', () => {
    const text = 'x😃y';
    expect(utf16ToCodePoints(text, [2], 'floor')).toEqual([1]);
    expect(utf16ToCodePoints(text, [2], 'ceil')).toEqual([2]);
    // a range cut through the emoji keeps the whole emoji
    expect(utf16RangeToCodePoints(text, 2, 2)).toEqual({ start: 1, end: 2 });
    expect(utf16RangeToCodePoints(text, 0, 2)).toEqual({ start: 0, end: 2 });
    expect(utf16RangeToCodePoints(text, 2, 4)).toEqual({ start: 1, end: 3 });
  });

  it('clamps UTF-16 offsets from outside the text (they come from our own DOM reads)', () => {
    expect(utf16ToCodePoints('a😃', [-3, 99])).toEqual([0, 2]);
  });

  it('takes one pass over a long text for many offsets', () => {
    const text = 'é😃 '.repeat(50_000);
    const points = Array.from({ length: 2000 }, (_, i) => i * 70);
    const started = performance.now();
    const units = codePointsToUtf16(text, points);
    expect(performance.now() - started).toBeLessThan(200);
    expect(units[1]).toBe(referenceUtf16(text.slice(0, 200), 70));
  });
});
