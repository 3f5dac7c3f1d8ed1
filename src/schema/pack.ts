import { z } from 'zod';
import { ClaimSchema } from './claim';
import { IdSchema, PartialDateSchema, text } from './common';
import { SourceSchema } from './source';

export const PACK_FORMAT = 'crosscheck-pack';

/**
 * A claim pack file: the unit users import, share and subscribe to. docs/pack-format.md is the
 * documentation; this schema is the definition.
 */
export const PackSchema = z
  .object({
    format: z.literal(PACK_FORMAT),
    formatVersion: z.literal(1),
    id: IdSchema,
    name: text(200).min(1),
    publisher: text(200).min(1),
    version: z.number().int().min(1),
    published: PartialDateSchema,
    license: text(200).min(1),
    description: text(2000).optional(),
    sources: z.array(SourceSchema).max(500_000),
    claims: z.array(ClaimSchema).max(500_000),
    /** Claims the publisher withdrew: users learn they were retracted, not silently dropped. */
    removals: z
      .array(z.object({ id: IdSchema, removed: PartialDateSchema.optional(), reason: text(500).optional() }))
      .max(500_000)
      .default([]),
  })
  .superRefine((pack, ctx) => {
    const sourceIds = new Set<string>();
    pack.sources.forEach((source, i) => {
      if (sourceIds.has(source.id))
        ctx.addIssue({ code: 'custom', path: ['sources', i, 'id'], message: `duplicate source id "${source.id}"` });
      sourceIds.add(source.id);
    });
    const claimIds = new Set<string>();
    pack.claims.forEach((claim, i) => {
      if (claimIds.has(claim.id))
        ctx.addIssue({ code: 'custom', path: ['claims', i, 'id'], message: `duplicate claim id "${claim.id}"` });
      claimIds.add(claim.id);
      claim.evidence.forEach((evidence, j) => {
        if (!sourceIds.has(evidence.source))
          ctx.addIssue({
            code: 'custom',
            path: ['claims', i, 'evidence', j, 'source'],
            message: `no source with id "${evidence.source}" in this pack`,
          });
      });
    });
    pack.removals.forEach((removal, i) => {
      if (claimIds.has(removal.id))
        ctx.addIssue({
          code: 'custom',
          path: ['removals', i, 'id'],
          message: `claim "${removal.id}" is both listed and removed`,
        });
    });
  });
export type Pack = z.infer<typeof PackSchema>;
export type PackInput = z.input<typeof PackSchema>;
