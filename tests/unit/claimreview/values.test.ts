import { describe, expect, it } from 'vitest';
import { claimIdFor, sourceIdFor, stanceFor } from '../../../src/packs/claimreview/claimreview-to-claim';
import { findClaimReviews } from '../../../src/packs/claimreview/find-claimreviews';
import { importFactChecks } from '../../../src/packs/claimreview/import-fact-checks';
import { checkHttpUrl, hash64, slugify, toPartialDate } from '../../../src/packs/claimreview/values';
import { MAX_PACK_BYTES } from '../../../src/packs/parse-pack';
import { IdSchema } from '../../../src/schema/common';
import { fixtureJson } from './fixtures';

describe('ClaimReview value helpers', () => {
  it.each([
    ['2025-06-01T00:00:00Z', '2025-06-01'],
    ['2025-06-01T23:30:00-05:00', '2025-06-01'],
    ['2025-06-01 10:00', '2025-06-01'],
    ['2025-06', '2025-06'],
    ['2014', '2014'],
    [' 2014-07-23 ', '2014-07-23'],
    ['2025-13-01', undefined],
    ['June 12, 2025', undefined],
    ['20250601', undefined],
    ['', undefined],
  ])('reads the date "%s" as %s', (input, expected) => {
    expect(toPartialDate(input)).toBe(expected);
  });

  it('accepts only http(s) URLs', () => {
    expect(checkHttpUrl('https://example.org/a b')).toEqual({ ok: true, url: 'https://example.org/a%20b' });
    expect(checkHttpUrl('javascript:alert(1)')).toEqual({ ok: false, reason: 'unsafe' });
    expect(checkHttpUrl('JavaScript:alert(1)', 'https://example.org/')).toEqual({ ok: false, reason: 'unsafe' });
    expect(checkHttpUrl('data:text/html,hi')).toEqual({ ok: false, reason: 'unsafe' });
    expect(checkHttpUrl('/path')).toEqual({ ok: false, reason: 'relative' });
    expect(checkHttpUrl('/path', 'https://example.org/x/')).toEqual({ ok: true, url: 'https://example.org/path' });
    expect(checkHttpUrl(undefined)).toEqual({ ok: false, reason: 'missing' });
  });

  it('makes valid, stable ids', () => {
    const url = fixtureJson('schemaorg/eg-0324.jsonld').url;
    expect(IdSchema.safeParse(sourceIdFor(url)).success).toBe(true);
    expect(sourceIdFor(url)).toBe(sourceIdFor(url));
    expect(sourceIdFor(url)).toMatch(/^politifact-com-texas-statements-/);
    const long = `https://example.org/${'very-long-path/'.repeat(40)}?q=${'x'.repeat(500)}`;
    expect(IdSchema.safeParse(sourceIdFor(long)).success).toBe(true);
    const id = claimIdFor(url, 'Ünïcödé — «quoted» claim text that goes on and on and on and on and on and on');
    expect(IdSchema.safeParse(id).success).toBe(true);
    expect(IdSchema.safeParse(claimIdFor(url, '!!!!!!!!!!!!!!!!')).success).toBe(true);
    // Case and spacing of the claim do not change its id (the text is cleaned before this).
    expect(claimIdFor(url, 'Unemployment Has Doubled')).toBe(claimIdFor(url, 'unemployment has doubled'));
    expect(hash64('a')).not.toBe(hash64('b'));
    expect(hash64('')).toMatch(/^[0-9a-f]{16}$/);
    expect(slugify('Full Fact (UK) — Éditions')).toBe('full-fact-uk-editions');
  });

  it('maps verdicts to the stance of the fact check', () => {
    expect(['false', 'mostly-false', 'misleading'].map((v) => stanceFor(v as never))).toEqual(['contradicts', 'contradicts', 'contradicts']);
    expect(['true', 'mostly-true'].map((v) => stanceFor(v as never))).toEqual(['supports', 'supports']);
    expect(['mixed', 'unverified'].map((v) => stanceFor(v as never))).toEqual(['context', 'context']);
  });
});

describe('findClaimReviews', () => {
  it('does not overflow on deeply nested or cyclic input', () => {
    let deep: unknown = fixtureJson('examples/claimreview.jsonld');
    for (let i = 0; i < 5000; i++) deep = { '@type': 'Thing', hasPart: deep };
    expect(() => findClaimReviews([deep])).not.toThrow();
    const cyclic: Record<string, unknown> = { '@type': 'WebPage' };
    cyclic.self = cyclic;
    expect(findClaimReviews([cyclic]).reviews).toEqual([]);
  });

  it('refuses documents over the pack size limit before parsing them', () => {
    const result = importFactChecks(' '.repeat(MAX_PACK_BYTES + 1));
    expect(result.ok ? '' : result.error).toContain(`imports are limited to ${MAX_PACK_BYTES / 1024 / 1024} MB`);
  });
});
