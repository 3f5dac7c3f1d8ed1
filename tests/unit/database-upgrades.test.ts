import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { CrosscheckDatabase } from '../../src/db/crosscheck-database';
import { installPack } from '../../src/db/install-pack';
import { buildClaimIndex, MIN_PHRASE_WORDS, READER_VERSION } from '../../src/matching/claim-index';
import { hashWord } from '../../src/matching/hash-words';
import { phraseWords } from '../../src/matching/tokenize';
import { claimContentHash } from '../../src/db/content-hash';
import { earlierBuild, packStamp } from '../../src/db/earlier-build';
import { storedClaimHashes } from '../../src/db/stored-content-hashes';
import { splitIndex } from '../../src/matching/index-parts';
import { demoPackCopy, storedIndex, storedClaims } from './support/test-database';
import { OWN_PACK_ID } from '../../src/annotations/annotation-record';
import { chunkedClaimHashes, getClaim } from '../../src/db/claim-chunks';

/**
 * Each database version is opened on data written by the version before it, exactly as that
 * version wrote it, and must keep everything and behave as a fresh install would.
 */
const opened: Dexie[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
});

/** The database as version 1 of Crosscheck defined it. */
function version1(name: string): Dexie {
  const db = new Dexie(name, { indexedDB, IDBKeyRange });
  db.version(1).stores({
    packs: 'id',
    claims: 'key, packId, verdict, *tags',
    sources: 'key, packId',
    packIndexes: 'packId',
    sitePreferences: 'host',
  });
  opened.push(db);
  return db;
}

/** A match index as builds before the match tiers stored it: format 1, without `similar`. */
/** An index as database versions 4 and 5 stored it: each phrasing as its words' hashes. */
function wordHashIndex(claims: Parameters<typeof buildClaimIndex>[0]) {
  const { snapshot } = buildClaimIndex(claims);
  const offsets = [0];
  const words: number[] = [];
  for (const claim of claims) {
    const seen = new Set<string>();
    for (const phrasing of claim.phrasings) {
      const list = phraseWords(phrasing);
      if (list.length < MIN_PHRASE_WORDS || seen.has(list.join(' '))) continue;
      seen.add(list.join(' '));
      words.push(...list.map(hashWord));
      offsets.push(words.length);
    }
  }
  const { phraseLengths: _lengths, phraseHashes: _hashes, ...rest } = snapshot;
  return { ...rest, formatVersion: 2, phraseOffsets: Uint32Array.from(offsets), wordHashes: Uint32Array.from(words) };
}

function formatOneIndex(claims: Parameters<typeof buildClaimIndex>[0]) {
  const { similar: _similar, ...exact } = buildClaimIndex(claims).snapshot;
  return { ...exact, formatVersion: 1 };
}

/** Writes the demo pack the way version 1's installPack did: no hashes, no removals. */
async function seedVersion1(db: Dexie) {
  const pack = demoPackCopy();
  const claims = pack.claims.map(({ appearances: _a, claimant: _c, ...claim }) => ({
    ...claim,
    key: `${pack.id}/${claim.id}`,
    packId: pack.id,
  }));
  await db.table('claims').bulkAdd(claims);
  await db.table('sources').bulkAdd(pack.sources.map((s) => ({ ...s, key: `${pack.id}/${s.id}`, packId: pack.id })));
  await db.table('packIndexes').put({ packId: pack.id, packVersion: 1, index: formatOneIndex(claims) });
  await db.table('packs').put({
    id: pack.id, name: pack.name, publisher: pack.publisher, version: 1, published: pack.published,
    license: pack.license, builtIn: true, installedAt: 1, claimCount: claims.length, sourceCount: pack.sources.length,
  });
  await db.table('sitePreferences').put({ host: 'paused.example', paused: true });
  return pack;
}

describe('database version 1 -> 2', () => {
  it('opens even when an old row is damaged, keeping it out of view until its pack replaces it', async () => {
    const name = `upgrade-${Date.now()}-${Math.random()}`;
    const old = version1(name);
    const pack = await seedVersion1(old);
    const damagedKey = `${pack.id}/${pack.claims[0]!.id}`;
    await old.table('claims').update(damagedKey, { phrasings: ['short'], verdict: 'pants-on-fire' });
    old.close();

    const db = new CrosscheckDatabase(name, { indexedDB, IDBKeyRange });
    opened.push(db);
    await db.open();
    expect((await storedClaims(db)).length).toBe(pack.claims.length);
    expect((await chunkedClaimHashes(db, pack.id)).get(damagedKey)).toMatch(/^damaged-/);
    expect(await getClaim(db, damagedKey)).toBeUndefined();
    const { claimViews } = await import('../../src/db/claim-views');
    expect(await claimViews(db, [damagedKey])).toEqual([]);

    const result = await installPack(db, { ...demoPackCopy(), version: 2 });
    expect(result.status === 'installed' && result.claims).toMatchObject({ changed: 1, unchanged: pack.claims.length - 1 });
    expect((await claimViews(db, [damagedKey])).map((view) => view.verdict)).toEqual([pack.claims[0]!.verdict]);
  });

  it('keeps every pack, claim, source and preference, and adds content hashes', async () => {
    const name = `upgrade-${Date.now()}-${Math.random()}`;
    const old = version1(name);
    const pack = await seedVersion1(old);
    old.close();

    const db = new CrosscheckDatabase(name, { indexedDB, IDBKeyRange });
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(9);
    expect((await storedClaims(db)).length).toBe(pack.claims.length);
    expect(await db.sources.count()).toBe(pack.sources.length);
    expect((await db.packs.get(pack.id))?.removals).toEqual([]);
    expect(await db.sitePreferences.get('paused.example')).toEqual({ host: 'paused.example', paused: true });
    expect(await db.subscriptions.count()).toBe(0);
    for (const claim of await storedClaims(db)) expect(claim.contentHash).toMatch(/^[0-9a-z]+$/);
  });

  it('hashes old rows exactly as a fresh install would, so the next version rewrites only real changes', async () => {
    const name = `upgrade-${Date.now()}-${Math.random()}`;
    const old = version1(name);
    const pack = await seedVersion1(old);
    old.close();
    const db = new CrosscheckDatabase(name, { indexedDB, IDBKeyRange });
    opened.push(db);

    const next = { ...demoPackCopy(), version: 2 };
    next.claims[0] = { ...next.claims[0]!, summary: 'Revised summary.' };
    const result = await installPack(db, next);
    expect(result.status).toBe('installed');
    if (result.status !== 'installed') return;
    expect(result.claims).toEqual({ added: 0, changed: 1, removed: 0, unchanged: pack.claims.length - 1 });
    expect((await getClaim(db, `${pack.id}/${next.claims[0]!.id}`))?.summary).toBe('Revised summary.');
  });
});

/** The database as version 2 of Crosscheck defined it. */
function version2(name: string): Dexie {
  const db = version1(name);
  db.version(2).stores({
    claims: 'key, packId, verdict, *tags, [packId+contentHash]',
    sources: 'key, packId, [packId+contentHash]',
    subscriptions: 'url, packId',
  });
  return db;
}

describe('database version 2 -> 3', () => {
  it('keeps everything, adds an empty annotations table, and annotations save into it', async () => {
    const name = `upgrade-${Date.now()}-${Math.random()}`;
    const old = version2(`${name}-v2`);
    await old.open();
    await old.table('subscriptions').put({ url: 'https://desk.example/pack.json', addedAt: 1 });
    old.close();
    const seeded = new CrosscheckDatabase(`${name}-v2`, { indexedDB, IDBKeyRange });
    opened.push(seeded);
    await installPack(seeded, demoPackCopy(), { builtIn: true });
    expect(seeded.verno).toBe(9);
    expect(await seeded.annotations.count()).toBe(0);
    expect(await seeded.subscriptions.count()).toBe(1);
    expect((await storedClaims(seeded)).length).toBe(demoPackCopy().claims.length);
  });

  it('moves a pack that was imported under the id now reserved for the user’s own claims', async () => {
    const name = `upgrade-${Date.now()}-${Math.random()}`;
    const old = version2(name);
    await old.open();
    const pack = demoPackCopy();
    const claims = pack.claims.map((claim) => ({ ...claim, key: `${OWN_PACK_ID}/${claim.id}`, packId: OWN_PACK_ID, contentHash: 'h' }));
    await old.table('claims').bulkAdd(claims);
    await old.table('sources').bulkAdd(pack.sources.map((s) => ({ ...s, key: `${OWN_PACK_ID}/${s.id}`, packId: OWN_PACK_ID, contentHash: 'h' })));
    await old.table('packIndexes').put({ packId: OWN_PACK_ID, packVersion: 1, index: formatOneIndex(claims) });
    await old.table('packs').put({
      id: OWN_PACK_ID, name: 'Someone else’s pack', publisher: 'Desk', version: 1, published: '2025', license: 'CC0',
      builtIn: false, installedAt: 1, claimCount: claims.length, sourceCount: pack.sources.length, removals: [],
    });
    old.close();

    const db = new CrosscheckDatabase(name, { indexedDB, IDBKeyRange });
    opened.push(db);
    await db.open();
    const moved = `${OWN_PACK_ID}-imported`;
    expect(await db.packs.get(OWN_PACK_ID)).toBeUndefined();
    expect((await db.packs.get(moved))?.name).toBe('Someone else’s pack');
    expect((await storedClaims(db, moved)).length).toBe(claims.length);
    expect((await storedClaims(db, OWN_PACK_ID)).length).toBe(0);
    const index = await storedIndex(db, moved);
    expect(index?.claimKeys.every((key) => key.startsWith(`${moved}/`))).toBe(true);
    // and its claims are still found on pages, under their new keys
    const { claimViews } = await import('../../src/db/claim-views');
    expect((await claimViews(db, [`${moved}/${pack.claims[0]!.id}`])).map((v) => v.pack.name)).toEqual(['Someone else’s pack']);
  });
});

/** The database as version 3 of Crosscheck defined it. */
function version3(name: string): Dexie {
  const db = version2(name);
  db.version(3).stores({ annotations: 'id, pageUrl, site, claimKey, *tags, importedFrom, modified' });
  return db;
}

/** The demo pack as versions 2–4 stored it (content hashes, removals), with the index `indexOf` gives. */
async function seedHashedPack(
  db: Dexie,
  hashOf: (claim: ReturnType<typeof demoPackCopy>['claims'][number]) => string,
  indexOf: (claims: Parameters<typeof buildClaimIndex>[0]) => unknown,
) {
  const pack = demoPackCopy();
  const claims = pack.claims.map((claim) => ({ ...claim, key: `${pack.id}/${claim.id}`, packId: pack.id, contentHash: hashOf(claim) }));
  await db.table('claims').bulkAdd(claims);
  await db.table('sources').bulkAdd(pack.sources.map((s) => ({ ...s, key: `${pack.id}/${s.id}`, packId: pack.id, contentHash: 'h' })));
  await db.table('packIndexes').put({ packId: pack.id, packVersion: 1, index: indexOf(claims) });
  await db.table('packs').put({
    id: pack.id, name: pack.name, publisher: pack.publisher, version: 1, published: pack.published, license: pack.license,
    builtIn: true, installedAt: 1, claimCount: claims.length, sourceCount: pack.sources.length, removals: [],
  });
  return { pack, claims };
}

describe('database version 3 -> 4', () => {
  it('rebuilds every stored match index in format 2, so passages in other words are found at once', async () => {
    const name = `upgrade-${Date.now()}-${Math.random()}`;
    const old = version3(name);
    await old.open();
    const { pack, claims } = await seedHashedPack(old, () => 'h', formatOneIndex);
    await old.table('annotations').put({ id: 'a1', pageUrl: 'https://news.example/', site: 'news.example', modified: 1 });
    old.close();

    const db = new CrosscheckDatabase(name, { indexedDB, IDBKeyRange });
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(9);
    expect((await db.packIndexes.get(pack.id))?.packVersion).toBe(1);
    // (format 2 at version 4; 3, with phrasings as lengths and hashes, since version 6)
    expect((await storedIndex(db, pack.id))?.formatVersion).toBe(3);
    expect((await storedClaims(db)).length).toBe(claims.length);
    expect(await db.annotations.count()).toBe(1);
    // The matcher reads the rebuilt index: a claim in its statement's words, not a phrasing, is found.
    const { createMatchService } = await import('../../src/background/match-service');
    const claim = pack.claims.find((c) => c.id === 'nk-13000-workers-2024')!;
    expect(claim.phrasings).not.toContain(claim.statement);
    const { hits } = await createMatchService(db).complete([{ id: 0, text: `Officials say ${claim.statement}` }]);
    expect(hits.map((hit) => hit.claim)).toEqual([`${pack.id}/${claim.id}`]);
  });
});

function version4(name: string): Dexie {
  const db = version3(name);
  db.version(4).stores({});
  return db;
}

describe('database version 4 -> 5', () => {
  it('rebuilds every index with the reader that built it, and the next version of its pack builds over it', async () => {
    const name = `upgrade-${Date.now()}-${Math.random()}`;
    const old = version4(name);
    await old.open();
    // As version 4 stored its index: format 2, without the reader.
    const { pack, claims } = await seedHashedPack(old, claimContentHash, (rows) => {
      const { reader: _reader, ...withoutReader } = wordHashIndex(rows);
      return withoutReader;
    });
    old.close();

    const db = new CrosscheckDatabase(name, { indexedDB, IDBKeyRange });
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(9);
    const stored = (await storedIndex(db, pack.id))!;
    expect(stored).toEqual(buildClaimIndex([...claims].sort((a, b) => (a.key < b.key ? -1 : 1))).snapshot);
    expect(stored.reader).toBe(READER_VERSION);
    const { createMatchService } = await import('../../src/background/match-service');
    const claim = pack.claims[0]!;
    const { hits } = await createMatchService(db).match([{ id: 0, text: `Officials say ${claim.phrasings[0]}.` }]);
    expect(hits.map((hit) => hit.claim)).toContain(`${pack.id}/${claim.id}`);
    const hashes = new Map(claims.map((c) => [c.key, c.contentHash]));
    expect((await earlierBuild(db, pack.id, hashes))?.unchanged(claims[0]!.key)).toBe(true);
  });

  it('goes with the reader version: a change to how wordings are read needs a version that rebuilds', () => {
    // Bump the reader with a database version that rebuilds every index from the claim chunks.
    // Version 6 split the stored index without reading a wording again; 7 to 9 left it alone.
    expect({ reader: READER_VERSION, database: new CrosscheckDatabase(`verno-${Math.random()}`, { indexedDB, IDBKeyRange }).verno }).toEqual({
      reader: 1,
      database: 9,
    });
  });

  it('never builds over an index another reader made', async () => {
    const db = new CrosscheckDatabase(`reader-${Date.now()}-${Math.random()}`, { indexedDB, IDBKeyRange });
    opened.push(db);
    const pack = demoPackCopy();
    await installPack(db, pack);
    const row = (await db.packIndexes.get(pack.id))!;
    await db.packIndexes.put({ ...row, index: { ...row.index, reader: READER_VERSION - 1 } });
    expect(await earlierBuild(db, pack.id, new Map())).toBeUndefined();
  });
});


function version5(name: string): Dexie {
  const db = version4(name);
  db.version(5).stores({});
  return db;
}

describe('database version 5 -> 6', () => {
  it('splits every stored index into its parts, phrasings as lengths and hashes, without reading a wording again, and the matcher answers from them', async () => {
    const name = `upgrade-${Date.now()}-${Math.random()}`;
    const old = version5(name);
    await old.open();
    const whole = (rows: Parameters<typeof buildClaimIndex>[0]) => buildClaimIndex(rows).snapshot;
    const { pack, claims } = await seedHashedPack(old, claimContentHash, wordHashIndex);
    // A second pack whose index an older reader made: rebuilt from its claims rather than split.
    const other = { ...demoPackCopy(), id: 'other-pack' };
    const otherClaims = other.claims.map((claim) => ({ ...claim, key: `${other.id}/${claim.id}`, packId: other.id, contentHash: claimContentHash(claim) }));
    await old.table('claims').bulkAdd(otherClaims);
    await old.table('packIndexes').put({ packId: other.id, packVersion: 1, index: { ...wordHashIndex(otherClaims), reader: READER_VERSION - 1 } });
    await old.table('packs').put({ ...(await old.table('packs').get(pack.id)), id: other.id });
    // and an index whose pack is gone
    await old.table('packIndexes').put({ packId: 'gone-pack', packVersion: 1, index: wordHashIndex(otherClaims) });
    old.close();

    const db = new CrosscheckDatabase(name, { indexedDB, IDBKeyRange });
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(9);
    const sorted = (rows: typeof claims) => [...rows].sort((a, b) => (a.key < b.key ? -1 : 1));
    expect(await storedIndex(db, pack.id)).toEqual(whole(claims));
    expect(await storedIndex(db, other.id)).toEqual(whole(sorted(otherClaims)));
    const head = (await db.packIndexes.get(pack.id))!;
    expect(head.index).not.toHaveProperty('similar');
    expect(head.index).not.toHaveProperty('claimKeys');
    expect(await db.indexShards.count()).toBeGreaterThanOrEqual(2);
    expect(await db.indexPairs.count()).toBe(2);
    expect(await db.packIndexes.get('gone-pack')).toBeUndefined();

    const { createMatchService } = await import('../../src/background/match-service');
    const claim = pack.claims[0]!;
    const service = createMatchService(db);
    const first = await service.match([{ id: 0, text: `Officials say ${claim.phrasings[0]}.` }]);
    expect(first.partial).toBe(true);
    expect(first.hits.map((hit) => hit.claim)).toEqual([`${pack.id}/${claim.id}`, `${other.id}/${claim.id}`]);
  });
});

function version6(name: string): Dexie {
  const db = version5(name);
  db.version(6).stores({ indexShards: '[packId+shard]', indexPairs: 'packId' });
  return db;
}

describe('database version 6 -> 7 (and on)', () => {
  it('keeps every pack as it was, and the next version of a pack installed before compares against its claims and stores their hashes', async () => {
    const name = `upgrade-${Date.now()}-${Math.random()}`;
    const old = version6(name);
    await old.open();
    // As version 6's install wrote the pack: its claims, and its index in parts with a build id.
    const { pack, claims } = await seedHashedPack(old, claimContentHash, () => undefined);
    const { head, shards, pairs } = splitIndex(buildClaimIndex(claims).snapshot);
    await old.table('packIndexes').put({ packId: pack.id, packVersion: 1, build: 'b6', index: head });
    await old.table('indexShards').bulkPut(shards.map((shard) => ({ ...shard, packId: pack.id, build: 'b6' })));
    await old.table('indexPairs').put({ packId: pack.id, build: 'b6', pairs });
    old.close();

    const db = new CrosscheckDatabase(name, { indexedDB, IDBKeyRange });
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(9);
    // (Written by version 8, which moves the claims into chunks.)
    expect(await db.claimHashes.count()).toBe(1);
    expect((await storedClaims(db)).length).toBe(claims.length);
    expect(await storedIndex(db, pack.id)).toEqual(buildClaimIndex(claims).snapshot);
    // Its index is reused, its hashes read once.
    expect((await earlierBuild(db, pack.id, new Map()))?.storedHashes).toEqual(new Map(claims.map((c) => [c.key, c.contentHash])));

    const v2 = { ...demoPackCopy(), version: 2 };
    v2.claims[1] = { ...v2.claims[1]!, verdict: 'false' };
    const result = await installPack(db, v2);
    expect(result.status === 'installed' && result.claims).toEqual({ added: 0, changed: 1, removed: 0, unchanged: claims.length - 1 });
    const installed = (await db.packs.get(pack.id))!;
    expect(await storedClaimHashes(db, pack.id, packStamp(installed))).toEqual(await chunkedClaimHashes(db, pack.id));
    expect((await db.claimHashes.get(pack.id))?.stamp).toBe(packStamp(installed));
  });
});
