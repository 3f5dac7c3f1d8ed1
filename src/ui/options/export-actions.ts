import { database } from '../../db/crosscheck-database';
import { exportPack } from '../../db/export-pack';
import { getClaim } from '../../db/claim-chunks';
import { PackRecordSchema, recordKey, SourceRecordSchema, validRows } from '../../db/records';
import { prettyCanonicalJson } from '../../packs/canonical-json';
import { claimToClaimReview } from '../../packs/claimreview/export-claimreview';
import { ClaimSchema } from '../../schema/claim';
import { SourceSchema } from '../../schema/source';
import { downloadFile } from './download-file';

/** Downloads an installed pack as `<id>-v<version>.json`, in canonical form (ready to sign). */
export async function downloadPack(packId: string): Promise<void> {
  const pack = await exportPack(database(), packId);
  if (!pack) throw new Error(`No pack "${packId}" is installed.`);
  downloadFile(`${pack.id}-v${pack.version}.json`, `${prettyCanonicalJson(pack)}\n`, 'application/json');
}

/** Downloads one claim as schema.org ClaimReview JSON-LD. */
export async function downloadClaimReview(claimKey: string): Promise<void> {
  const db = database();
  const claim = await getClaim(db, claimKey);
  if (!claim) throw new Error('This claim is no longer installed.');
  const [pack] = validRows(PackRecordSchema, [await db.packs.get(claim.packId)], 'pack');
  const sourceKeys = claim.evidence.map((e) => recordKey(claim.packId, e.source));
  const sources = validRows(SourceRecordSchema, await db.sources.bulkGet(sourceKeys), 'source').map((s) => SourceSchema.parse(s));
  const review = claimToClaimReview(ClaimSchema.parse(claim), sources, {
    id: claim.packId,
    name: pack?.name ?? claim.packId,
    publisher: pack?.publisher ?? claim.packId,
  });
  downloadFile(`${claim.id}.claimreview.jsonld`, `${JSON.stringify(review, null, 2)}\n`, 'application/ld+json');
}
