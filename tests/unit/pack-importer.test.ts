import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPackImporter } from '../../src/background/pack-importer';
import { MAX_ERROR_CHARS } from '../../src/background/subscriptions/error-text';
import { demoPackCopy, freshDatabase, storedClaims } from './support/test-database';

/** Packs brought by hand: files and one-off downloads, installed in the background. */
const review = (url: string, claim: string, rating: string) => ({
  '@context': 'https://schema.org',
  '@type': 'ClaimReview',
  url,
  claimReviewed: claim,
  author: { '@type': 'Organization', name: 'Example Fact Check' },
  reviewRating: { '@type': 'Rating', alternateName: rating },
});

let server: Server;
let origin: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/reviews.json') {
      res.writeHead(200, { 'content-type': 'application/ld+json' });
      res.end(JSON.stringify(review('https://factcheck.example.org/a', 'The bridge will close every Sunday in March', 'False')));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function setup() {
  const db = freshDatabase();
  const onPacksChanged = vi.fn(async () => {});
  return { db, onPacksChanged, importer: createPackImporter({ db, onPacksChanged }) };
}

describe('importing by hand', () => {
  it('a second ClaimReview file of the same publisher adds to the first instead of being ignored', async () => {
    const { db, importer } = setup();
    const first = await importer.importText('one.jsonld', JSON.stringify(review('https://factcheck.example.org/a', 'Unemployment has doubled since 2020', 'False')));
    expect(first).toMatchObject({ ok: true, status: 'installed', version: 1, claimCount: 1 });
    const second = await importer.importText('two.jsonld', JSON.stringify(review('https://factcheck.example.org/b', 'Crime has tripled in the capital since 2019', 'Mostly False')));
    expect(second).toMatchObject({ ok: true, status: 'installed', version: 2, claimCount: 2 });
    expect((await storedClaims(db)).map((c) => c.statement).sort()).toEqual([
      'Crime has tripled in the capital since 2019',
      'Unemployment has doubled since 2020',
    ]);
    // The same file again changes nothing; a changed rating is an update.
    expect(await importer.importText('two.jsonld', JSON.stringify(review('https://factcheck.example.org/b', 'Crime has tripled in the capital since 2019', 'Mostly False')))).toMatchObject({ status: 'unchanged', version: 2 });
    const third = await importer.importText('two-v2.jsonld', JSON.stringify(review('https://factcheck.example.org/b', 'Crime has tripled in the capital since 2019', 'False')));
    expect(third).toMatchObject({ ok: true, status: 'installed', version: 3, claimCount: 2 });
    expect((await storedClaims(db)).find((c) => c.statement.startsWith('Crime'))?.verdict).toBe('false');
  });

  it('refuses a file over a pack that a subscription keeps in sync, and changes nothing', async () => {
    const { db, importer, onPacksChanged } = setup();
    const pack = demoPackCopy();
    await importer.importText('demo.json', JSON.stringify(pack));
    await db.subscriptions.put({ url: 'https://packs.example.org/demo.json', packId: pack.id, addedAt: 1, pinnedKey: 'A'.repeat(43) });
    onPacksChanged.mockClear();
    const before = await storedClaims(db);
    const reply = await importer.importText('newer.json', JSON.stringify({ ...pack, version: 50, claims: pack.claims.slice(0, 1) }));
    expect(reply).toEqual({ ok: false, error: expect.stringContaining('is kept in sync from https://packs.example.org/demo.json') });
    expect(await storedClaims(db)).toEqual(before);
    expect((await db.packs.get(pack.id))?.version).toBe(pack.version);
    expect(onPacksChanged).not.toHaveBeenCalled();
  });

  it('imports once from a web address, without following it', async () => {
    const { db, importer, onPacksChanged } = setup();
    const reply = await importer.importUrl(`${origin}/reviews.json`);
    expect(reply).toMatchObject({ ok: true, status: 'installed', claimCount: 1 });
    expect(await db.subscriptions.count()).toBe(0);
    expect(onPacksChanged).toHaveBeenCalledTimes(1);
    expect(await importer.importUrl(`${origin}/missing.json`)).toMatchObject({ ok: false, error: expect.stringContaining('404') });
    expect(await importer.importUrl('file:///etc/passwd')).toEqual({
      ok: false,
      error: 'Only http and https addresses can be imported, not file: addresses.',
    });
    expect(await importer.importUrl('javascript:alert(1)')).toMatchObject({ ok: false });
  });

  it('keeps error messages short whatever the input quotes', async () => {
    const { importer } = setup();
    const reply = await importer.importText(`${'x'.repeat(5_000_000)}.json`, '{"format": "crosscheck-pack"');
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error.length).toBeLessThanOrEqual(MAX_ERROR_CHARS);
  });
});
