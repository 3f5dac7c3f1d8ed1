import Dexie from 'dexie';
import type { EarlierBuild } from '../matching/claim-index';
import type { CrosscheckDatabase } from './crosscheck-database';
import { ClaimIndexSnapshotSchema } from './records';

/**
 * What a new version of an installed pack can keep from the index of the version before: that
 * index, and which claims are unchanged (same content hash), so their wordings are not read again.
 * Both are read in one transaction, so they describe the same stored version. An index that does
 * not fit its schema (an older build's) is not reused: the new one is built from scratch.
 */
export async function earlierBuild(
  db: CrosscheckDatabase,
  packId: string,
  hashes: ReadonlyMap<string, string>,
): Promise<EarlierBuild | undefined> {
  return db.transaction('r', [db.claims, db.packIndexes], async () => {
    const row = await db.packIndexes.get(packId);
    if (!row) return undefined;
    const parsed = ClaimIndexSnapshotSchema.safeParse(row.index);
    if (!parsed.success) return undefined;
    const stored = new Map<string, string>();
    await db.claims
      .where('[packId+contentHash]')
      .between([packId, Dexie.minKey], [packId, Dexie.maxKey])
      .eachKey((indexKey, cursor) => {
        stored.set(cursor.primaryKey as string, (indexKey as [string, string])[1]);
      });
    return { snapshot: parsed.data, unchanged: (key) => stored.get(key) !== undefined && stored.get(key) === hashes.get(key) };
  });
}
