import { PACK_FORMAT, PackSchema, type Pack } from '../schema/pack';
import { ClaimSchema } from '../schema/claim';
import { SourceSchema } from '../schema/source';
import type { CrosscheckDatabase } from './crosscheck-database';
import { ClaimRecordSchema, PackRecordSchema, SourceRecordSchema, validRows } from './records';

/**
 * An installed pack as a pack file again: what a desk re-publishes, or a user shares. The rows
 * are stripped of what only the database needs (keys, pack id, content hashes) by parsing them
 * with the file schemas, and the whole pack is validated like any import, so an export always
 * imports back. Null when no such pack is installed.
 */
export async function exportPack(db: CrosscheckDatabase, packId: string): Promise<Pack | null> {
  const [packRow, claimRows, sourceRows] = await Promise.all([
    db.packs.get(packId),
    db.claims.where('packId').equals(packId).toArray(),
    db.sources.where('packId').equals(packId).toArray(),
  ]);
  const [pack] = validRows(PackRecordSchema, [packRow], 'pack');
  if (!pack) return null;
  return PackSchema.parse({
    format: PACK_FORMAT,
    formatVersion: 1,
    id: pack.id,
    name: pack.name,
    publisher: pack.publisher,
    version: pack.version,
    published: pack.published,
    license: pack.license,
    ...(pack.description ? { description: pack.description } : {}),
    sources: validRows(SourceRecordSchema, sourceRows, 'source').map((row) => SourceSchema.parse(row)),
    claims: validRows(ClaimRecordSchema, claimRows, 'claim').map((row) => ClaimSchema.parse(row)),
    removals: pack.removals,
  });
}
