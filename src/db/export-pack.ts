import { PACK_FORMAT, PackSchema, type Pack } from '../schema/pack';
import { ClaimSchema } from '../schema/claim';
import { SourceSchema } from '../schema/source';
import type { CrosscheckDatabase } from './crosscheck-database';
import { inKeyOrder, packClaims } from './claim-chunks';
import { packStamp } from './earlier-build';
import { PackRecordSchema, SourceRecordSchema, validRows } from './records';
import { claimHashesRow } from './stored-content-hashes';

/**
 * An installed pack as a pack file again: what a desk re-publishes, or a user shares. The rows
 * are stripped of what only the database needs (keys, pack id, content hashes) by parsing them
 * with the file schemas, and the whole pack is validated like any import, so an export always
 * imports back. Null when no such pack is installed.
 */
export async function exportPack(db: CrosscheckDatabase, packId: string): Promise<Pack | null> {
  const read = await db.transaction('r', [db.packs, db.claimChunks, db.sources, db.claimHashes], async () => {
    const [pack] = validRows(PackRecordSchema, [await db.packs.get(packId)], 'pack');
    if (!pack) return null;
    const [claims, sourceRows, order] = await Promise.all([
      packClaims(db, packId),
      db.sources.where('packId').equals(packId).toArray(),
      // The pack's own order, which the chunks do not keep: its claim keys in the order installed
      // (without a usable row, chunk order: reading the chunks again would tell no more).
      claimHashesRow(db, packId, packStamp(pack)),
    ]);
    return { pack, claims: order ? inKeyOrder(claims, order.keys()) : claims, sourceRows };
  });
  if (!read) return null;
  const { pack, claims, sourceRows } = read;
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
    claims: claims.map((row) => ClaimSchema.parse(row)),
    removals: pack.removals,
  });
}
