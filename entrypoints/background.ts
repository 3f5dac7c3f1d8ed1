import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { benchNow, recordBenchTime } from '../src/bench-timings';
import { createMessageHandler } from '../src/background/handle-message';
import { listenForLargeImports } from '../src/background/import-port';
import { injectIntoOpenTabs } from '../src/background/inject-open-tabs';
import { createPackImporter } from '../src/background/pack-importer';
import { createAnnotationService } from '../src/background/annotation-service';
import { createDraftStore } from '../src/background/tag-drafts';
import { createClaimViewCache } from '../src/background/claim-view-cache';
import { createMatchService } from '../src/background/match-service';
import { scheduleSync } from '../src/background/subscriptions/schedule-sync';
import { createSubscriptionService } from '../src/background/subscriptions/subscription-service';
import { clearTabState, readTabState, recordTabMatches } from '../src/background/tab-state';
import { database } from '../src/db/crosscheck-database';
import { purgeDeletedAnnotations } from '../src/db/annotations/save-annotation';
import { ensureDemoPack } from '../src/db/ensure-demo-pack';
import { demoPackDismissed } from '../src/db/demo-pack-dismissal';
import type { BackgroundToContent } from '../src/messaging/protocol';

export default defineBackground(() => {
  const db = database();
  let seeded: Promise<unknown> | null = null;
  const seed = () =>
    (seeded ??= ensureDemoPack(db, demoPackDismissed).catch((error: unknown) => {
      seeded = null;
      console.error('Crosscheck: installing the demo pack failed', error);
    }));
  const matcher = createMatchService(db, seed);
  const views = createClaimViewCache(db);
  const isWebUrl = (url: string | undefined): url is string => !!url && /^https?:/.test(url);

  const tabs = {
    list: async () =>
      (await browser.tabs.query({})).flatMap((tab) =>
        tab.id !== undefined && isWebUrl(tab.url) ? [{ id: tab.id, url: tab.url }] : [],
      ),
    get: async (tabId: number) => {
      try {
        const tab = await browser.tabs.get(tabId);
        return { id: tabId, ...(tab.url ? { url: tab.url } : {}) };
      } catch {
        return null;
      }
    },
    // Top frame only: that is where the content script runs (and the panel frame must not answer).
    send: async (tabId: number, message: BackgroundToContent) => {
      await browser.tabs.sendMessage(tabId, message, { frameId: 0 });
    },
    ask: (tabId: number, message: BackgroundToContent): Promise<unknown> =>
      browser.tabs.sendMessage(tabId, message, { frameId: 0 }),
  };

  // A cold start's cost is reading the indexes: begin when a web page starts loading, not when its
  // text arrives (a listener registered at the top level wakes a stopped worker for the event).
  browser.tabs.onUpdated.addListener((_tabId, change, tab) => {
    if (change.status === 'loading' && isWebUrl(tab.url)) matcher.preload();
  });

  // A pack was installed or replaced: reload the matcher and re-read the open pages.
  const packsChanged = async () => {
    matcher.invalidate();
    views.clear();
    const open = await tabs.list();
    await Promise.all(open.map((tab) => tabs.send(tab.id, { type: 'background/rescan' }).catch(() => {})));
  };

  // Subscriptions: a synced pack reloads the matcher and re-reads open pages, as an import does.
  const subscriptions = createSubscriptionService({
    db,
    onPacksChanged: packsChanged,
  });

  // Files and one-off downloads the user imports by hand; large files arrive over a port.
  const extensionOrigin = browser.runtime.getURL('/').replace(/\/$/, '');
  const importer = createPackImporter({
    db,
    onPacksChanged: packsChanged,
  });
  listenForLargeImports(importer, extensionOrigin);

  // The annotator's own claims are a pack like the others: the matcher reloads it when they change.
  const annotations = createAnnotationService({
    db,
    tabs,
    drafts: createDraftStore(browser.storage.session),
    onOwnPackChanged: async () => {
      matcher.invalidate();
      views.clear();
    },
  });

  const handle = createMessageHandler({
    annotations,
    importAnnotations: (fileName, text) => annotations.importFile(fileName, text),
    db,
    matcher,
    views,
    extensionId: browser.runtime.id,
    extensionOrigin,
    subscriptions,
    importer,
    tabs,
    tabState: { read: readTabState, record: recordTabMatches, clear: clearTabState },
  });

  // sendResponse + `return true` is the reply style both Chromium and Firefox honour.
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const start = benchNow();
    void handle(message, sender).then((reply) => {
      // For the bench: a page's request, from arriving to its reply; less its match, the worker's share of the page's waiting.
      if ((message as { type?: unknown } | null)?.type === 'content/match-page') recordBenchTime('crosscheck:answer', start);
      sendResponse(reply);
    });
    return true;
  });

  const TAG_MENU = 'crosscheck-tag-selection';
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({ id: TAG_MENU, title: 'Tag claim with Crosscheck', contexts: ['selection'] }, () => {
      // Already there after an update: nothing to do.
      void browser.runtime.lastError;
    });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === TAG_MENU && tab?.id !== undefined)
      void tabs.send(tab.id, { type: 'background/tag-selection' }).catch(() => {});
  });

  browser.runtime.onInstalled.addListener(() => {
    // Seed first, so the pages the injected scripts read already find the demo pack's claims.
    void seed()
      .then(() => {
        matcher.invalidate();
        views.clear();
      })
      .then(() => injectIntoOpenTabs());
  });

  // Deleted annotations stay undoable for a week, then go for good.
  const purgeDeleted = () =>
    void purgeDeletedAnnotations(db, 7 * 24 * 3600 * 1000).catch((error: unknown) =>
      console.warn('Crosscheck: purging deleted annotations failed', error),
    );
  browser.runtime.onStartup.addListener(purgeDeleted);
  browser.runtime.onInstalled.addListener(purgeDeleted);

  scheduleSync({
    alarms: browser.alarms,
    syncAll: () => subscriptions.syncAll(),
    settings: browser.storage.local,
    storage: browser.storage,
    onStartup: browser.runtime.onStartup,
    onInstalled: browser.runtime.onInstalled,
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    handle.forgetTab(tabId);
    void clearTabState(tabId);
  });
  browser.tabs.onUpdated.addListener((tabId, change) => {
    // A new document is loading: its content script will report afresh.
    if (change.status === 'loading' && change.url) void clearTabState(tabId);
  });

  browser.commands?.onCommand.addListener(async (command) => {
    const message: BackgroundToContent | null =
      command === 'focus-next-claim'
        ? { type: 'background/focus-next' }
        : command === 'tag-selection'
          ? { type: 'background/tag-selection' }
          : null;
    if (!message) return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id !== undefined) await tabs.send(tab.id, message).catch(() => {});
  });
});
