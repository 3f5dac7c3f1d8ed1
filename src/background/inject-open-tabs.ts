import { browser } from 'wxt/browser';

/**
 * Browsers run content scripts only in pages loaded after the extension was installed or
 * updated. This injects ours into the web pages already open, so a new user sees highlights at
 * once and, after an update, pages drop the old script: WXT's context notices the new instance and
 * invalidates the old one, which removes its highlights.
 */
export async function injectIntoOpenTabs(): Promise<number> {
  const scripting = browser.scripting;
  const [entry] = browser.runtime.getManifest().content_scripts ?? [];
  if (!scripting || !entry?.js?.length) return 0;
  const tabs = await browser.tabs.query({ url: ['http://*/*', 'https://*/*'] });
  let injected = 0;
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined || tab.discarded) return;
      try {
        if (entry.css?.length) await scripting.insertCSS({ target: { tabId: tab.id }, files: entry.css as never[] });
        // Paths come from our own manifest; WXT types them as a closed set of public paths.
        await scripting.executeScript({ target: { tabId: tab.id }, files: entry.js as never[] });
        injected++;
      } catch {
        // Pages the browser protects (the web store, error pages) refuse scripts; nothing to do.
      }
    }),
  );
  return injected;
}
