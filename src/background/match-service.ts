import type { CrosscheckDatabase } from '../db/crosscheck-database';
import { benchTimeline } from '../bench-timings';
import { ClaimIndexSnapshotSchema, validRows } from '../db/records';
import type { ClaimIndexSnapshot } from '../matching/claim-index';
import { matchText, type ClaimMatch } from '../matching/match-text';
import { BLOCK_BREAK } from '../matching/tokenize';
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
  /** What the page is answered with: confirmed passages to highlight, and figures that differ. */
  match(segments: readonly PageSegment[]): Promise<PageMatches>;
  /**
   * The possible matches, for the popup only, looked for after the page has its answer: the
   * search scores many more candidates than the page's tiers need. It runs a few blocks at a time
   * and gives way to other messages between them; it stops (returning null) once `current` says a
   * newer scan of the tab made it moot.
   */
  possible(segments: readonly PageSegment[], current?: () => boolean): Promise<SegmentNotice[] | null>;
  /**
   * Start reading the indexes, if they are not in memory: called when a tab starts loading, so a
   * worker woken by the navigation reads them while the page loads rather than after it asks.
   */
  preload(): void;
  /** Forget the loaded indexes (a pack was installed or removed). */
  invalidate(): void;
}

/*
 * For the benchmark (`npm run bench`, bench/run-bench.ts) only: each match() puts a
 * `crosscheck:match` measure (the matching itself, after the indexes are loaded) on the worker's
 * performance timeline, where the bench reads it; `crosscheck:possible` times each slice of the
 * possible-match search, and `crosscheck:load` the reading of the indexes (IndexedDB and the
 * schema check). Each name is cleared past MAX_MATCH_ENTRIES, so a worker kept alive by a busy
 * tab does not grow the timeline without bound.
 */
const MAX_MATCH_ENTRIES = 100;
const timeline = benchTimeline;
function recordTime(name: 'crosscheck:match' | 'crosscheck:possible' | 'crosscheck:load', start: number): void {
  if (!timeline) return;
  // Counted on the timeline itself, which the bench clears between runs.
  if (timeline.getEntriesByName(name).length >= MAX_MATCH_ENTRIES) timeline.clearMeasures(name);
  timeline.measure(name, { start, end: timeline.now() });
}

/** Text searched for possible matches between two turns of the event loop. */
const SLICE_CHARS = 8_000;

/**
 * A segment cut at block breaks into slices of about SLICE_CHARS. No match spans a block (a claim
 * split over two sentences is looked for within one), so the slices find what the whole would.
 */
export function blockSlices(text: string, size = SLICE_CHARS): Array<{ offset: number; text: string }> {
  const slices: Array<{ offset: number; text: string }> = [];
  let from = 0;
  while (from < text.length) {
    let to = from + size;
    if (to >= text.length) to = text.length;
    else {
      const next = text.indexOf(BLOCK_BREAK, to);
      to = next < 0 ? text.length : next + 1;
    }
    slices.push({ offset: from, text: text.slice(from, to) });
    from = to;
  }
  return slices;
}

/**
 * A turn of the event loop, for messages waiting on the worker: a message to ourselves, since
 * nested setTimeout(0) calls are held back to 4 ms each.
 */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export function createMatchService(db: CrosscheckDatabase, ready: () => Promise<unknown> = async () => {}): MatchService {
  let loading: Promise<ClaimIndexSnapshot[]> | null = null;
  const load = () =>
    (loading ??= ready()
      .then(async () => {
        const start = timeline?.now() ?? 0;
        const rows = await db.packIndexes.toArray();
        // An index stored by an older build in another layout is skipped, not misread.
        const indexes = validRows(ClaimIndexSnapshotSchema, rows.map((row) => row.index), 'match index');
        recordTime('crosscheck:load', start);
        return indexes;
      })
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
        for (const match of matchText(indexes, segment.text, 'page')) {
          if (match.tier === 'confirmed') hits.push({ segment: segment.id, start: match.start, end: match.end, claim: match.claimKey });
          else if (match.tier === 'numbers-differ') notices.push({ ...match, tier: match.tier, segment: segment.id });
        }
      recordTime('crosscheck:match', start);
      return { hits, notices };
    },
    async possible(segments, current = () => true) {
      const indexes = await load();
      const notices: SegmentNotice[] = [];
      for (const segment of segments)
        for (const slice of blockSlices(segment.text)) {
          await nextTurn();
          if (!current()) return null;
          const start = timeline?.now() ?? 0;
          for (const match of matchText(indexes, slice.text, 'all'))
            if (match.tier === 'possible')
              notices.push({ ...match, tier: 'possible', segment: segment.id, start: match.start + slice.offset, end: match.end + slice.offset });
          recordTime('crosscheck:possible', start);
        }
      return notices;
    },
    preload() {
      // A failed read is retried by the page's own request, which reports it.
      load().catch(() => {});
    },
    invalidate() {
      loading = null;
    },
  };
}
