import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLAIM_CHUNKS, chunkOf, eachClaim, getClaims, packClaims } from '../../src/db/claim-chunks';
import { installPack } from '../../src/db/install-pack';
import { removePack } from '../../src/db/remove-pack';
import { searchClaims } from '../../src/db/search-claims';
import { demoPackCopy, freshDatabase, smallPack } from './support/test-database';

afterEach(() => vi.restoreAllMocks());

const generated = (id: string, count: number, version = 1) =>
  smallPack({
    id,
    version,
    claims: Array.from({ length: count }, (_, i) => ({
      id: `c${i}`,
      statement: `Claim ${i}: the ferry crossed the river ${i} times.`,
      phrasings: [`the ferry crossed the river exactly ${i} times that winter`],
      verdict: 'unverified' as const,
      evidence: [],
    })),
  });

describe('claims stored in chunks', () => {
  it('spreads a large pack over many chunks, several claims to a row', () => {
    const claims = 100_000;
    const counts = new Map<number, number>();
    for (let i = 0; i < claims; i++) counts.set(chunkOf(`big-pack/c${i}`), (counts.get(chunkOf(`big-pack/c${i}`)) ?? 0) + 1);
    // Every chunk is used, none by much more than its share.
    expect(counts.size).toBe(CLAIM_CHUNKS);
    expect(Math.max(...counts.values())).toBeLessThan((1.6 * claims) / CLAIM_CHUNKS);
  });

  it('puts a claim where it has always been put: a change here needs a database version that moves every claim', () => {
    // 32-bit FNV-1a of the key, its high half folded onto the low, modulo 2048 (worked out apart from the code).
    expect(CLAIM_CHUNKS).toBe(2048);
    expect(['demo-pack/c1', 'ferries/c0', 'big-pack/c123456', 'own/c-8f14e45f'].map(chunkOf)).toEqual([1092, 742, 67, 1369]);
  });

  it('reads claims by key from the rows of their chunks, across packs, and forgets a removed pack', async () => {
    const db = freshDatabase();
    const demo = demoPackCopy();
    await installPack(db, demo);
    await installPack(db, generated('ferries', 400));
    expect(await db.claimChunks.count()).toBeLessThan(demo.claims.length + 400);
    const keys = ['ferries/c399', `${demo.id}/${demo.claims[2]!.id}`, 'ferries/none', 'ferries/c0'];
    expect((await getClaims(db, keys)).map((c) => c.key)).toEqual([keys[0], keys[1], keys[3]]);
    expect((await packClaims(db, 'ferries')).length).toBe(400);

    await removePack(db, 'ferries');
    expect(await getClaims(db, ['ferries/c0'])).toEqual([]);
    expect((await packClaims(db, demo.id)).length).toBe(demo.claims.length);
    expect(await db.claimChunks.where('[packId+chunk]').between(['ferries', 0], ['ferries', CLAIM_CHUNKS]).count()).toBe(0);
  });

  it('deletes the chunks a new version empties, and keeps a claim that shares a chunk with a removed one', async () => {
    const db = freshDatabase();
    await installPack(db, generated('ferries', 3000));
    const v2 = generated('ferries', 3000, 2);
    // Remove every claim of one chunk, and one claim of another chunk.
    const emptied = chunkOf('ferries/c0');
    const shared = chunkOf('ferries/c1') === emptied ? chunkOf('ferries/c2') : chunkOf('ferries/c1');
    const sharedClaims = v2.claims.filter((c) => chunkOf(`ferries/${c.id}`) === shared);
    expect(sharedClaims.length).toBeGreaterThan(1);
    v2.claims = v2.claims.filter((c) => chunkOf(`ferries/${c.id}`) !== emptied && c !== sharedClaims[0]);
    const result = await installPack(db, v2);
    expect(result.status === 'installed' && result.claims.removed).toBe(3000 - v2.claims.length);
    expect(await db.claimChunks.get(['ferries', emptied])).toBeUndefined();
    expect((await db.claimChunks.get(['ferries', shared]))?.claims.map((c) => c.id)).toEqual(sharedClaims.slice(1).map((c) => c.id));
    expect((await packClaims(db, 'ferries')).length).toBe(v2.claims.length);
  });

  it('leaves out a claim that no longer fits its schema, and a row that does not, with the rest of their chunk kept', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const db = freshDatabase();
    await installPack(db, generated('ferries', 6000));
    const rows = await db.claimChunks.toArray();
    const [row, broken] = rows.filter((r) => r.claims.length > 1);
    const [spoiled, neighbour] = row!.claims;
    await db.claimChunks.put({ ...row!, claims: row!.claims.map((c) => (c === spoiled ? { ...c, verdict: 'pants-on-fire' as never } : c)) });
    const brokenKey = broken!.claims[0]!.key;
    await db.claimChunks.put({ ...broken!, claims: 'not a list' as never });

    expect((await getClaims(db, [spoiled!.key, neighbour!.key, brokenKey])).map((c) => c.key)).toEqual([neighbour!.key]);
    expect(warn).toHaveBeenCalled();
    expect((await packClaims(db, 'ferries')).map((c) => c.key)).toContain(neighbour!.key);
    expect((await packClaims(db, 'ferries')).length).toBe(6000 - 1 - broken!.claims.length);
  });

  it('stops a scan once the caller has enough, and search finds claims in any chunk', async () => {
    const db = freshDatabase();
    await installPack(db, generated('ferries', 500));
    let visited = 0;
    await eachClaim(db, () => ++visited < 10);
    expect(visited).toBe(10);
    expect((await searchClaims(db, 'ferry 417 times')).map((c) => c.key)).toEqual(['ferries/c417']);
    expect(await searchClaims(db, '', 7)).toHaveLength(7);
  });
});
