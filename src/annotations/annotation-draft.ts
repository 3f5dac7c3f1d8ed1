import { z } from 'zod';
import { describeIssues } from '../packs/parse-pack';
import { AnnotationRecordSchema } from './annotation-record';

/**
 * What the annotation importers produce: an annotation record without what the caller decides.
 * The caller gives it an `id` (a new UUID), its `site` (the page's host), a `claimKey` (a claim of
 * the user's own pack, usually a new one made from `claim`), and `created`/`modified` when the
 * file did not say. `importedFrom` is the annotation's IRI where it came from: imports
 * deduplicate on it (deduplicateImports).
 */
export const AnnotationDraftSchema = AnnotationRecordSchema.pick({
  pageUrl: true,
  pageTitle: true,
  target: true,
  claim: true,
  tags: true,
  sources: true,
  importedFrom: true,
}).extend({
  /** the claim key the file named (crosscheck:claim), if any */
  claimKey: z.string().min(3).max(400).optional(),
  created: z.number().optional(),
  modified: z.number().optional(),
});
export type AnnotationDraft = z.infer<typeof AnnotationDraftSchema>;
export type AnnotationDraftInput = z.input<typeof AnnotationDraftSchema>;

/** The two file formats annotations are imported from. */
export type AnnotationFormat = 'w3c' | 'hypothesis';

export type AnnotationImport =
  | { ok: true; format: AnnotationFormat; annotations: AnnotationDraft[]; warnings: string[] }
  | { ok: false; error: string };

/** At most this many annotations are read from one file; the rest are named in a warning. */
export const MAX_IMPORTED_ANNOTATIONS = 100_000;
/** At most this many warnings are listed; one more line says how many were left out. */
export const MAX_WARNINGS = 200;

/** A warnings list that stops growing at MAX_WARNINGS and counts what it left out. */
export class WarningList {
  readonly items: string[] = [];
  private dropped = 0;

  add(message: string): void {
    if (this.items.length < MAX_WARNINGS) this.items.push(message);
    else this.dropped++;
  }

  /** The warnings, with a last line counting those left out. */
  list(): string[] {
    return this.dropped
      ? [...this.items, `(and ${this.dropped} more warning${this.dropped === 1 ? '' : 's'})`]
      : [...this.items];
  }
}

/**
 * A draft checked against the record schema's limits, or undefined with a warning naming the
 * annotation and the fields that break them.
 */
export function checkDraft(input: AnnotationDraftInput, label: string, warnings: WarningList): AnnotationDraft | undefined {
  const parsed = AnnotationDraftSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  warnings.add(`Skipped ${label}: ${describeIssues(parsed.error, 3).replace(/\n/g, '; ')}.`);
  return undefined;
}
