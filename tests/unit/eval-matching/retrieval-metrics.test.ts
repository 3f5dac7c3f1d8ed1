import { describe, expect, it } from 'vitest';
import { averagePrecisionAt, meanAveragePrecision, precisionAt1 } from '../../../scripts/eval-matching/retrieval-metrics';

const set = (...ids: string[]) => new Set(ids);

describe('averagePrecisionAt (k = 5)', () => {
  it('relevant at rank 3 only: P@3 / 1 = 1/3', () => {
    expect(averagePrecisionAt(['a', 'b', 'c', 'd', 'e'], set('c'))).toBeCloseTo(1 / 3, 12);
  });

  it('relevant at ranks 1 and 3 of two: (1 + 2/3) / 2', () => {
    expect(averagePrecisionAt(['a', 'b', 'c'], set('a', 'c'))).toBeCloseTo(5 / 6, 12);
  });

  it('none of the retrieved relevant, or the relevant one below rank 5: 0', () => {
    expect(averagePrecisionAt(['a', 'b'], set('z'))).toBe(0);
    expect(averagePrecisionAt(['a', 'b', 'c', 'd', 'e', 'z'], set('z'))).toBe(0);
    expect(averagePrecisionAt([], set('z'))).toBe(0);
  });

  it('more than 5 relevant: divides by 5, not by the number relevant', () => {
    // relevant at ranks 1, 3, 4 of 7 relevant: (1 + 2/3 + 3/4) / 5 = 0.483333…
    expect(averagePrecisionAt(['r1', 'x', 'r2', 'r3', 'y'], set('r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7'))).toBeCloseTo(
      (1 + 2 / 3 + 3 / 4) / 5,
      12,
    );
    expect(averagePrecisionAt(['r1', 'r2', 'r3', 'r4', 'r5'], set('r1', 'r2', 'r3', 'r4', 'r5', 'r6'))).toBe(1);
  });

  it('counts a repeated id once', () => {
    // a at 1 (P 1), its repeat at 2 ignored, c at 3 (P 2/3): (1 + 2/3) / 2
    expect(averagePrecisionAt(['a', 'a', 'c'], set('a', 'c'))).toBeCloseTo(5 / 6, 12);
  });

  it('is undefined without a relevant item', () => {
    expect(() => averagePrecisionAt(['a'], set())).toThrow(RangeError);
  });
});

describe('meanAveragePrecision and precisionAt1', () => {
  const queries = [
    { ranked: ['a', 'b'], relevant: set('a') }, // AP 1, P@1 1
    { ranked: ['x', 'y', 'b'], relevant: set('b') }, // AP 1/3, P@1 0
    { ranked: [], relevant: set('c') }, // AP 0, P@1 0
    { ranked: ['q'], relevant: set() }, // no relevant claim: left out of both
  ];

  it('averages AP@5 over the queries with a relevant item', () => {
    expect(meanAveragePrecision(queries)).toBeCloseTo((1 + 1 / 3 + 0) / 3, 12);
  });

  it('counts the queries whose first result is relevant', () => {
    expect(precisionAt1(queries)).toBeCloseTo(1 / 3, 12);
  });

  it('is 0 when no query has a relevant item', () => {
    expect(meanAveragePrecision([{ ranked: ['a'], relevant: set() }])).toBe(0);
    expect(precisionAt1([])).toBe(0);
  });
});
