import { z } from 'zod';
import { browser } from 'wxt/browser';
import type { PageNotice } from '../messaging/protocol';
import { tabStateKey as keyOf } from '../messaging/tab-state-key';
import { mergeTabState } from './merge-tab-state';

/**
 * Which claims each tab shows, kept in storage.session: the service worker can be stopped between
 * a page's match and the popup opening, so nothing may live only in its memory. A set of claim
 * keys, so a block the page re-renders and the content script re-reads adds nothing twice.
 * Writes to one tab are serialised, since a page's later segments can arrive while an earlier
 * write is pending.
 */
const PageNoticeSchema = z.object({
  claim: z.string(),
  tier: z.enum(['possible', 'numbers-differ']),
  passage: z.string(),
  score: z.number(),
  shared: z.array(z.string()),
  pageFigures: z.array(z.string()),
  claimFigures: z.array(z.string()),
  claimWording: z.string(),
  notes: z.array(z.string()),
});
// `notices` arrived with the match tiers; state written before them reads as none.
export const TabStateSchema = z.object({
  url: z.string(),
  claims: z.array(z.string()),
  notices: z.array(PageNoticeSchema).default([]),
});
export type TabState = z.infer<typeof TabStateSchema>;

const queues = new Map<number, Promise<unknown>>();

function serialise<T>(tabId: number, task: () => Promise<T>): Promise<T> {
  const run = (queues.get(tabId) ?? Promise.resolve()).then(task, task);
  queues.set(tabId, run.catch(() => {}));
  return run;
}

export async function readTabState(tabId: number): Promise<TabState | null> {
  const stored = await browser.storage.session.get(keyOf(tabId));
  // Written by an older build, or damaged: treat as unknown rather than trusting its shape.
  const parsed = TabStateSchema.safeParse(stored[keyOf(tabId)]);
  return parsed.success ? parsed.data : null;
}

export function recordTabMatches(
  tabId: number,
  url: string,
  claims: readonly string[],
  mode: 'replace' | 'append',
  notices: readonly PageNotice[] = [],
): Promise<TabState> {
  return serialise(tabId, async () => {
    const previous = mode === 'append' ? await readTabState(tabId) : null;
    const state: TabState = mergeTabState(previous, url, claims, notices, mode);
    await browser.storage.session.set({ [keyOf(tabId)]: state });
    await showBadge(tabId, state.claims.length);
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
