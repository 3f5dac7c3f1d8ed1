import { vi } from 'vitest';
import { createMessageHandler, type BackgroundDeps } from '../../../src/background/handle-message';
import { createClaimViewCache } from '../../../src/background/claim-view-cache';
import { createMatchService } from '../../../src/background/match-service';
import type { MessageSender } from '../../../src/background/sender-check';
import type { TabState } from '../../../src/background/tab-state';
import type { CrosscheckDatabase } from '../../../src/db/crosscheck-database';
import type { BackgroundToContent, PageNotice } from '../../../src/messaging/protocol';
import { mergeTabState } from '../../../src/background/merge-tab-state';
import { createAnnotationService } from '../../../src/background/annotation-service';
import { createDraftStore } from '../../../src/background/tag-drafts';

/** A storage.session stand-in. */
export function memoryStorageArea() {
  const items = new Map<string, unknown>();
  return {
    get: async (key: string) => (items.has(key) ? { [key]: structuredClone(items.get(key)) } : {}),
    set: async (values: Record<string, unknown>) => {
      for (const [key, value] of Object.entries(values)) items.set(key, structuredClone(value));
    },
  };
}

export const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
export const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}`;

/** A content script in the top frame of tab `tabId` showing `url`. */
export const contentSender = (tabId: number, url: string): MessageSender => ({
  id: EXTENSION_ID,
  url,
  origin: new URL(url).origin,
  frameId: 0,
  tab: { id: tabId, url },
});

/** One of our own pages (popup, options). */
export const popupSender: MessageSender = { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}/popup.html`, origin: EXTENSION_ORIGIN };

/**
 * The background message handler over a real database and match service, with fakes for the tabs
 * and the per-tab state (kept in memory, replace/append like the real one).
 */
export function messageHarness(db: CrosscheckDatabase, openTabs: { id: number; url: string }[] = []) {
  const states = new Map<number, TabState>();
  const tabState = {
    read: vi.fn(async (tabId: number) => states.get(tabId) ?? null),
    record: vi.fn(
      async (tabId: number, url: string, claims: readonly string[], mode: 'replace' | 'append', notices: readonly PageNotice[] = []) => {
        states.set(tabId, mergeTabState(states.get(tabId) ?? null, url, claims, notices, mode));
        return states.get(tabId);
      },
    ),
    clear: vi.fn(async (tabId: number) => {
      states.delete(tabId);
    }),
  } satisfies BackgroundDeps['tabState'];
  const tabs = {
    list: vi.fn(async () => openTabs),
    get: vi.fn(async (tabId: number) => openTabs.find((tab) => tab.id === tabId) ?? null),
    send: vi.fn(async (_tabId: number, _message: BackgroundToContent) => {}),
    /** what the content script answers to a question (describe-selection); set per test */
    ask: vi.fn(async (_tabId: number, _message: BackgroundToContent): Promise<unknown> => undefined),
  } satisfies BackgroundDeps['tabs'] & { ask: unknown };
  const matcher = createMatchService(db);
  const views = createClaimViewCache(db);
  const ownPackChanged = vi.fn(async () => {
    matcher.invalidate();
    views.clear();
  });
  const annotations = createAnnotationService({ db, tabs, drafts: createDraftStore(memoryStorageArea()), onOwnPackChanged: ownPackChanged });
  const handle = createMessageHandler({
    annotations,
    importAnnotations: (fileName, text) => annotations.importFile(fileName, text),
    db,
    matcher,
    views,
    extensionId: EXTENSION_ID,
    extensionOrigin: EXTENSION_ORIGIN,
    tabs,
    tabState,
  });
  return { handle, tabState, tabs, matcher, views, ownPackChanged };
}
