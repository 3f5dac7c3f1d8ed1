/**
 * The shapes the bench measures into and reports from (bench/run-bench.ts writes them to
 * bench/results/results.json; bench/report.ts renders them).
 */
import type { ImportPhases } from './import-phases';
import type { Summary } from './stats';

// ---- what the in-page script provides (bench/page-probes.mjs) ---------------------------------

export interface Timings {
  sessions: number;
  startAt: number;
  highlightedAt: number;
  startToHighlighted: number;
  /** when the highlights of the complete answer were registered (a worker just started answers in part first) */
  completeAt: number | null;
  read: number;
  send: number;
  paint: number;
  mainThread: number;
  longestPhase: number;
  longTasks: number[];
  longestTask: number;
}
export interface MarkResult {
  ms: number;
  phrasesDone: number;
  phrases: number;
  capped: boolean;
  marks: number;
  synchronous: boolean;
}
export interface Probes {
  timings(): Timings | null;
  floor(): { ms: number; chars: number; nodes: number };
  indexOfPass(phrases: string[]): { ms: number; hits: number; phrases: number };
  markJs(phrases: string[], options: { batch?: number; capMs?: number }): MarkResult;
  textLength(): { all: number; visible: number };
  paragraphSpans(count: number): string[];
}
declare global {
  // eslint-disable-next-line no-var
  var __crosscheckBench: Probes;
  // eslint-disable-next-line no-var
  var __packText: string | undefined;
}

/**
 * How a pack goes in. "message" and "port" are what the options page does with a file
 * (importPackFile in src/messaging/ui-client.ts: one ui/import-pack message when the text fits
 * MAX_MESSAGE_CHARS, else pieces over the import port); "split" is several packs that way, for
 * a pack over MAX_PACK_BYTES; "subscribe" is the background downloading it (ui/subscribe).
 */
export type ImportPath = 'message' | 'port' | 'subscribe' | 'split';

export interface ImportTiming {
  /** sending → the background's reply (parsed, validated, installed, indexed) */
  reply: number;
  /** the reply → the first page highlighted with a claim of the new pack */
  firstPage: number;
  total: number;
  /** fetching the file into the options page (not part of the import time) */
  fetch: number;
  swHeapPeak: number;
  /** the worker's measures of the import's phases (INSTALL_PHASES), summed over the pack's files */
  phases?: Partial<Record<InstallPhase, number>>;
}

/** The worker's measures of an import, in bench builds: what the browser spends where. */
export const INSTALL_PHASES = [
  'crosscheck:import-parse',
  'crosscheck:install-hash',
  'crosscheck:install-earlier',
  'crosscheck:install-index',
  'crosscheck:install-claims',
  'crosscheck:install-index-write',
  'crosscheck:install-write',
] as const;
export type InstallPhase = (typeof INSTALL_PHASES)[number];

/** Runs per measurement at one pack size. */
export interface RunCounts {
  page: number;
  import: number;
  cold: number;
  heap: number;
}

/** The machine, as reported. */
export interface MachineInfo {
  nproc: string;
  free: string;
  chromium: string;
  node: string;
  cpu: string;
  loadAverage: string;
  loadAtStart: string;
}

export interface PageRun {
  timings: Timings;
  match: number;
  /** the worker's possible-match search after the reply, all slices (absent in runs before it existed) */
  possible?: number;
  /** start → highlighted that is neither our main thread nor matching: messaging, the background's IndexedDB reads */
  waiting: number;
  /** the worker's handling of the page's request, from its arrival to the reply, matching included (absent in runs before it existed) */
  answer?: number;
  floor: number;
  floorChars: number;
  indexOf: { ms: number; hits: number; phrases: number };
  mark: MarkResult;
}

export interface PageResult {
  page: string;
  label: string;
  /** characters in all text nodes (what the floor reads) and in what renders */
  textChars: { all: number; visible: number };
  runs: PageRun[];
  claims: string[];
  highlights: Record<string, string[]>;
  matchedPhrases: string[];
  markAll?: MarkResult & { estimatedMs: number };
  summary: Record<string, Summary>;
}

export interface GeneratedResult {
  chars: number;
  runs: {
    mainThread: number;
    startToHighlighted: number;
    match: number;
    floor: number;
    longestTask: number;
    longestPhase: number;
    longTasks: number;
  }[];
  mainThread: Summary;
  match: Summary;
  floor: Summary;
  startToHighlighted: Summary;
}

export interface SizeResult {
  claims: number;
  phrasings: number;
  packBytes: number;
  importPath: ImportPath;
  importPathReason: string;
  parts: number;
  changedClaims: number;
  runs: RunCounts;
  /** CPU phases of importing this pack, in Node on the extension's code */
  importPhases: ImportPhases;
  imports: ImportTiming[];
  syncs: ImportTiming[];
  pages: PageResult[];
  cold: {
    navToHighlighted: number;
    startToHighlighted: number;
    match: number;
    sessions: number;
    /** reading the indexes (absent in runs before it was measured); from database version 6, their exact halves */
    load?: number;
    /** navigation → the highlights of the complete answer (from database version 6) */
    navToComplete?: number;
    /** reading the hit claims' shards, and the rest of the indexes (from database version 6) */
    shards?: number;
    loadRest?: number;
    /** whether the complete answer highlighted what the warm page did */
    sameAsWarm?: boolean;
  }[];
  swHeap: number[];
  contentHeap: number[];
  /** an extension page's message to the worker and its reply, with no work in between (a malformed message) */
  messageRoundTrip: number[];
  slope?: GeneratedResult[];
  /** the generated page of LONG_PAGE_CHARS, at every size */
  longPage: GeneratedResult;
  summary: Record<string, Summary>;
}
