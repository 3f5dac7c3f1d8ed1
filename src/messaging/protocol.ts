import { z } from 'zod';
import type { ClaimView } from './claim-view';
import { MAX_SEGMENT_CHARS, MAX_SEGMENTS } from './limits';

/**
 * The one message protocol of the extension, named by direction. Requests that the background
 * receives are Zod schemas (they come from content scripts on hostile pages, or from our own pages);
 * replies and background-to-content messages are plain types, since only our code sends them.
 * Errors travel as values: `{ ok: false, error }`.
 */

export { MAX_SEGMENT_CHARS, MAX_SEGMENTS } from './limits';

export const PageSegmentSchema = z.object({
  id: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  text: z.string().max(MAX_SEGMENT_CHARS),
});
export type PageSegment = z.infer<typeof PageSegmentSchema>;

// ---- content script -> background -------------------------------------------------------------

export const ContentToBackgroundSchema = z.discriminatedUnion('type', [
  /**
   * Find the claims in these segments of the page. `replace` starts the page afresh (first read,
   * client-side navigation); `append` adds text the page loaded later.
   */
  z.object({
    type: z.literal('content/match-page'),
    mode: z.enum(['replace', 'append']),
    segments: z.array(PageSegmentSchema).max(MAX_SEGMENTS),
  }),
]);
export type ContentToBackground = z.infer<typeof ContentToBackgroundSchema>;

export interface MatchHit {
  segment: number;
  start: number;
  end: number;
  claim: string;
}

export type MatchPageReply =
  | { ok: true; paused: false; hits: MatchHit[]; claims: Record<string, ClaimView> }
  | { ok: true; paused: true }
  | { ok: false; error: string };

export interface ContentToBackgroundReplies {
  'content/match-page': MatchPageReply;
}

// ---- extension pages (popup, options) -> background -------------------------------------------

export const UiToBackgroundSchema = z.discriminatedUnion('type', [
  /** The claims found in a tab, for the popup. */
  z.object({ type: z.literal('ui/tab-claims'), tabId: z.number().int().min(0) }),
  /** Pause or resume Crosscheck on a site (a host name); open tabs of that site follow at once. */
  z.object({ type: z.literal('ui/set-site-paused'), host: z.string().min(1).max(253), paused: z.boolean() }),
  /** Packs were installed or removed: reload the match indexes and re-scan open tabs. */
  z.object({ type: z.literal('ui/packs-changed') }),
  /** Scroll a tab to a claim's passage and open its card. */
  z.object({ type: z.literal('ui/reveal-claim'), tabId: z.number().int().min(0), claim: z.string().max(400) }),
]);
export type UiToBackground = z.infer<typeof UiToBackgroundSchema>;

export interface TabClaim {
  claim: ClaimView;
  /** how many passages of the page carry it */
  occurrences: number;
}

export type TabClaimsReply =
  | { ok: true; url: string | null; host: string | null; paused: boolean; claims: TabClaim[] }
  | { ok: false; error: string };

export type OkReply = { ok: true } | { ok: false; error: string };

export interface UiToBackgroundReplies {
  'ui/tab-claims': TabClaimsReply;
  'ui/set-site-paused': OkReply;
  'ui/packs-changed': OkReply;
  'ui/reveal-claim': OkReply;
}

// ---- background -> content script -------------------------------------------------------------

export type BackgroundToContent =
  /** Crosscheck was paused on this site: remove every highlight and card. */
  | { type: 'background/clear' }
  /** Resumed, or the packs changed: read and match the page again. */
  | { type: 'background/rescan' }
  /** Keyboard command: move to the next highlighted passage and open its card. */
  | { type: 'background/focus-next' }
  /** Show a claim's first passage with its card (from the popup). */
  | { type: 'background/reveal'; claim: string };
