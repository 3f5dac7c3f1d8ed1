import { OWN_PACK_ID } from '../annotations/annotation-record';
import { deletePackClaims } from './claim-chunks';
import type { CrosscheckDatabase } from './crosscheck-database';
import { deletePackIndex, indexTables } from './pack-index-parts';

/**
 * Removes a pack with its claims, sources and index, all or nothing. The user's own pack is made
 * from their annotations and goes only with them.
 */
export async function removePack(db: CrosscheckDatabase, packId: string): Promise<boolean> {
  if (packId === OWN_PACK_ID) return false;
  return db.transaction('rw', [db.packs, db.claimChunks, db.sources, ...indexTables(db)], async () => {
    const existing = await db.packs.get(packId);
    if (!existing) return false;
    await deletePackClaims(db, packId);
    await db.sources.where('packId').equals(packId).delete();
    await deletePackIndex(db, packId);
    await db.claimHashes.delete(packId);
    await db.packs.delete(packId);
    return true;
  });
}
