import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { PackSchema, type Pack } from '../../src/schema/pack';
import { VERDICTS } from '../../src/verdict/verdict-scale';

// The demo pack must stay true to the two seed articles the demo server serves: every phrasing is
// what gets highlighted on those pages, and every evidence quote must be found in its source.

const read = (relative: string): string => readFileSync(new URL(relative, import.meta.url), 'utf8');
const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

const raw: unknown = JSON.parse(read('../../src/packs/demo-pack.json'));
const seeds = {
  'article-a': read('../fixtures/seeds/article-a.txt'),
  'article-b': read('../fixtures/seeds/article-b.txt'),
} as const;
type SeedId = keyof typeof seeds;
const collapsed: Record<SeedId, string> = {
  'article-a': collapse(seeds['article-a']),
  'article-b': collapse(seeds['article-b']),
};
const paragraphs: Record<SeedId, string[]> = {
  'article-a': seeds['article-a'].split(/\n+/).map(collapse),
  'article-b': seeds['article-b'].split(/\n+/).map(collapse),
};
const seedIds = Object.keys(seeds) as SeedId[];
const isSeedId = (id: string): id is SeedId => id in seeds;

const parsed = PackSchema.safeParse(raw);
const pack = (): Pack => {
  if (!parsed.success) throw new Error('demo pack does not parse');
  return parsed.data;
};
const claim = (id: string) => {
  const found = pack().claims.find((c) => c.id === id);
  if (!found) throw new Error(`no claim "${id}" in the demo pack`);
  return found;
};

describe('demo pack content', () => {
  it('parses with PackSchema', () => {
    if (!parsed.success) console.error(JSON.stringify(parsed.error.issues, null, 2));
    expect(parsed.success).toBe(true);
  });

  it('has its two sources, matching the seed articles', () => {
    expect(pack().sources.map((s) => s.id).sort()).toEqual([...seedIds].sort());
    for (const source of pack().sources) expect(source.url).toMatch(/^http:\/\/127\.0\.0\.1:4317\//);
  });

  it('has at least 12 claims, each with a valid verdict and at least one evidence entry', () => {
    const { claims } = pack();
    expect(claims.length).toBeGreaterThanOrEqual(12);
    for (const c of claims) {
      expect(VERDICTS, c.id).toContain(c.verdict);
      expect(c.evidence.length, c.id).toBeGreaterThanOrEqual(1);
      expect(c.summary.length, c.id).toBeGreaterThan(0);
    }
  });

  it('has every phrasing verbatim in a seed article, within one paragraph, at least five words long', () => {
    for (const c of pack().claims) {
      for (const phrasing of c.phrasings) {
        const p = collapse(phrasing);
        const where = seedIds.filter((id) => collapsed[id].includes(p));
        expect(where.length, `${c.id}: "${phrasing}" not found in either seed`).toBeGreaterThan(0);
        const inOneParagraph = where.some((id) => paragraphs[id].some((para) => para.includes(p)));
        expect(inOneParagraph, `${c.id}: "${phrasing}" spans paragraphs`).toBe(true);
        expect(p.split(' ').length, `${c.id}: "${phrasing}" is too short`).toBeGreaterThanOrEqual(5);
      }
    }
  });

  it('has every evidence quote verbatim in the article of its source', () => {
    for (const c of pack().claims) {
      for (const e of c.evidence) {
        expect(isSeedId(e.source), `${c.id}: unknown source "${e.source}"`).toBe(true);
        if (!isSeedId(e.source)) continue;
        expect(collapsed[e.source].includes(collapse(e.quote)), `${c.id}: quote not in ${e.source}: "${e.quote}"`).toBe(
          true,
        );
      }
    }
  });

  it('has phrasings of at least 6 distinct claims in each seed article', () => {
    for (const id of seedIds) {
      const claimsInSeed = pack().claims.filter((c) => c.phrasings.some((p) => collapsed[id].includes(collapse(p))));
      expect(claimsInSeed.length, id).toBeGreaterThanOrEqual(6);
    }
  });

  it('has contested claims supported by one source and contradicted by the other', () => {
    // Pairs 3/4, 5/6 and 7/8 of the pack are the claims on which the two articles disagree. Claim 6
    // (fighting in Kursk) is the exception: both articles support it, which is what makes the
    // construction-brigade claim 5 "mixed".
    const contested = [
      'nk-troops-never-surrender',
      'ukraine-captured-two-nk-soldiers-2025-01',
      'nk-troops-construction-brigades',
      'russia-conflicting-information',
      'moscow-confirmed-nk-troops-2025-spring',
    ];
    for (const id of contested) {
      const c = claim(id);
      const supporting = new Set(c.evidence.filter((e) => e.stance === 'supports').map((e) => e.source));
      const contradicting = new Set(c.evidence.filter((e) => e.stance === 'contradicts').map((e) => e.source));
      expect(supporting.size, `${id} has no supporting evidence`).toBeGreaterThan(0);
      expect(contradicting.size, `${id} has no contradicting evidence`).toBeGreaterThan(0);
      expect(new Set([...supporting, ...contradicting]).size, `${id}: stances from one source only`).toBe(2);
    }
    const kursk = claim('nk-troops-fought-in-kursk');
    expect(new Set(kursk.evidence.filter((e) => e.stance === 'supports').map((e) => e.source))).toEqual(
      new Set(seedIds),
    );
  });
});
