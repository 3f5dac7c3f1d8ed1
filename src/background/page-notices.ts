import type { CrosscheckDatabase } from '../db/crosscheck-database';
import { figuresNotIn } from '../matching/figures-in';
import { BLOCK_BREAK } from '../matching/tokenize';
import type { PageNotice, PageSegment } from '../messaging/protocol';
import type { SegmentNotice } from './match-service';

/** How far a passage reaches around the matched words to take in its whole sentence. */
const SENTENCE_REACH = 300;
const MAX_PASSAGE = 600;

/** The sentence (or two, for a split claim) around [start, end) of a page text. */
export function sentenceAround(text: string, start: number, end: number): string {
  let from = start;
  const floor = Math.max(0, start - SENTENCE_REACH);
  while (from > floor && !/[.!?\u2029]\s*$/.test(text.slice(Math.max(floor, from - 2), from))) from--;
  let to = end;
  const ceiling = Math.min(text.length, end + SENTENCE_REACH);
  while (to < ceiling && !/[.!?\u2029]/.test(text[to - 1] ?? '') && text[to] !== BLOCK_BREAK) to++;
  if (/[.!?]/.test(text[to] ?? '')) to++;
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
  const records = await db.claims.bulkGet([...new Set(notices.map((n) => n.claimKey))]);
  const claims = new Map(records.flatMap((r) => (r ? [[r.key, r] as const] : [])));
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
