import { afterEach, describe, expect, it, vi } from 'vitest';
import { earlierBuild, packStamp } from '../../src/db/earlier-build';
import { installPack } from '../../src/db/install-pack';
import { claimContentHash } from '../../src/db/content-hash';
import { removePack } from '../../src/db/remove-pack';
import { storedClaimHashes, type ClaimHashesRecord } from '../../src/db/stored-content-hashes';
import { matchText } from '../../src/matching/match-text';
import { demoPackCopy, freshDatabase, storedIndex, storedIndexes, storedClaims, claimsPut } from './support/test-database';
import { chunkedClaimHashes, chunkOf, getClaim } from '../../src/db/claim-chunks';

/** How many of the claims each index build was told it may keep from the installed index, asked as the build starts. */
const reused = vi.hoisted(() => [] as number[]);
vi.mock('../../src/matching/claim-index', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/matching/claim-index')>();
  return {
    ...actual,
    buildClaimIndex: (...[claims, earlier]: Parameters<typeof actual.buildClaimIndex>) => {
      reused.push(earlier ? claims.filter((claim) => earlier.unchanged(claim.key)).length : -1);
      return actual.buildClaimIndex(claims, earlier);
    },
  };
});

/** A new version of a pack rewrites what changed and nothing else. */
const db = freshDatabase();
afterEach(() => vi.restoreAllMocks());

describe('installing a new version of a pack', () => {
  it('writes only added and changed claims, deletes removed ones, and leaves the rest alone', async () => {
    const v1 = demoPackCopy();
    await installPack(db, v1);
    const untouched = await getClaim(db, `${v1.id}/${v1.claims[5]!.id}`);

    const v2 = { ...demoPackCopy(), version: 2 };
    const [removed] = v2.claims.splice(1, 1);
    v2.claims[0] = { ...v2.claims[0]!, verdict: 'mostly-true' };
    v2.claims.push({ ...v2.claims[2]!, id: 'brand-new', phrasings: ['A brand new claim phrasing for version two'] });

    const bulkPut = vi.spyOn(db.claimChunks, 'bulkPut');
    const result = await installPack(db, v2);
    expect(result.status === 'installed' && result.claims).toEqual({
      added: 1,
      changed: 1,
      removed: 1,
      unchanged: v1.claims.length - 2,
    });
    expect(bulkPut).toHaveBeenCalledTimes(1);
    // Only the chunks holding a change are written; an unchanged claim only when it shares one.
    const touched = new Set(['brand-new', v2.claims[0]!.id, removed!.id].map((id) => chunkOf(`${v1.id}/${id}`)));
    const written = claimsPut(bulkPut);
    expect(written.map((c) => c.id)).toEqual(expect.arrayContaining(['brand-new', v2.claims[0]!.id]));
    expect(written.filter((c) => !touched.has(chunkOf(c.key)))).toEqual([]);
    expect(written.length).toBeLessThan(v2.claims.length / 2);
    expect(await getClaim(db, `${v1.id}/${removed!.id}`)).toBeUndefined();
    expect((await getClaim(db, `${v1.id}/${v2.claims[0]!.id}`))?.verdict).toBe('mostly-true');
    expect(await getClaim(db, `${v1.id}/${v1.claims[5]!.id}`)).toEqual(untouched);

    // The index follows: the new claim is found, the removed one is not.
    const indexes = await storedIndexes(db);
    expect(matchText(indexes, 'Here is A brand new claim phrasing for version two.').map((h) => h.claimKey)).toEqual([
      `${v1.id}/brand-new`,
    ]);
    expect(matchText(indexes, removed!.phrasings[0]!).map((h) => h.claimKey)).not.toContain(`${v1.id}/${removed!.id}`);
  });

  it('records the publisher’s removals with the pack, keeping the withdrawn statement', async () => {
    const v3 = { ...demoPackCopy(), version: 3 };
    const [withdrawn] = v3.claims.splice(0, 1);
    v3.removals = [{ id: withdrawn!.id, removed: '2026-11-20', reason: 'Duplicate of another claim' }];
    await installPack(db, v3);
    expect((await db.packs.get(v3.id))?.removals).toEqual([{ ...v3.removals[0], statement: withdrawn!.statement }]);
    // A later version that still lists it keeps the statement, though the row is long gone.
    await installPack(db, { ...v3, version: 4 });
    expect((await db.packs.get(v3.id))?.removals[0]?.statement).toBe(withdrawn!.statement);
    expect(await getClaim(db, `${v3.id}/${withdrawn!.id}`)).toBeUndefined();
  });

  it('builds the new version’s index from the installed one’s, and stores what a fresh install would', async () => {
    const base = freshDatabase();
    const v1 = demoPackCopy();
    await installPack(base, v1);
    const v2 = { ...demoPackCopy(), version: 2 };
    v2.claims[2] = { ...v2.claims[2]!, statement: 'Moscow has never confirmed that any foreign troops are in Kursk.' };
    v2.claims.splice(4, 1);
    const keyOf = (id: string) => `${v2.id}/${id}`;

    const earlier = await earlierBuild(base, v2.id, new Map(v2.claims.map((c) => [keyOf(c.id), claimContentHash(c)])));
    expect(earlier?.snapshot.claimKeys).toHaveLength(v1.claims.length);
    expect(earlier!.unchanged(keyOf(v2.claims[0]!.id))).toBe(true);
    expect(earlier!.unchanged(keyOf(v2.claims[2]!.id))).toBe(false);
    expect(earlier!.unchanged(keyOf('not-in-any-version'))).toBe(false);

    reused.length = 0;
    await installPack(base, v2);
    // Every claim but the changed one keeps how it was read (the removed one is not asked about).
    expect(reused).toEqual([v2.claims.length - 1]);
    const fresh = freshDatabase();
    await installPack(fresh, v2);
    expect(await storedIndex(base, v2.id)).toEqual(await storedIndex(fresh, v2.id));
    await Promise.all([base.delete(), fresh.delete()]);
  });

  it('builds from scratch over an installed index that does not fit its schema', async () => {
    const base = freshDatabase();
    const v1 = demoPackCopy();
    await installPack(base, v1);
    const shard = (await base.indexShards.get([v1.id, 0]))!;
    await base.indexShards.put({ ...shard, terms: { damaged: true } } as never);
    expect(await earlierBuild(base, v1.id, new Map())).toBeUndefined();
    await installPack(base, { ...v1, version: 2 });
    const fresh = freshDatabase();
    await installPack(fresh, { ...v1, version: 2 });
    expect(await storedIndex(base, v1.id)).toEqual(await storedIndex(fresh, v1.id));
    await Promise.all([base.delete(), fresh.delete()]);
  });

  it('reads the stored claim hashes once for a new version, from the row its install wrote, and again if the pack changed meanwhile', async () => {
    const base = freshDatabase();
    await installPack(base, demoPackCopy());
    const where = vi.spyOn(base.claimChunks, 'where');
    const row = vi.spyOn(base.claimHashes, 'get');
    const indexed = () => where.mock.calls.filter(([index]) => String(index) === '[packId+chunk]');
    await installPack(base, { ...demoPackCopy(), version: 2 });
    expect(row).toHaveBeenCalledTimes(1);
    expect(indexed()).toHaveLength(0);

    // Two versions installed at once: whichever writes second sees the first's rows, not the ones
    // it read before building, and the pack ends as a fresh install of the newest.
    const v3 = { ...demoPackCopy(), version: 3 };
    v3.claims[0] = { ...v3.claims[0]!, statement: 'A statement only version three has.' };
    const v4 = { ...demoPackCopy(), version: 4 };
    v4.claims.splice(1, 2);
    row.mockClear();
    await Promise.all([installPack(base, v3), installPack(base, v4)]);
    // Version 3 reads them once; version 4 read them with version 2 and reads them again.
    expect(row).toHaveBeenCalledTimes(3);
    expect(indexed()).toHaveLength(0);
    const fresh = freshDatabase();
    await installPack(fresh, v4);
    const rows = async (db: typeof base) => (await storedClaims(db)).sort((a, b) => a.key.localeCompare(b.key));
    expect((await base.packs.get(v4.id))?.version).toBe(4);
    expect(await rows(base)).toEqual(await rows(fresh));
    expect(await storedIndex(base, v4.id)).toEqual(await storedIndex(fresh, v4.id));
    await Promise.all([base.delete(), fresh.delete()]);
  });

  it('keeps the claims’ hashes row equal to the stored claims, and drops it with the pack', async () => {
    const base = freshDatabase();
    const v1 = demoPackCopy();
    await installPack(base, v1);
    const v2 = { ...demoPackCopy(), version: 2 };
    v2.claims.splice(3, 1);
    v2.claims[0] = { ...v2.claims[0]!, verdict: 'mixed' };
    v2.claims.push({ ...v2.claims[1]!, id: 'added-in-two' });
    await installPack(base, v2);
    const rowHashes = await storedClaimHashes(base, v1.id, packStamp((await base.packs.get(v1.id))!));
    const indexHashes = await chunkedClaimHashes(base, v1.id);
    expect(rowHashes).toEqual(indexHashes);
    expect(rowHashes.size).toBe(v2.claims.length);
    expect(rowHashes.get(`${v1.id}/${v2.claims[0]!.id}`)).toBe(claimContentHash(v2.claims[0]!));

    await removePack(base, v1.id);
    expect(await base.claimHashes.get(v1.id)).toBeUndefined();
    await base.delete();
  });

  it('does not trust a hashes row written for another install or that does not fit itself: it reads the claim chunks', async () => {
    for (const spoil of [
      // well formed, lists of the same length, but from another install: only the stamp tells
      (row: ClaimHashesRecord) => ({ ...row, stamp: '1@1', hashes: row.hashes.replace(/[^ ]+/g, 'stale') }),
      (row: ClaimHashesRecord) => ({ ...row, hashes: row.hashes.split(' ').slice(1).join(' ') }),
      (row: ClaimHashesRecord) => ({ ...row, keys: 42 }),
    ]) {
      const base = freshDatabase();
      const v1 = demoPackCopy();
      await installPack(base, v1);
      await base.claimHashes.put(spoil((await base.claimHashes.get(v1.id))!) as ClaimHashesRecord);
      const v2 = { ...demoPackCopy(), version: 2 };
      v2.claims[2] = { ...v2.claims[2]!, verdict: 'false' };
      const result = await installPack(base, v2);
      expect(result.status === 'installed' && result.claims).toEqual({ added: 0, changed: 1, removed: 0, unchanged: v1.claims.length - 1 });
      const fresh = freshDatabase();
      await installPack(fresh, v2);
      const rows = async (db: typeof base) => (await storedClaims(db)).sort((a, b) => a.key.localeCompare(b.key));
      expect(await rows(base)).toEqual(await rows(fresh));
      expect(await storedIndex(base, v1.id)).toEqual(await storedIndex(fresh, v1.id));
      await Promise.all([base.delete(), fresh.delete()]);
    }
  });

  it('answers a version already installed, or an older one, without building its index', async () => {
    const base = freshDatabase();
    const v2 = { ...demoPackCopy(), version: 2 };
    await installPack(base, v2);
    reused.length = 0;
    expect((await installPack(base, v2)).status).toBe('unchanged');
    expect((await installPack(base, { ...demoPackCopy(), version: 1 })).status).toBe('refused');
    expect(reused).toEqual([]);
    await base.delete();
  });
});
