import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CrosscheckDatabase } from '../../src/db/crosscheck-database';
import { installPack } from '../../src/db/install-pack';
import { removePack } from '../../src/db/remove-pack';
import { demoPackCopy, freshDatabase, smallPack, storedClaims } from './support/test-database';

let db: CrosscheckDatabase;
beforeEach(() => {
  db = freshDatabase();
});
afterEach(() => db.delete());

const other = () =>
  smallPack({
    id: 'other-pack',
    claims: [{ id: 'c1', statement: 'A claim', phrasings: ['a claim that is long enough to match'], verdict: 'false' }],
  });

describe('removePack', () => {
  it('deletes the pack with its claims, sources and index, and nothing of other packs', async () => {
    const demo = demoPackCopy();
    await installPack(db, demo);
    await installPack(db, other());
    const otherBefore = {
      claims: await storedClaims(db, 'other-pack'),
      sources: await db.sources.where('packId').equals('other-pack').toArray(),
    };

    expect(await removePack(db, demo.id)).toBe(true);

    expect(await db.packs.get(demo.id)).toBeUndefined();
    expect((await storedClaims(db, demo.id)).length).toBe(0);
    expect(await db.sources.where('packId').equals(demo.id).count()).toBe(0);
    expect(await db.packIndexes.get(demo.id)).toBeUndefined();

    expect(await db.packs.get('other-pack')).toBeDefined();
    expect(await db.packIndexes.get('other-pack')).toBeDefined();
    expect(await storedClaims(db, 'other-pack')).toEqual(otherBefore.claims);
    expect(await db.sources.where('packId').equals('other-pack').toArray()).toEqual(otherBefore.sources);
  });

  it('reports false for a pack that is not installed', async () => {
    await installPack(db, other());
    expect(await removePack(db, 'no-such-pack')).toBe(false);
    expect((await storedClaims(db)).length).toBe(1);
  });

  it('lets a removed pack be installed again', async () => {
    const demo = demoPackCopy();
    await installPack(db, demo);
    await removePack(db, demo.id);
    expect((await installPack(db, demoPackCopy())).status).toBe('installed');
    expect((await storedClaims(db)).length).toBe(demo.claims.length);
  });
});
