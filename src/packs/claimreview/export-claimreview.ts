import type { Claim } from '../../schema/claim';
import type { Source } from '../../schema/source';
import { VERDICT_LABELS } from '../../verdict/verdict-scale';

/**
 * One Crosscheck claim as schema.org ClaimReview JSON-LD, ready for a
 * `<script type="application/ld+json">` block or a DataFeed item.
 *
 * - `reviewRating.alternateName` is the publisher's rating text, or our verdict's label when there
 *   is none; no numeric rating is written (numbers never carry our verdicts).
 * - `url` is the claim's `reviewUrl` (set when it was imported from a ClaimReview); the sources of
 *   its evidence are listed as `citation`.
 * - `author` is the pack's publisher, `datePublished` the claim's `reviewed` date.
 */
export function claimToClaimReview(
  claim: Claim,
  sources: readonly Source[],
  pack: { id: string; name: string; publisher: string },
): Record<string, unknown> {
  const byId = new Map(sources.map((source) => [source.id, source]));
  // The review's `url` is the fact check itself, never one of the documents it cites: those go
  // out as `citation`, so nothing is lost for a claim a desk checked without a review page.
  const citations = claim.evidence
    .map((evidence) => byId.get(evidence.source))
    .filter((source): source is Source => source !== undefined && source.url !== claim.reviewUrl)
    .map((source) => ({
      '@type': 'CreativeWork',
      url: source.url,
      name: source.title,
      publisher: { '@type': 'Organization', name: source.publisher },
      ...(source.date && { datePublished: source.date }),
    }));

  const itemReviewed: Record<string, unknown> = { '@type': 'Claim' };
  if (claim.claimant) itemReviewed.author = { '@type': 'Person', name: claim.claimant };
  if (claim.claimed) itemReviewed.datePublished = claim.claimed;
  itemReviewed.appearance = claim.appearances.map((appearance) => ({
    '@type': 'CreativeWork',
    url: appearance.url,
    ...(appearance.title && { name: appearance.title }),
    ...(appearance.date && { datePublished: appearance.date }),
  }));

  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    ...(claim.reviewUrl && { url: claim.reviewUrl }),
    claimReviewed: claim.statement,
    ...(claim.reviewed && { datePublished: claim.reviewed }),
    author: { '@type': 'Organization', name: pack.publisher },
    reviewRating: { '@type': 'Rating', alternateName: claim.rating ?? VERDICT_LABELS[claim.verdict] },
    ...(claim.summary && { reviewBody: claim.summary }),
    itemReviewed,
    ...(citations.length && { citation: citations }),
    // Where the review came from in Crosscheck: the pack and the claim's id in it.
    identifier: `${pack.id}/${claim.id}`,
  };
}
