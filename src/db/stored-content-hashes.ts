import Dexie from 'dexie';
import { z } from 'zod';
import { chunkedClaimHashes } from './claim-chunks';
import type { CrosscheckDatabase } from './crosscheck-database';
import type { ClaimRecord } from './records';

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

/**
 * The keys and content hashes of a pack's claims as its last install wrote them (database version
 * 7 on), in one row. Reading 250,000 entries of the index above took 11.5 s in a worker, most of
 * a 1% sync; one row of two strings is read in milliseconds. `stamp` is the pack record's
 * (packStamp): claims are written only with their pack record, so a row with another stamp does
 * not describe the stored claims and is not used.
 */
export interface ClaimHashesRecord {
  packId: string;
  stamp: string;
  /** claim keys joined by "\n" (ids have no line breaks) */
  keys: string;
  /** their content hashes in the same order, joined by " " */
  hashes: string;
}

const ClaimHashesRecordSchema = z.object({ packId: z.string(), stamp: z.string(), keys: z.string(), hashes: z.string() });

export function claimHashesRecord(packId: string, stamp: string, claims: readonly Pick<ClaimRecord, 'key' | 'contentHash'>[]): ClaimHashesRecord {
  return {
    packId,
    stamp,
    keys: claims.map((claim) => claim.key).join('\n'),
    hashes: claims.map((claim) => claim.contentHash).join(' '),
  };
}

/** The row's claims as key -> hash, or undefined when it does not fit its schema or itself. */
function unpack(row: unknown): Map<string, string> | undefined {
  const parsed = ClaimHashesRecordSchema.safeParse(row);
  if (!parsed.success) return undefined;
  const { keys, hashes } = parsed.data;
  if (keys === '') return hashes === '' ? new Map() : undefined;
  const keyList = keys.split('\n');
  const hashList = hashes.split(' ');
  if (keyList.length !== hashList.length) return undefined;
  const stored = new Map<string, string>();
  for (let i = 0; i < keyList.length; i++) stored.set(keyList[i]!, hashList[i]!);
  return stored;
}

/**
 * The row's claims as key -> content hash, in the pack's order, when the row belongs to the
 * installed version (`stamp`) and fits; undefined otherwise.
 */
export async function claimHashesRow(db: Pick<CrosscheckDatabase, 'claimHashes'>, packId: string, stamp: string): Promise<Map<string, string> | undefined> {
  const row = await db.claimHashes.get(packId);
  return row?.stamp === stamp ? unpack(row) : undefined;
}

/**
 * A pack's stored claims as key -> content hash: from the row its install wrote when that row
 * belongs to the installed version, otherwise (a row lost or spoiled, or no pack) from the claim
 * chunks. Call within a transaction over the claimChunks and claimHashes tables.
 */
export async function storedClaimHashes(
  db: Pick<CrosscheckDatabase, 'claimChunks' | 'claimHashes'>,
  packId: string,
  stamp: string | undefined,
): Promise<Map<string, string>> {
  return (stamp !== undefined && (await claimHashesRow(db, packId, stamp))) || chunkedClaimHashes(db, packId);
}
