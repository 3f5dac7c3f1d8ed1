import type { CrosscheckDatabase } from './crosscheck-database';

/** Removes a pack with its claims, sources and index, all or nothing. */
export async function removePack(db: CrosscheckDatabase, packId: string): Promise<boolean> {
  return db.transaction('rw', [db.packs, db.claims, db.sources, db.packIndexes], async () => {
    const existing = await db.packs.get(packId);
    if (!existing) return false;
    await db.claims.where('packId').equals(packId).delete();
    await db.sources.where('packId').equals(packId).delete();
    await db.packIndexes.delete(packId);
    await db.packs.delete(packId);
    return true;
  });
}
