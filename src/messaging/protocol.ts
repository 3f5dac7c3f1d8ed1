import { z } from 'zod';
import type { AnnotationRecord } from '../annotations/annotation-record';
import { AnchorStateSchema, PassageSelectorsSchema } from '../annotations/annotation-record';
import { SaveAnnotationSchema, type TagDraft } from '../annotations/save-annotation-input';
import type { ClaimView } from './claim-view';
import type { VerdictName } from '../verdict/verdict-scale';
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
    /**
     * The asking script's random id, echoed in background/more-hits: segment ids restart in every
     * document, and the rest of an answer must not be painted on the next page of the tab.
     */
    session: z.string().regex(/^[0-9a-f]{16}$/).optional(),
  }),
  /** The annotations tagged on this page (the page is the sender's URL, not something it says). */
  z.object({ type: z.literal('content/page-annotations') }),
  /** What anchoring found for this page's annotations, for the popup and the workspace. */
  z.object({
    type: z.literal('content/annotation-states'),
    states: z
      .array(
        z.object({
          id: z.string().max(200),
          state: AnchorStateSchema,
          score: z.number().min(0).max(1),
          /**
           * For a passage stored with a UTF-16 position (a Hypothesis import) and anchored
           * exactly: where it is in code points, so the stored form becomes the W3C one.
           */
          codePoints: z.object({ start: z.number().int().min(0), end: z.number().int().min(0) }).optional(),
        }),
      )
      .max(2000),
  }),
  /** The annotator chose "Tag claim" on a selected passage: keep it while the panel is open. */
  z.object({
    type: z.literal('content/tag-selection'),
    target: PassageSelectorsSchema,
    pageTitle: z.string().max(500),
  }),
]);
export type ContentToBackground = z.infer<typeof ContentToBackgroundSchema>;
export type MatchPageRequest = Extract<ContentToBackground, { type: 'content/match-page' }>;
/** What a content script sends (defaults not yet filled in). */
export type ContentToBackgroundInput = z.input<typeof ContentToBackgroundSchema>;

export interface MatchHit {
  segment: number;
  start: number;
  end: number;
  claim: string;
}

/** An annotation as a page anchors and shows it. */
export interface PageAnnotation {
  id: string;
  target: AnnotationRecord['target'];
  view: ClaimView;
}

export type PageAnnotationsReply =
  | { ok: true; paused: boolean; annotations: PageAnnotation[] }
  | { ok: false; error: string };

export type TagSelectionReply = { ok: true; draftId: string } | { ok: false; error: string };

export interface ContentToBackgroundReplies {
  'content/match-page': MatchPageReply;
  'content/page-annotations': PageAnnotationsReply;
  'content/annotation-states': OkReply;
  'content/tag-selection': TagSelectionReply;
}

export type MatchPageReply =
  /** `more`: the worker answered before its whole index was read; background/more-hits follows */
  | { ok: true; paused: false; hits: MatchHit[]; claims: Record<string, ClaimView>; more?: true }
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
  /** The passage behind a "Tag claim" panel. */
  z.object({ type: z.literal('ui/get-draft'), draftId: z.string().max(100) }),
  /** Save a new annotation (from a draft) or an edit. */
  SaveAnnotationSchema.extend({ type: z.literal('ui/save-annotation') }),
  /** Delete an annotation (undoable), or undo that. */
  z.object({ type: z.literal('ui/delete-annotation'), id: z.string().max(200) }),
  z.object({ type: z.literal('ui/restore-annotation'), id: z.string().max(200) }),
  /** The annotations of the page open in a tab, with what anchoring found. */
  z.object({ type: z.literal('ui/page-annotations'), tabId: z.number().int().min(0) }),
  /** Move an annotation to the passage now selected in its tab (re-attaching an orphan). */
  z.object({ type: z.literal('ui/reattach-annotation'), tabId: z.number().int().min(0), id: z.string().max(200) }),
  /** Scroll a tab to an annotation's passage and open its card. */
  z.object({ type: z.literal('ui/reveal-annotation'), tabId: z.number().int().min(0), id: z.string().max(200) }),
  /**
   * What the tagging panel reads. It runs in a frame inside a web page, where Chromium may deny
   * IndexedDB to a third-party frame (even ours): it reads through the background instead.
   */
  z.object({ type: z.literal('ui/search-claims'), query: z.string().max(500) }),
  z.object({ type: z.literal('ui/get-annotation'), id: z.string().max(200) }),
  /** The tagging panel is done: the page that holds it closes it. */
  z.object({ type: z.literal('ui/close-panel') }),
  /** Import annotations: a W3C AnnotationCollection (or annotations) or a Hypothesis export. */
  z.object({ type: z.literal('ui/import-annotations'), fileName: z.string().max(300), text: z.string().max(MAX_MESSAGE_CHARS) }),
]);
export type UiToBackground = z.infer<typeof UiToBackgroundSchema>;

/**
 * A claim the page may state but that is not highlighted: a looser wording (`possible`), or its
 * wording with other figures (`numbers-differ`). The popup lists these with why.
 */
export interface PageNotice {
  claim: string;
  tier: 'possible' | 'numbers-differ';
  /** the sentence on the page */
  passage: string;
  /** weighted share of the claim's key words the passage states, 0..1 */
  score: number;
  /** key words the passage shares with the claim, as written on the page */
  shared: string[];
  /** figures the page gives that the claim does not, and the claim wording's that the page does not state */
  pageFigures: string[];
  claimFigures: string[];
  /** the claim wording the passage was compared with */
  claimWording: string;
  notes: string[];
}

export type TabClaimsReply =
  | {
      ok: true;
      url: string | null;
      host: string | null;
      paused: boolean;
      claims: ClaimView[];
      /** possible matches and differing figures, each with its claim */
      notices: Array<{ notice: PageNotice; claim: ClaimView }>;
    }
  | { ok: false; error: string };

export type OkReply = { ok: true } | { ok: false; error: string };

export type ImportPackReply =
  | { ok: true; status: 'installed' | 'unchanged'; name: string; version: number; claimCount: number; warnings: string[] }
  | { ok: false; error: string };

/** The outcome of one subscription's sync, as the options page shows it. */
export type SyncReply =
  | { ok: true; status: 'installed' | 'unchanged' | 'not-modified'; version: number; claimCount: number }
  | { ok: false; error: string };

export type DraftReply = { ok: true; draft: TagDraft } | { ok: false; error: string };
export type SaveAnnotationReply = { ok: true; id: string } | { ok: false; error: string };
export type PageAnnotationsForTabReply =
  | { ok: true; url: string | null; annotations: ClaimView[] }
  | { ok: false; error: string };
/** A claim as the panel's search lists it. */
export interface ClaimChoice {
  key: string;
  statement: string;
  verdict: VerdictName;
  pack: string;
}
export type SearchClaimsReply = { ok: true; claims: ClaimChoice[] } | { ok: false; error: string };
export type AnnotationReply = { ok: true; annotation: AnnotationRecord; claim: ClaimChoice | null } | { ok: false; error: string };

export type ImportAnnotationsReply =
  | { ok: true; added: number; duplicates: number; warnings: string[] }
  | { ok: false; error: string };

export interface UiToBackgroundReplies {
  'ui/get-draft': DraftReply;
  'ui/save-annotation': SaveAnnotationReply;
  'ui/delete-annotation': OkReply;
  'ui/restore-annotation': OkReply;
  'ui/page-annotations': PageAnnotationsForTabReply;
  'ui/reattach-annotation': OkReply;
  'ui/reveal-annotation': OkReply;
  'ui/close-panel': OkReply;
  'ui/import-annotations': ImportAnnotationsReply;
  'ui/search-claims': SearchClaimsReply;
  'ui/get-annotation': AnnotationReply;
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
  /**
   * The rest of the answer to a match-page request answered with `more`: passages to highlight
   * as well, in the request's `segments` (whose answer is now complete), for its `session`.
   */
  | { type: 'background/more-hits'; session?: string; segments: number[]; hits: MatchHit[]; claims: Record<string, ClaimView> }
  /** Keyboard command: move to the next highlighted passage and open its card. */
  | { type: 'background/focus-next' }
  /** Show a claim's first passage with its card (from the popup). */
  | { type: 'background/reveal'; claim: string }
  /** This page's annotations changed: fetch and anchor them again. */
  | { type: 'background/annotations-changed' }
  /** Context menu or keyboard command: tag the selected passage. */
  | { type: 'background/tag-selection' }
  /** Describe the selected passage (re-attaching an orphan); replies DescribeSelectionReply. */
  | { type: 'background/describe-selection' }
  /** The tagging panel is done. */
  | { type: 'background/close-panel' }
  /** Is a live copy of this extension's script here? A live one replies `true`. */
  | { type: 'background/ping' };

/** The content script's answer to background/describe-selection: checked with Zod on arrival. */
export const DescribeSelectionReplySchema = z.union([
  z.object({ ok: z.literal(true), target: PassageSelectorsSchema }),
  z.object({ ok: z.literal(false), error: z.string().max(500) }),
]);
export type DescribeSelectionReply = z.input<typeof DescribeSelectionReplySchema>;
