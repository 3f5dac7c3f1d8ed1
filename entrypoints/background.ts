import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createMessageHandler } from '../src/background/handle-message';
import { createMatchService } from '../src/background/match-service';
import { clearTabState, readTabState, recordTabMatches } from '../src/background/tab-state';
import { database } from '../src/db/crosscheck-database';
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
  const isWebUrl = (url: string | undefined): url is string => !!url && /^https?:/.test(url);

  const handle = createMessageHandler({
    db,
    matcher,
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/').replace(/\/$/, ''),
    tabs: {
      list: async () =>
        (await browser.tabs.query({})).flatMap((tab) =>
          tab.id !== undefined && isWebUrl(tab.url) ? [{ id: tab.id, url: tab.url }] : [],
        ),
      get: async (tabId) => {
        try {
          const tab = await browser.tabs.get(tabId);
          return { id: tabId, ...(tab.url ? { url: tab.url } : {}) };
        } catch {
          return null;
        }
      },
      send: async (tabId, message: BackgroundToContent) => {
        await browser.tabs.sendMessage(tabId, message);
      },
    },
    tabState: { read: readTabState, record: recordTabMatches, clear: clearTabState },
  });

  // sendResponse + `return true` is the reply style both Chromium and Firefox honour.
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    void handle(message, sender).then(sendResponse);
    return true;
  });

  browser.runtime.onInstalled.addListener(() => {
    void seed().then(() => matcher.invalidate());
  });

  browser.tabs.onRemoved.addListener((tabId) => void clearTabState(tabId));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    // A new document is loading: its content script will report afresh.
    if (change.status === 'loading' && change.url) void clearTabState(tabId);
  });

  browser.commands?.onCommand.addListener(async (command) => {
    if (command !== 'focus-next-claim') return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id !== undefined) await browser.tabs.sendMessage(tab.id, { type: 'background/focus-next' }).catch(() => {});
  });
});
