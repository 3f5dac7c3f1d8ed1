import type { CrosscheckDatabase } from '../db/crosscheck-database';
import { benchTimeline, recordBenchTime } from '../bench-timings';
import { indexComplete, readIndexHeads, readIndexShards, readPackIndex, type PackIndexRecord } from '../db/pack-index-parts';
import { claimAtRank, hashTokens, phrasingsIn, type ClaimIndexSnapshot } from '../matching/claim-index';
import { claimsIndex, shardOf } from '../matching/index-parts';
import { matchText, type ClaimMatch } from '../matching/match-text';
import { warmUpMatcher } from '../matching/warm-up-matcher';
import { BLOCK_BREAK, tokenize } from '../matching/tokenize';
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
  /**
   * Answered before the whole index was read: only the claims with a known phrasing in the text
   * were looked for (each exactly as the whole index would), and complete() has the rest.
   */
  partial: boolean;
}

/**
 * Holds the persisted per-pack indexes in memory once loaded. The service worker may be stopped
 * at any time, so the memory copy is only a cache: after a restart, the first request reads the
 * exact halves of the indexes and the shards of the claims its known phrasings hit (a third of the
 * bytes, ADR 0011), and the rest is read after it is answered. Typed arrays, nothing rebuilt.
 */
export interface MatchService {
  /**
   * What the page is answered with: confirmed passages to highlight, and figures that differ.
   * Partial while the whole index is not in memory yet.
   */
  match(segments: readonly PageSegment[]): Promise<PageMatches>;
  /** The same with the whole index, once it is read. */
  complete(segments: readonly PageSegment[]): Promise<PageMatches>;
  /**
   * The possible matches, for the popup only, looked for after the page has its answer: the
   * search scores many more candidates than the page's tiers need. It runs a few blocks at a time
   * and gives way to other messages between them; it stops (returning null) once `current` says a
   * newer scan of the tab made it moot.
   */
  possible(segments: readonly PageSegment[], current?: () => boolean): Promise<SegmentNotice[] | null>;
  /**
   * Start reading the exact halves, if they are not in memory: called when a tab starts loading, so
   * a worker woken by the navigation reads them while the page loads rather than after it asks.
   */
  preload(): void;
  /** Forget the loaded indexes (a pack was installed or removed). */
  invalidate(): void;
}

/*
 * For the benchmark (`npm run bench`, bench/run-bench.ts) only: each match() puts a
 * `crosscheck:match` measure (the matching itself, after the indexes are loaded) on the worker's
 * performance timeline, where the bench reads it; `crosscheck:possible` times each slice of the
 * possible-match search, `crosscheck:load` the reading of the exact halves (IndexedDB and the
 * schema check), `crosscheck:shards` that of the hit claims' shards for a partial answer, and
 * `crosscheck:load-rest` that of the rest of the indexes, `crosscheck:warm-up` the matcher's one
 * run over a made-up text while the exact halves are read. Each name is cleared past a hundred entries, so a worker kept alive by a busy
 * tab does not grow the timeline without bound (recordBenchTime).
 */
const timeline = benchTimeline;
type TimedStep = 'crosscheck:match' | 'crosscheck:possible' | 'crosscheck:load' | 'crosscheck:shards' | 'crosscheck:load-rest' | 'crosscheck:warm-up';
const recordTime = (name: TimedStep, start: number): void => recordBenchTime(name, start);

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

/**
 * An index of the claims with a known phrasing in the segments, or null when none has one, or
 * when the pack's stored parts are not all there and whole (the complete answer would skip the
 * pack then, and the first may not show what the complete one takes back).
 */
async function hitClaimsIndex(db: CrosscheckDatabase, stored: PackIndexRecord, hashes: readonly Uint32Array[]): Promise<ClaimIndexSnapshot | null> {
  const found = new Set<number>();
  for (const list of hashes) for (const rank of phrasingsIn(stored.index, list)) found.add(rank);
  if (found.size === 0) return null;
  const wanted = [...new Set([...found].map((rank) => shardOf(claimAtRank(stored.index, rank))))];
  // complete() reports what is wrong.
  const [shards, whole] = await Promise.all([
    readIndexShards(db, stored, wanted).catch(() => []),
    indexComplete(db, stored).catch(() => false),
  ]);
  if (!whole || shards.length < wanted.length) return null;
  return claimsIndex(stored.index, shards, found);
}

function answer(indexes: readonly ClaimIndexSnapshot[], segments: readonly PageSegment[], partial: boolean): PageMatches {
  const start = timeline?.now() ?? 0;
  const hits: MatchHit[] = [];
  const notices: SegmentNotice[] = [];
  for (const segment of segments)
    for (const match of matchText(indexes, segment.text, 'page')) {
      if (match.tier === 'confirmed') hits.push({ segment: segment.id, start: match.start, end: match.end, claim: match.claimKey });
      else if (match.tier === 'numbers-differ') notices.push({ ...match, tier: match.tier, segment: segment.id });
    }
  recordTime('crosscheck:match', start);
  return { hits, notices, partial };
}

export function createMatchService(db: CrosscheckDatabase, ready: () => Promise<unknown> = async () => {}): MatchService {
  let heads: Promise<PackIndexRecord[]> | null = null;
  let whole: Promise<ClaimIndexSnapshot[]> | null = null;
  /** the whole indexes, once read: pages are answered from them in full */
  let loaded: ClaimIndexSnapshot[] | null = null;
  /** bumped by invalidate(), so a read begun before it is not taken for the packs now installed */
  let generation = 0;
  const loadHeads = () => {
    if (heads) return heads;
    const reading: Promise<PackIndexRecord[]> = ready()
      .then(async () => {
        const start = timeline?.now() ?? 0;
        const reading = readIndexHeads(db);
        // While IndexedDB reads, the worker's thread is free: the matcher's code is compiled then.
        setTimeout(() => {
          const warm = timeline?.now() ?? 0;
          warmUpMatcher();
          recordTime('crosscheck:warm-up', warm);
        }, 0);
        const rows = await reading;
        recordTime('crosscheck:load', start);
        return rows;
      })
      .catch((error: unknown) => {
        // (A read begun before invalidate() leaves the newer one alone.)
        if (heads === reading) heads = null;
        throw error;
      });
    return (heads = reading);
  };
  const loadWhole = () => {
    if (whole) return whole;
    const startedIn = generation;
    const reading: Promise<ClaimIndexSnapshot[]> = loadHeads()
      .then(async (stored) => {
        const start = timeline?.now() ?? 0;
        const read = await Promise.all(
          stored.map((row) =>
            readPackIndex(db, row.packId, row).catch((error: unknown) => {
              console.warn('Crosscheck: ignoring a stored match index that does not fit together', error);
              return undefined;
            }),
          ),
        );
        recordTime('crosscheck:load-rest', start);
        const indexes = read.filter((index): index is ClaimIndexSnapshot => index !== undefined);
        if (startedIn === generation) loaded = indexes;
        return indexes;
      })
      .catch((error: unknown) => {
        if (whole === reading) whole = null;
        throw error;
      });
    return (whole = reading);
  };
  return {
    async match(segments) {
      if (loaded) return answer(loaded, segments, false);
      const stored = await loadHeads();
      if (loaded) return answer(loaded, segments, false);
      const start = timeline?.now() ?? 0;
      const hashes = segments.map((segment) => hashTokens(tokenize(segment.text)));
      const indexes = await Promise.all(stored.map((row) => hitClaimsIndex(db, row, hashes)));
      recordTime('crosscheck:shards', start);
      // With no pack installed there is nothing more to read.
      return answer(
        indexes.filter((index): index is ClaimIndexSnapshot => index !== null),
        segments,
        stored.length > 0,
      );
    },
    async complete(segments) {
      return answer(await loadWhole(), segments, false);
    },
    async possible(segments, current = () => true) {
      const indexes = await loadWhole();
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
      loadHeads().catch(() => {});
    },
    invalidate() {
      generation++;
      heads = null;
      whole = null;
      loaded = null;
    },
  };
}
