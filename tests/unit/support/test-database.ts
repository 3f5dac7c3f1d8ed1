import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import type { ClaimChunkRecord } from '../../../src/db/claim-chunks';
import type { ClaimRecord } from '../../../src/db/records';
import { CrosscheckDatabase } from '../../../src/db/crosscheck-database';
import { readPackIndex } from '../../../src/db/pack-index-parts';
import type { ClaimIndexSnapshot } from '../../../src/matching/claim-index';
import demoPackJson from '../../../src/packs/demo-pack.json';
import { PackSchema, type Pack, type PackInput } from '../../../src/schema/pack';

let counter = 0;

/** A database of its own for each test, on fake-indexeddb. */
export function freshDatabase(): CrosscheckDatabase {
  counter += 1;
  return new CrosscheckDatabase(`crosscheck-test-${counter}-${Date.now()}`, { indexedDB, IDBKeyRange });
}

/** The demo pack as a validated Pack (a fresh copy each call, safe to modify). */
export function demoPackCopy(): Pack {
  return PackSchema.parse(structuredClone(demoPackJson));
}

/** The demo pack file's raw JSON (a fresh copy each call, safe to modify). */
export function demoPackRaw(): typeof demoPackJson {
  return structuredClone(demoPackJson);
}

/** A small valid pack of one's own, validated like any imported pack. */
export function smallPack(overrides: Partial<PackInput> & Pick<PackInput, 'id' | 'claims'>): Pack {
  return PackSchema.parse({
    format: 'crosscheck-pack',
    formatVersion: 1,
    name: `Test pack ${overrides.id}`,
    publisher: 'Test desk',
    version: 1,
    published: '2026-01',
    license: 'CC0',
    sources: [{ id: 's1', url: 'https://example.org/report', title: 'A report', publisher: 'Example Org' }],
    ...overrides,
  });
}

/** A pack's stored match index, joined from its parts (undefined when it has none). */
export function storedIndex(db: CrosscheckDatabase, packId: string): Promise<ClaimIndexSnapshot | undefined> {
  return readPackIndex(db, packId);
}

/** Every pack's stored match index, joined from its parts. */
export async function storedIndexes(db: CrosscheckDatabase): Promise<ClaimIndexSnapshot[]> {
  const ids = (await db.packIndexes.toArray()).map((row) => row.packId);
  return (await Promise.all(ids.map((id) => readPackIndex(db, id)))).filter((index) => index !== undefined);
}

/** Every stored claim, or one pack's, in key order (the chunks keep no order of their own). */
export async function storedClaims(db: CrosscheckDatabase, packId?: string): Promise<ClaimRecord[]> {
  const rows = packId === undefined ? await db.claimChunks.toArray() : await db.claimChunks.where('[packId+chunk]').between([packId, Dexie.minKey], [packId, Dexie.maxKey]).toArray();
  return rows.flatMap((row) => row.claims).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Claims written by the spied `db.claimChunks.bulkPut` calls. */
export const claimsPut = (bulkPut: { mock: { calls: unknown[][] } }): ClaimRecord[] =>
  bulkPut.mock.calls.flatMap((call) => (call[0] as ClaimChunkRecord[]).flatMap((row) => row.claims));
