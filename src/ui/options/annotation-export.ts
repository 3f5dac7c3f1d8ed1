import { ANNOTATION_FILE_EXTENSION, ANNOTATION_MEDIA_TYPE } from '../../annotations/annotation-context';
import { AnnotationRecordSchema, type AnnotationRecord } from '../../annotations/annotation-record';
import { serializeAnnotationCollection } from '../../annotations/to-annotation-collection';
import { database } from '../../db/crosscheck-database';
import { validRows } from '../../db/records';
import { downloadFile } from './download-file';
import { newestFirst } from './annotation-filters';

/** `crosscheck-annotations-YYYY-MM-DD.jsonld`, dated in the user's time zone. */
export function annotationExportFileName(now: Date = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `crosscheck-annotations-${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}${ANNOTATION_FILE_EXTENSION}`;
}

/** Downloads annotations as a W3C AnnotationCollection (JSON-LD); deleted ones are left out. */
export function downloadAnnotations(records: readonly AnnotationRecord[]): number {
  const live = records.filter((record) => record.deletedAt === undefined).sort(newestFirst);
  downloadFile(annotationExportFileName(), serializeAnnotationCollection(live), ANNOTATION_MEDIA_TYPE);
  return live.length;
}

/** Downloads every live annotation, read afresh from the database. */
export async function downloadAllAnnotations(): Promise<number> {
  const rows = await database().annotations.toArray();
  return downloadAnnotations(validRows(AnnotationRecordSchema, rows, 'annotation'));
}
