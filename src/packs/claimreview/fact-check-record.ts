import {
  ApiClaimReviewSchema,
  ApiClaimSchema,
  ClaimReviewNodeSchema,
  type LdAgent,
  type LdItemReviewed,
  type LdWork,
} from './claimreview-schema';
import { cleanText, hostOf } from './values';

/**
 * One fact check as read from any input format, before it is checked and turned into a claim
 * (claimreview-to-claim.ts). Values are as the publisher wrote them, with whitespace cleaned.
 */
export interface FactCheckRecord {
  /** Names the review in warnings: its URL, or its position in the document. */
  label: string;
  reviewUrl?: string;
  claimText?: string;
  /** The rating text: alternateName, textualRating or name. Never a number. */
  rating?: string;
  /** Set when the review has a numeric rating but no rating text. */
  numericRatingOnly?: boolean;
  publisher?: string;
  title?: string;
  summary?: string;
  claimant?: string;
  claimed?: string;
  reviewed?: string;
  appearances: Array<{ url: string; title?: string; date?: string }>;
}

/** A person's or organisation's name; failing that, the host of its URL ("politifact.com"). */
const agentName = (agent: LdAgent | undefined): string | undefined =>
  cleanText(agent?.name) ?? hostOf(cleanText(agent?.url));

const isClaimType = (item: LdItemReviewed): boolean => (item['@type'] ?? []).some((type) => /(^|[/#:])Claim$/.test(type));

const workToAppearance = (work: LdWork): FactCheckRecord['appearances'][number] | undefined => {
  const url = cleanText(work.url) ?? cleanText(work.contentUrl) ?? (/^https?:/i.test(work['@id'] ?? '') ? cleanText(work['@id']) : undefined);
  if (!url) return undefined;
  return { url, title: cleanText(work.headline) ?? cleanText(work.name), date: cleanText(work.datePublished) };
};

/**
 * Where the claim was seen: `firstAppearance`, then `appearance`; and when `itemReviewed` is not
 * a Claim but the work the claim was made in (older markup, schema.org eg-0324/eg-0325), that
 * work's own URL, or the URL of what it is part of (a Clip of a VideoObject).
 */
function appearancesOf(item: LdItemReviewed | undefined): FactCheckRecord['appearances'] {
  if (!item) return [];
  const works = [...(item.firstAppearance ?? []), ...(item.appearance ?? [])];
  const out = works.map(workToAppearance).filter((a) => a !== undefined);
  if (!isClaimType(item)) {
    const own = workToAppearance({ url: item.url, name: item.name, datePublished: item.datePublished });
    const container = item.isPartOf ? workToAppearance(item.isPartOf) : undefined;
    const work = own ?? (container && { ...container, date: container.date ?? cleanText(item.datePublished) });
    if (work) out.push(work);
  }
  return out;
}

/** A schema.org ClaimReview node (validated leniently) as a record. */
export function recordFromClaimReview(node: unknown, position: number): FactCheckRecord {
  const review = ClaimReviewNodeSchema.parse(node);
  const item = review.itemReviewed;
  const reviewUrl = cleanText(review.url) ?? (/^https?:/i.test(review['@id'] ?? '') ? cleanText(review['@id']) : undefined);
  const claimText =
    cleanText(review.claimReviewed) ?? (item && isClaimType(item) ? (cleanText(item.text) ?? cleanText(item.name)) : undefined);
  const ratingNode = review.reviewRating;
  const rating = cleanText(ratingNode?.alternateName) ?? cleanText(ratingNode?.textualRating) ?? cleanText(ratingNode?.name);
  return {
    label: reviewUrl ? `the ClaimReview at ${reviewUrl}` : `ClaimReview ${position + 1}`,
    reviewUrl,
    claimText,
    rating,
    numericRatingOnly: !rating && ratingNode?.ratingValue !== undefined,
    publisher: agentName(review.author) ?? agentName(review.publisher),
    title: cleanText(review.headline) ?? cleanText(review.name),
    summary: cleanText(review.reviewBody) ?? cleanText(review.description),
    claimant: item ? (agentName(item.author) ?? agentName(item.claimant) ?? agentName(item.creator)) : undefined,
    claimed: item ? (cleanText(item.datePublished) ?? cleanText(item.dateCreated)) : undefined,
    reviewed: cleanText(review.datePublished),
    appearances: appearancesOf(item),
  };
}

/** Every review of every claim in a Fact Check Tools `claims:search` response, as records. */
export function recordsFromFactCheckTools(claims: readonly unknown[]): { records: FactCheckRecord[]; warnings: string[] } {
  const records: FactCheckRecord[] = [];
  const warnings: string[] = [];
  claims.forEach((raw, i) => {
    const claim = ApiClaimSchema.safeParse(raw);
    if (!claim.success) {
      warnings.push(`Skipped claims[${i}]: it is not an object.`);
      return;
    }
    const { text, claimant, claimDate, claimReview } = claim.data;
    if (!claimReview.length) warnings.push(`Skipped claims[${i}]: it has no claimReview.`);
    claimReview.forEach((rawReview, j) => {
      const review = ApiClaimReviewSchema.safeParse(rawReview);
      if (!review.success) {
        warnings.push(`Skipped claims[${i}].claimReview[${j}]: it is not an object.`);
        return;
      }
      const { publisher, url, title, reviewDate, textualRating } = review.data;
      const reviewUrl = cleanText(url);
      records.push({
        label: reviewUrl ? `the review at ${reviewUrl}` : `claims[${i}].claimReview[${j}]`,
        reviewUrl,
        claimText: cleanText(text),
        rating: cleanText(textualRating),
        publisher: cleanText(publisher?.name) ?? cleanText(publisher?.site),
        title: cleanText(title),
        claimant: cleanText(claimant),
        claimed: cleanText(claimDate),
        reviewed: cleanText(reviewDate),
        appearances: [],
      });
    });
  });
  return { records, warnings };
}
