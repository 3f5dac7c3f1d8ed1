import type { ClaimView } from '../messaging/claim-view';
import type { CrosscheckDatabase } from './crosscheck-database';
import { getClaims } from './claim-chunks';
import { PackRecordSchema, recordKey, SourceRecordSchema, validRows } from './records';

/** Resolves claims with their sources and pack, in the order of `keys`; unknown keys are left out. */
export async function claimViews(db: CrosscheckDatabase, keys: readonly string[]): Promise<ClaimView[]> {
  if (keys.length === 0) return [];
  const claims = await getClaims(db, keys);
  const sourceKeys = [...new Set(claims.flatMap((c) => c.evidence.map((e) => recordKey(c.packId, e.source))))];
  const packIds = [...new Set(claims.map((c) => c.packId))];
  const [sources, packs] = await Promise.all([db.sources.bulkGet(sourceKeys), db.packs.bulkGet(packIds)]);
  const sourceByKey = new Map(validRows(SourceRecordSchema, sources, 'source').map((s) => [s.key, s]));
  const packById = new Map(validRows(PackRecordSchema, packs, 'pack').map((p) => [p.id, p]));
  return claims.map((claim) => {
    const pack = packById.get(claim.packId);
    return {
      key: claim.key,
      statement: claim.statement,
      verdict: claim.verdict,
      ...(claim.rating ? { rating: claim.rating } : {}),
      summary: claim.summary,
      tags: claim.tags,
      phrasings: claim.phrasings,
      pack: { id: claim.packId, name: pack?.name ?? claim.packId, publisher: pack?.publisher ?? '' },
      evidence: claim.evidence.flatMap((evidence) => {
        const source = sourceByKey.get(recordKey(claim.packId, evidence.source));
        if (!source) return [];
        return [
          {
            stance: evidence.stance,
            quote: evidence.quote,
            source: {
              url: source.url,
              title: source.title,
              publisher: source.publisher,
              ...(source.date ? { date: source.date } : {}),
            },
          },
        ];
      }),
    };
  });
}
