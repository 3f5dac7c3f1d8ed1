import Dexie from 'dexie';
import type { ClaimIndexSnapshot } from '../matching/claim-index';
import { joinIndex, SHARD_CLAIMS, shardProblem, splitIndex, type IndexHead, type IndexPairs, type IndexShard } from '../matching/index-parts';
import { randomId } from '../random-id';
import type { CrosscheckDatabase } from './crosscheck-database';
import { IndexPairsSchema, IndexShardSchema, PackIndexRowSchema } from './records';

/**
 * The exact half of a pack's index (database version 6 on; `index` held the whole index before).
 * `build` names the install that wrote it: its shards and pairs carry the same, so a worker never
 * puts the exact half of one install together with the forms of another.
 */
export interface PackIndexRecord {
  packId: string;
  packVersion: number;
  build: string;
  index: IndexHead;
}
export interface IndexShardRecord extends IndexShard {
  packId: string;
  build: string;
}
export interface IndexPairsRecord {
  packId: string;
  build: string;
  pairs: IndexPairs;
}

/**
 * The tables an install writes besides claims and sources: the three parts of the match index, and
 * the claims' hashes (db/stored-content-hashes.ts). A transaction that writes one writes them all.
 */
export const indexTables = (db: IndexTables & Pick<CrosscheckDatabase, 'claimHashes'>) => [
  db.packIndexes,
  db.indexShards,
  db.indexPairs,
  db.claimHashes,
];
type IndexTables = Pick<CrosscheckDatabase, 'packIndexes' | 'indexShards' | 'indexPairs'>;

const packShards = (db: IndexTables, packId: string) =>
  db.indexShards.where('[packId+shard]').between([packId, Dexie.minKey], [packId, Dexie.maxKey], true, true);

/** Stores a pack's index in its parts, replacing the one before. Call within a transaction over indexTables(db). */
export async function putPackIndex(db: IndexTables, packId: string, packVersion: number, index: ClaimIndexSnapshot): Promise<void> {
  const { head, shards, pairs } = splitIndex(index);
  const build = randomId();
  await packShards(db, packId).delete();
  await db.indexShards.bulkPut(shards.map((shard) => ({ ...shard, packId, build })));
  await db.indexPairs.put({ packId, build, pairs });
  await db.packIndexes.put({ packId, packVersion, build, index: head });
}

/** Removes a pack's index. Call within a transaction over indexTables(db). */
export async function deletePackIndex(db: IndexTables, packId: string): Promise<void> {
  await packShards(db, packId).delete();
  await db.indexPairs.delete(packId);
  await db.packIndexes.delete(packId);
}

/** The stored exact halves that fit their schema; the others are logged and left out. */
export async function readIndexHeads(db: IndexTables): Promise<PackIndexRecord[]> {
  const valid: PackIndexRecord[] = [];
  for (const row of await db.packIndexes.toArray()) {
    // An index stored by an older build in another layout is skipped, not misread.
    const parsed = PackIndexRowSchema.safeParse(row);
    if (parsed.success) valid.push(parsed.data);
    else console.warn('Crosscheck: ignoring a stored match index that does not fit its schema', parsed.error.issues[0]);
  }
  return valid;
}

/**
 * The stored shards of a pack's index: all of them, or those numbered in `which` that exist.
 * Throws, naming the shard and what is wrong, when one does not fit its schema or was written by
 * another install, or (read by number) does not fit its exact half.
 */
export async function readIndexShards(db: IndexTables, row: PackIndexRecord, which?: readonly number[]): Promise<IndexShard[]> {
  const { packId } = row;
  const rows = which ? await db.indexShards.bulkGet(which.map((shard) => [packId, shard])) : await packShards(db, packId).toArray();
  const shards: IndexShard[] = [];
  for (const stored of rows) {
    if (stored === undefined) continue;
    const what = `shard ${String(stored.shard)} of the index of "${packId}"`;
    const parsed = IndexShardSchema.safeParse(stored);
    if (!parsed.success) throw new Error(`${what} does not fit its schema: ${parsed.error.issues[0]?.message}`);
    if (parsed.data.build !== row.build) throw new Error(`${what} is from another install of the pack`);
    // (Read whole, the shards are checked against each other and the head by joinIndex.)
    const problem = which && shardProblem(row.index, parsed.data);
    if (problem) throw new Error(`the index of "${packId}": ${problem}`);
    shards.push(parsed.data);
  }
  return shards;
}

/**
 * Whether every part of a pack's index is stored: as many shards as its claims need, and its
 * pairs. Counted by key, without reading them.
 */
export async function indexComplete(db: IndexTables, row: PackIndexRecord): Promise<boolean> {
  const [shards, pairs] = await Promise.all([packShards(db, row.packId).count(), db.indexPairs.where(':id').equals(row.packId).count()]);
  return shards === Math.ceil(row.index.claimCount / SHARD_CLAIMS) && pairs === 1;
}

/**
 * A pack's whole index, read and joined. Throws, saying what is wrong, when a part is missing,
 * does not fit its schema or was written by another install; undefined when the pack has no index.
 */
export async function readPackIndex(db: IndexTables, packId: string, stored?: PackIndexRecord): Promise<ClaimIndexSnapshot | undefined> {
  const raw = stored ?? (await db.packIndexes.get(packId));
  if (!raw) return undefined;
  const parsed = PackIndexRowSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`the stored index of "${packId}" does not fit its schema`);
  const row = parsed.data;
  const [shards, pairs] = await Promise.all([readIndexShards(db, row), db.indexPairs.get(packId)]);
  const parsedPairs = IndexPairsSchema.safeParse(pairs);
  if (!parsedPairs.success) throw new Error(`the stored index of "${packId}" has no valid pairs`);
  if (parsedPairs.data.build !== row.build) throw new Error(`the pairs of the index of "${packId}" are from another install of the pack`);
  try {
    return joinIndex(row.index, shards, parsedPairs.data.pairs);
  } catch (error) {
    throw new Error(`the stored index of "${packId}" does not fit together: ${(error as Error).message}`);
  }
}
