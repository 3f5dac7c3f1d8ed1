import type { PageNotice } from '../messaging/protocol';

export interface TabMatches {
  url: string;
  claims: string[];
  notices: PageNotice[];
}

/** Enough for any article; a page that lists more possible matches than this is not one. */
export const MAX_NOTICES = 50;

/**
 * A tab's claims after one more reply: `replace` starts the page afresh, `append` adds what text
 * the page loaded later found. A claim highlighted anywhere on the page is not also listed as
 * "possible"; the same notice found twice (a block re-rendered) is kept once.
 */
export function mergeTabState(
  previous: TabMatches | null,
  url: string,
  claims: readonly string[],
  notices: readonly PageNotice[],
  mode: 'replace' | 'append',
): TabMatches {
  const keep = mode === 'append' && previous?.url === url ? previous : null;
  const merged = new Set([...(keep?.claims ?? []), ...claims]);
  const seen = new Set<string>();
  const kept: PageNotice[] = [];
  for (const notice of [...(keep?.notices ?? []), ...notices]) {
    if (notice.tier === 'possible' && merged.has(notice.claim)) continue;
    const id = `${notice.claim}\u0000${notice.tier}\u0000${notice.passage}`;
    if (seen.has(id) || kept.length >= MAX_NOTICES) continue;
    seen.add(id);
    kept.push(notice);
  }
  return { url, claims: [...merged], notices: kept };
}
