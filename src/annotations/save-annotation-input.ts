import { z } from 'zod';
import { text } from '../schema/common';
import { VerdictSchema } from '../schema/verdict';
import { AnnotationSourceSchema, PassageSelectorsSchema } from './annotation-record';

/**
 * What the tagging panel sends to save an annotation: a new claim of the user's own (or an edit of
 * it), or an existing claim of any pack found by search; tags; sources with their stance.
 */
export const AnnotationClaimChoiceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('own'),
    statement: text(1000).min(1, 'a statement of the claim'),
    verdict: VerdictSchema,
    summary: text(4000).default(''),
  }),
  z.object({ kind: z.literal('existing'), claimKey: z.string().min(3).max(400) }),
]);
export type AnnotationClaimChoice = z.infer<typeof AnnotationClaimChoiceSchema>;

export const SaveAnnotationSchema = z.object({
  /** the annotation to edit; absent for a new one, which needs `draftId` */
  id: z.string().min(1).max(200).optional(),
  /** the passage the content script described when the annotator chose "Tag claim" */
  draftId: z.string().min(1).max(100).optional(),
  claim: AnnotationClaimChoiceSchema,
  tags: z.array(text(60).min(1)).max(30).default([]),
  sources: z.array(AnnotationSourceSchema).max(100).default([]),
});
export type SaveAnnotation = z.infer<typeof SaveAnnotationSchema>;

/** A passage awaiting its annotation: kept in session storage while the panel is open. */
export const TagDraftSchema = z.object({
  id: z.string(),
  tabId: z.number().int(),
  pageUrl: z.string(),
  pageTitle: z.string(),
  target: PassageSelectorsSchema,
  created: z.number(),
});
export type TagDraft = z.infer<typeof TagDraftSchema>;
