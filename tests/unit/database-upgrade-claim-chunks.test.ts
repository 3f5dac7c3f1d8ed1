import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { getClaims } from '../../src/db/claim-chunks';
import { claimViews } from '../../src/db/claim-views';
import { claimContentHash } from '../../src/db/content-hash';
import { CrosscheckDatabase } from '../../src/db/crosscheck-database';
import { packStamp } from '../../src/db/earlier-build';
import { exportPack } from '../../src/db/export-pack';
import { installPack } from '../../src/db/install-pack';
import { storedClaimHashes } from '../../src/db/stored-content-hashes';
import { buildClaimIndex } from '../../src/matching/claim-index';
import { splitIndex } from '../../src/matching/index-parts';
import { demoPackCopy, smallPack, storedClaims, storedIndex } from './support/test-database';

/**
 * Database version 7 -> 9: claims move from a row each into chunks (version 8), and their table
 * is dropped (version 9). Version 7 is written with its whole schema at once, as a database that
 * reached it holds it.
 */
const opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
});

function version7(name: string): Dexie {
  const db = new Dexie(name, { indexedDB, IDBKeyRange });
  db.version(7).stores({
    packs: 'id',
    claims: 'key, packId, verdict, *tags, [packId+contentHash]',
    sources: 'key, packId, [packId+contentHash]',
    packIndexes: 'packId',
    sitePreferences: 'host',
    subscriptions: 'url, packId',
    annotations: 'id, pageUrl, site, claimKey, *tags, importedFrom, modified',
    indexShards: '[packId+shard]',
    indexPairs: 'packId',
    claimHashes: 'packId',
  });
  opened.push(db);
  return db;
}

/** A pack as version 7's install wrote it: a row per claim, its sources, its index in parts. */
async function seedPack(db: Dexie, pack: ReturnType<typeof demoPackCopy>, installedAt: number) {
  const claims = pack.claims.map((claim) => ({ ...claim, key: `${pack.id}/${claim.id}`, packId: pack.id, contentHash: claimContentHash(claim) }));
  await db.table('claims').bulkAdd(claims);
  await db.table('sources').bulkAdd(pack.sources.map((s) => ({ ...s, key: `${pack.id}/${s.id}`, packId: pack.id, contentHash: 'h' })));
  const { head, shards, pairs } = splitIndex(buildClaimIndex(claims).snapshot);
  await db.table('packIndexes').put({ packId: pack.id, packVersion: pack.version, build: 'b7', index: head });
  await db.table('indexShards').bulkPut(shards.map((shard) => ({ ...shard, packId: pack.id, build: 'b7' })));
  await db.table('indexPairs').put({ packId: pack.id, build: 'b7', pairs });
  const record = {
    id: pack.id, name: pack.name, publisher: pack.publisher, version: pack.version, published: pack.published, license: pack.license,
    builtIn: false, installedAt, claimCount: claims.length, sourceCount: pack.sources.length, removals: [],
  };
  await db.table('packs').put(record);
  return { claims, record };
}

const byKey = <T extends { key: string }>(rows: T[]) => [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

describe('database version 7 -> 9', () => {
  it('moves every pack’s claims into chunks unchanged, writes each pack’s hashes row, and drops the claims table', async () => {
    const name = `upgrade-${Date.now()}-${Math.random()}`;
    const old = version7(name);
    await old.open();
    const demo = await seedPack(old, demoPackCopy(), 5);
    const many = smallPack({
      id: 'many-claims',
      claims: Array.from({ length: 300 }, (_, i) => ({
        id: `c${i}`,
        statement: `Claim number ${i} says something checkable about the river crossing.`,
        phrasings: [`the ferry number ${i} crossed the river at dawn with soldiers`],
        verdict: 'unverified' as const,
        summary: 'A generated claim.',
        evidence: [],
      })),
    });
    const other = await seedPack(old, many, 6);
    // Version 7's install wrote this pack's hashes row, its claims in the pack's order.
    await old.table('claimHashes').put({
      packId: many.id,
      stamp: packStamp(other.record),
      keys: other.claims.map((c) => c.key).join('\n'),
      hashes: other.claims.map((c) => c.contentHash).join(' '),
    });
    // A claim whose pack is gone has nothing to go with; an annotation of the user's is left alone.
    await old.table('claims').add({ ...demo.claims[0]!, key: 'gone-pack/x', packId: 'gone-pack' });
    await old.table('annotations').put({ id: 'a1', pageUrl: 'https://news.example/', site: 'news.example', claimKey: demo.claims[0]!.key, modified: 1 });
    old.close();

    const db = new CrosscheckDatabase(name, { indexedDB, IDBKeyRange });
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(9);
    expect(db.backendDB().objectStoreNames.contains('claims')).toBe(false);
    expect(await storedClaims(db)).toEqual(byKey([...demo.claims, ...other.claims]));
    // Read back by key, in the order asked, from rows of several claims each.
    const keys = [other.claims[299]!.key, demo.claims[3]!.key, 'gone-pack/x', other.claims[0]!.key];
    expect((await getClaims(db, keys)).map((claim) => claim.key)).toEqual([keys[0], keys[1], keys[3]]);
    expect(await db.claimChunks.count()).toBeLessThan(demo.claims.length + other.claims.length);
    for (const { claims, record } of [demo, other]) {
      expect(await storedClaimHashes(db, record.id, packStamp(record))).toEqual(new Map(claims.map((c) => [c.key, c.contentHash])));
      // Written (or written again) by the upgrade, for the installed version, so a sync trusts it.
      expect((await db.claimHashes.get(record.id))?.stamp).toBe(packStamp(record));
    }
    expect((await db.claimHashes.get(demo.record.id))?.keys.split('\n')).toEqual(byKey(demo.claims).map((c) => c.key));
    // The pack's own order (c0, c1, ..., c10, ...), not the claims table's key order, is kept.
    expect((await db.claimHashes.get(many.id))?.keys.split('\n')).toEqual(other.claims.map((c) => c.key));
    expect((await exportPack(db, many.id))?.claims.map((claim) => claim.id)).toEqual(many.claims.map((claim) => claim.id));
    expect(await db.annotations.count()).toBe(1);
    expect(await storedIndex(db, many.id)).toEqual(buildClaimIndex(other.claims).snapshot);
    expect((await claimViews(db, [demo.claims[0]!.key])).map((view) => view.statement)).toEqual([demo.claims[0]!.statement]);

    // The next version is compared with the moved claims, and the pack exports in its own order.
    const v2 = { ...many, version: 2, claims: many.claims.map((c, i) => (i === 7 ? { ...c, verdict: 'false' as const } : c)) };
    const result = await installPack(db, v2);
    expect(result.status === 'installed' && result.claims).toEqual({ added: 0, changed: 1, removed: 0, unchanged: 299 });
    expect((await exportPack(db, many.id))?.claims.map((claim) => claim.id)).toEqual(many.claims.map((claim) => claim.id));
  });
});
