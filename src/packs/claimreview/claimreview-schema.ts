import { z } from 'zod';

/**
 * Lenient shapes for the fact-check data we import: schema.org ClaimReview JSON-LD and Google's
 * Fact Check Tools `claims:search` response. Publishers' markup varies a lot, so every field is
 * optional, a field of the wrong type reads as absent (`.catch(undefined)`) instead of failing the
 * review, and unknown fields pass through. What the values mean is decided in fact-check-record.ts.
 */

/** JSON-LD text: a string, a number, `{ "@value": … }`, or a list of them (the first one counts). */
function firstText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = firstText(item);
      if (text !== undefined) return text;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object' && '@value' in value) return firstText(value['@value']);
  return undefined;
}

const LdText = z.preprocess(firstText, z.string().optional()).catch(undefined);

/** One JSON-LD node, or the first object of a list. */
const firstObject = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.find((item) => item !== null && typeof item === 'object' && !Array.isArray(item));
  return value;
};

/** A JSON-LD value that may be one item or a list of items, as a list. */
const asList = (value: unknown): unknown[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

/** `@type` as written: a string or a list of strings. */
export const LdTypeSchema = z
  .preprocess(asList, z.array(z.unknown()))
  .transform((types) => types.filter((type): type is string => typeof type === 'string'))
  .catch([]);

/** A Person or Organization: an object with a name and/or url, or just a name as a string. */
export const LdAgentSchema = z
  .preprocess(
    (value) => (typeof value === 'string' ? { name: value } : firstObject(value)),
    z.looseObject({ '@type': LdTypeSchema.optional(), name: LdText, url: LdText, site: LdText }).optional(),
  )
  .catch(undefined);
export type LdAgent = NonNullable<z.infer<typeof LdAgentSchema>>;

/** A CreativeWork a claim appeared in: an object with a url, or the URL as a string. */
const LdWorkBase = z.looseObject({
  '@type': LdTypeSchema.optional(),
  url: LdText,
  '@id': LdText,
  contentUrl: LdText,
  name: LdText,
  headline: LdText,
  datePublished: LdText,
});
export const LdWorkSchema = z.preprocess((value) => (typeof value === 'string' ? { url: value } : value), LdWorkBase);
export type LdWork = z.infer<typeof LdWorkBase>;

/** Zero, one or several works, always as a list; items that are not works are dropped. */
export const LdWorkListSchema = z
  .preprocess(asList, z.array(z.unknown()))
  .transform((items) =>
    items.flatMap((item) => {
      const parsed = LdWorkSchema.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    }),
  )
  .catch([]);

export const LdRatingSchema = z
  .preprocess(
    firstObject,
    z
      .looseObject({
        alternateName: LdText,
        textualRating: LdText,
        name: LdText,
        // Read for completeness only: a number never decides a verdict (docs/verdict-scale.md).
        ratingValue: LdText,
        bestRating: LdText,
      })
      .optional(),
  )
  .catch(undefined);

/** `itemReviewed`: a Claim, or (older markup) the CreativeWork the claim was made in. */
export const LdItemReviewedSchema = z
  .preprocess(
    (value) => (typeof value === 'string' ? { url: value } : firstObject(value)),
    z
      .looseObject({
        '@type': LdTypeSchema.optional(),
        author: LdAgentSchema,
        creator: LdAgentSchema,
        claimant: LdAgentSchema,
        datePublished: LdText,
        dateCreated: LdText,
        text: LdText,
        name: LdText,
        url: LdText,
        firstAppearance: LdWorkListSchema.optional(),
        appearance: LdWorkListSchema.optional(),
        isPartOf: z.preprocess(firstObject, LdWorkBase.optional()).catch(undefined),
      })
      .optional(),
  )
  .catch(undefined);
export type LdItemReviewed = NonNullable<z.infer<typeof LdItemReviewedSchema>>;

export const ClaimReviewNodeSchema = z.looseObject({
  '@type': LdTypeSchema.optional(),
  '@id': LdText,
  url: LdText,
  claimReviewed: LdText,
  reviewRating: LdRatingSchema,
  itemReviewed: LdItemReviewedSchema,
  author: LdAgentSchema,
  publisher: LdAgentSchema,
  datePublished: LdText,
  headline: LdText,
  name: LdText,
  reviewBody: LdText,
  description: LdText,
  inLanguage: LdText,
});
export type ClaimReviewNode = z.infer<typeof ClaimReviewNodeSchema>;

/** One review in a Fact Check Tools `claims:search` response. */
export const ApiClaimReviewSchema = z.looseObject({
  publisher: z.looseObject({ name: LdText, site: LdText }).optional().catch(undefined),
  url: LdText,
  title: LdText,
  reviewDate: LdText,
  textualRating: LdText,
  languageCode: LdText,
});

export const ApiClaimSchema = z.looseObject({
  text: LdText,
  claimant: LdText,
  claimDate: LdText,
  claimReview: z
    .array(z.unknown())
    .catch([])
    .default([]),
});

/** Google Fact Check Tools API `claims:search` (and `pages:get`-like) responses. */
export const FactCheckToolsResponseSchema = z.looseObject({
  claims: z.array(z.unknown()),
  nextPageToken: z.string().optional().catch(undefined),
});
