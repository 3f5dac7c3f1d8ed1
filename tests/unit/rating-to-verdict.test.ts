import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ratingToVerdict } from '../../src/verdict/rating-to-verdict';
import type { VerdictName } from '../../src/verdict/verdict-scale';

// Ratings as publishers actually write them (PolitiFact, Snopes, AFP, Washington Post, Full Fact...).
const publisherRatings: Array<[string, VerdictName]> = [
  ['Pants on Fire!', 'false'],
  ['False', 'false'],
  ['Mostly False', 'mostly-false'],
  ['Half True', 'mixed'],
  ['Mixture', 'mixed'],
  ['Mostly True', 'mostly-true'],
  ['True', 'true'],
  ['Unproven', 'unverified'],
  ['Decontextualized', 'misleading'],
  ['Missing context', 'misleading'],
  ['Four Pinocchios', 'false'],
  ['Not true', 'false'],
  ['Partly false', 'mixed'],
  ['Satire', 'misleading'],
  // Negations and variants that a word-by-word reading gets wrong (docs/verdict-scale.md).
  ['Not correct', 'false'],
  ['Not accurate', 'false'],
  ["This isn't true", 'false'],
  ['Not real', 'false'],
  ['Not entirely true', 'mixed'],
  ['Not the whole story', 'mixed'],
  ['Inaccurate', 'false'],
  ['Misattributed', 'false'],
  ['Bottomless Pinocchio', 'false'],
  ['Mostly-false', 'mostly-false'],
  ['Mostly-true', 'mostly-true'],
  ['Correct, but out of date', 'unverified'],
  ['Outdated', 'unverified'],
];

describe('ratingToVerdict', () => {
  it.each(publisherRatings)('maps the rating "%s" to %s', (rating, verdict) => {
    expect(ratingToVerdict(rating)).toBe(verdict);
  });

  it('ignores case, surrounding quotes and typographic hyphens', () => {
    expect(ratingToVerdict('  MOSTLY FALSE  ')).toBe(ratingToVerdict('Mostly False'));
    expect(ratingToVerdict('\u201cFalse\u201d')).toBe(ratingToVerdict('False'));
    expect(ratingToVerdict('Half\u2011true')).toBe(ratingToVerdict('Half True'));
  });

  it('leaves text it does not know as unverified', () => {
    expect(ratingToVerdict('Blue')).toBe('unverified');
    expect(ratingToVerdict('')).toBe('unverified');
  });

  it.each(['1', '5/5', '0', '4 out of 5', '2.5'])('never infers a verdict from the number-only rating "%s"', (rating) => {
    expect(ratingToVerdict(rating)).toBe('unverified');
  });
});

describe('docs/verdict-scale.md', () => {
  // The documented mapping table is checked against the code, so the doc cannot drift.
  const doc = readFileSync(new URL('../../docs/verdict-scale.md', import.meta.url), 'utf8');
  const rows = [...doc.matchAll(/^\| ([^|]+) \| ([^|]+) \| `([a-z-]+)`[^|]*\|$/gm)].map((m) => [m[2]!.trim(), m[3]!] as const);

  it('documents at least the common publishers', () => {
    expect(rows.length).toBeGreaterThanOrEqual(30);
  });

  it.each(rows.flatMap(([texts, verdict]) => texts.split(' / ').map((text) => [text, verdict] as const)))(
    'the documented rating "%s" maps to %s',
    (text, verdict) => {
      expect(ratingToVerdict(text)).toBe(verdict);
    },
  );
});
