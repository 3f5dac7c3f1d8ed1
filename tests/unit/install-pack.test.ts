import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CrosscheckDatabase } from '../../src/db/crosscheck-database';
import { installPack } from '../../src/db/install-pack';
import { recordKey } from '../../src/db/records';
import { matchText } from '../../src/matching/match-text';
import type { Pack } from '../../src/schema/pack';
import { demoPackCopy, freshDatabase, storedIndex, storedIndexes, storedClaims } from './support/test-database';

let db: CrosscheckDatabase;
beforeEach(() => {
  db = freshDatabase();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

const storedClaimKeys = async (packId: string) =>
  (await storedClaims(db, packId)).map((claim) => claim.key).sort();
const keysOf = (pack: Pack) => pack.claims.map((claim) => recordKey(pack.id, claim.id)).sort();

/** What the database holds for a pack, to compare before and after. */
async function snapshotOf(packId: string) {
  return {
    pack: await db.packs.get(packId),
    claims: await storedClaims(db, packId),
    sources: await db.sources.where('packId').equals(packId).sortBy('key'),
    indexVersion: (await db.packIndexes.get(packId))?.packVersion,
  };
}

/** The demo pack at another version, with only its first `claims` claims. */
function demoVersion(version: number, claims: number): Pack {
  const pack = demoPackCopy();
  return { ...pack, version, claims: pack.claims.slice(0, claims) };
}

describe('installPack', () => {
  it('stores every claim, source and the match index of the demo pack', async () => {
    const pack = demoPackCopy();
    const result = await installPack(db, pack, { now: 1_000 });
    expect(result.status).toBe('installed');
    expect((await storedClaims(db)).length).toBe(pack.claims.length);
    expect(await db.sources.count()).toBe(pack.sources.length);
    expect(await db.packIndexes.count()).toBe(1);
    expect(await storedClaimKeys(pack.id)).toEqual(keysOf(pack));
    expect(await db.packs.get(pack.id)).toMatchObject({
      id: pack.id,
      name: pack.name,
      version: pack.version,
      claimCount: pack.claims.length,
      sourceCount: pack.sources.length,
      builtIn: false,
      installedAt: 1_000,
    });
  });

  it('leaves the same version alone when it is installed again', async () => {
    const pack = demoPackCopy();
    await installPack(db, pack, { now: 1_000 });
    const before = await snapshotOf(pack.id);
    const again = await installPack(db, demoPackCopy(), { now: 2_000 });
    expect(again.status).toBe('unchanged');
    expect(await snapshotOf(pack.id)).toEqual(before);
    expect((await storedClaims(db)).length).toBe(pack.claims.length);
    expect(await db.packIndexes.count()).toBe(1);
  });

  it('replaces an older version: removed claims are gone and no longer match', async () => {
    const v1 = demoVersion(1, 18);
    await installPack(db, v1);
    const v2 = demoVersion(2, 3);
    const removed = v1.claims.slice(v2.claims.length);
    const result = await installPack(db, v2);
    expect(result).toMatchObject({ status: 'installed', previousVersion: 1 });
    expect(await storedClaimKeys(v2.id)).toEqual(keysOf(v2));
    expect(await db.packs.get(v2.id)).toMatchObject({ version: 2, claimCount: v2.claims.length });

    expect((await db.packIndexes.get(v2.id))?.packVersion).toBe(2);
    const index = await storedIndex(db, v2.id);
    const removedPhrasing = removed[0]!.phrasings[0]!;
    const keptPhrasing = v2.claims[0]!.phrasings[0]!;
    expect(matchText([index!], `Reports say ${removedPhrasing}.`)).toEqual([]);
    expect(matchText([index!], `Reports say ${keptPhrasing}.`)).toHaveLength(1);
  });

  it('refuses an older version and keeps the installed one', async () => {
    await installPack(db, demoVersion(3, 5));
    const before = await snapshotOf('crosscheck-demo');
    const result = await installPack(db, demoVersion(2, 18));
    expect(result.status).toBe('refused');
    if (result.status === 'refused') expect(result.reason).toMatch(/version 2 .*version 3/);
    expect(await snapshotOf('crosscheck-demo')).toEqual(before);
  });

  it('keeps the previous version whole when the install fails halfway (after the claims were written)', async () => {
    await installPack(db, demoVersion(1, 18));
    const before = await snapshotOf('crosscheck-demo');
    // The pack record is written last, after claims were deleted and the index replaced.
    vi.spyOn(db.packs, 'put').mockRejectedValueOnce(new Error('disk full'));
    await expect(installPack(db, demoVersion(2, 2))).rejects.toThrow('disk full');
    expect(await snapshotOf('crosscheck-demo')).toEqual(before);
  });

  it('keeps the previous version whole when writing the index fails', async () => {
    await installPack(db, demoVersion(1, 18));
    const before = await snapshotOf('crosscheck-demo');
    vi.spyOn(db.packIndexes, 'put').mockRejectedValueOnce(new Error('QuotaExceededError'));
    await expect(installPack(db, demoVersion(2, 2))).rejects.toThrow('QuotaExceededError');
    expect(await snapshotOf('crosscheck-demo')).toEqual(before);
  });
});
