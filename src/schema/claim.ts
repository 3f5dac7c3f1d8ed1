import { z } from 'zod';
import { HttpUrlSchema, IdSchema, PartialDateSchema, text } from './common';
import { StanceSchema, VerdictSchema } from './verdict';

/** One source's position on a claim, with the passage of the source that shows it. */
export const EvidenceSchema = z.object({
  source: IdSchema,
  stance: StanceSchema,
  quote: text(2000).min(1),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

/** A place where the claim was made (ClaimReview's `appearance` / `firstAppearance`). */
export const AppearanceSchema = z.object({
  url: HttpUrlSchema,
  date: PartialDateSchema.optional(),
  title: text(500).optional(),
});
export type Appearance = z.infer<typeof AppearanceSchema>;

/**
 * A checkable statement. `phrasings` are the wordings it is known to appear in on pages: they are
 * what the matcher looks for, so each must be long enough to be specific (see MIN_PHRASE_WORDS in matching/claim-index.ts).
 */
export const ClaimSchema = z.object({
  id: IdSchema,
  statement: text(1000).min(1),
  phrasings: z.array(text(600).min(12, 'a phrasing of at least 12 characters')).min(1).max(50),
  verdict: VerdictSchema,
  /** The publisher's own rating text when it differs from our scale's label. */
  rating: text(200).optional(),
  summary: text(4000).default(''),
  /** who made the claim */
  claimant: text(200).optional(),
  appearances: z.array(AppearanceSchema).max(50).default([]),
  tags: z.array(text(60).min(1)).max(30).default([]),
  /** the fact-check article that reviewed this claim (ClaimReview's `url`), when there is one */
  reviewUrl: HttpUrlSchema.optional(),
  claimed: PartialDateSchema.optional(),
  reviewed: PartialDateSchema.optional(),
  evidence: z.array(EvidenceSchema).max(100).default([]),
});
export type Claim = z.infer<typeof ClaimSchema>;
export type ClaimInput = z.input<typeof ClaimSchema>;
