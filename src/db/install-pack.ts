import Dexie from 'dexie';
import { benchNow, recordBenchTime } from '../bench-timings';
import { OWN_PACK_ID } from '../annotations/annotation-record';
import { buildClaimIndex } from '../matching/claim-index';
import type { Pack } from '../schema/pack';
import { getClaims, writePackClaims, type ClaimChanges } from './claim-chunks';
import { claimContentHash, sourceContentHash } from './content-hash';
import { earlierBuild, packStamp } from './earlier-build';
import { indexTables, putPackIndex } from './pack-index-parts';
import { claimHashesRecord, storedClaimHashes, storedContentHashes } from './stored-content-hashes';
import type { CrosscheckDatabase } from './crosscheck-database';
import { recordKey, type ClaimRecord, type PackRecord, type SourceRecord } from './records';

export type InstallResult =
  | { status: 'installed'; pack: PackRecord; previousVersion?: number; skippedPhrasings: number; claims: ClaimChanges }
  | { status: 'unchanged'; pack: PackRecord }
  | { status: 'refused'; reason: string };

/**
 * Installs a validated pack, replacing an older version of it. Only what changed is written: each
 * claim and source carries a content hash, and the stored hashes are read without loading the rows
 * (claims' from the pack's claimHashes row, sources' from their [packId+contentHash] index), so
 * a 1% update rewrites 1% of the sources and the claim chunks holding a changed claim.
 *
 * Everything happens in one read-write transaction: a failure or a closed browser halfway leaves
 * the previous version whole, and two callers racing to install the same pack (onInstalled and a
 * first page message) end with one copy. The match index is built before the transaction (pure
 * CPU) and stored with the claims; for a new version it starts from the installed version's index.
 */
export async function installPack(
  db: CrosscheckDatabase,
  pack: Pack,
  options: { builtIn?: boolean; now?: number; own?: boolean } = {},
): Promise<InstallResult> {
  // The user's own claims are rebuilt from their annotations only (db/own-pack.ts): a file or a
  // subscription under that id would overwrite the user's work.
  if (pack.id === OWN_PACK_ID && !options.own)
    return { status: 'refused', reason: `the pack id "${OWN_PACK_ID}" is reserved for your own claims` };
  // The same or an older version is answered before its index is built (the transaction asks again).
  const early = versionVerdict(pack, await db.packs.get(pack.id));
  if (early) return early;
  let start = benchNow();
  const claims: ClaimRecord[] = pack.claims.map((claim) => ({
    ...claim,
    key: recordKey(pack.id, claim.id),
    packId: pack.id,
    contentHash: claimContentHash(claim),
  }));
  const sources: SourceRecord[] = pack.sources.map((source) => ({
    ...source,
    key: recordKey(pack.id, source.id),
    packId: pack.id,
    contentHash: sourceContentHash(source),
  }));
  recordBenchTime('crosscheck:install-hash', start);
  start = benchNow();
  // A new version of an installed pack reuses how the unchanged claims' wordings were read.
  const earlier = await earlierBuild(db, pack.id, new Map(claims.map((claim) => [claim.key, claim.contentHash])));
  recordBenchTime('crosscheck:install-earlier', start);
  // Built before the install's own transaction: Chromium aborts a transaction whose finished
  // requests wait 60 s for a busy thread, and a large pack can take that long to index on a slow
  // machine. (A subscription's sync installs inside its transaction, after a network fetch.)
  start = benchNow();
  const { snapshot, skipped } = buildClaimIndex(claims, earlier);
  recordBenchTime('crosscheck:install-index', start);
  const record: PackRecord = {
    id: pack.id,
    name: pack.name,
    publisher: pack.publisher,
    version: pack.version,
    published: pack.published,
    license: pack.license,
    ...(pack.description === undefined ? {} : { description: pack.description }),
    builtIn: options.builtIn ?? false,
    installedAt: options.now ?? Date.now(),
    claimCount: claims.length,
    sourceCount: sources.length,
    removals: pack.removals,
  };

  start = benchNow();
  const result = await db.transaction('rw', [db.packs, db.claimChunks, db.sources, ...indexTables(db)], async (): Promise<InstallResult> => {
    const existing = await db.packs.get(pack.id);
    const verdict = versionVerdict(pack, existing);
    if (verdict) return verdict;
    record.removals = await describeRemovals(db, pack, existing);
    // The claims' stored hashes were read with the installed index; still true if the pack record
    // is the one they were read with, since a pack's claims are written only with its record.
    const storedClaims =
      earlier && existing && packStamp(existing) === earlier.stamp
        ? earlier.storedHashes
        : await storedClaimHashes(db, pack.id, existing && packStamp(existing));
    let step = benchNow();
    const claimChanges = await writePackClaims(db, pack.id, claims, storedClaims);
    await db.claimHashes.put(claimHashesRecord(pack.id, packStamp(record), claims));
    recordBenchTime('crosscheck:install-claims', step);
    await replaceRows(db.sources, sources, await storedContentHashes(db.sources, pack.id));
    step = benchNow();
    await putPackIndex(db, pack.id, pack.version, snapshot);
    recordBenchTime('crosscheck:install-index-write', step);
    await db.packs.put(record);
    return {
      status: 'installed',
      pack: record,
      ...(existing ? { previousVersion: existing.version } : {}),
      skippedPhrasings: skipped.length,
      claims: claimChanges,
    };
  });
  recordBenchTime('crosscheck:install-write', start);
  return result;
}

/** Refused when older than the installed version, unchanged when the same; undefined when newer or new. */
function versionVerdict(pack: Pack, existing: PackRecord | undefined): InstallResult | undefined {
  if (existing && existing.version > pack.version)
    return {
      status: 'refused',
      reason: `"${pack.name}" version ${pack.version} is older than the installed version ${existing.version}`,
    };
  if (existing && existing.version === pack.version) return { status: 'unchanged', pack: existing };
  return undefined;
}

/** The pack's removals with the statements of the withdrawn claims, read before they are deleted. */
async function describeRemovals(
  db: CrosscheckDatabase,
  pack: Pack,
  existing: PackRecord | undefined,
): Promise<PackRecord['removals']> {
  if (pack.removals.length === 0) return [];
  const known = new Map((existing?.removals ?? []).map((removal) => [removal.id, removal.statement]));
  const rows = new Map((await getClaims(db, pack.removals.map((removal) => recordKey(pack.id, removal.id)))).map((row) => [row.key, row]));
  return pack.removals.map((removal) => {
    const statement = rows.get(recordKey(pack.id, removal.id))?.statement ?? known.get(removal.id);
    return statement === undefined ? removal : { ...removal, statement };
  });
}

/**
 * Writes the rows of a pack that are new or changed and deletes those no longer in it.
 * @param stored the pack's stored rows, key -> content hash (used up)
 */
async function replaceRows<T extends { key: string; contentHash: string }>(
  table: Dexie.Table<T, string>,
  rows: readonly T[],
  stored: Map<string, string>,
): Promise<ClaimChanges> {
  const put: T[] = [];
  let added = 0;
  for (const row of rows) {
    const hash = stored.get(row.key);
    if (hash === undefined) added++;
    if (hash !== row.contentHash) put.push(row);
    stored.delete(row.key);
  }
  const gone = [...stored.keys()];
  if (gone.length) await table.bulkDelete(gone);
  if (put.length) await table.bulkPut(put);
  return { added, changed: put.length - added, removed: gone.length, unchanged: rows.length - put.length };
}
