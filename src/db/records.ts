import { z } from 'zod';
import { ClaimSchema } from '../schema/claim';
import { IdSchema, PartialDateSchema, text } from '../schema/common';
import { SourceSchema } from '../schema/source';

/**
 * What the database holds. Claims and sources keep their pack-local id and get a key
 * `<packId>/<id>`, so two packs may both have a claim "c1". Evidence stays embedded in its claim
 * (it is always read with it) and names its source by pack-local id.
 */
export const PackRecordSchema = z.object({
  id: IdSchema,
  name: text(200),
  publisher: text(200),
  version: z.number().int().min(1),
  published: PartialDateSchema,
  license: text(200),
  description: text(2000).optional(),
  builtIn: z.boolean(),
  installedAt: z.number(),
  claimCount: z.number().int().min(0),
  sourceCount: z.number().int().min(0),
  /** claims the publisher withdrew in this version */
  removals: z
    .array(
      z.object({
        id: z.string(),
        removed: z.string().optional(),
        reason: z.string().optional(),
        /** the withdrawn claim's statement, kept from the version that had it, to show users */
        statement: z.string().optional(),
      }),
    )
    .default([]),
});
export type PackRecord = z.infer<typeof PackRecordSchema>;

export const ClaimRecordSchema = ClaimSchema.extend({ key: z.string(), packId: IdSchema, contentHash: z.string() });
export type ClaimRecord = z.infer<typeof ClaimRecordSchema>;

export const SourceRecordSchema = SourceSchema.extend({ key: z.string(), packId: IdSchema, contentHash: z.string() });
export type SourceRecord = z.infer<typeof SourceRecordSchema>;

const isHttpUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

/**
 * A pack the user follows by URL. Sync state lives here, not in the service worker's memory:
 * the worker may be stopped between two syncs. Rows are checked with this schema when read
 * (background/subscriptions/subscription-records.ts), like every other stored record.
 */
export const SubscriptionRecordSchema = z.object({
  url: z.string().max(4096).refine(isHttpUrl, 'an http(s) URL'),
  /** the pack id, once a first sync succeeded */
  packId: IdSchema.optional(),
  /** the Ed25519 public key pinned at subscribe time (base64url), if the pack was signed then */
  pinnedKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a base64url Ed25519 public key').optional(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  addedAt: z.number(),
  lastAttempt: z.number().optional(),
  lastSuccess: z.number().optional(),
  /** capped when written (and when shown): a hostile server must not make it megabytes long */
  lastError: z.string().optional(),
  version: z.number().int().min(1).optional(),
  claimCount: z.number().int().min(0).optional(),
  /**
   * For ClaimReview sources, which carry no version: a fingerprint of the claims and sources last
   * installed, so a sync installs a new version only when they changed.
   */
  contentHash: z.string().optional(),
});
export type SubscriptionRecord = z.infer<typeof SubscriptionRecordSchema>;

export interface SitePreference {
  host: string;
  paused: boolean;
}

export const recordKey = (packId: string, id: string): string => `${packId}/${id}`;

/** The persisted match index (matching/claim-index.ts), checked when a worker loads it. */
const SimilarityIndexSchema = z.object({
  formClaim: z.instanceof(Uint32Array),
  formSlot: z.instanceof(Uint16Array),
  formTokens: z.instanceof(Uint16Array),
  formNegations: z.instanceof(Uint8Array),
  formAgents: z.instanceof(Uint32Array),
  termOffsets: z.instanceof(Uint32Array),
  terms: z.instanceof(Uint32Array),
  weights: z.instanceof(Uint8Array),
  flags: z.instanceof(Uint8Array),
  units: z.instanceof(Uint8Array),
  pairKeys: z.instanceof(Uint32Array),
  pairForms: z.instanceof(Uint32Array),
  filedTerms: z.instanceof(Uint32Array),

});

/**
 * A pack's claim keys, checked in one loop: `z.array(z.string())` would check and copy each of a
 * large pack's 250,000 keys on every worker start, before the first page can be answered.
 */
const ClaimKeysSchema = z.custom<string[]>(
  (value) => Array.isArray(value) && value.every((key) => typeof key === 'string'),
  { message: 'claim keys must be a list of strings' },
);

/** A whole index as database versions 4 and 5 stored it: phrasings as their words' hashes. */
export const WordHashIndexSchema = z.object({
  formatVersion: z.literal(2),
  reader: z.number().int(),
  claimKeys: ClaimKeysSchema,
  phraseClaim: z.instanceof(Uint32Array),
  phraseOffsets: z.instanceof(Uint32Array),
  wordHashes: z.instanceof(Uint32Array),
  shingleKeys: z.instanceof(Uint32Array),
  shinglePhrases: z.instanceof(Uint32Array),
  similar: SimilarityIndexSchema,
});

const phraseTable = {
  phraseClaim: z.instanceof(Uint32Array),
  phraseLengths: z.instanceof(Uint16Array),
  phraseHashes: z.instanceof(Uint32Array),
  shingleKeys: z.instanceof(Uint32Array),
  shinglePhrases: z.instanceof(Uint32Array),
};

/** A whole index as it is built (matching/claim-index.ts): what an upgrade to version 6 may meet from an earlier step. */
export const ClaimIndexSnapshotSchema = z.object({
  formatVersion: z.literal(3),
  reader: z.number().int(),
  claimKeys: ClaimKeysSchema,
  ...phraseTable,
  similar: SimilarityIndexSchema,
});

const count = z.number().int().min(0);

/** A pack's stored index (matching/index-parts.ts, database version 6): the exact half. */
export const IndexHeadSchema = z.object({
  formatVersion: z.literal(3),
  reader: z.number().int(),
  claimCount: count,
  formCount: count,
  ...phraseTable,
});

/** Which install wrote a part: the three parts of one index carry the same. */
const build = z.string().min(1).max(64);

/** The row of a stored index's exact half. */
export const PackIndexRowSchema = z.object({ packId: IdSchema, packVersion: z.number().int(), build, index: IndexHeadSchema });

/** A shard of a stored index: some claims' keys and forms. */
export const IndexShardSchema = SimilarityIndexSchema.omit({ pairKeys: true, pairForms: true, filedTerms: true }).extend({
  packId: IdSchema,
  build,
  shard: count,
  claimKeys: ClaimKeysSchema,
});

/** The pairs a stored index files its forms under. */
export const IndexPairsSchema = z.object({
  packId: IdSchema,
  build,
  pairs: SimilarityIndexSchema.pick({ pairKeys: true, pairForms: true, filedTerms: true }),
});

/**
 * Keeps the rows that still fit their schema, logging the rest: data written by an older build
 * or damaged on disk is left out of what the user sees rather than trusted.
 */
export function validRows<T>(schema: z.ZodType<T>, rows: readonly unknown[], what: string): T[] {
  const valid: T[] = [];
  for (const row of rows) {
    if (row === undefined) continue;
    const parsed = schema.safeParse(row);
    if (parsed.success) valid.push(parsed.data);
    else console.warn(`Crosscheck: ignoring a stored ${what} that does not fit its schema`, parsed.error.issues[0]);
  }
  return valid;
}
