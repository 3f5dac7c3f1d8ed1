import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { matchText } from '../../../src/matching/match-text';
import { storedIndexes, storedClaims, claimsPut } from '../support/test-database';
import { document, PACK_ID, packDocument, phraseOf, serviceFor, startPackServer, type PackServer } from './support';
import { getClaim, chunkOf, deletePackClaims } from '../../../src/db/claim-chunks';

/** Subscribing installs a pack; syncs are conditional and rewrite only what changed. */
let server: PackServer;
beforeAll(async () => {
  server = await startPackServer();
});
afterAll(() => server.close());

describe('subscribe and sync', () => {
  it('subscribing installs the pack and records its version, claim count and ETag', async () => {
    const { db, service, onPacksChanged } = serviceFor(undefined, { now: () => 1_000 });
    server.serve('/first.json', document(packDocument(1), { etag: '"v1"', lastModified: 'Tue, 03 Feb 2026 10:00:00 GMT' }));

    const reply = await service.subscribe(server.url('/first.json'));
    expect(reply).toEqual({ ok: true, status: 'installed', version: 1, claimCount: 3 });
    expect(await db.packs.get(PACK_ID)).toMatchObject({ version: 1, claimCount: 3, builtIn: false });
    expect((await storedClaims(db, PACK_ID)).length).toBe(3);
    expect(await db.subscriptions.get(server.url('/first.json'))).toEqual({
      url: server.url('/first.json'),
      packId: PACK_ID,
      addedAt: 1_000,
      lastAttempt: 1_000,
      lastSuccess: 1_000,
      version: 1,
      claimCount: 3,
      etag: '"v1"',
      lastModified: 'Tue, 03 Feb 2026 10:00:00 GMT',
    });
    expect(onPacksChanged).toHaveBeenCalledTimes(1);
    // The match index is there: the claims are found in text.
    const indexes = await storedIndexes(db);
    expect(matchText(indexes, `Today: ${phraseOf(2)}.`).filter((hit) => hit.tier === 'confirmed').map((hit) => hit.claimKey)).toEqual([`${PACK_ID}/c2`]);
  });

  it('a second sync sends If-None-Match / If-Modified-Since, and a 304 changes nothing but the sync time', async () => {
    let clock = 1_000;
    const { db, service, onPacksChanged } = serviceFor(undefined, { now: () => clock });
    server.serve('/cond.json', document(packDocument(1), { etag: '"c1"', lastModified: 'Tue, 03 Feb 2026 10:00:00 GMT' }));
    await service.subscribe(server.url('/cond.json'));
    const before = { packs: await db.packs.toArray(), claims: await storedClaims(db) };
    const bulkPut = vi.spyOn(db.claimChunks, 'bulkPut');

    clock = 5_000;
    const reply = await service.sync(server.url('/cond.json'));
    expect(reply).toEqual({ ok: true, status: 'not-modified', version: 1, claimCount: 3 });
    const last = server.requestsTo('/cond.json').at(-1)!;
    expect(last.headers['if-none-match']).toBe('"c1"');
    expect(last.headers['if-modified-since']).toBe('Tue, 03 Feb 2026 10:00:00 GMT');
    expect(bulkPut).not.toHaveBeenCalled();
    expect({ packs: await db.packs.toArray(), claims: await storedClaims(db) }).toEqual(before);
    expect(await db.subscriptions.get(server.url('/cond.json'))).toMatchObject({
      lastAttempt: 5_000,
      lastSuccess: 5_000,
      etag: '"c1"',
      version: 1,
    });
    expect(onPacksChanged).toHaveBeenCalledTimes(1); // the subscribe only
  });

  it('the same version served again (no ETag) is "unchanged" and writes no claims', async () => {
    const { db, service, onPacksChanged } = serviceFor();
    server.serve('/same.json', document(packDocument(1)));
    await service.subscribe(server.url('/same.json'));
    const bulkPut = vi.spyOn(db.claimChunks, 'bulkPut');
    expect(await service.sync(server.url('/same.json'))).toEqual({ ok: true, status: 'unchanged', version: 1, claimCount: 3 });
    expect(bulkPut).not.toHaveBeenCalled();
    expect(server.requestsTo('/same.json').at(-1)!.headers['if-none-match']).toBeUndefined();
    expect(onPacksChanged).toHaveBeenCalledTimes(1);
  });

  it('a new version replaces the old one, rewriting only the chunks of the changed claims (1% of 300 claims)', async () => {
    const { db, service, onPacksChanged } = serviceFor();
    server.serve('/big.json', document(packDocument(1, { count: 300 }), { etag: '"b1"' }));
    await service.subscribe(server.url('/big.json'));
    const untouched = await getClaim(db, `${PACK_ID}/c100`);

    server.serve('/big.json', document(packDocument(2, { count: 300, revised: [7, 150, 299] }), { etag: '"b2"' }));
    const bulkPut = vi.spyOn(db.claimChunks, 'bulkPut');
    const reply = await service.sync(server.url('/big.json'));
    expect(reply).toEqual({ ok: true, status: 'installed', version: 2, claimCount: 300 });
    expect(server.requestsTo('/big.json').at(-1)!.headers['if-none-match']).toBe('"b1"');
    expect(bulkPut).toHaveBeenCalledTimes(1);
    const touched = new Set(['c7', 'c150', 'c299'].map((id) => chunkOf(`${PACK_ID}/${id}`)));
    expect(bulkPut.mock.calls[0]![0].map((row) => row.chunk).sort()).toEqual([...touched].sort());
    expect(claimsPut(bulkPut).map((claim) => claim.id)).toEqual(expect.arrayContaining(['c150', 'c299', 'c7']));
    expect(claimsPut(bulkPut).length).toBeLessThan(10);
    expect((await getClaim(db, `${PACK_ID}/c7`))?.phrasings).toEqual([phraseOf(7, 2)]);
    expect(await getClaim(db, `${PACK_ID}/c100`)).toEqual(untouched);
    expect(await db.subscriptions.get(server.url('/big.json'))).toMatchObject({ version: 2, claimCount: 300, etag: '"b2"' });
    expect(onPacksChanged).toHaveBeenCalledTimes(2);
  });

  it('a pack removed from the pack list by hand is fetched whole again (no conditional request)', async () => {
    const { db, service } = serviceFor();
    server.serve('/removed.json', document(packDocument(1), { etag: '"r1"' }));
    await service.subscribe(server.url('/removed.json'));
    await db.transaction('rw', [db.packs, db.claimChunks, db.sources, db.packIndexes], async () => {
      await deletePackClaims(db, PACK_ID);
      await db.packs.delete(PACK_ID);
    });
    expect(await service.sync(server.url('/removed.json'))).toMatchObject({ ok: true, status: 'installed' });
    expect(server.requestsTo('/removed.json').at(-1)!.headers['if-none-match']).toBeUndefined();
    expect((await storedClaims(db, PACK_ID)).length).toBe(3);
  });

  it('syncAll syncs every subscription and sync() without a URL reports the failures', async () => {
    const { db, service } = serviceFor();
    server.serve('/all-a.json', document(packDocument(1, { id: 'all-a' })));
    server.serve('/all-b.json', document(packDocument(1, { id: 'all-b' })));
    await service.subscribe(server.url('/all-a.json'));
    await service.subscribe(server.url('/all-b.json'));
    server.serve('/all-a.json', document(packDocument(2, { id: 'all-a', revised: [0] })));
    server.unserve('/all-b.json');

    const summary = await service.syncAll();
    expect(summary.synced).toBe(1);
    expect(summary.failed).toBe(1);
    expect((await db.packs.get('all-a'))?.version).toBe(2);
    expect((await db.subscriptions.get(server.url('/all-b.json')))?.lastError).toBe('Could not download the pack: not found (404).');

    const reply = await service.sync();
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error).toContain('1 of 2 subscriptions could not be synced');
  });

  it('serialises concurrent syncs of one URL', async () => {
    const { db, service } = serviceFor();
    let inFlight = 0;
    let maxInFlight = 0;
    const handler = document(packDocument(1, { id: 'serial' }));
    server.serve('/serial.json', (req, res) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight--;
        handler(req, res);
      }, 30);
    });
    await service.subscribe(server.url('/serial.json'));
    const replies = await Promise.all([1, 2, 3].map(() => service.sync(server.url('/serial.json'))));
    expect(replies.every((reply) => reply.ok)).toBe(true);
    expect(maxInFlight).toBe(1);
    expect(await db.packs.count()).toBe(1);
  });
});
