import type { CrosscheckDatabase } from '../db/crosscheck-database';
import type { ClaimView } from '../messaging/claim-view';
import {
  ContentToBackgroundSchema,
  UiToBackgroundSchema,
  type BackgroundToContent,
  type ContentToBackground,
  type ImportAnnotationsReply,
  type MatchHit,
  type MatchPageReply,
  type OkReply,
  type PageNotice,
  type SyncReply,
  type UiToBackground,
  type UiToBackgroundReplies,
  type ContentToBackgroundReplies,
} from '../messaging/protocol';
import { annotationKey } from '../messaging/claim-view';
import { OWN_PACK_ID } from '../annotations/annotation-record';
import { pageAnnotations } from '../db/annotations/page-annotations';
import type { AnnotationService } from './annotation-service';
import type { ClaimViewCache } from './claim-view-cache';
import type { MatchService, PageMatches, SegmentNotice } from './match-service';
import { pageNotices } from './page-notices';
import type { PackImporter } from './pack-importer';
import { contentSenderTab, isExtensionPage, type MessageSender } from './sender-check';
import { isSitePaused, setSitePaused } from './site-preferences';
import type { TabState } from './tab-state';

/** What subscriptions need from the background; implemented in background/subscriptions/. */
export interface SubscriptionApi {
  subscribe(url: string): Promise<SyncReply>;
  unsubscribe(url: string): Promise<OkReply>;
  sync(url?: string): Promise<SyncReply | OkReply>;
}

export interface BackgroundDeps {
  db: CrosscheckDatabase;
  matcher: MatchService;
  /** resolved claims, cached; cleared with the matcher whenever packs change */
  views: ClaimViewCache;
  extensionId: string;
  extensionOrigin: string;
  subscriptions?: SubscriptionApi;
  importer?: PackImporter;
  annotations?: AnnotationService;
  /** W3C / Hypothesis annotation files from the options page */
  importAnnotations?: (fileName: string, text: string) => Promise<ImportAnnotationsReply>;
  tabs: {
    /** every open tab with an http(s) URL */
    list(): Promise<{ id: number; url: string }[]>;
    get(tabId: number): Promise<{ id: number; url?: string } | null>;
    send(tabId: number, message: BackgroundToContent): Promise<void>;
  };
  tabState: {
    read(tabId: number): Promise<TabState | null>;
    record(
      tabId: number,
      url: string,
      claims: readonly string[],
      mode: 'replace' | 'append',
      notices?: readonly PageNotice[],
    ): Promise<unknown>;
    clear(tabId: number): Promise<void>;
  };
}

const hitId = (hit: MatchHit) => `${hit.segment}:${hit.start}:${hit.end}:${hit.claim}`;

const hostOf = (url: string | undefined): string | null => {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.hostname : null;
  } catch {
    return null;
  }
};

/**
 * The background's single entry point for messages. Every request is checked twice: who sent it
 * (content script of a tab's top frame, or one of our own pages) and what it says (Zod). Anything
 * else gets an error value and changes nothing.
 */
export function createMessageHandler(deps: BackgroundDeps) {
  /** Per tab, the last recording of its claims: recordings run in the order pages asked. */
  const recordings = new Map<number, Promise<unknown>>();
  /** Per tab, the last possible-match search: one at a time, in the order the page's messages came. */
  const searches = new Map<number, Promise<unknown>>();
  /** Per tab, how many times its page was read afresh or paused: a possible-match search stops when its page is gone. */
  const pages = new Map<number, number>();
  const pageGone = (tabId: number) => pages.set(tabId, (pages.get(tabId) ?? 0) + 1);
  async function onContent(message: ContentToBackground, tabId: number, url: URL): Promise<ContentReply> {
    if (message.type !== 'content/match-page') {
      const annotations = deps.annotations;
      if (!annotations) return notAvailable;
      switch (message.type) {
        case 'content/page-annotations':
          return annotations.forPage(url);
        case 'content/annotation-states':
          return annotations.recordStates(url, message.states);
        case 'content/tag-selection':
          return annotations.startTag(tabId, url, message.target, message.pageTitle);
      }
    }
    return matchPage(message, tabId, url);
  }

  async function matchPage(
    message: Extract<ContentToBackground, { type: 'content/match-page' }>,
    tabId: number,
    url: URL,
  ): Promise<MatchPageReply> {
    // A page read afresh (or paused) makes the possible-match search of the one before moot.
    if (message.mode === 'replace') pageGone(tabId);
    const page = pages.get(tabId) ?? 0;
    const current = () => pages.get(tabId) === page;
    if (await isSitePaused(deps.db, url.hostname)) {
      pageGone(tabId);
      await deps.tabState.clear(tabId);
      return { ok: true, paused: true };
    }
    // The user's own claims are shown on the page they tagged them on by their annotations
    // (with the exact passage and its anchoring state): the matcher's copy would be a duplicate.
    let annotated: Promise<Set<string>> | null = null;
    const notAnnotated = async <T>(list: T[], claimOf: (item: T) => string): Promise<T[]> => {
      if (!list.some((item) => claimOf(item).startsWith(OWN_PREFIX))) return list;
      annotated ??= pageAnnotations(deps.db, url.href).then((rows) => new Set(rows.map((a) => a.claimKey)));
      const known = await annotated;
      return list.filter((item) => !known.has(claimOf(item)));
    };
    /** What the page and the popup are shown of the matcher's answer. */
    const shown = async (matches: PageMatches) => {
      const hits = await notAnnotated(matches.hits, (hit) => hit.claim);
      const notices = await notAnnotated(matches.notices, (notice) => notice.claimKey);
      const views = await deps.views.get([...new Set(hits.map((hit) => hit.claim))]);
      const claims: Record<string, ClaimView> = {};
      for (const view of views) claims[view.key] = view;
      return { hits: hits.filter((hit) => claims[hit.claim]), claims, notices };
    };
    const first = await deps.matcher.match(message.segments);
    const shownFirst = await shown(first);
    // The page gets its answer first; the popup's bookkeeping follows on its own, in the order the
    // page's messages came (a later "append" must not be recorded before the "replace" it follows).
    const record = (answer: { claims: Record<string, ClaimView>; notices: SegmentNotice[] }, mode: 'replace' | 'append') =>
      pageNotices(deps.db, answer.notices, message.segments).then((list) =>
        deps.tabState.record(tabId, url.href, Object.keys(answer.claims), mode, list),
      );
    const queueRecord = (step: () => Promise<unknown>) => {
      const recording = (recordings.get(tabId) ?? Promise.resolve())
        .then(step)
        .catch((error: unknown) => console.warn('Crosscheck: could not record the tab’s claims', error));
      recordings.set(tabId, recording);
      void recording.then(() => {
        if (recordings.get(tabId) === recording) recordings.delete(tabId);
      });
      return recording;
    };
    let recording = queueRecord(() => record(shownFirst, message.mode));
    if (first.partial) {
      // A worker just woken answered from the exact halves of its indexes: the rest follows once
      // they are read, as passages added to the page's highlights (never taken back: the claims
      // already shown were matched as the whole index matches them).
      const sent = new Set(shownFirst.hits.map(hitId));
      const rest = deps.matcher.complete(message.segments).then(shown);
      const whole = rest.catch((error: unknown) => {
        console.warn('Crosscheck: could not complete the page’s matches', error);
        return null;
      });
      // Sent even when there is nothing to add (or the rest failed): the page stops waiting for it.
      const told = whole.then(async (all) => {
        if (!current()) return;
        const hits = all ? all.hits.filter((hit) => !sent.has(hitId(hit))) : [];
        const claims = Object.fromEntries(hits.map((hit) => [hit.claim, all!.claims[hit.claim]!]));
        // (A tab closed meanwhile has no one to tell.)
        const session = message.session === undefined ? {} : { session: message.session };
        await deps.tabs
          .send(tabId, { type: 'background/more-hits', ...session, segments: message.segments.map((s) => s.id), hits, claims })
          .catch(() => {});
      });
      recording = Promise.all([recording, told]).then(() =>
        queueRecord(async () => {
          const all = await whole;
          const adds = all && (all.notices.length > shownFirst.notices.length || Object.keys(all.claims).length > Object.keys(shownFirst.claims).length);
          // Checked at the last moment: a newer page's record, queued after this, must come last.
          if (adds && current()) await record(all, 'append');
        }),
      );
    }
    // The possible matches come last, on a queue of their own: they are the popup's alone and the
    // costliest to look for, and the record of text the page adds meanwhile need not wait for them.
    const searching = Promise.all([searches.get(tabId), recording])
      .then(() => deps.matcher.possible(message.segments, current))
      .then(async (possible) => {
        const list = possible && (await notAnnotated(possible, (notice) => notice.claimKey));
        if (!list?.length) return;
        const found = await pageNotices(deps.db, list, message.segments);
        // Checked at the last moment: a newer page's record, queued after this, must come last.
        if (current()) await deps.tabState.record(tabId, url.href, [], 'append', found);
      })
      .catch((error: unknown) => console.warn('Crosscheck: could not look for possible matches', error));
    searches.set(tabId, searching);
    void searching.then(() => {
      if (searches.get(tabId) === searching) searches.delete(tabId);
    });
    return { ok: true, paused: false, hits: shownFirst.hits, claims: shownFirst.claims, ...(first.partial ? { more: true as const } : {}) };
  }

  async function broadcast(filter: (host: string) => boolean, message: BackgroundToContent): Promise<void> {
    const tabs = await deps.tabs.list();
    await Promise.all(
      tabs.filter((tab) => filter(hostOf(tab.url) ?? '')).map((tab) => deps.tabs.send(tab.id, message).catch(() => {})),
    );
  }

  async function packsChanged(): Promise<void> {
    deps.matcher.invalidate();
    deps.views.clear();
    await broadcast(() => true, { type: 'background/rescan' });
  }

  async function onUi(message: UiToBackground, sender: MessageSender): Promise<UiReply> {
    const annotations = deps.annotations;
    switch (message.type) {
      case 'ui/get-draft':
        return annotations ? annotations.draft(message.draftId) : notAvailable;
      case 'ui/save-annotation': {
        const { type: _type, ...input } = message;
        return annotations ? annotations.save(input) : notAvailable;
      }
      case 'ui/delete-annotation':
      case 'ui/restore-annotation':
        return annotations ? annotations.remove(message.id, message.type === 'ui/restore-annotation') : notAvailable;
      case 'ui/page-annotations':
        return annotations ? annotations.forTab(message.tabId) : notAvailable;
      case 'ui/reattach-annotation':
        return annotations ? annotations.reattach(message.tabId, message.id) : notAvailable;
      case 'ui/reveal-annotation':
        await deps.tabs.send(message.tabId, { type: 'background/reveal', claim: annotationKey(message.id) });
        return { ok: true };
      case 'ui/close-panel': {
        // The panel is a frame of ours inside the tab it was opened in.
        const tabId = sender.tab?.id;
        if (tabId === undefined) return { ok: false, error: 'Not in a tab.' };
        await deps.tabs.send(tabId, { type: 'background/close-panel' }).catch(() => {});
        return { ok: true };
      }
      case 'ui/search-claims':
        return annotations ? annotations.searchClaims(message.query) : notAvailable;
      case 'ui/get-annotation':
        return annotations ? annotations.annotation(message.id) : notAvailable;
      case 'ui/import-annotations':
        return deps.importAnnotations ? deps.importAnnotations(message.fileName, message.text) : notAvailable;
      case 'ui/tab-claims': {
        const tab = await deps.tabs.get(message.tabId);
        if (!tab) return { ok: false, error: `No tab ${message.tabId}.` };
        const host = hostOf(tab.url);
        const paused = host ? await isSitePaused(deps.db, host) : false;
        const state = await deps.tabState.read(message.tabId);
        const notices = state?.notices ?? [];
        const noticeViews = new Map((await deps.views.get(notices.map((n) => n.claim))).map((v) => [v.key, v]));
        return {
          ok: true,
          url: tab.url ?? null,
          host,
          paused,
          claims: await deps.views.get(state?.claims ?? []),
          notices: notices.flatMap((notice) => {
            const claim = noticeViews.get(notice.claim);
            return claim ? [{ notice, claim }] : [];
          }),
        };
      }
      case 'ui/set-site-paused': {
        await setSitePaused(deps.db, message.host, message.paused);
        const tabs = await deps.tabs.list();
        await Promise.all(
          tabs
            .filter((tab) => hostOf(tab.url) === message.host)
            .map(async (tab) => {
              if (message.paused) {
                pageGone(tab.id);
                await deps.tabState.clear(tab.id);
              }
              await deps.tabs
                .send(tab.id, { type: message.paused ? 'background/clear' : 'background/rescan' })
                .catch(() => {});
            }),
        );
        return { ok: true };
      }
      case 'ui/packs-changed':
        await packsChanged();
        return { ok: true };
      case 'ui/reveal-claim':
        await deps.tabs.send(message.tabId, { type: 'background/reveal', claim: message.claim });
        return { ok: true };
      case 'ui/import-pack':
        return deps.importer ? deps.importer.importText(message.fileName, message.text) : notAvailable;
      case 'ui/import-url':
        return deps.importer ? deps.importer.importUrl(message.url) : notAvailable;
      case 'ui/subscribe':
        return deps.subscriptions ? deps.subscriptions.subscribe(message.url) : notAvailable;
      case 'ui/unsubscribe':
        return deps.subscriptions ? deps.subscriptions.unsubscribe(message.url) : notAvailable;
      case 'ui/sync-now':
        return deps.subscriptions ? deps.subscriptions.sync(message.url) : notAvailable;
    }
  }

  async function handleMessage(message: unknown, sender: MessageSender): Promise<unknown> {
    try {
      const content = contentSenderTab(sender, deps.extensionId);
      if (content) {
        const parsed = ContentToBackgroundSchema.safeParse(message);
        if (!parsed.success) return { ok: false, error: 'Malformed message from the page.' };
        return await onContent(parsed.data, content.tabId, content.url);
      }
      if (isExtensionPage(sender, deps.extensionId, deps.extensionOrigin)) {
        const parsed = UiToBackgroundSchema.safeParse(message);
        if (!parsed.success) return { ok: false, error: 'Malformed message.' };
        return await onUi(parsed.data, sender);
      }
      return { ok: false, error: 'Messages are accepted only from Crosscheck and its content scripts.' };
    } catch (error) {
      return { ok: false, error: `Crosscheck failed: ${(error as Error).message}` };
    }
  }
  /** A closed tab: its page is gone, and so is what was kept for it. */
  const forgetTab = (tabId: number) => {
    pageGone(tabId);
    pages.delete(tabId);
  };
  return Object.assign(handleMessage, { forgetTab });
}

/** Any reply the background gives: typed, though not tied to its request's type. */
type UiReply = UiToBackgroundReplies[keyof UiToBackgroundReplies];
type ContentReply = ContentToBackgroundReplies[keyof ContentToBackgroundReplies];

const OWN_PREFIX = `${OWN_PACK_ID}/`;

const notAvailable: OkReply = { ok: false, error: 'This is not available in this build.' };
