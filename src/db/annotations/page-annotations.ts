import { AnnotationRecordSchema, type AnnotationRecord } from '../../annotations/annotation-record';
import type { CrosscheckDatabase } from '../crosscheck-database';
import { validRows } from '../records';
import { pageKey } from './save-annotation';

/** The live annotations of one page (its URL without fragment), oldest first. */
export async function pageAnnotations(db: CrosscheckDatabase, url: string): Promise<AnnotationRecord[]> {
  const rows = await db.annotations.where('pageUrl').equals(pageKey(url)).toArray();
  return validRows(AnnotationRecordSchema, rows, 'annotation')
    .filter((row) => row.deletedAt === undefined)
    .sort((a, b) => a.created - b.created);
}

export interface AnchorReport {
  id: string;
  state: 'anchored' | 'uncertain' | 'orphaned';
  score: number;
  codePoints?: { start: number; end: number } | undefined;
}

/**
 * Stores what a visit found for each annotation, for the popup and the workspace. Only
 * annotations of `url` are touched: the report comes from a page, which may lie about the rest.
 */
export async function recordAnchorStates(
  db: CrosscheckDatabase,
  url: string,
  reports: readonly AnchorReport[],
  now = Date.now(),
): Promise<void> {
  const page = pageKey(url);
  await db.transaction('rw', db.annotations, async () => {
    for (const report of reports) {
      const row = await db.annotations.get(report.id);
      if (!row || row.pageUrl !== page || row.deletedAt !== undefined) continue;
      const anchor = { state: report.state, score: Math.max(0, Math.min(1, report.score)), checkedAt: now };
      // A UTF-16 position (Hypothesis) becomes a code-point one once the quote was found exactly;
      // only its length is taken on trust, and it must fit the quote it is stored with.
      const { codePoints } = report;
      const fits =
        codePoints !== undefined &&
        row.target.positionUnit === 'utf-16' &&
        report.state === 'anchored' &&
        report.score === 1 &&
        codePoints.end - codePoints.start === [...row.target.quote.exact].length;
      await db.annotations.update(
        report.id,
        fits
          ? {
              anchor,
              target: {
                ...row.target,
                positionUnit: 'code-point',
                position: { type: 'TextPositionSelector', start: codePoints.start, end: codePoints.end },
              },
            }
          : { anchor },
      );
    }
  });
}
