import { READER_VERSION, type EarlierBuild } from '../matching/claim-index';
import type { CrosscheckDatabase } from './crosscheck-database';
import { ClaimIndexSnapshotSchema, type PackRecord } from './records';
import { storedContentHashes } from './stored-content-hashes';

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
  return db.transaction('r', [db.packs, db.claims, db.packIndexes], async () => {
    const [pack, row] = await Promise.all([db.packs.get(packId), db.packIndexes.get(packId)]);
    if (!pack || !row) return undefined;
    const parsed = ClaimIndexSnapshotSchema.safeParse(row.index);
    // An older build's index (another layout, or another reading of the same wordings) is not reused.
    if (!parsed.success || parsed.data.reader !== READER_VERSION) return undefined;
    const stored = await storedContentHashes(db.claims, packId);
    return {
      snapshot: parsed.data,
      unchanged: (key) => stored.get(key) !== undefined && stored.get(key) === hashes.get(key),
      storedHashes: stored,
      stamp: packStamp(pack),
    };
  });
}
