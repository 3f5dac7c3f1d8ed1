import type { ClaimInput } from '../../schema/claim';
import type { Source } from '../../schema/source';
import type { Stance } from '../../schema/verdict';
import { ratingToVerdict } from '../../verdict/rating-to-verdict';
import type { VerdictName } from '../../verdict/verdict-scale';
import type { FactCheckRecord } from './fact-check-record';
import { checkHttpUrl, hash64, hostOf, slugify, toPartialDate, truncate } from './values';

/** Claim texts shorter than this cannot be a phrasing (ClaimSchema) and are skipped. */
export const MIN_CLAIM_CHARS = 12;
const MAX_APPEARANCES = 50;

export type ConvertedReview =
  | { ok: true; key: string; claim: ClaimInput; source?: Source; publisher?: string; warnings: string[] }
  | { ok: false; warning: string };

/**
 * How the fact check stands towards the claim: a review that rates it false or misleading
 * contradicts it, one that rates it true supports it, anything else is context.
 */
export function stanceFor(verdict: VerdictName): Stance {
  if (verdict === 'false' || verdict === 'mostly-false' || verdict === 'misleading') return 'contradicts';
  if (verdict === 'true' || verdict === 'mostly-true') return 'supports';
  return 'context';
}

/**
 * The stable id of a claim: the same review URL and claim text (case and spacing aside) always
 * give the same id, so re-importing an updated feed updates claims instead of duplicating them.
 */
export function claimIdFor(reviewKey: string, claimText: string): string {
  const slug = slugify(claimText, 48);
  return `cr-${slug ? `${slug}-` : ''}${hash64(`${reviewKey}\n${claimText.toLowerCase()}`)}`;
}

/** A source id readable as its address: "politifact.com-texas-statements-…-<hash>". */
export function sourceIdFor(url: string): string {
  const parsed = new URL(url);
  const readable = slugify(`${parsed.hostname.replace(/^www\./, '')} ${parsed.pathname}`, 90);
  return `${readable || 'source'}-${hash64(url).slice(0, 10)}`;
}

const describeUrlProblem = (reason: 'relative' | 'invalid' | 'unsafe'): string =>
  reason === 'relative' ? 'a relative URL and no page address to resolve it against' : 'not a valid http(s) URL';

/**
 * One fact check as a Crosscheck claim plus the fact-check article as its source, or the reason it
 * is skipped. `base` resolves relative URLs (the address of the page the markup came from).
 */
export function claimFromRecord(record: FactCheckRecord, base?: string): ConvertedReview {
  const warnings: string[] = [];
  const claimText = record.claimText;
  if (!claimText) return { ok: false, warning: `Skipped ${record.label}: it names no claim (no claimReviewed or claim text).` };
  if (claimText.length < MIN_CLAIM_CHARS)
    return {
      ok: false,
      warning: `Skipped ${record.label}: its claim "${claimText}" is shorter than ${MIN_CLAIM_CHARS} characters, too short to find on pages.`,
    };

  const urlCheck = checkHttpUrl(record.reviewUrl, base);
  if (!urlCheck.ok && urlCheck.reason === 'unsafe')
    return { ok: false, warning: `Skipped ${record.label}: its URL "${record.reviewUrl}" is not an http(s) link.` };
  if (!urlCheck.ok)
    warnings.push(
      urlCheck.reason === 'missing'
        ? `${record.label}: it has no URL; the claim is kept without a source.`
        : `${record.label}: its URL "${record.reviewUrl}" is ${describeUrlProblem(urlCheck.reason)}; the claim is kept without a source.`,
    );
  const reviewUrl = urlCheck.ok ? urlCheck.url : undefined;

  const publisher = record.publisher ?? hostOf(reviewUrl);
  const verdict: VerdictName = record.rating ? ratingToVerdict(record.rating) : 'unverified';
  if (!record.rating)
    warnings.push(
      record.numericRatingOnly
        ? `${record.label}: its rating is only a number; numbers are never read as verdicts, so it is marked unverified.`
        : `${record.label}: it has no rating text; it is marked unverified.`,
    );

  const appearances: NonNullable<ClaimInput['appearances']> = [];
  for (const appearance of record.appearances) {
    const check = checkHttpUrl(appearance.url, base);
    if (!check.ok) {
      warnings.push(`${record.label}: dropped the appearance "${appearance.url}", which is not an http(s) URL.`);
      continue;
    }
    if (appearances.some((a) => a.url === check.url) || appearances.length >= MAX_APPEARANCES) continue;
    const date = toPartialDate(appearance.date);
    appearances.push({
      url: check.url,
      ...(appearance.title && { title: truncate(appearance.title, 500) }),
      ...(date && { date }),
    });
  }

  const claimed = toPartialDate(record.claimed);
  const reviewed = toPartialDate(record.reviewed);
  if (record.claimed && !claimed) warnings.push(`${record.label}: ignored the claim date "${record.claimed}", which is not a YYYY-MM-DD date.`);
  if (record.reviewed && !reviewed) warnings.push(`${record.label}: ignored the review date "${record.reviewed}", which is not a YYYY-MM-DD date.`);

  // The key that decides whether two reviews are the same one (merged) and the claim id.
  const reviewKey = reviewUrl ? reviewUrl.replace(/#.*$/, '') : `no-url:${publisher ?? ''}`;
  const source: Source | undefined = reviewUrl
    ? {
        id: sourceIdFor(reviewUrl),
        url: reviewUrl,
        title: truncate(record.title ?? `Fact check by ${publisher ?? hostOf(reviewUrl) ?? 'unknown publisher'}`, 500),
        publisher: truncate(publisher ?? hostOf(reviewUrl) ?? 'unknown publisher', 200),
        ...(reviewed && { date: reviewed }),
      }
    : undefined;

  if (claimText.length > 600) warnings.push(`${record.label}: its claim text is longer than 600 characters and was shortened.`);
  const claim: ClaimInput = {
    id: claimIdFor(reviewKey, claimText),
    statement: truncate(claimText, 1000),
    phrasings: [truncate(claimText, 600)],
    verdict,
    ...(record.rating && { rating: truncate(record.rating, 200) }),
    summary: truncate(record.summary ?? '', 4000),
    ...(record.claimant && { claimant: truncate(record.claimant, 200) }),
    appearances,
    ...(reviewUrl && { reviewUrl }),
    ...(claimed && { claimed }),
    ...(reviewed && { reviewed }),
    evidence: source
      ? [
          {
            source: source.id,
            stance: stanceFor(verdict),
            quote: truncate(
              record.summary ?? (record.rating ? `Rated “${record.rating}” by ${source.publisher}` : `Reviewed by ${source.publisher}`),
              2000,
            ),
          },
        ]
      : [],
  };
  return { ok: true, key: claim.id, claim, ...(source && { source }), ...(publisher && { publisher }), warnings };
}
