import { z } from 'zod';
import type { ClaimView } from './claim-view';
import { MAX_MESSAGE_CHARS, MAX_SEGMENT_CHARS, MAX_SEGMENTS } from './limits';

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
  /**
   * Import a pack file (our format, or ClaimReview / DataFeed / Fact Check Tools JSON, or a web
   * page embedding ClaimReview). Installing and indexing happen in the background.
   */
  z.object({ type: z.literal('ui/import-pack'), fileName: z.string().max(300), text: z.string().max(MAX_MESSAGE_CHARS) }),
  /** Download a pack once from a URL and install it (without following it). */
  z.object({ type: z.literal('ui/import-url'), url: z.string().max(2048) }),
  /** Follow a pack by URL: fetch it now, then keep it in sync. */
  z.object({ type: z.literal('ui/subscribe'), url: z.string().max(2048) }),
  /** Stop following a pack; its claims go, the user's own work stays. */
  z.object({ type: z.literal('ui/unsubscribe'), url: z.string().max(2048) }),
  /** Sync one subscription now, or all of them. */
  z.object({ type: z.literal('ui/sync-now'), url: z.string().max(2048).optional() }),
]);
export type UiToBackground = z.infer<typeof UiToBackgroundSchema>;

export type TabClaimsReply =
  | { ok: true; url: string | null; host: string | null; paused: boolean; claims: ClaimView[] }
  | { ok: false; error: string };

export type OkReply = { ok: true } | { ok: false; error: string };

export type ImportPackReply =
  | { ok: true; status: 'installed' | 'unchanged'; name: string; version: number; claimCount: number; warnings: string[] }
  | { ok: false; error: string };

/** The outcome of one subscription's sync, as the options page shows it. */
export type SyncReply =
  | { ok: true; status: 'installed' | 'unchanged' | 'not-modified'; version: number; claimCount: number }
  | { ok: false; error: string };

export interface UiToBackgroundReplies {
  'ui/tab-claims': TabClaimsReply;
  'ui/set-site-paused': OkReply;
  'ui/packs-changed': OkReply;
  'ui/reveal-claim': OkReply;
  'ui/import-pack': ImportPackReply;
  'ui/import-url': ImportPackReply;
  'ui/subscribe': SyncReply;
  'ui/unsubscribe': OkReply;
  /** one URL: that sync's outcome; all of them: whether they ran */
  'ui/sync-now': SyncReply | OkReply;
}

// ---- extension pages -> background, over a port: files too large for one message ----------

export { IMPORT_PORT } from './ports';

export const ImportPortMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('chunk'), text: z.string().max(MAX_MESSAGE_CHARS) }),
  z.object({ type: z.literal('end'), fileName: z.string().max(300), byteLength: z.number().int().min(0) }),
]);
export type ImportPortMessage = z.infer<typeof ImportPortMessageSchema>;

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
