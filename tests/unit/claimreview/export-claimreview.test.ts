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

  it('links the first source that supports or contradicts the claim, never a context source', () => {
    const evidence = [
      { source: 'context-doc', stance: 'context' as const, quote: 'Rate: 4.0%' },
      { source: 'article', stance: 'contradicts' as const, quote: 'It has not doubled.' },
    ];
    expect(claimToClaimReview(claimOf({ evidence }), SOURCES, PACK).url).toBe(SOURCES[1]!.url);
    expect(claimToClaimReview(claimOf({ evidence: [evidence[0]!] }), SOURCES, PACK)).not.toHaveProperty('url');
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
    // Reviews that kept their article URL come back with the same claim id and source URL.
    const linked = all.claims.filter((c) => c.evidence.some((e) => e.stance !== 'context'));
    expect(linked.length).toBeGreaterThan(0);
    for (const claim of linked) expect(again.claims.map((c) => c.id)).toContain(claim.id);
    expect(again.sources.map((s) => s.url)).toEqual(
      all.sources.filter((s) => linked.some((c) => c.evidence[0]?.source === s.id)).map((s) => s.url),
    );
  });
});
