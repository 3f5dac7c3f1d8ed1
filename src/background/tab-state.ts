import { browser } from 'wxt/browser';

/**
 * Which claims each tab shows, kept in storage.session: the service worker can be stopped between
 * a page's match and the popup opening, so nothing may live only in its memory. Writes to one tab
 * are serialised, since a page's later segments can arrive while an earlier write is pending.
 */
export interface TabState {
  url: string;
  /** claim key -> passages found */
  counts: Record<string, number>;
}

const keyOf = (tabId: number) => `tab:${tabId}`;
const queues = new Map<number, Promise<unknown>>();

function serialise<T>(tabId: number, task: () => Promise<T>): Promise<T> {
  const run = (queues.get(tabId) ?? Promise.resolve()).then(task, task);
  queues.set(tabId, run.catch(() => {}));
  return run;
}

export async function readTabState(tabId: number): Promise<TabState | null> {
  const stored = await browser.storage.session.get(keyOf(tabId));
  return (stored[keyOf(tabId)] as TabState | undefined) ?? null;
}

export function recordTabMatches(
  tabId: number,
  url: string,
  counts: Record<string, number>,
  mode: 'replace' | 'append',
): Promise<TabState> {
  return serialise(tabId, async () => {
    const previous = mode === 'append' ? await readTabState(tabId) : null;
    const merged: Record<string, number> = previous && previous.url === url ? { ...previous.counts } : {};
    for (const [claim, count] of Object.entries(counts)) merged[claim] = (merged[claim] ?? 0) + count;
    const state: TabState = { url, counts: merged };
    await browser.storage.session.set({ [keyOf(tabId)]: state });
    await showBadge(tabId, Object.keys(merged).length);
    return state;
  });
}

export function clearTabState(tabId: number): Promise<void> {
  return serialise(tabId, async () => {
    await browser.storage.session.remove(keyOf(tabId));
    await showBadge(tabId, 0);
  });
}

type ActionApi = typeof browser.action;

async function showBadge(tabId: number, claims: number): Promise<void> {
  // Firefox builds are MV2, where the toolbar button is browserAction.
  const action: ActionApi | undefined =
    browser.action ?? (browser as unknown as { browserAction?: ActionApi }).browserAction;
  if (!action) return;
  try {
    await action.setBadgeText({ tabId, text: claims > 0 ? String(claims) : '' });
    if (claims > 0) await action.setBadgeBackgroundColor({ tabId, color: '#37474f' });
  } catch {
    // The tab closed meanwhile; there is no badge to update.
  }
}
