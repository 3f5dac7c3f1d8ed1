import { describe, expect, it } from 'vitest';
import { claimToClaimReview } from '../../../src/packs/claimreview/export-claimreview';
import { importFactChecks } from '../../../src/packs/claimreview/import-fact-checks';
import { ClaimSchema, type ClaimInput } from '../../../src/schema/claim';
import type { Pack } from '../../../src/schema/pack';
import type { Source } from '../../../src/schema/source';
import { VERDICT_LABELS, VERDICTS } from '../../../src/verdict/verdict-scale';
import { fixtureJson, packOf } from './fixtures';

const FIXTURES = ['schemaorg/eg-0324.jsonld', 'schemaorg/eg-0325.jsonld', 'examples/claimreview.jsonld'];
const PACK = { id: 'example-desk', name: 'Example desk', publisher: 'Example Desk' };

const exportPack = (pack: Pack) => pack.claims.map((claim) => claimToClaimReview(claim, pack.sources, pack));

const SOURCES: Source[] = [
  { id: 'context-doc', url: 'https://stats.example.gov/unemployment', title: 'Unemployment statistics', publisher: 'Statistics office' },
  { id: 'article', url: 'https://factcheck.example.org/2025/06/unemployment-doubled', title: 'No', publisher: 'Example Desk' },
];
const claimOf = (input: Partial<ClaimInput>) =>
  ClaimSchema.parse({
    id: 'c1',
    statement: 'Unemployment has doubled since 2020',
    phrasings: ['Unemployment has doubled since 2020'],
    verdict: 'false',
    ...input,
  });

/** Which class each schema.org class extends, and which classes each property applies to, from the vocabulary fixture. */
function vocabulary() {
  const graph = fixtureJson('schemaorg/vocab-subset-claimreview.jsonld')['@graph'] as any[];
  const ids = (value: any): string[] => (Array.isArray(value) ? value : value ? [value] : []).map((v) => v['@id'].replace('schema:', ''));
  const parents = new Map<string, string[]>();
  const domains = new Map<string, string[]>();
  for (const node of graph) {
    const name = node['@id'].replace('schema:', '');
    if (node['@type'] === 'rdfs:Class') parents.set(name, ids(node['rdfs:subClassOf']));
    else domains.set(name, ids(node['schema:domainIncludes']));
  }
  const ancestry = (type: string): string[] => [type, ...(parents.get(type) ?? []).flatMap(ancestry)];
  return { domains, ancestry };
}

// Properties of Thing and CreativeWork: outside the ClaimReview subset of the vocabulary.
const GENERAL_PROPERTIES = new Set(['url', 'name', 'identifier', 'alternateName', 'datePublished']);

describe('claimToClaimReview', () => {
  it('writes a ClaimReview for an imported claim', () => {
    const input = fixtureJson('examples/claimreview.jsonld');
    const pack = packOf(importFactChecks(JSON.stringify(input)));
    const [review] = exportPack(pack);
    expect(review).toEqual({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: input.url,
      claimReviewed: input.claimReviewed,
      datePublished: input.datePublished,
      author: { '@type': 'Organization', name: pack.publisher },
      reviewRating: { '@type': 'Rating', alternateName: input.reviewRating.alternateName },
      itemReviewed: {
        '@type': 'Claim',
        author: { '@type': 'Person', name: input.itemReviewed.author.name },
        datePublished: input.itemReviewed.datePublished,
        appearance: [
          { '@type': 'CreativeWork', url: input.itemReviewed.firstAppearance.url },
          { '@type': 'CreativeWork', url: input.itemReviewed.appearance[0].url },
        ],
      },
      identifier: `${pack.id}/${pack.claims[0]!.id}`,
    });
  });

  it('uses only properties schema.org defines for each type', () => {
    const { domains, ancestry } = vocabulary();
    const check = (node: Record<string, unknown>, type: string) => {
      for (const key of Object.keys(node)) {
        if (key.startsWith('@') || GENERAL_PROPERTIES.has(key)) continue;
        expect(domains.get(key), `${type}.${key}`).toBeDefined();
        expect(ancestry(type).some((t) => domains.get(key)!.includes(t)), `${type}.${key}`).toBe(true);
      }
    };
    const withSummary = claimOf({ summary: 'It rose from 3.7% to 4.0%.', claimant: 'Jane', appearances: [{ url: 'https://a.example/x' }] });
    for (const review of [...FIXTURES.map((f) => exportPack(packOf(importFactChecks(JSON.stringify(fixtureJson(f)))))[0]!), claimToClaimReview(withSummary, SOURCES, PACK)]) {
      check(review, 'ClaimReview');
      check(review.reviewRating as Record<string, unknown>, 'Rating');
      check(review.itemReviewed as Record<string, unknown>, 'Claim');
    }
  });

  it('links the fact check itself as `url`, and cites the evidence documents, never the other way round', () => {
    const evidence = [
      { source: 'context-doc', stance: 'context' as const, quote: 'Rate: 4.0%' },
      { source: 'article', stance: 'contradicts' as const, quote: 'It has not doubled.' },
    ];
    // A desk's own claim: no review page, so no `url`; both documents are cited.
    const own = claimToClaimReview(claimOf({ evidence }), SOURCES, PACK);
    expect(own).not.toHaveProperty('url');
    expect((own.citation as Array<{ url: string }>).map((c) => c.url)).toEqual([SOURCES[0]!.url, SOURCES[1]!.url]);
    // An imported review: its page is the `url`, and it is not cited as its own evidence.
    const reviewed = claimToClaimReview(claimOf({ evidence, reviewUrl: SOURCES[1]!.url }), SOURCES, PACK);
    expect(reviewed.url).toBe(SOURCES[1]!.url);
    expect((reviewed.citation as Array<{ url: string }>).map((c) => c.url)).toEqual([SOURCES[0]!.url]);
  });

  it('rates with the publisher\'s text when there is one, else our label, and writes no number', () => {
    const withRating = claimToClaimReview(claimOf({ rating: 'Pants on Fire!' }), [], PACK);
    expect(withRating.reviewRating).toEqual({ '@type': 'Rating', alternateName: 'Pants on Fire!' });
    for (const verdict of VERDICTS) {
      const review = claimToClaimReview(claimOf({ verdict }), [], PACK);
      expect(review.reviewRating).toEqual({ '@type': 'Rating', alternateName: VERDICT_LABELS[verdict] });
    }
  });

  it('leaves out what the claim does not have', () => {
    const review = claimToClaimReview(claimOf({}), [], PACK);
    expect(review).not.toHaveProperty('datePublished');
    expect(review).not.toHaveProperty('reviewBody');
    expect(review.itemReviewed).toEqual({ '@type': 'Claim', appearance: [] });
  });
});

describe('ClaimReview round trip', () => {
  it.each(FIXTURES)('import %s → export → import keeps statements, verdicts and appearances', (fixture) => {
    const first = packOf(importFactChecks(JSON.stringify(fixtureJson(fixture))));
    const exported = exportPack(first);
    const second = packOf(importFactChecks(JSON.stringify(exported)));
    const essence = (pack: Pack) =>
      pack.claims.map((c) => ({
        statement: c.statement,
        verdict: c.verdict,
        appearances: c.appearances,
        claimant: c.claimant,
        claimed: c.claimed,
        reviewed: c.reviewed,
      }));
    expect(essence(second)).toEqual(essence(first));
    expect(second.claims.length).toBeGreaterThan(0);
  });

  it('round-trips every verdict through its label, and the claims of all fixtures at once', () => {
    for (const verdict of VERDICTS) {
      const exported = claimToClaimReview(claimOf({ verdict }), [], PACK);
      const reimported = packOf(importFactChecks(JSON.stringify(exported)));
      expect(reimported.claims[0]!.verdict).toBe(verdict);
    }
    const all = packOf(importFactChecks(JSON.stringify(FIXTURES.map(fixtureJson))));
    const again = packOf(importFactChecks(JSON.stringify(exportPack(all))));
    expect(again.claims.map((c) => [c.statement, c.verdict])).toEqual(all.claims.map((c) => [c.statement, c.verdict]));
    // Every review keeps its page, whatever its verdict: same claim id, same source URL.
    expect(all.claims.every((c) => c.reviewUrl)).toBe(true);
    expect(again.claims.map((c) => c.id)).toEqual(all.claims.map((c) => c.id));
    expect(again.sources.map((s) => s.url)).toEqual(all.sources.map((s) => s.url));
  });
});
