import { OWN_PACK_ID, AnnotationRecordSchema, type AnnotationRecord } from '../../annotations/annotation-record';
import { PACK_FORMAT, PackSchema, type Pack } from '../../schema/pack';
import type { Claim } from '../../schema/claim';
import type { Source } from '../../schema/source';
import type { CrosscheckDatabase } from '../crosscheck-database';
import { installPack } from '../install-pack';
import { indexTables } from '../pack-index-parts';
import { hash64 } from '../../packs/claimreview/values';
import { validRows } from '../records';

/**
 * The user's own pack is derived from their live annotations and nothing else: each own claim
 * takes its statement, verdict and summary from the annotations that carry it (the latest edit
 * wins), its phrasings from their quotes and its evidence from their sources. Rebuilding it after
 * every change keeps one source of truth, so deleting, undoing and importing annotations need no
 * bookkeeping of their own; installPack rewrites only what changed.
 */
export const OWN_PACK_NAME = 'Your claims';

/** Phrasings the matcher can use elsewhere: long enough to be specific (ClaimSchema's minimum). */
const MIN_PHRASING_CHARS = 12;
/** ClaimSchema's longest phrasing: a longer passage is matched on its page only, by its annotation. */
const MAX_PHRASING_CHARS = 600;

/** A source's id in the own pack: the same URL is one source, whichever annotation cites it. */
const sourceId = (url: string): string => `s-${hash64(url)}`;

export function ownPackFrom(annotations: readonly AnnotationRecord[], version: number): Pack {
  const prefix = `${OWN_PACK_ID}/`;
  const byClaim = new Map<string, AnnotationRecord[]>();
  for (const annotation of annotations) {
    if (annotation.deletedAt !== undefined || !annotation.claimKey.startsWith(prefix)) continue;
    const list = byClaim.get(annotation.claimKey) ?? [];
    list.push(annotation);
    byClaim.set(annotation.claimKey, list);
  }
  const sources = new Map<string, Source>();
  const claims: Claim[] = [];
  for (const [key, group] of byClaim) {
    group.sort((a, b) => b.modified - a.modified);
    const latest = group[0]!;
    const phrasings = [...new Set(group.map((a) => a.target.quote.exact.trim().replace(/\s+/g, ' ')))].filter(
      (quote) => quote.length >= MIN_PHRASING_CHARS && quote.length <= MAX_PHRASING_CHARS,
    );
    const statement = latest.claim.statement;
    if (phrasings.length === 0 && statement.length >= MIN_PHRASING_CHARS && statement.length <= MAX_PHRASING_CHARS) phrasings.push(statement);
    // A claim with nothing to match by (a one-word quote and a short statement) still shows
    // where it was tagged, through its annotation; the pack only carries what can be matched.
    if (phrasings.length === 0) continue;
    const evidence: Claim['evidence'] = [];
    const seen = new Set<string>();
    for (const annotation of group)
      for (const source of annotation.sources) {
        const id = sourceId(source.url);
        if (!sources.has(id))
          sources.set(id, {
            id,
            url: source.url,
            title: source.title,
            publisher: source.publisher || new URL(source.url).hostname,
            ...(source.date ? { date: source.date } : {}),
          });
        if (seen.has(`${id} ${source.stance}`)) continue;
        seen.add(`${id} ${source.stance}`);
        evidence.push({ source: id, stance: source.stance, quote: source.quote || source.title });
      }
    claims.push({
      id: key.slice(prefix.length),
      statement: latest.claim.statement,
      phrasings: phrasings.slice(0, 50),
      verdict: latest.claim.verdict,
      summary: latest.claim.summary,
      appearances: [...new Set(group.map((a) => a.pageUrl))].slice(0, 50).map((url) => ({ url })),
      tags: [...new Set(group.flatMap((a) => a.tags))].slice(0, 30),
      evidence: evidence.slice(0, 100),
    });
  }
  return PackSchema.parse({
    format: PACK_FORMAT,
    formatVersion: 1,
    id: OWN_PACK_ID,
    name: OWN_PACK_NAME,
    publisher: 'You',
    version,
    published: new Date().toISOString().slice(0, 10),
    license: 'Yours',
    description: 'The claims you tagged on pages. Made from your annotations; imports and syncs never change it.',
    sources: [...sources.values()],
    claims,
  });
}

/**
 * Rebuilds the own pack from the annotations table. Called inside the transaction that changed
 * the annotations, so both are written together or not at all.
 */
export async function rebuildOwnPack(db: CrosscheckDatabase): Promise<void> {
  const annotations = validRows(AnnotationRecordSchema, await db.annotations.toArray(), 'annotation');
  const existing = await db.packs.get(OWN_PACK_ID);
  const result = await installPack(db, ownPackFrom(annotations, (existing?.version ?? 0) + 1), { own: true });
  if (result.status === 'refused') throw new Error(result.reason);
}

/** The tables a transaction that changes annotations must hold (rebuildOwnPack writes them). */
export const annotationTables = (db: CrosscheckDatabase) => [db.annotations, db.packs, db.claimChunks, db.sources, ...indexTables(db)];
