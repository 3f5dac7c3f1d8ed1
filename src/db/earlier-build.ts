import { READER_VERSION, type EarlierBuild } from '../matching/claim-index';
import type { CrosscheckDatabase } from './crosscheck-database';
import { indexTables, readPackIndex } from './pack-index-parts';
import type { PackRecord } from './records';
import { storedClaimHashes } from './stored-content-hashes';

export interface InstalledVersion extends EarlierBuild {
  /** claim key -> content hash, as stored */
  storedHashes: Map<string, string>;
  /** the pack record these were read with: claims change only with it (installs and removals) */
  stamp: string;
}

/** Which stored state of a pack's rows a pack record stands for. */
export const packStamp = (pack: Pick<PackRecord, 'version' | 'installedAt'>): string => `${pack.version}@${pack.installedAt}`;

/**
 * What a new version of an installed pack can keep from the version before: its index, and which
 * claims are unchanged (same content hash), so their wordings are not read again. All of it is read
 * in one transaction, so it describes one stored version.
 */
export async function earlierBuild(
  db: CrosscheckDatabase,
  packId: string,
  hashes: ReadonlyMap<string, string>,
): Promise<InstalledVersion | undefined> {
  return db.transaction('r', [db.packs, db.claimChunks, ...indexTables(db)], async () => {
    const pack = await db.packs.get(packId);
    // An older build's index (another layout, or another reading of the same wordings) is not reused.
    const snapshot = pack && (await readPackIndex(db, packId).catch(() => undefined));
    if (!pack || !snapshot || snapshot.reader !== READER_VERSION) return undefined;
    const stored = await storedClaimHashes(db, packId, packStamp(pack));
    return {
      snapshot,
      unchanged: (key) => stored.get(key) !== undefined && stored.get(key) === hashes.get(key),
      storedHashes: stored,
      stamp: packStamp(pack),
    };
  });
}
