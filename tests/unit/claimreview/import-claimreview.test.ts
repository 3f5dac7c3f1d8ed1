import { describe, expect, it } from 'vitest';
import { importFactChecks } from '../../../src/packs/claimreview/import-fact-checks';
import { IdSchema } from '../../../src/schema/common';
import { ratingToVerdict } from '../../../src/verdict/rating-to-verdict';
import { errorOf, fixtureJson, fixtureText, onlyClaim, packOf, warningsOf } from './fixtures';

const EXAMPLE = 'examples/claimreview.jsonld';

describe('importFactChecks: schema.org ClaimReview JSON-LD', () => {
  it('imports schema.org eg-0324, where the rating text wins over the numeric rating', () => {
    const input = fixtureJson('schemaorg/eg-0324.jsonld');
    // The example's number says "worst" (1 of 6, with a Pants on Fire image); its text says "True".
    expect(input.reviewRating.ratingValue).toBe(1);
    expect(input.reviewRating.bestRating).toBe(6);

    const result = importFactChecks(fixtureText('schemaorg/eg-0324.jsonld'));
    const pack = packOf(result);
    expect(result.ok && result.format).toBe('claimreview');
    const { claim, source } = onlyClaim(pack);
    expect(claim.statement).toBe(input.claimReviewed);
    expect(claim.phrasings).toEqual([input.claimReviewed]);
    expect(claim.rating).toBe(input.reviewRating.alternateName);
    expect(claim.verdict).toBe('true');
    expect(claim.claimant).toBe(input.itemReviewed.author.name);
    expect(claim.claimed).toBe(input.itemReviewed.datePublished);
    expect(claim.reviewed).toBe(input.datePublished);
    // itemReviewed is a CreativeWork without a URL: there is nowhere to link to.
    expect(claim.appearances).toEqual([]);
    expect(source?.url).toBe(input.url);
    expect(source?.date).toBe(input.datePublished);
    // The author Organization has no name, only a url: its host names it.
    expect(source?.publisher).toBe('politifact.com');
    expect(source?.title).toBe('Fact check by politifact.com');
    expect(claim.evidence).toEqual([{ source: source!.id, stance: 'supports', quote: 'Rated “True” by politifact.com' }]);
  });

  it('imports schema.org eg-0325: no rating means unverified, whatever the review body says', () => {
    const input = fixtureJson('schemaorg/eg-0325.jsonld');
    const result = importFactChecks(fixtureText('schemaorg/eg-0325.jsonld'));
    const { claim, source } = onlyClaim(packOf(result));
    expect(claim.statement).toBe(input.claimReviewed);
    expect(claim.verdict).toBe('unverified');
    expect(claim.rating).toBeUndefined();
    expect(claim.summary).toBe(input.reviewBody);
    expect(claim.claimant).toBe('Barack Obama');
    expect(claim.claimed).toBe('2009-06-04');
    // The reviewed item is a Clip of a VideoObject: the video is where the claim appeared.
    expect(claim.appearances).toEqual([
      { url: input.itemReviewed.isPartOf.url, title: input.itemReviewed.isPartOf.name, date: '2009-06-04' },
    ]);
    expect(source?.url).toBe(input.url);
    expect(claim.evidence[0]).toMatchObject({ stance: 'context', quote: input.reviewBody });
    expect(warningsOf(result)).toEqual([expect.stringContaining('no rating text')]);
  });

  it('imports the minimal example with its Claim, claimant and appearances', () => {
    const input = fixtureJson(EXAMPLE);
    const result = importFactChecks(fixtureText(EXAMPLE));
    const pack = packOf(result);
    expect(warningsOf(result)).toEqual([]);
    const { claim, source } = onlyClaim(pack);
    expect(claim.statement).toBe(input.claimReviewed);
    expect(claim.verdict).toBe('false');
    expect(claim.rating).toBe('False');
    expect(claim.claimant).toBe(input.itemReviewed.author.name);
    expect(claim.claimed).toBe(input.itemReviewed.datePublished);
    expect(claim.appearances.map((a) => a.url)).toEqual([
      input.itemReviewed.firstAppearance.url,
      input.itemReviewed.appearance[0].url,
    ]);
    expect(source).toMatchObject({ url: input.url, publisher: input.author.name, date: input.datePublished });
    expect(claim.evidence[0]).toMatchObject({ stance: 'contradicts', quote: 'Rated “False” by Example Fact Check' });

    expect(pack).toMatchObject({
      format: 'crosscheck-pack',
      formatVersion: 1,
      id: 'claimreview-example-fact-check',
      name: 'Fact checks from Example Fact Check',
      publisher: 'Example Fact Check',
      version: 1,
      license: 'as published by the fact-checker',
      removals: [],
    });
    expect(pack.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('gives claims stable, valid ids derived from the review URL and claim text', () => {
    const first = onlyClaim(packOf(importFactChecks(fixtureText(EXAMPLE)))).claim;
    const again = onlyClaim(packOf(importFactChecks(fixtureText(EXAMPLE)))).claim;
    expect(again.id).toBe(first.id);
    expect(IdSchema.safeParse(first.id).success).toBe(true);

    const otherUrl = fixtureJson(EXAMPLE);
    otherUrl.url = 'https://factcheck.example.org/2025/07/another-check';
    expect(onlyClaim(packOf(importFactChecks(JSON.stringify(otherUrl)))).claim.id).not.toBe(first.id);
    const otherText = fixtureJson(EXAMPLE);
    otherText.claimReviewed = 'Unemployment has tripled since 2020';
    expect(onlyClaim(packOf(importFactChecks(JSON.stringify(otherText)))).claim.id).not.toBe(first.id);
  });

  it('reads a list of reviews, an @graph, and @type given as a list', () => {
    const a = fixtureJson(EXAMPLE);
    const b = fixtureJson('schemaorg/eg-0324.jsonld');
    b['@type'] = ['ClaimReview', 'Review'];
    const expected = [a.claimReviewed, b.claimReviewed];

    const list = packOf(importFactChecks(JSON.stringify([a, b])));
    expect(list.claims.map((c) => c.statement)).toEqual(expected);
    expect(list.sources.map((s) => s.url)).toEqual([a.url, b.url]);

    const graph = packOf(importFactChecks(JSON.stringify({ '@context': 'https://schema.org', '@graph': [a, b] })));
    expect(graph.claims.map((c) => c.statement)).toEqual(expected);
    expect(graph.claims.map((c) => c.verdict)).toEqual(['false', 'true']);
  });

  it('finds a ClaimReview nested in another node and accepts prefixed types', () => {
    const review = fixtureJson(EXAMPLE);
    review['@type'] = 'schema:ClaimReview';
    const page = { '@context': 'https://schema.org', '@type': 'WebPage', mainEntity: { '@type': 'Article', review } };
    expect(onlyClaim(packOf(importFactChecks(JSON.stringify(page)))).claim.statement).toBe(review.claimReviewed);
  });

  it('reads appearances given as one object, as URL strings, and a CreativeWork itemReviewed with a url', () => {
    const review = fixtureJson(EXAMPLE);
    review.itemReviewed.appearance = { '@type': 'CreativeWork', url: 'https://video.example.com/v/1', name: 'The debate' };
    review.itemReviewed.firstAppearance = 'https://news.example.com/first';
    let claim = onlyClaim(packOf(importFactChecks(JSON.stringify(review)))).claim;
    expect(claim.appearances).toEqual([
      { url: 'https://news.example.com/first' },
      { url: 'https://video.example.com/v/1', title: 'The debate' },
    ]);

    review.itemReviewed = {
      '@type': 'CreativeWork',
      url: 'https://tv.example.com/interview',
      name: 'Morning interview',
      datePublished: '2025-05-30T08:00:00Z',
      author: 'Jane Politician',
    };
    claim = onlyClaim(packOf(importFactChecks(JSON.stringify(review)))).claim;
    expect(claim.appearances).toEqual([{ url: 'https://tv.example.com/interview', title: 'Morning interview', date: '2025-05-30' }]);
    expect(claim.claimant).toBe('Jane Politician');
    expect(claim.claimed).toBe('2025-05-30');
  });

  it('drops appearances that are not http(s) links, with a warning', () => {
    const review = fixtureJson(EXAMPLE);
    review.itemReviewed.appearance.push({ url: 'javascript:alert(1)' }, { url: 'ftp://files.example.com/x' });
    const result = importFactChecks(JSON.stringify(review));
    const { claim } = onlyClaim(packOf(result));
    expect(claim.appearances.map((a) => a.url)).toEqual([
      review.itemReviewed.firstAppearance.url,
      review.itemReviewed.appearance[0].url,
    ]);
    expect(warningsOf(result)).toEqual([
      expect.stringContaining('"javascript:alert(1)"'),
      expect.stringContaining('"ftp://files.example.com/x"'),
    ]);
  });

  it('resolves relative URLs against the origin the document came from', () => {
    const review = fixtureJson(EXAMPLE);
    review.url = '/2025/06/unemployment-doubled';
    review.itemReviewed.appearance = [{ url: '../speech' }];
    const pack = packOf(importFactChecks(JSON.stringify(review), { origin: 'https://factcheck.example.org/2025/06/' }));
    expect(pack.sources[0]!.url).toBe('https://factcheck.example.org/2025/06/unemployment-doubled');
    expect(pack.claims[0]!.appearances.map((a) => a.url)).toContain('https://factcheck.example.org/2025/speech');

    // Without an origin there is nothing to resolve against: the claim stays, without a source.
    const result = importFactChecks(JSON.stringify(review));
    expect(packOf(result).sources).toEqual([]);
    expect(warningsOf(result)).toContainEqual(expect.stringContaining('relative URL'));
  });

  it('skips a review whose URL is javascript: or data:, naming it', () => {
    const good = fixtureJson(EXAMPLE);
    const evil = { ...fixtureJson(EXAMPLE), url: 'javascript:alert(document.cookie)', claimReviewed: 'Vaccines contain tracking microchips' };
    const data = { ...fixtureJson(EXAMPLE), url: 'data:text/html,<script>alert(1)</script>', claimReviewed: 'The moon landing was staged in 1969' };
    const result = importFactChecks(JSON.stringify([good, evil, data]));
    const pack = packOf(result);
    expect(pack.claims.map((c) => c.statement)).toEqual([good.claimReviewed]);
    const warnings = warningsOf(result);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('javascript:alert(document.cookie)');
    expect(warnings[1]).toContain('data:text/html');

    expect(errorOf(importFactChecks(JSON.stringify(evil)))).toContain('javascript:alert(document.cookie)');
  });

  it('keeps HTML in claim text as text', () => {
    const review = fixtureJson(EXAMPLE);
    review.claimReviewed = '<img src=x onerror=alert(1)> Unemployment has <b>doubled</b> since 2020';
    const { claim } = onlyClaim(packOf(importFactChecks(JSON.stringify(review))));
    expect(claim.statement).toBe(review.claimReviewed);
    expect(claim.phrasings).toEqual([review.claimReviewed]);
  });

  it('skips claims too short to be a phrasing, with a warning', () => {
    const short = { ...fixtureJson(EXAMPLE), claimReviewed: 'Taxes rose', url: 'https://factcheck.example.org/short' };
    const result = importFactChecks(JSON.stringify([fixtureJson(EXAMPLE), short]));
    expect(packOf(result).claims).toHaveLength(1);
    expect(warningsOf(result)).toEqual([expect.stringMatching(/"Taxes rose" is shorter than 12 characters/)]);
    expect(errorOf(importFactChecks(JSON.stringify(short)))).toMatch(/^None of the 1 fact check could be imported/);
  });

  it('skips a review that names no claim', () => {
    const review = fixtureJson(EXAMPLE);
    delete review.claimReviewed;
    expect(errorOf(importFactChecks(JSON.stringify([review])))).toContain('names no claim');
    // A Claim's own text stands in for claimReviewed.
    review.itemReviewed.text = 'Unemployment has doubled since 2020';
    expect(onlyClaim(packOf(importFactChecks(JSON.stringify(review)))).claim.statement).toBe(review.itemReviewed.text);
  });

  it('merges duplicate reviews of the same claim, keeping every appearance', () => {
    const first = fixtureJson(EXAMPLE);
    const second = fixtureJson(EXAMPLE);
    second.itemReviewed.appearance = [{ url: 'https://video.example.com/v/2' }];
    second.reviewBody = 'Unemployment rose from 3.5% to 4.1%.';
    const result = importFactChecks(JSON.stringify([first, second]));
    const { claim } = onlyClaim(packOf(result));
    expect(packOf(result).sources).toHaveLength(1);
    expect(claim.appearances.map((a) => a.url)).toEqual([
      first.itemReviewed.firstAppearance.url,
      first.itemReviewed.appearance[0].url,
      'https://video.example.com/v/2',
    ]);
    expect(claim.summary).toBe(second.reviewBody);
    expect(warningsOf(result)).toEqual([]);

    // The same review with different ratings: the first wins, and the import says so.
    second.reviewRating = { '@type': 'Rating', alternateName: 'Mostly False' };
    const conflicting = importFactChecks(JSON.stringify([first, second]));
    expect(onlyClaim(packOf(conflicting)).claim.verdict).toBe('false');
    expect(warningsOf(conflicting)).toEqual([expect.stringContaining('different ratings')]);
  });

  it('one article reviewing two claims gives two claims sharing one source', () => {
    const a = fixtureJson(EXAMPLE);
    const b = { ...fixtureJson(EXAMPLE), claimReviewed: 'Wages have fallen every year since 2020' };
    const pack = packOf(importFactChecks(JSON.stringify([a, b])));
    expect(pack.claims).toHaveLength(2);
    expect(pack.sources).toHaveLength(1);
    expect(pack.claims.map((c) => c.evidence[0]?.source)).toEqual([pack.sources[0]!.id, pack.sources[0]!.id]);
  });

  it.each([
    ['Pants on Fire!', 'false', 'contradicts'],
    ['Mostly False', 'mostly-false', 'contradicts'],
    ['Missing context', 'misleading', 'contradicts'],
    ['Half True', 'mixed', 'context'],
    ['Unproven', 'unverified', 'context'],
    ['Mostly True', 'mostly-true', 'supports'],
    ['Geppetto Checkmark', 'true', 'supports'],
  ])('maps the rating "%s" to %s, with the fact check as %s evidence', (rating, verdict, stance) => {
    const review = fixtureJson(EXAMPLE);
    review.reviewRating = { '@type': 'Rating', ratingValue: 3, alternateName: rating };
    const { claim } = onlyClaim(packOf(importFactChecks(JSON.stringify(review))));
    expect(claim.verdict).toBe(ratingToVerdict(rating));
    expect(claim.verdict).toBe(verdict);
    expect(claim.rating).toBe(rating);
    expect(claim.evidence[0]?.stance).toBe(stance);
  });

  it('reads the rating name when there is no alternateName, and never a number alone', () => {
    const review = fixtureJson(EXAMPLE);
    review.reviewRating = { '@type': 'Rating', ratingValue: 5, bestRating: 5, name: 'Mostly True' };
    expect(onlyClaim(packOf(importFactChecks(JSON.stringify(review)))).claim.verdict).toBe('mostly-true');

    review.reviewRating = { '@type': 'Rating', ratingValue: 5, bestRating: 5 };
    const result = importFactChecks(JSON.stringify(review));
    const { claim } = onlyClaim(packOf(result));
    expect(claim.verdict).toBe('unverified');
    expect(claim.rating).toBeUndefined();
    expect(claim.evidence[0]).toMatchObject({ stance: 'context', quote: 'Reviewed by Example Fact Check' });
    expect(warningsOf(result)).toEqual([expect.stringContaining('only a number')]);
  });

  it('uses the headline as the source title and the review body as summary and quote', () => {
    const review = fixtureJson(EXAMPLE);
    review.headline = 'No, unemployment has not doubled';
    review.reviewBody = 'The rate was 3.7% in 2020 and 4.0% in 2025.';
    const { claim, source } = onlyClaim(packOf(importFactChecks(JSON.stringify(review))));
    expect(source?.title).toBe(review.headline);
    expect(claim.summary).toBe(review.reviewBody);
    expect(claim.evidence[0]?.quote).toBe(review.reviewBody);
  });

  it('keeps a review without a URL as a claim without a source', () => {
    const review = fixtureJson(EXAMPLE);
    delete review.url;
    const result = importFactChecks(JSON.stringify(review));
    const pack = packOf(result);
    expect(pack.sources).toEqual([]);
    expect(pack.claims[0]!.evidence).toEqual([]);
    expect(warningsOf(result)).toEqual([expect.stringContaining('has no URL')]);
  });

  it('ignores dates it cannot read, with a warning', () => {
    const review = fixtureJson(EXAMPLE);
    review.datePublished = 'June 12, 2025';
    review.itemReviewed.datePublished = '2025-06-01T09:30:00-04:00';
    const result = importFactChecks(JSON.stringify(review));
    const { claim, source } = onlyClaim(packOf(result));
    expect(claim.reviewed).toBeUndefined();
    expect(source?.date).toBeUndefined();
    expect(claim.claimed).toBe('2025-06-01');
    expect(warningsOf(result)).toEqual([expect.stringContaining('"June 12, 2025"')]);
  });

  it('tolerates fields of the wrong type instead of refusing the review', () => {
    const review = fixtureJson(EXAMPLE);
    review.author = [42, { '@type': 'Organization', name: 'Example Fact Check' }];
    review.itemReviewed.author = { name: ['Jane Politician', 'J. Politician'] };
    review.itemReviewed.appearance = [null, 7, { url: 'https://social.example.net/p/12345' }];
    review.datePublished = { '@value': '2025-06-12' };
    review.reviewRating = [{ '@type': 'Rating', alternateName: { '@value': 'False', '@language': 'en' } }];
    const { claim, source } = onlyClaim(packOf(importFactChecks(JSON.stringify(review))));
    expect(source?.publisher).toBe('Example Fact Check');
    expect(claim.claimant).toBe('Jane Politician');
    expect(claim.reviewed).toBe('2025-06-12');
    expect(claim.verdict).toBe('false');
    expect(claim.appearances.map((a) => a.url)).toContain('https://social.example.net/p/12345');
  });

  it('shortens over-long texts to the pack limits instead of failing', () => {
    const review = fixtureJson(EXAMPLE);
    review.claimReviewed = `Unemployment has doubled since 2020 ${'and prices went up again '.repeat(60)}`.trim();
    review.reviewBody = 'x'.repeat(5000);
    review.reviewRating.alternateName = `False ${'because '.repeat(40)}`.trim();
    const result = importFactChecks(JSON.stringify(review));
    const { claim } = onlyClaim(packOf(result));
    expect(claim.statement.length).toBeLessThanOrEqual(1000);
    expect(claim.phrasings[0]!.length).toBeLessThanOrEqual(600);
    expect(claim.summary.length).toBeLessThanOrEqual(4000);
    expect(claim.rating!.length).toBeLessThanOrEqual(200);
    expect(claim.verdict).toBe('false');
    expect(warningsOf(result)).toContainEqual(expect.stringContaining('shortened'));
  });
});

describe('importFactChecks: MediaReview and documents without a ClaimReview', () => {
  it('skips a MediaReview mixed in with claim reviews, with a warning', () => {
    const media = fixtureJson('schemaorg/eg-0467.jsonld');
    const result = importFactChecks(JSON.stringify([media, fixtureJson(EXAMPLE), fixtureJson('examples/mediareview.jsonld')]));
    expect(onlyClaim(packOf(result)).claim.statement).toBe(fixtureJson(EXAMPLE).claimReviewed);
    const warnings = warningsOf(result);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('MediaReview');
    expect(warnings[0]).toContain(media.url);
    // The MediaReview's interpreted claim is not imported as a claim.
    expect(packOf(result).claims.map((c) => c.statement)).not.toContain(media.itemReviewed.interpretedAsClaim.description);
  });

  it.each(['schemaorg/eg-0467.jsonld', 'examples/mediareview.jsonld'])('refuses %s, a MediaReview alone, saying what it holds', (name) => {
    const error = errorOf(importFactChecks(fixtureText(name)));
    expect(error).toMatch(/^No ClaimReview found/);
    expect(error).toContain('MediaReview');
  });

  it('refuses the schema.org vocabulary itself: it describes ClaimReview but holds none', () => {
    expect(errorOf(importFactChecks(fixtureText('schemaorg/vocab-subset-claimreview.jsonld')))).toMatch(
      /^No ClaimReview found: the document holds Class, Property/,
    );
  });

  it.each([
    ['an Article', '{"@context":"https://schema.org","@type":"Article","headline":"Hello"}', 'holds Article'],
    ['plain JSON', '{"hello":"world"}', 'has no schema.org @type'],
    ['an empty list', '[]', 'has no schema.org @type'],
    ['a Crosscheck pack', '{"format":"crosscheck-pack","claims":[]}', 'import it as a pack'],
  ])('refuses %s', (_, text, message) => {
    expect(errorOf(importFactChecks(text))).toContain(message);
  });

  it('says when the document is not valid JSON', () => {
    expect(errorOf(importFactChecks('{"@type": "ClaimReview",'))).toMatch(/not valid JSON: /);
    expect(errorOf(importFactChecks('ClaimReview'))).toMatch(/not valid JSON: /);
    expect(errorOf(importFactChecks('   '))).toBe('The document is empty.');
  });

  it('refuses invalid options, naming the option', () => {
    expect(errorOf(importFactChecks(fixtureText(EXAMPLE), { packId: 'has/slash' }))).toContain('packId');
    expect(errorOf(importFactChecks(fixtureText(EXAMPLE), { version: 0 }))).toContain('version');
    expect(errorOf(importFactChecks(fixtureText(EXAMPLE), { published: '12/06/2025' }))).toContain('published');
    expect(errorOf(importFactChecks(fixtureText(EXAMPLE), { origin: 'javascript:alert(1)' }))).toContain('origin');
  });
});

describe('importFactChecks: pack details', () => {
  it('uses the options for the pack header', () => {
    const pack = packOf(
      importFactChecks(fixtureText(EXAMPLE), {
        packId: 'example-desk',
        name: 'Example desk checks',
        publisher: 'Example Desk',
        version: 3,
        published: '2025-06',
        license: 'CC BY 4.0',
      }),
    );
    expect(pack).toMatchObject({
      id: 'example-desk',
      name: 'Example desk checks',
      publisher: 'Example Desk',
      version: 3,
      published: '2025-06',
      license: 'CC BY 4.0',
    });
    // The source keeps the fact-checker who wrote the review.
    expect(pack.sources[0]!.publisher).toBe('Example Fact Check');
  });

  it('names the pack after the origin host when the reviews come from several publishers', () => {
    const a = fixtureJson(EXAMPLE);
    const b = fixtureJson('schemaorg/eg-0324.jsonld');
    const text = JSON.stringify([a, b]);
    expect(packOf(importFactChecks(text, { origin: 'https://www.aggregator.example/feed' }))).toMatchObject({
      id: 'claimreview-aggregator-example',
      publisher: 'aggregator.example',
      name: 'Fact checks from aggregator.example',
    });
    expect(packOf(importFactChecks(text))).toMatchObject({
      id: 'claimreview-various',
      publisher: 'Example Fact Check and politifact.com',
    });
  });

  it('sets published to today by default', () => {
    const now = new Date();
    const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    expect(packOf(importFactChecks(fixtureText(EXAMPLE))).published).toBe(today);
  });
});
