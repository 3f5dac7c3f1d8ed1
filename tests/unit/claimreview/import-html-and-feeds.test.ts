import { describe, expect, it } from 'vitest';
import { extractJsonLdBlocks } from '../../../src/packs/claimreview/extract-json-ld';
import { importFactChecks } from '../../../src/packs/claimreview/import-fact-checks';
import { errorOf, fixtureJson, fixtureText, onlyClaim, packOf, warningsOf } from './fixtures';

const scriptOf = (json: unknown, attributes = 'type="application/ld+json"') =>
  `<script ${attributes}>\n${JSON.stringify(json, null, 2)}\n</script>`;

describe('importFactChecks: HTML pages', () => {
  it('imports the ClaimReview block of schema.org eg-0324 as published (with microdata around it)', () => {
    const page = fixtureText('schemaorg/eg-0324.txt');
    const expected = fixtureJson('schemaorg/eg-0324.jsonld');
    const result = importFactChecks(page);
    expect(result.ok && result.format).toBe('html');
    const { claim, source } = onlyClaim(packOf(result));
    expect(claim.statement).toBe(expected.claimReviewed);
    expect(claim.verdict).toBe('true');
    expect(claim.rating).toBe('True');
    expect(claim.claimant).toBe('Rich Perry');
    expect(source?.url).toBe(expected.url);
    // The page's block and the standalone JSON-LD are the same review: the same claim.
    expect(claim).toEqual(onlyClaim(packOf(importFactChecks(fixtureText('schemaorg/eg-0324.jsonld')))).claim);
  });

  it('imports schema.org eg-0325 as published', () => {
    const expected = fixtureJson('schemaorg/eg-0325.jsonld');
    const { claim } = onlyClaim(packOf(importFactChecks(fixtureText('schemaorg/eg-0325.txt'))));
    expect(claim.statement).toBe(expected.claimReviewed);
    expect(claim.appearances.map((a) => a.url)).toEqual([expected.itemReviewed.isPartOf.url]);
  });

  it('refuses the MediaReview page eg-0467, saying what it holds', () => {
    const error = errorOf(importFactChecks(fixtureText('schemaorg/eg-0467.txt')));
    expect(error).toMatch(/^No ClaimReview found: the page's JSON-LD \(1 block\) holds MediaReview/);
  });

  it('reads every JSON-LD block of a page, skipping other scripts and invalid blocks', () => {
    const a = fixtureJson('examples/claimreview.jsonld');
    const b = fixtureJson('schemaorg/eg-0325.jsonld');
    const page = `<!doctype html><html><head>
      <script>var fake = {"@type": "ClaimReview", "claimReviewed": "not from JSON-LD at all, ignore"};</script>
      <SCRIPT TYPE='application/ld+json; charset=utf-8'>${JSON.stringify(a)}</SCRIPT>
      <script type="application/ld+json">{ "@type": "ClaimReview", </script>
      <script type=application/ld+json><!--${JSON.stringify({ '@graph': [b, fixtureJson('examples/mediareview.jsonld')] })}--></script>
      </head><body><p>Text</p></body></html>`;
    const result = importFactChecks(page);
    expect(packOf(result).claims.map((c) => c.statement)).toEqual([a.claimReviewed, b.claimReviewed]);
    expect(warningsOf(result)).toEqual([
      expect.stringMatching(/^Skipped JSON-LD block 2 of 3: it is not valid JSON/),
      expect.stringContaining('MediaReview'),
      expect.stringContaining('no rating text'),
    ]);
  });

  it('keeps markup inside the JSON-LD as text, and is not fooled by "</script" in attributes', () => {
    const review = fixtureJson('examples/claimreview.jsonld');
    review.claimReviewed = 'Unemployment has <em>doubled</em> since 2020 &amp; more';
    const page = `<p data-x="</script>">x</p>${scriptOf(review, 'data-note="a > b" type="application/ld+json"')}`;
    expect(onlyClaim(packOf(importFactChecks(page))).claim.statement).toBe(review.claimReviewed);
  });

  it('resolves the page\'s relative links against its origin', () => {
    const review = fixtureJson('examples/claimreview.jsonld');
    review.url = '/2025/06/unemployment-doubled';
    const pack = packOf(importFactChecks(`<html>${scriptOf(review)}</html>`, { origin: 'https://factcheck.example.org/' }));
    expect(pack.sources[0]!.url).toBe('https://factcheck.example.org/2025/06/unemployment-doubled');
  });

  it('refuses a page without JSON-LD, or whose only block is broken', () => {
    expect(errorOf(importFactChecks('<html><body><p>No data</p></body></html>'))).toContain(
      'the page has no <script type="application/ld+json"> block',
    );
    expect(errorOf(importFactChecks('<div>A fragment</div>'))).toContain('the page has no <script');
    expect(errorOf(importFactChecks('<script type="application/ld+json">{nope</script>'))).toMatch(
      /none of the page's JSON-LD blocks is valid JSON/,
    );
  });

  it('extracts blocks with their CDATA wrappers removed', () => {
    expect(extractJsonLdBlocks('<script type="application/ld+json">//<![CDATA[\n{"a":1}\n//]]></script>')).toEqual(['{"a":1}']);
    expect(extractJsonLdBlocks('<script type="text/javascript">{"a":1}</script><script src="x.js"></script>')).toEqual([]);
  });
});

describe('importFactChecks: Data Commons DataFeed', () => {
  it('imports the DataFeed example', () => {
    const feed = fixtureJson('examples/datafeed.json');
    const item = feed.dataFeedElement[0].item[0];
    const result = importFactChecks(fixtureText('examples/datafeed.json'));
    expect(result.ok && result.format).toBe('datafeed');
    const { claim, source } = onlyClaim(packOf(result));
    expect(claim.statement).toBe(item.claimReviewed);
    expect(claim.rating).toBe(item.reviewRating.alternateName);
    expect(claim.verdict).toBe('false');
    expect(source?.url).toBe(item.url);
    // The item names no author: the review's host stands in for the publisher.
    expect(source?.publisher).toBe('factcheck.example.org');
    expect(warningsOf(result)).toEqual([]);
  });

  it('reads items given as a single object, and several feed elements', () => {
    const feed = fixtureJson('examples/datafeed.json');
    const second = { ...fixtureJson('schemaorg/eg-0324.jsonld') };
    feed.dataFeedElement.push({ '@type': 'DataFeedItem', item: second });
    feed.dataFeedElement.push({ '@type': 'DataFeedItem', item: fixtureJson('examples/mediareview.jsonld') });
    const result = importFactChecks(JSON.stringify(feed));
    expect(packOf(result).claims.map((c) => c.statement)).toEqual([
      feed.dataFeedElement[0].item[0].claimReviewed,
      second.claimReviewed,
    ]);
    expect(warningsOf(result)).toEqual([expect.stringContaining('MediaReview')]);
  });

  it('merges a feed item with the full ClaimReview of the same review', () => {
    const feed = fixtureJson('examples/datafeed.json');
    const full = fixtureJson('examples/claimreview.jsonld');
    const { claim } = onlyClaim(packOf(importFactChecks(JSON.stringify([feed, full]))));
    expect(claim.claimant).toBe(full.itemReviewed.author.name);
    expect(claim.appearances).toHaveLength(2);
  });
});

describe('importFactChecks: Fact Check Tools API response', () => {
  it('imports the claims:search example', () => {
    const response = fixtureJson('examples/factchecktools-claims-search-response.json');
    const apiClaim = response.claims[0];
    const review = apiClaim.claimReview[0];
    const result = importFactChecks(fixtureText('examples/factchecktools-claims-search-response.json'));
    expect(result.ok && result.format).toBe('factcheck-api');
    const pack = packOf(result);
    const { claim, source } = onlyClaim(pack);
    expect(claim.statement).toBe(apiClaim.text);
    expect(claim.claimant).toBe(apiClaim.claimant);
    expect(claim.claimed).toBe(apiClaim.claimDate.slice(0, 10));
    expect(claim.reviewed).toBe(review.reviewDate.slice(0, 10));
    expect(claim.rating).toBe(review.textualRating);
    expect(claim.verdict).toBe('false');
    expect(source).toMatchObject({ url: review.url, title: review.title, publisher: review.publisher.name });
    expect(pack.publisher).toBe(review.publisher.name);
    expect(warningsOf(result)).toEqual([]);
  });

  it('gives the same claim id as the ClaimReview of the same review', () => {
    const api = onlyClaim(packOf(importFactChecks(fixtureText('examples/factchecktools-claims-search-response.json')))).claim;
    const jsonLd = onlyClaim(packOf(importFactChecks(fixtureText('examples/claimreview.jsonld')))).claim;
    expect(api.id).toBe(jsonLd.id);
  });

  it('makes one claim per review, falling back to the site for the publisher', () => {
    const response = fixtureJson('examples/factchecktools-claims-search-response.json');
    response.claims[0].claimReview.push({
      publisher: { site: 'othercheck.example' },
      url: 'https://othercheck.example/unemployment',
      textualRating: 'Mostly false',
    });
    response.claims.push({ text: 'A claim nobody reviewed yet', claimReview: [] });
    const result = importFactChecks(JSON.stringify(response));
    const pack = packOf(result);
    expect(pack.claims.map((c) => c.verdict)).toEqual(['false', 'mostly-false']);
    expect(pack.sources.map((s) => s.publisher)).toEqual(['Example Fact Check', 'othercheck.example']);
    expect(pack.sources[1]!.title).toBe('Fact check by othercheck.example');
    expect(warningsOf(result)).toEqual(['Skipped claims[1]: it has no claimReview.']);
  });

  it('refuses a response without reviews', () => {
    expect(errorOf(importFactChecks('{"claims": []}'))).toBe(
      'No ClaimReview found: the Fact Check Tools response has 0 claims and no claimReview.',
    );
  });
});
