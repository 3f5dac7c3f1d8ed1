import { buildClaimIndex } from '../matching/claim-index';
import type { Pack } from '../schema/pack';
import type { CrosscheckDatabase } from './crosscheck-database';
import { recordKey, type ClaimRecord, type PackRecord, type SourceRecord } from './records';

export type InstallResult =
  | { status: 'installed'; pack: PackRecord; previousVersion?: number; skippedPhrasings: number }
  | { status: 'unchanged'; pack: PackRecord }
  | { status: 'refused'; reason: string };

/**
 * Installs a validated pack, replacing an older version of it. Everything happens in one
 * read-write transaction: a failure or a closed browser halfway leaves the previous version whole,
 * and two callers racing to install the same pack (onInstalled and a first page message) end with
 * one copy. The match index is built before the transaction (pure CPU) and stored with the claims.
 */
export async function installPack(
  db: CrosscheckDatabase,
  pack: Pack,
  options: { builtIn?: boolean; now?: number } = {},
): Promise<InstallResult> {
  const claims: ClaimRecord[] = pack.claims.map((claim) => ({
    ...claim,
    key: recordKey(pack.id, claim.id),
    packId: pack.id,
  }));
  const sources: SourceRecord[] = pack.sources.map((source) => ({
    ...source,
    key: recordKey(pack.id, source.id),
    packId: pack.id,
  }));
  const { snapshot, skipped } = buildClaimIndex(claims);
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
  };

  return db.transaction('rw', [db.packs, db.claims, db.sources, db.packIndexes], async (): Promise<InstallResult> => {
    const existing = await db.packs.get(pack.id);
    if (existing && existing.version > pack.version)
      return {
        status: 'refused',
        reason: `"${pack.name}" version ${pack.version} is older than the installed version ${existing.version}`,
      };
    if (existing && existing.version === pack.version) return { status: 'unchanged', pack: existing };
    await db.claims.where('packId').equals(pack.id).delete();
    await db.sources.where('packId').equals(pack.id).delete();
    await db.claims.bulkAdd(claims);
    await db.sources.bulkAdd(sources);
    await db.packIndexes.put({ packId: pack.id, packVersion: pack.version, index: snapshot });
    await db.packs.put(record);
    return {
      status: 'installed',
      pack: record,
      ...(existing ? { previousVersion: existing.version } : {}),
      skippedPhrasings: skipped.length,
    };
  });
}
