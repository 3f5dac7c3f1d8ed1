import Dexie from 'dexie';
import type { ClaimIndexSnapshot } from '../matching/claim-index';
import { joinIndex, splitIndex, type IndexHead, type IndexPairs, type IndexShard } from '../matching/index-parts';
import type { CrosscheckDatabase } from './crosscheck-database';
import { IndexHeadSchema, IndexPairsSchema, IndexShardSchema } from './records';

/** The exact half of a pack's index (database version 6 on; `index` held the whole index before). */
export interface PackIndexRecord {
  packId: string;
  packVersion: number;
  index: IndexHead;
}
export interface IndexShardRecord extends IndexShard {
  packId: string;
}
export interface IndexPairsRecord {
  packId: string;
  pairs: IndexPairs;
}

/** The tables holding match indexes: a transaction that writes one writes all three. */
export const indexTables = (db: IndexTables) => [db.packIndexes, db.indexShards, db.indexPairs];
type IndexTables = Pick<CrosscheckDatabase, 'packIndexes' | 'indexShards' | 'indexPairs'>;

const packShards = (db: IndexTables, packId: string) =>
  db.indexShards.where('[packId+shard]').between([packId, Dexie.minKey], [packId, Dexie.maxKey], true, true);

/** Stores a pack's index in its parts, replacing the one before. Call within a transaction over indexTables(db). */
export async function putPackIndex(db: IndexTables, packId: string, packVersion: number, index: ClaimIndexSnapshot): Promise<void> {
  const { head, shards, pairs } = splitIndex(index);
  await packShards(db, packId).delete();
  await db.indexShards.bulkPut(shards.map((shard) => ({ ...shard, packId })));
  await db.indexPairs.put({ packId, pairs });
  await db.packIndexes.put({ packId, packVersion, index: head });
}

/** Removes a pack's index. Call within a transaction over indexTables(db). */
export async function deletePackIndex(db: IndexTables, packId: string): Promise<void> {
  await packShards(db, packId).delete();
  await db.indexPairs.delete(packId);
  await db.packIndexes.delete(packId);
}

/**
 * The stored shards of a pack: all of them, or those numbered in `which` that exist. Throws,
 * naming the shard and what is wrong, when one does not fit its schema.
 */
export async function readIndexShards(db: IndexTables, packId: string, which?: readonly number[]): Promise<IndexShard[]> {
  const rows = which ? await db.indexShards.bulkGet(which.map((shard) => [packId, shard])) : await packShards(db, packId).toArray();
  const shards: IndexShard[] = [];
  for (const row of rows) {
    if (row === undefined) continue;
    const parsed = IndexShardSchema.safeParse(row);
    if (!parsed.success) throw new Error(`shard ${String(row.shard)} of the index of "${packId}" does not fit its schema: ${parsed.error.issues[0]?.message}`);
    shards.push(parsed.data);
  }
  return shards;
}

/**
 * A pack's whole index, read and joined. Throws, saying what is wrong, when a part is missing or
 * does not fit its schema; undefined when the pack has no index.
 */
export async function readPackIndex(db: IndexTables, packId: string, head?: IndexHead): Promise<ClaimIndexSnapshot | undefined> {
  const [row, shards, pairs] = await Promise.all([
    head ? { index: head } : db.packIndexes.get(packId),
    readIndexShards(db, packId),
    db.indexPairs.get(packId),
  ]);
  if (!row) return undefined;
  const parsedHead = IndexHeadSchema.safeParse(row.index);
  if (!parsedHead.success) throw new Error(`the stored index of "${packId}" does not fit its schema`);
  const parsedPairs = IndexPairsSchema.safeParse(pairs);
  if (!parsedPairs.success) throw new Error(`the stored index of "${packId}" has no valid pairs`);
  try {
    return joinIndex(parsedHead.data, shards, parsedPairs.data.pairs);
  } catch (error) {
    throw new Error(`the stored index of "${packId}" does not fit together: ${(error as Error).message}`);
  }
}
