import Dexie from 'dexie';

/**
 * A pack's stored rows as key -> content hash, read from the [packId+contentHash] index alone
 * (no row is loaded): what a new version of the pack is compared with.
 */
export async function storedContentHashes<T>(table: Dexie.Table<T, string>, packId: string): Promise<Map<string, string>> {
  const stored = new Map<string, string>();
  await table
    .where('[packId+contentHash]')
    .between([packId, Dexie.minKey], [packId, Dexie.maxKey])
    .eachKey((indexKey, cursor) => {
      stored.set(cursor.primaryKey as string, (indexKey as [string, string])[1]);
    });
  return stored;
}
