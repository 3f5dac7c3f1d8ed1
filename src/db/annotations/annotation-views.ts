import type { AnnotationRecord } from '../../annotations/annotation-record';
import { annotationKey, type ClaimView, type EvidenceView } from '../../messaging/claim-view';
import { claimViews } from '../claim-views';
import type { CrosscheckDatabase } from '../crosscheck-database';

/**
 * Annotations as the card and popup show them: the claim they carry (from its pack, or from the
 * annotation's own copy when the pack is gone) with the annotator's sources added to its evidence.
 */
export async function annotationViews(db: CrosscheckDatabase, annotations: readonly AnnotationRecord[]): Promise<ClaimView[]> {
  const claims = new Map(
    (await claimViews(db, [...new Set(annotations.map((a) => a.claimKey))])).map((view) => [view.key, view]),
  );
  return annotations.map((annotation) => {
    const claim = claims.get(annotation.claimKey);
    const own: EvidenceView[] = annotation.sources.map((source) => ({
      stance: source.stance,
      quote: source.quote,
      source: {
        url: source.url,
        title: source.title,
        publisher: source.publisher,
        ...(source.date ? { date: source.date } : {}),
      },
    }));
    const seen = new Set(own.map((e) => `${e.source.url} ${e.stance}`));
    const evidence = [...own, ...(claim?.evidence ?? []).filter((e) => !seen.has(`${e.source.url} ${e.stance}`))];
    return {
      key: annotationKey(annotation.id),
      statement: claim?.statement ?? annotation.claim.statement,
      verdict: claim?.verdict ?? annotation.claim.verdict,
      ...(claim?.rating ? { rating: claim.rating } : {}),
      summary: claim?.summary ?? annotation.claim.summary,
      tags: [...new Set([...annotation.tags, ...(claim?.tags ?? [])])],
      pack: claim?.pack ?? { id: annotation.claimKey.split('/')[0] ?? '', name: 'Removed pack', publisher: '' },
      evidence,
      annotation: {
        id: annotation.id,
        quote: annotation.target.quote.exact,
        tags: annotation.tags,
        ...(annotation.anchor ? { state: annotation.anchor.state, score: annotation.anchor.score } : {}),
      },
    };
  });
}
