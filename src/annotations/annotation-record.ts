import { z } from 'zod';
import { HttpUrlSchema, PartialDateSchema, text } from '../schema/common';
import { StanceSchema, VerdictSchema } from '../schema/verdict';

/**
 * An annotator's tagged passage, as stored in the `annotations` table (database version 3) and
 * checked with this schema whenever it is read back. It belongs to the user: pack imports and
 * syncs never write this table.
 */
export const TextQuoteSelectorSchema = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1, 'an exact quote').max(10_000),
  prefix: z.string().max(1_000).default(''),
  suffix: z.string().max(1_000).default(''),
});

export const TextPositionSelectorSchema = z
  .object({
    type: z.literal('TextPositionSelector'),
    start: z.number().int().min(0),
    end: z.number().int().min(0),
  })
  .refine((p) => p.end > p.start, 'a position whose end comes after its start');

export const PassageSelectorsSchema = z.object({
  quote: TextQuoteSelectorSchema,
  position: TextPositionSelectorSchema.optional(),
  positionUnit: z.enum(['code-point', 'utf-16']).default('code-point'),
});

/** A source the annotator added, with its stance on the claim. */
export const AnnotationSourceSchema = z.object({
  url: HttpUrlSchema,
  title: text(500).min(1, 'a title'),
  publisher: text(200).default(''),
  date: PartialDateSchema.optional(),
  stance: StanceSchema,
  quote: text(2000).default(''),
});
export type AnnotationSource = z.infer<typeof AnnotationSourceSchema>;

export const AnchorStateSchema = z.enum(['anchored', 'uncertain', 'orphaned']);

export const AnnotationRecordSchema = z.object({
  /** a UUID for our own annotations; imported ones keep theirs in `importedFrom` */
  id: z.string().min(1).max(200),
  /** the page, without its fragment: the key the content script's page is looked up by */
  pageUrl: HttpUrlSchema,
  /** the page's host name, for the workspace's site filter */
  site: z.string().max(253),
  pageTitle: text(500).default(''),
  target: PassageSelectorsSchema,
  /** `<packId>/<claimId>`: a claim of the user's own pack (OWN_PACK_ID), or of any installed pack */
  claimKey: z.string().min(1).max(400),
  /** the claim as it was when saved, so the annotation still reads well if its pack goes */
  claim: z.object({ statement: text(1000).min(1), verdict: VerdictSchema, summary: text(4000).default('') }),
  tags: z.array(text(60).min(1)).max(30).default([]),
  sources: z.array(AnnotationSourceSchema).max(100).default([]),
  created: z.number(),
  modified: z.number(),
  /** deleted, and undoable until purged */
  deletedAt: z.number().optional(),
  /** what the last visit found */
  anchor: z.object({ state: AnchorStateSchema, score: z.number().min(0).max(1), checkedAt: z.number() }).optional(),
  /** the id (IRI) an imported annotation had where it came from: imports deduplicate on it */
  importedFrom: z.string().max(2048).optional(),
});
export type AnnotationRecord = z.infer<typeof AnnotationRecordSchema>;
export type AnnotationRecordInput = z.input<typeof AnnotationRecordSchema>;

/** The pack that holds the claims annotators create. Imports and syncs may not use this id. */
export const OWN_PACK_ID = 'crosscheck:mine';
