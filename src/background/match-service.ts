import type { CrosscheckDatabase } from '../db/crosscheck-database';
import { benchTimeline } from '../bench-timings';
import { ClaimIndexSnapshotSchema, validRows } from '../db/records';
import type { ClaimIndexSnapshot } from '../matching/claim-index';
import { matchText, type ClaimMatch } from '../matching/match-text';
import type { MatchHit, PageSegment } from '../messaging/protocol';

/** A match the page is not highlighted with: listed in the popup. */
export interface SegmentNotice extends ClaimMatch {
  segment: number;
  tier: 'possible' | 'numbers-differ';
}

export interface PageMatches {
  /** confirmed: highlighted */
  hits: MatchHit[];
  notices: SegmentNotice[];
}

/**
 * Holds the persisted per-pack indexes in memory once loaded. The service worker may be stopped
 * at any time, so the memory copy is only a cache: the first request after a restart loads the
 * snapshots from IndexedDB (typed arrays, no parsing) and nothing is rebuilt.
 */
export interface MatchService {
  match(segments: readonly PageSegment[]): Promise<PageMatches>;
  /** Forget the loaded indexes (a pack was installed or removed). */
  invalidate(): void;
}

/*
 * For the benchmark (`npm run bench`, bench/run-bench.ts) only: each match() puts a
 * `crosscheck:match` measure (the matching itself, after the indexes are loaded) on the worker's
 * performance timeline, where the bench reads it. The timeline is cleared past MAX_MATCH_ENTRIES so
 * a worker kept alive by a busy tab does not grow it without bound.
 */
const MAX_MATCH_ENTRIES = 100;
const timeline = benchTimeline;
let matchEntries = 0;
function recordMatchTime(start: number): void {
  if (!timeline) return;
  if (++matchEntries > MAX_MATCH_ENTRIES) {
    timeline.clearMeasures('crosscheck:match');
    matchEntries = 1;
  }
  timeline.measure('crosscheck:match', { start, end: timeline.now() });
}

export function createMatchService(db: CrosscheckDatabase, ready: () => Promise<unknown> = async () => {}): MatchService {
  let loading: Promise<ClaimIndexSnapshot[]> | null = null;
  const load = () =>
    (loading ??= ready()
      .then(() => db.packIndexes.toArray())
      // An index stored by an older build in another layout is skipped, not misread.
      .then((rows) => validRows(ClaimIndexSnapshotSchema, rows.map((row) => row.index), 'match index'))
      .catch((error: unknown) => {
        loading = null;
        throw error;
      }));
  return {
    async match(segments) {
      const indexes = await load();
      const start = timeline?.now() ?? 0;
      const hits: MatchHit[] = [];
      const notices: SegmentNotice[] = [];
      for (const segment of segments)
        for (const match of matchText(indexes, segment.text)) {
          if (match.tier === 'confirmed') hits.push({ segment: segment.id, start: match.start, end: match.end, claim: match.claimKey });
          else notices.push({ ...match, tier: match.tier, segment: segment.id });
        }
      recordMatchTime(start);
      return { hits, notices };
    },
    invalidate() {
      loading = null;
    },
  };
}
