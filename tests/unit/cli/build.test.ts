import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, mergePacks } from '../../../src/cli/build';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE } from '../../../src/cli/cli-io';
import type { importFactChecks } from '../../../src/packs/claimreview/import-fact-checks';
import { canonicalJson, prettyCanonicalJson } from '../../../src/packs/canonical-json';
import { parsePack } from '../../../src/packs/parse-pack';
import type { Pack } from '../../../src/schema/pack';
import { smallPack } from '../support/test-database';
import { captureIo, tempDir, writeIn } from './cli-harness';

const review = (slug: string, claim: string, rating: string) => ({
  '@context': 'https://schema.org',
  '@type': 'ClaimReview',
  url: `https://factcheck.example.org/2026/${slug}`,
  claimReviewed: claim,
  datePublished: '2026-03-02',
  author: { '@type': 'Organization', name: 'Example Fact Desk' },
  reviewRating: { '@type': 'Rating', alternateName: rating },
});

const BRIDGE = review('bridge', 'The new bridge cost ten billion dollars to build last year', 'False');
const SCHOOLS = review('schools', 'The city closed twelve public schools in the spring', 'Mostly true');

const claim = (id: string, statement = `Claim ${id} says something checkable here.`) => ({
  id,
  statement,
  phrasings: [statement],
  verdict: 'false' as const,
  evidence: [{ source: 's1', stance: 'contradicts' as const, quote: 'The report says otherwise.' }],
});

/** An importer that returns a ready pack per file text (the text is the pack's id). */
const fakeImporter =
  (packs: Record<string, Pack>, warnings: string[] = []): typeof importFactChecks =>
  (text) => {
    const pack = packs[text.trim()];
    return pack ? { ok: true, pack, format: 'claimreview', warnings } : { ok: false, error: 'No ClaimReview found: nothing here.' };
  };

describe('crosscheck-pack build', () => {
  it('builds a valid pack from ClaimReview files, with the options given', async () => {
    const dir = await tempDir();
    const one = await writeIn(dir, 'one.json', BRIDGE);
    const two = await writeIn(dir, 'two.json', [SCHOOLS]);
    const out = join(dir, 'pack.json');
    const cap = captureIo();
    const code = await build(
      [one, two, '--out', out, '--id', 'example-desk', '--name', 'Example desk checks', '--publisher', 'Example Fact Desk',
        '--version', '3', '--published', '2026-05', '--license', 'CC BY 4.0'],
      cap.io,
    );
    expect(cap.stderr()).toBe('');
    expect(code).toBe(EXIT_OK);
    expect(cap.stdout()).toBe(`wrote ${out}: Example desk checks v3, 2 claims, 2 sources from 2 files`);
    const text = await readFile(out, 'utf8');
    const parsed = parsePack(text);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.pack).toMatchObject({ id: 'example-desk', publisher: 'Example Fact Desk', version: 3, published: '2026-05', license: 'CC BY 4.0' });
    expect(parsed.pack.claims.map((c) => c.verdict).sort()).toEqual(['false', 'mostly-true']);
    // Pretty canonical JSON: sorted keys, two spaces, a final newline.
    expect(text).toBe(`${prettyCanonicalJson(JSON.parse(text))}\n`);
    expect(text.startsWith('{\n  "claims": [\n')).toBe(true);
  });

  it('keeps the first of claims and sources with the same id, warning when they differ', async () => {
    const dir = await tempDir();
    const a = smallPack({ id: 'a', claims: [claim('c1'), claim('c2')] });
    const b = smallPack({ id: 'a', claims: [claim('c2', 'Claim c2, as another file words it, differs.'), claim('c3')] });
    const c = smallPack({ id: 'a', claims: [claim('c3')] });
    const files = [await writeIn(dir, 'a.txt', 'a'), await writeIn(dir, 'b.txt', 'b'), await writeIn(dir, 'c.txt', 'c')];
    const out = join(dir, 'pack.json');
    const cap = captureIo();
    expect(await build([...files, '--out', out], cap.io, fakeImporter({ a, b, c }, ['one review had no rating']))).toBe(EXIT_OK);
    const pack = JSON.parse(await readFile(out, 'utf8')) as Pack;
    expect(pack.claims.map((x) => x.id)).toEqual(['c1', 'c2', 'c3']);
    expect(pack.claims[1]!.statement).toBe(a.claims[1]!.statement);
    expect(pack.sources.map((x) => x.id)).toEqual(['s1']);
    expect(cap.err).toContain(`warning: ${files[1]}: claim "c2" differs from the one in ${files[0]}; kept the first`);
    expect(cap.err.filter((line) => line.includes('c3'))).toEqual([]); // identical: no warning
    expect(cap.err).toContain(`${files[0]}: warning: one review had no rating`);
  });

  it('warns when files give different publishers and no --publisher settles it', () => {
    const warnings: string[] = [];
    const merged = mergePacks(
      [
        { file: 'a', pack: smallPack({ id: 'a', publisher: 'Desk A', claims: [claim('c1')] }) },
        { file: 'b', pack: smallPack({ id: 'a', publisher: 'Desk B', claims: [claim('c2')] }) },
      ],
      (w) => warnings.push(w),
    );
    expect(merged.publisher).toBe('Desk A');
    expect(warnings).toEqual(['the files give different pack publishers ("Desk A", "Desk B"); using "Desk A" (set --publisher)']);
    expect(merged.claims).toHaveLength(2);
  });

  it('returns one file\'s pack as it is', () => {
    const pack = smallPack({ id: 'solo', claims: [claim('c1')] });
    expect(canonicalJson(mergePacks([{ file: 'x', pack }], () => {}))).toBe(canonicalJson(pack));
  });

  it('names the file that has no fact checks, and writes nothing', async () => {
    const dir = await tempDir();
    const good = await writeIn(dir, 'good.json', BRIDGE);
    const bad = await writeIn(dir, 'bad.json', { '@type': 'WebPage' });
    const out = join(dir, 'pack.json');
    const cap = captureIo();
    expect(await build([good, bad, '--out', out], cap.io)).toBe(EXIT_INVALID);
    expect(cap.stderr()).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: No ClaimReview found`));
    await expect(readFile(out)).rejects.toThrow();
  });

  it('names a missing file', async () => {
    const dir = await tempDir();
    const cap = captureIo();
    expect(await build([join(dir, 'gone.json'), '--out', join(dir, 'p.json')], cap.io)).toBe(EXIT_INVALID);
    expect(cap.stderr()).toBe(`${join(dir, 'gone.json')}: no such file`);
  });

  it.each([
    [['a.json'], 'needs --out'],
    [['--out', 'p.json'], 'at least one fact-check file'],
    [['a.json', '--out', 'p.json', '--version', '1.5'], '--version must be a whole number'],
    [['a.json', '--out', 'p.json', '--version', '0'], '--version must be a whole number'],
    [['https://example.org/feed.json', '--out', 'p.json'], 'local files only'],
    [['a.json', '--out', 'p.json', '--colour'], "Unknown option '--colour'"],
  ])('exits 2 for %j', async (args, message) => {
    const cap = captureIo();
    expect(await build(args, cap.io)).toBe(EXIT_USAGE);
    expect(cap.stderr()).toContain(message);
    expect(cap.stderr()).toContain('usage: crosscheck-pack build');
  });

  it('exits 2 naming the options whose values the pack format refuses', async () => {
    const cap = captureIo();
    const args = ['a.json', '--out', 'p.json', '--id', 'has/slash', '--published', '2026-13', '--origin', 'javascript:x'];
    expect(await build(args, cap.io)).toBe(EXIT_USAGE);
    expect(cap.stderr()).toContain('--id: letters, digits');
    expect(cap.stderr()).toContain('--published: a date');
    expect(cap.stderr()).toContain('--origin: an absolute http(s) URL');
  });

  it('passes --origin to the importer, which resolves relative URLs with it', async () => {
    const dir = await tempDir();
    const file = await writeIn(dir, 'rel.json', { ...BRIDGE, url: '/2026/bridge-relative' });
    const out = join(dir, 'p.json');
    const cap = captureIo();
    expect(await build([file, '--out', out, '--origin', 'https://factcheck.example.org/feed.json'], cap.io)).toBe(EXIT_OK);
    const pack = JSON.parse(await readFile(out, 'utf8')) as Pack;
    expect(pack.sources[0]!.url).toBe('https://factcheck.example.org/2026/bridge-relative');
  });
});

describe('build over a folder with files that review no claim', () => {
  const MEDIA = { '@context': 'https://schema.org', '@type': 'MediaReview', url: 'https://example.org/media-review' };

  it('skips them with a warning when other files hold claims', async () => {
    const dir = await tempDir();
    const one = await writeIn(dir, 'one.json', BRIDGE);
    const media = await writeIn(dir, 'media.json', MEDIA);
    const out = join(dir, 'pack.json');
    const cap = captureIo();
    expect(await build([one, media, '--out', out], cap.io)).toBe(EXIT_OK);
    expect(cap.stderr()).toContain(`${media}: skipped: No ClaimReview found`);
    const parsed = parsePack(await readFile(out, 'utf8'));
    expect(parsed.ok && parsed.pack.claims).toHaveLength(1);
  });

  it('fails when no file holds one, and on a broken file whatever the others hold', async () => {
    const dir = await tempDir();
    const media = await writeIn(dir, 'media.json', MEDIA);
    const media2 = await writeIn(dir, 'media2.json', MEDIA);
    const one = await writeIn(dir, 'one.json', BRIDGE);
    const broken = await writeIn(dir, 'broken.json', '{"@type": ');
    const cap = captureIo();
    expect(await build([media, media2, '--out', join(dir, 'a.json')], cap.io)).toBe(EXIT_INVALID);
    expect(cap.stderr()).toContain('none of these files holds a ClaimReview');
    const cap2 = captureIo();
    expect(await build([one, broken, '--out', join(dir, 'b.json')], cap2.io)).toBe(EXIT_INVALID);
    expect(cap2.stderr()).toContain(`${broken}:`);
  });
});
