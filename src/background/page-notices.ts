import { getClaims } from '../db/claim-chunks';
import type { CrosscheckDatabase } from '../db/crosscheck-database';
import { figuresNotIn } from '../matching/figures-in';
import { BLOCK_BREAK } from '../matching/tokenize';
import type { PageNotice, PageSegment } from '../messaging/protocol';
import type { SegmentNotice } from './match-service';

/** How far a passage reaches around the matched words to take in its whole sentence. */
const SENTENCE_REACH = 300;
const MAX_PASSAGE = 600;

/** A sentence ends at . ! or ? and space before a capital, a digit or a quote; a block ends one too. */
const SENTENCE_END = /[.!?]["'\u201d\u2019)]?\s+(?=[\p{Lu}\d"'\u201c\u2018(])|\u2029/gu;
/** Short words whose full stop ends no sentence ("Sept. 2024", "Gen. Gerasimov", "N. Korea"). */
const ABBREVIATION = /(?:^|[\s(])(?:\p{L}|Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sgt|Capt|Maj|Gov|Sen|Rep|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|No|vs|etc)\.$/u;

/** The sentence (or two, for a split claim) around [start, end) of a page text. */
export function sentenceAround(text: string, start: number, end: number): string {
  const floor = Math.max(0, start - SENTENCE_REACH);
  const ceiling = Math.min(text.length, end + SENTENCE_REACH);
  let from = floor;
  let to = ceiling;
  for (const match of text.slice(floor, ceiling).matchAll(SENTENCE_END)) {
    const at = floor + match.index;
    if (match[0] !== '\u2029' && ABBREVIATION.test(text.slice(Math.max(0, at - 6), at + 1))) continue;
    const after = at + match[0].length;
    if (after <= start) from = after;
    else if (at >= end) {
      to = match[0] === '\u2029' ? at : at + 1;
      break;
    }
  }
  const passage = text.slice(from, to).replaceAll(BLOCK_BREAK, ' ').replace(/\s+/g, ' ').trim();
  return passage.length > MAX_PASSAGE ? `${passage.slice(0, MAX_PASSAGE - 1)}…` : passage;
}

/**
 * What the popup shows for a passage that was not highlighted: the sentence, the claim wording it
 * was compared with, and the figures of both, for a "numbers differ" notice. Reads the few claims
 * concerned from the database.
 */
export async function pageNotices(
  db: CrosscheckDatabase,
  notices: readonly SegmentNotice[],
  segments: readonly PageSegment[],
): Promise<PageNotice[]> {
  if (notices.length === 0) return [];
  const records = await getClaims(db, [...new Set(notices.map((n) => n.claimKey))]);
  const claims = new Map(records.map((r) => [r.key, r]));
  const texts = new Map(segments.map((s) => [s.id, s.text]));
  return notices.flatMap((notice) => {
    const claim = claims.get(notice.claimKey);
    const text = texts.get(notice.segment);
    if (!claim || text === undefined) return [];
    const slot = notice.why.formSlot;
    const claimWording = slot > 0 ? (claim.phrasings[slot - 1] ?? claim.statement) : claim.statement;
    const passage = sentenceAround(text, notice.start, notice.end);
    return [
      {
        claim: notice.claimKey,
        tier: notice.tier,
        passage,
        score: notice.score,
        shared: notice.why.shared,
        pageFigures: notice.why.pageFigures,
        // The claim's figures the sentence does not state: the other side of "numbers differ".
        claimFigures: figuresNotIn(claimWording, passage),
        claimWording,
        notes: notice.why.notes,
      },
    ];
  });
}
