import { claimViews } from '../db/claim-views';
import type { CrosscheckDatabase } from '../db/crosscheck-database';
import type { ClaimView } from '../messaging/claim-view';

/**
 * The claims pages keep asking about (the same few per news site), resolved once and kept while
 * the worker lives, so a page's answer needs no database read. Cleared whenever packs change; a
 * restarted worker simply starts empty. Bounded: the least recently used go first.
 */
export interface ClaimViewCache {
  get(keys: readonly string[]): Promise<ClaimView[]>;
  clear(): void;
}

export function createClaimViewCache(db: CrosscheckDatabase, max = 5_000): ClaimViewCache {
  const cache = new Map<string, ClaimView>();
  let generation = 0;
  return {
    async get(keys) {
      const missing = keys.filter((key) => !cache.has(key));
      if (missing.length) {
        const asked = generation;
        const fresh = await claimViews(db, missing);
        // Packs changed while reading: the views may be stale, so hand them out but keep none.
        if (asked === generation) for (const view of fresh) cache.set(view.key, view);
        if (asked !== generation) return orderBy(keys, new Map([...cache, ...fresh.map((v) => [v.key, v] as const)]));
      }
      const views = orderBy(keys, cache);
      for (const view of views) {
        cache.delete(view.key);
        cache.set(view.key, view);
      }
      while (cache.size > max) cache.delete(cache.keys().next().value!);
      return views;
    },
    clear() {
      generation++;
      cache.clear();
    },
  };
}

const orderBy = (keys: readonly string[], views: ReadonlyMap<string, ClaimView>): ClaimView[] =>
  keys.flatMap((key) => {
    const view = views.get(key);
    return view ? [view] : [];
  });
