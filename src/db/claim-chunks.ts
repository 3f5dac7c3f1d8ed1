import Dexie from 'dexie';
import { z } from 'zod';
import { hashWord } from '../matching/hash-words';
import type { CrosscheckDatabase } from './crosscheck-database';
import { ClaimRecordSchema, validRows, type ClaimRecord } from './records';

/**
 * Claims are stored in chunks, a row per pack and chunk (database version 8 on, ADR 0013).
 * IndexedDB's cost is per row: 250,000 claim rows took 46 s to write in a worker, the same claims
 * in a couple of thousand rows about a second. A claim's chunk is worked out from its key alone,
 * so reading one claim reads one row (about 120 claims at 250,000, 40 KB: under the 64 KB that
 * Chromium keeps inline rather than as a file).
 */
export const CLAIM_CHUNKS = 2048;

export interface ClaimChunkRecord {
  packId: string;
  chunk: number;
  /** in the pack's order */
  claims: ClaimRecord[];
}

type ChunkTable = Pick<CrosscheckDatabase, 'claimChunks'>;

/** Checked when read: a row that does not fit is left out whole; its claims are checked one by one. */
const ClaimChunkRowSchema = z.object({ packId: z.string(), chunk: z.number(), claims: z.array(z.unknown()) });

/**
 * Where a claim is stored. Rows are found by this alone, so changing it (the hash or CLAIM_CHUNKS)
 * needs a database version that moves every claim; tests pin a few of its values.
 */
export function chunkOf(key: string): number {
  const h = hashWord(key);
  // FNV-1a's low bits alone follow the key's last characters too closely.
  return ((h ^ (h >>> 16)) >>> 0) % CLAIM_CHUNKS;
}

const packIdOf = (key: string): string => key.slice(0, key.indexOf('/'));

const packChunks = (db: ChunkTable, packId: string) =>
  db.claimChunks.where('[packId+chunk]').between([packId, Dexie.minKey], [packId, Dexie.maxKey], true, true);

/** The claims of valid rows, each checked, rows in order. */
function claimsOf(rows: readonly unknown[]): ClaimRecord[] {
  const claims: unknown[] = [];
  for (const row of validRows(ClaimChunkRowSchema, rows, 'claim chunk')) claims.push(...row.claims);
  return validRows(ClaimRecordSchema, claims, 'claim');
}

/** The stored claims with these keys, in the order of `keys`; unknown keys are left out. */
export async function getClaims(db: ChunkTable, keys: readonly string[]): Promise<ClaimRecord[]> {
  if (keys.length === 0) return [];
  const homes = new Map<string, [string, number]>();
  const rowKeys = new Map<string, [string, number]>();
  for (const key of keys) {
    const home: [string, number] = [packIdOf(key), chunkOf(key)];
    homes.set(key, home);
    rowKeys.set(home.join('\n'), home);
  }
  const rows = validRows(ClaimChunkRowSchema, await db.claimChunks.bulkGet([...rowKeys.values()]), 'claim chunk');
  const found = new Map<string, unknown>();
  for (const row of rows)
    for (const claim of row.claims) {
      const key = (claim as { key?: unknown } | null)?.key;
      const home = typeof key === 'string' ? homes.get(key) : undefined;
      // Only from the row it belongs in: a claim stored in another is not the one asked for.
      if (home && home[0] === row.packId && home[1] === row.chunk) found.set(key as string, claim);
    }
  return validRows(ClaimRecordSchema, keys.map((key) => found.get(key)), 'claim');
}

export async function getClaim(db: ChunkTable, key: string): Promise<ClaimRecord | undefined> {
  return (await getClaims(db, [key]))[0];
}

/** Claims sorted by where their keys come in `keys` (a pack's order); those not in it go last. */
export function inKeyOrder<T extends { key: string }>(claims: T[], keys: Iterable<string>): T[] {
  const position = new Map<string, number>();
  for (const key of keys) position.set(key, position.size);
  return claims.sort((a, b) => (position.get(a.key) ?? Infinity) - (position.get(b.key) ?? Infinity));
}

/** A pack's stored claims, in chunk order (the pack's own order is in its claimHashes row). */
export async function packClaims(db: ChunkTable, packId: string): Promise<ClaimRecord[]> {
  return claimsOf(await packChunks(db, packId).toArray());
}

/** A pack's stored claims as key -> content hash, read from the chunks (their rows unchecked but for these two). */
export async function chunkedClaimHashes(db: ChunkTable, packId: string): Promise<Map<string, string>> {
  const stored = new Map<string, string>();
  await packChunks(db, packId).each((row: ClaimChunkRecord) => {
    for (const claim of Array.isArray(row.claims) ? row.claims : []) {
      if (typeof claim?.key === 'string' && typeof claim.contentHash === 'string') stored.set(claim.key, claim.contentHash);
    }
  });
  return stored;
}

export async function deletePackClaims(db: ChunkTable, packId: string): Promise<void> {
  await packChunks(db, packId).delete();
}

/**
 * Every stored claim that `worth` lets through (asked of the stored value before it is checked
 * against its schema, which costs more), a chunk at a time, until `visit` returns false.
 */
export async function eachClaim(
  db: ChunkTable,
  visit: (claim: ClaimRecord) => boolean,
  worth: (stored: unknown) => boolean = () => true,
): Promise<void> {
  let going = true;
  await db.claimChunks
    .toCollection()
    .until(() => !going)
    .each((row: unknown) => {
      const [valid] = validRows(ClaimChunkRowSchema, [row], 'claim chunk');
      for (const claim of validRows(ClaimRecordSchema, valid?.claims.filter(worth) ?? [], 'claim'))
        if (!visit(claim)) {
          going = false;
          break;
        }
    });
}

export interface ClaimChanges {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
}

/**
 * Stores a pack's claims, replacing the version before: a chunk is written when one of its claims
 * is new, changed or gone, and deleted when none is left in it. The whole pack is at hand, so a
 * chunk is written from it without reading what it held.
 * @param stored the pack's stored claims, key -> content hash
 */
export async function writePackClaims(
  db: ChunkTable,
  packId: string,
  claims: readonly ClaimRecord[],
  stored: ReadonlyMap<string, string>,
): Promise<ClaimChanges> {
  const byChunk = new Map<number, ClaimRecord[]>();
  const dirty = new Set<number>();
  let added = 0;
  let put = 0;
  const kept = new Set<string>();
  for (const claim of claims) {
    const chunk = chunkOf(claim.key);
    let list = byChunk.get(chunk);
    if (!list) byChunk.set(chunk, (list = []));
    list.push(claim);
    kept.add(claim.key);
    const hash = stored.get(claim.key);
    if (hash === undefined) added++;
    if (hash !== claim.contentHash) {
      put++;
      dirty.add(chunk);
    }
  }
  let removed = 0;
  for (const key of stored.keys())
    if (!kept.has(key)) {
      removed++;
      dirty.add(chunkOf(key));
    }
  const rows: ClaimChunkRecord[] = [];
  const emptied: [string, number][] = [];
  for (const chunk of dirty) {
    const list = byChunk.get(chunk);
    if (list) rows.push({ packId, chunk, claims: list });
    else emptied.push([packId, chunk]);
  }
  if (emptied.length) await db.claimChunks.bulkDelete(emptied);
  if (rows.length) await db.claimChunks.bulkPut(rows);
  return { added, changed: put - added, removed, unchanged: claims.length - put };
}
