import { z } from 'zod';
import { HttpUrlSchema, IdSchema, PartialDateSchema, text } from './common';

/** A document that supports or contradicts claims: an article, report or fact check. */
export const SourceSchema = z.object({
  id: IdSchema,
  url: HttpUrlSchema,
  title: text(500).min(1),
  publisher: text(200).min(1),
  date: PartialDateSchema.optional(),
});
export type Source = z.infer<typeof SourceSchema>;
