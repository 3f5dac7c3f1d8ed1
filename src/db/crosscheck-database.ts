import Dexie, { type Table, type Transaction } from 'dexie';
import { buildClaimIndex, READER_VERSION, type ClaimIndexSnapshot } from '../matching/claim-index';
import { phraseHashes } from '../matching/hash-words';
import type { z } from 'zod';
import { OWN_PACK_ID } from '../annotations/annotation-record';
import { storedClaimHash, storedSourceHash } from './content-hash';
import type { AnnotationRecord } from '../annotations/annotation-record';
import { putPackIndex, type IndexPairsRecord, type IndexShardRecord, type PackIndexRecord } from './pack-index-parts';
import { claimHashesRecord, type ClaimHashesRecord } from './stored-content-hashes';
import { inKeyOrder, writePackClaims, type ClaimChunkRecord } from './claim-chunks';
import { packStamp } from './earlier-build';
import { ClaimIndexSnapshotSchema, WordHashIndexSchema, type ClaimRecord, type PackRecord, type SitePreference, type SourceRecord, type SubscriptionRecord } from './records';

/** A pack's index as versions 1 to 5 stored it: all of it in one row (its layout changed with them). */
interface WholePackIndexRecord {
  packId: string;
  packVersion: number;
  index: { claimKeys: string[] } & Record<string, unknown>;
}

/**
 * The claim database. It is opened only in the extension's own origin (background, popup,
 * options): IndexedDB opened from a content script would belong to the visited site.
 *
 * Versions: every schema change adds a `this.version(n)` with an upgrade function and a test in
 * tests/unit/database-upgrades.test.ts that opens real data of version n-1.
 *   1: packs, claims, sources, the per-pack match index, per-site preferences.
 *   2: subscriptions; a content hash on every claim and source (indexed with the pack id) so a new
 *      pack version rewrites only what changed; packs record their removals.
 *   3: annotations, the annotator's tagged passages (by page, site, claim, tag, import origin).
 *      Their claims live in the user's own pack (OWN_PACK_ID), which imports and syncs may not use.
 *   4: no new table; every pack's match index is rebuilt in format 2, which adds the similarity
 *      index (statements and phrasings as weighted key terms) behind the match tiers.
 *   5: no new table; every match index is rebuilt and records the reader that built it
 *      (READER_VERSION), since a new version of a pack now reuses what the installed index read.
 *   6: each match index is stored in parts (db/pack-index-parts.ts): the exact half stays in
 *      packIndexes, the similarity forms go to indexShards by claim, their pairs to indexPairs.
 *      A worker woken by a page answers it from the exact half and the shards of the claims hit.
 *   7: claimHashes, each pack's claim keys and content hashes in one row, written by its install,
 *      so a new version is compared without reading 250,000 index entries. No upgrade: a pack
 *      installed before has no row, and its next version reads the claims' index once, as before
 *      (until version 8, which writes every pack's row).
 *   8: claimChunks, the claims in a row per pack and chunk (db/claim-chunks.ts): IndexedDB's cost
 *      is per row. The upgrade moves every pack's claims there (in the pack's order where its
 *      claimHashes row still gives it) and writes that row.
 *   9: the claims table, emptied by version 8, is dropped.
 */
export class CrosscheckDatabase extends Dexie {
  packs!: Table<PackRecord, string>;
  claimChunks!: Table<ClaimChunkRecord, [string, number]>;
  sources!: Table<SourceRecord, string>;
  packIndexes!: Table<PackIndexRecord, string>;
  indexShards!: Table<IndexShardRecord, [string, number]>;
  indexPairs!: Table<IndexPairsRecord, string>;
  sitePreferences!: Table<SitePreference, string>;
  subscriptions!: Table<SubscriptionRecord, string>;
  annotations!: Table<AnnotationRecord, string>;
  claimHashes!: Table<ClaimHashesRecord, string>;

  constructor(name = 'crosscheck', options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores({
      packs: 'id',
      claims: 'key, packId, verdict, *tags',
      sources: 'key, packId',
      packIndexes: 'packId',
      sitePreferences: 'host',
    });
    this.version(2)
      .stores({
        claims: 'key, packId, verdict, *tags, [packId+contentHash]',
        sources: 'key, packId, [packId+contentHash]',
        subscriptions: 'url, packId',
      })
      .upgrade(upgradeToVersion2);
    this.version(3)
      .stores({ annotations: 'id, pageUrl, site, claimKey, *tags, importedFrom, modified' })
      .upgrade(upgradeToVersion3);
    // Version 4's rebuild is version 5's too: a database older than 4 is rebuilt once, by 5.
    this.version(4).stores({});
    this.version(5).upgrade(rebuildMatchIndexes);
    this.version(6).stores({ indexShards: '[packId+shard]', indexPairs: 'packId' }).upgrade(splitMatchIndexes);
    this.version(7).stores({ claimHashes: 'packId' });
    // In two steps: version 8's upgrade reads the claims table that version 9 deletes.
    this.version(8).stores({ claimChunks: '[packId+chunk]' }).upgrade(moveClaimsToChunks);
    this.version(9).stores({ claims: null });
  }
}

/** Version 1 rows get the content hash version 2 diffs on, and packs an empty removal list. */
export async function upgradeToVersion2(tx: Transaction): Promise<void> {
  await tx.table('claims').toCollection().modify((claim: Record<string, unknown>) => {
    claim.contentHash = storedClaimHash(claim);
  });
  await tx.table('sources').toCollection().modify((source: Record<string, unknown>) => {
    source.contentHash = storedSourceHash(source);
  });
  await tx.table('packs').toCollection().modify((pack: Record<string, unknown>) => {
    pack.removals ??= [];
  });
}

/**
 * A pack imported under the id now reserved for the user's own claims (possible only before
 * version 3) would be taken for the user's work and edited by the annotator: it is moved aside
 * under a new id, with its claims and index, before anything else can see it.
 */
export async function upgradeToVersion3(tx: Transaction): Promise<void> {
  const packs = tx.table('packs');
  const foreign = (await packs.get(OWN_PACK_ID)) as Record<string, unknown> | undefined;
  if (!foreign) return;
  const newId = `${OWN_PACK_ID}-imported`;
  const rekey = (row: Record<string, unknown>) => ({
    ...row,
    packId: newId,
    key: `${newId}/${String(row.key).slice(OWN_PACK_ID.length + 1)}`,
  });
  for (const name of ['claims', 'sources']) {
    const table = tx.table(name);
    const rows = (await table.where('packId').equals(OWN_PACK_ID).toArray()) as Record<string, unknown>[];
    await table.bulkDelete(rows.map((row) => row.key as string));
    await table.bulkAdd(rows.map(rekey));
  }
  const stored = (await tx.table('packIndexes').get(OWN_PACK_ID)) as WholePackIndexRecord | undefined;
  if (stored) {
    await tx.table('packIndexes').delete(OWN_PACK_ID);
    const claimKeys = stored.index.claimKeys.map((key) => `${newId}/${key.slice(OWN_PACK_ID.length + 1)}`);
    await tx.table('packIndexes').add({ ...stored, packId: newId, index: { ...stored.index, claimKeys } });
  }
  await packs.delete(OWN_PACK_ID);
  await packs.add({ ...foreign, id: newId });
}

/**
 * Every pack's index rebuilt from its stored claims, in the upgrade's transaction, so no pack goes
 * unmatched in between: the matcher skips an index it cannot read. Version 4: indexes in format 1
 * had no similarity index. Version 5: indexes had no reader version. (It reads the claims table
 * and writes the whole-row index of those versions: a rebuild from version 9 on reads the claim
 * chunks, packClaims, and writes the index in parts, putPackIndex.)
 */
export async function rebuildMatchIndexes(tx: Transaction): Promise<void> {
  const packs = (await tx.table('packs').toArray()) as PackRecord[];
  for (const pack of packs) {
    const claims = (await tx.table('claims').where('packId').equals(pack.id).toArray()) as ClaimRecord[];
    const { snapshot } = buildClaimIndex(claims);
    await tx.table('packIndexes').put({ packId: pack.id, packVersion: pack.version, index: snapshot });
  }
}

/** An index of versions 4 and 5 with its phrasings' words turned into what version 6 keeps of them. */
function withPhraseHashes(index: z.infer<typeof WordHashIndexSchema>): ClaimIndexSnapshot {
  const { phraseOffsets, wordHashes } = index;
  const phrases = phraseOffsets.length - 1;
  const lengths = new Uint16Array(phrases);
  const hashes = new Uint32Array(2 * phrases);
  for (let p = 0; p < phrases; p++) {
    lengths[p] = phraseOffsets[p + 1]! - phraseOffsets[p]!;
    phraseHashes(wordHashes, phraseOffsets[p]!, lengths[p]!, hashes, 2 * p);
  }
  const { phraseOffsets: _offsets, wordHashes: _words, ...rest } = index;
  return { ...rest, formatVersion: 3, phraseLengths: lengths, phraseHashes: hashes };
}

/**
 * Version 6: each whole index split into its parts, its phrasings kept as lengths and hashes,
 * without reading a wording again. One that no longer fits its schema or was read by another
 * reader is rebuilt from the pack's claims; one whose pack is gone is deleted.
 */
export async function splitMatchIndexes(tx: Transaction): Promise<void> {
  const tables = {
    packIndexes: tx.table('packIndexes') as CrosscheckDatabase['packIndexes'],
    indexShards: tx.table('indexShards') as CrosscheckDatabase['indexShards'],
    indexPairs: tx.table('indexPairs') as CrosscheckDatabase['indexPairs'],
  };
  const packs = (await tx.table('packs').toArray()) as PackRecord[];
  for (const pack of packs) {
    const row = (await tx.table('packIndexes').get(pack.id)) as WholePackIndexRecord | undefined;
    // (An index rebuilt by version 4 or 5's upgrade in the same upgrade is already in today's layout.)
    const built = ClaimIndexSnapshotSchema.safeParse(row?.index);
    const older = WordHashIndexSchema.safeParse(row?.index);
    let index: ClaimIndexSnapshot;
    if (built.success && built.data.reader === READER_VERSION) index = built.data;
    else if (older.success && older.data.reader === READER_VERSION) index = withPhraseHashes(older.data);
    else {
      const claims = (await tx.table('claims').where('packId').equals(pack.id).toArray()) as ClaimRecord[];
      index = buildClaimIndex(claims).snapshot;
    }
    await putPackIndex(tables, pack.id, pack.version, index);
  }
  // An index whose pack is gone would stay in the old layout, warned about at every worker start.
  const ids = new Set(packs.map((pack) => pack.id));
  const keys = (await tx.table('packIndexes').toCollection().primaryKeys()) as string[];
  await tx.table('packIndexes').bulkDelete(keys.filter((key) => !ids.has(key)));
}

/**
 * Version 8: each pack's claims moved from their rows into chunks, with the claimHashes row a new
 * version is compared with. Claims whose pack is gone go with the claims table.
 */
export async function moveClaimsToChunks(tx: Transaction): Promise<void> {
  const tables = { claimChunks: tx.table('claimChunks') as CrosscheckDatabase['claimChunks'] };
  const packs = (await tx.table('packs').toArray()) as PackRecord[];
  for (const pack of packs) {
    const claims = (await tx.table('claims').where('packId').equals(pack.id).toArray()) as ClaimRecord[];
    // The table gives key order; the pack's own order (which export keeps) is in version 7's row.
    const row = (await tx.table('claimHashes').get(pack.id)) as Partial<ClaimHashesRecord> | undefined;
    if (row?.stamp === packStamp(pack) && typeof row.keys === 'string') inKeyOrder(claims, row.keys.split('\n'));
    await writePackClaims(tables, pack.id, claims, new Map());
    await tx.table('claimHashes').put(claimHashesRecord(pack.id, packStamp(pack), claims));
  }
  await tx.table('claims').clear();
}

let shared: CrosscheckDatabase | undefined;

/** The one database of this extension context. */
export function database(): CrosscheckDatabase {
  shared ??= new CrosscheckDatabase();
  return shared;
}
