import { browser } from 'wxt/browser';
import type { BackgroundToContent } from '../messaging/protocol';

/** The parts of the extension API injection uses; the browser's own by default. */
export interface InjectionApi {
  manifest: () => { content_scripts?: Array<{ js?: string[]; css?: string[] }> };
  openTabs: () => Promise<Array<{ id?: number; discarded?: boolean }>>;
  /** resolves with the top frame's reply, rejects when no script of ours listens there */
  ask: (tabId: number, message: BackgroundToContent) => Promise<unknown>;
  insertCss: ((tabId: number, files: string[]) => Promise<unknown>) | null;
  executeScript: ((tabId: number, files: string[]) => Promise<unknown>) | null;
}

const browserApi = (): InjectionApi => ({
  manifest: () => browser.runtime.getManifest(),
  openTabs: () => browser.tabs.query({ url: ['http://*/*', 'https://*/*'] }),
  ask: (tabId, message) => browser.tabs.sendMessage(tabId, message, { frameId: 0 }),
  // Paths come from our own manifest; WXT types them as a closed set of public paths.
  insertCss: browser.scripting ? (tabId, files) => browser.scripting.insertCSS({ target: { tabId }, files: files as never[] }) : null,
  executeScript: browser.scripting
    ? (tabId, files) => browser.scripting.executeScript({ target: { tabId }, files: files as never[] })
    : null,
});

/**
 * Browsers run content scripts only in pages loaded after the extension was installed or
 * updated. This injects ours into the web pages already open, so a new user sees highlights at
 * once and, after an update, pages drop the old script: WXT's context notices the new instance and
 * invalidates the old one, which removes its highlights.
 *
 * A page that loaded while the extension was being installed already runs the manifest's script,
 * connected to this extension: it answers the ping and is left alone, since a second copy would
 * take its highlights down and paint them again. An old copy from before an update cannot answer
 * (its connection is gone), so it is replaced.
 */
export async function injectIntoOpenTabs(api: InjectionApi = browserApi()): Promise<number> {
  const [entry] = api.manifest().content_scripts ?? [];
  const { executeScript, insertCss } = api;
  if (!executeScript || !entry?.js?.length) return 0;
  const tabs = await api.openTabs();
  let injected = 0;
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined || tab.discarded) return;
      const live = await api.ask(tab.id, { type: 'background/ping' }).then((reply) => reply === true, () => false);
      if (live) return;
      try {
        if (entry.css?.length && insertCss) await insertCss(tab.id, entry.css);
        await executeScript(tab.id, entry.js!);
        injected++;
      } catch {
        // Pages the browser protects (the web store, error pages) refuse scripts; nothing to do.
      }
    }),
  );
  return injected;
}
