import type { ClaimView } from '../messaging/claim-view';
import { benchTimeline } from '../bench-timings';
import { randomId } from '../random-id';
import { BLOCK_BREAK } from '../matching/tokenize';
import { MAX_SEGMENT_CHARS, MAX_SEGMENTS } from '../messaging/limits';
import type { BackgroundToContent, MatchHit, MatchPageReply, MatchPageRequest } from '../messaging/protocol';
import { readPageText, rangeForOffsets, type PageText } from '../page/read-page-text';
import { watchPageChanges } from '../page/watch-page-changes';
import cardCss from './card-styles.css?inline';
import claimCss from '../ui/claim-styles.css?inline';
import { createCardController, type CardController } from './card-controller';
import { createHighlightRegistry, type HighlightRegistry } from './highlight-registry';
import { createShadowHost, HOST_TAG, type ShadowHost } from './shadow-host';
import { createAnnotationLayer, type AnnotationLayer, type Ask, type DocumentAnchoring } from '../annotate/annotation-layer';
import { createSelectionButton } from '../annotate/selection-button';
import { createTagPanel } from '../annotate/tag-panel';

/**
 * The reader flow inside a page: read the visible text, ask the background which claims it holds,
 * highlight them, open cards, and keep up with text the page adds later. Wiring only; each part
 * lives in its own module. Everything is released when `signal` aborts (extension reloaded).
 */
export interface ReaderSession {
  registry: HighlightRegistry;
  card: CardController;
  /** resolves when the current scan has been highlighted (tests and the demo wait on it) */
  settled(): Promise<void>;
  /** the annotator's passages; absent when the session was started without `annotator` */
  annotations: AnnotationLayer | null;
  /** returns the reply for messages that expect one (background/describe-selection) */
  handle(message: BackgroundToContent): unknown;
}

/** What tagging and annotations need beyond the reader flow. */
export interface AnnotatorOptions {
  ask: Ask;
  anchoring: DocumentAnchoring;
  /** the extension's annotate.html with this query string */
  panelUrl: (query: string) => string;
}

export interface ReaderOptions {
  doc: Document;
  signal: AbortSignal;
  send: (message: MatchPageRequest) => Promise<MatchPageReply | undefined>;
  /** delay before batched page changes are read; short in tests */
  mutationDelay?: number;
  /**
   * Whether the extension behind this script still exists. After a reload or update the old
   * script keeps running in open pages; the first interaction that asks gets `false`, and the
   * caller is expected to abort `signal`, which takes the highlights and cards down.
   */
  isAlive?: () => boolean;
  annotator?: AnnotatorOptions;
}

interface Segment {
  page: PageText;
  offset: number;
  end: number;
}

/** A segment's size: large enough that a normal article is one, small enough to send. */
const SEGMENT_CHARS = 500_000;

/*
 * Timings for the benchmark (`npm run bench`, bench/run-bench.ts), in bench builds only (see
 * bench-timings.ts), nothing else reads them. They go on the page's performance timeline, which a content script shares with the page, so the bench
 * reads them with `performance.getEntriesByType('measure')`:
 *   crosscheck:start        mark, the reader session starts
 *   crosscheck:read         measure, reading the page's text (and cutting it into segments)
 *   crosscheck:send         measure, the synchronous part of sending it (building and posting the message)
 *   crosscheck:paint        measure, building Ranges and registering highlights for one reply
 *   crosscheck:highlighted  mark, a scan's highlights are all registered
 *   crosscheck:complete     mark, and those of a worker's complete answer too (background/more-hits),
 *                           when its first answer was partial (a worker just woken); else with highlighted
 * Each costs about a microsecond. Only the first TIMED_SCANS scans of a page are timed, so a page
 * that keeps changing does not grow its timeline without bound.
 */
const TIMED_SCANS = 50;
const timeline = benchTimeline;
const clock = (): number => timeline?.now() ?? 0;

/** Cuts text into pieces of at most `max` characters, at block boundaries where it can. */
export function splitText(text: string, max: number): Array<[number, number]> {
  const pieces: Array<[number, number]> = [];
  let start = 0;
  while (text.length - start > max) {
    let cut = text.lastIndexOf(BLOCK_BREAK, start + max);
    if (cut <= start) cut = text.lastIndexOf(' ', start + max);
    if (cut <= start) cut = start + max;
    pieces.push([start, cut]);
    start = cut;
  }
  pieces.push([start, text.length]);
  return pieces;
}

/** Groups segment ids into messages of at most MAX_SEGMENTS segments and MAX_SEGMENT_CHARS text. */
function* batches(ids: number[], segments: Map<number, Segment>): Generator<number[]> {
  let batch: number[] = [];
  let chars = 0;
  for (const id of ids) {
    const segment = segments.get(id)!;
    const size = segment.end - segment.offset;
    if (batch.length && (batch.length === MAX_SEGMENTS || chars + size > MAX_SEGMENT_CHARS)) {
      yield batch;
      batch = [];
      chars = 0;
    }
    batch.push(id);
    chars += size;
  }
  if (batch.length) yield batch;
}

export function startReaderSession(options: ReaderOptions): ReaderSession {
  const { doc, signal } = options;
  /** told with every request, and checked on the rest of an answer (background/more-hits) */
  const session = randomId();
  timeline?.mark('crosscheck:start');
  let timedScans = 0;
  const claims = new Map<string, ClaimView>();
  let host: ShadowHost | null = null;
  const getHost = () => (host ??= createShadowHost(doc, `${claimCss}\n${cardCss}`));
  const registry = createHighlightRegistry({ overlayRoot: () => getHost().root });
  const alive = () => !signal.aborted && (options.isAlive?.() ?? true);
  let annotations: AnnotationLayer | null = null;
  const card = createCardController({
    doc,
    registry,
    claim: (key) => claims.get(key),
    host: getHost,
    signal,
    alive,
    onEditAnnotation: (id) => annotations?.edit(id),
  });
  let paused = false;
  let generation = 0;
  let nextSegment = 0;
  let scannedUrl = doc.location.href;
  let pending: Promise<void> = Promise.resolve();
  /** Segments answered in part: the rest of their answer comes as background/more-hits. */
  const awaiting = new Map<number, Segment>();
  let waiters: Array<() => void> = [];
  /** whether a timed scan waits for the rest of its answer (crosscheck:complete) */
  let completeTimed = false;
  const answered = (ids: Iterable<number>) => {
    for (const id of ids) awaiting.delete(id);
    if (awaiting.size) return;
    if (completeTimed) timeline?.mark('crosscheck:complete');
    completeTimed = false;
    for (const resolve of waiters) resolve();
    waiters = [];
  };
  const paint = (hits: readonly MatchHit[], segments: ReadonlyMap<number, Segment>) => {
    for (const hit of hits) {
      const segment = segments.get(hit.segment);
      const view = claims.get(hit.claim);
      const range =
        segment && view ? rangeForOffsets(segment.page, segment.offset + hit.start, segment.offset + hit.end) : null;
      if (range && view) registry.add(range, hit.claim, view.verdict);
    }
  };
  const isOurs = (node: Node) => host !== null && (node === host.host || host.host.contains(node));

  if (options.annotator) {
    const { annotator } = options;
    const panel = createTagPanel({ doc, host: getHost, signal });
    const layer = createAnnotationLayer({
      doc, registry, claims, panel, isOurs,
      ask: annotator.ask,
      anchoring: annotator.anchoring,
      panelUrl: annotator.panelUrl,
    });
    annotations = layer;
    const tag = (range?: Range | null) => {
      if (!alive() || paused) return;
      card.hide();
      void layer.tagSelection(range);
    };
    createSelectionButton({
      doc, signal, host: getHost,
      accepts: (range) => {
        const node = range.commonAncestorContainer;
        const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
        // Form fields and editors keep their own selection behaviour.
        return !paused && !!element && !isOurs(node) && !element.closest('input, textarea, [contenteditable=""], [contenteditable="true"]');
      },
      onTag: tag,
    });
    // The same shortcut as the extension's command, for when the browser leaves it to the page.
    doc.addEventListener(
      'keydown',
      (event) => {
        if (event.isTrusted && event.altKey && event.shiftKey && event.code === 'KeyT') {
          event.preventDefault();
          tag();
        }
      },
      { signal },
    );
  }

  async function scan(mode: 'replace' | 'append', roots: Element[]): Promise<void> {
    const runFor = generation;
    // Benchmark timings (see TIMED_SCANS): undefined when this scan is not timed.
    const measure =
      timedScans++ < TIMED_SCANS
        ? (name: string, start: number) => void timeline?.measure(name, { start, end: clock() })
        : undefined;
    const readStart = clock();
    const segments = new Map<number, Segment>();
    for (const root of roots) {
      const page = readPageText(root, { excludeTag: HOST_TAG.toUpperCase() });
      for (const [start, end] of splitText(page.text, SEGMENT_CHARS))
        if (page.text.slice(start, end).trim()) segments.set(nextSegment++, { page, offset: start, end });
    }
    measure?.('crosscheck:read', readStart);
    // Messages stay within the background's limits: a long page or a big batch of new blocks is
    // sent in several, the first one carrying the mode.
    const groups = [...batches([...segments.keys()], segments)];
    // An empty page still resets the tab's claims (client-side navigation to an empty view).
    if (groups.length === 0 && mode === 'replace') groups.push([]);
    let first = true;
    if (measure) completeTimed = true;
    for (const batch of groups) {
      // Known before the request, in case the rest of its answer overtakes the reply.
      for (const id of batch) awaiting.set(id, segments.get(id)!);
      const sendStart = clock();
      const sending = options.send({
        type: 'content/match-page',
        session,
        mode: first ? mode : 'append',
        segments: batch.map((id) => {
          const segment = segments.get(id)!;
          return { id, text: segment.page.text.slice(segment.offset, segment.end) };
        }),
      });
      measure?.('crosscheck:send', sendStart);
      const reply = await sending.catch(() => undefined);
      first = false;
      if (!reply?.ok || reply.paused || !reply.more) answered(batch);
      if (!reply || !reply.ok || runFor !== generation || signal.aborted) return;
      if (reply.paused) {
        paused = true;
        forgetAwaiting();
        registry.clear();
        card.hide();
        return;
      }
      const paintStart = clock();
      for (const [key, view] of Object.entries(reply.claims)) claims.set(key, view);
      paint(reply.hits, segments);
      measure?.('crosscheck:paint', paintStart);
    }
    if (measure) timeline?.mark('crosscheck:highlighted');
    answered([]);
  }

  const enqueue = (task: () => Promise<void>) => (pending = pending.then(task, task));

  /** A new reading of the page: what the old one waited for will not come, or not count. */
  function forgetAwaiting() {
    completeTimed = false;
    answered([...awaiting.keys()]);
  }

  function rescanAll() {
    generation++;
    forgetAwaiting();
    registry.clear();
    card.hide();
    scannedUrl = doc.location.href;
    return enqueue(async () => {
      await scan('replace', [doc.body]);
      if (!paused && annotations) await annotations.refresh();
    });
  }

  if (doc.body) void rescanAll();

  watchPageChanges(
    doc.documentElement,
    (blocks) => {
      if (paused || !alive()) return;
      // Client-side navigation replaced the page: start over rather than append to the old one.
      if (doc.location.href !== scannedUrl) return void rescanAll();
      registry.prune();
      annotations?.reanchor();
      void enqueue(() => scan('append', blocks.filter((b) => b !== doc.documentElement) as Element[]).then(() => {}));
    },
    {
      signal,
      ...(options.mutationDelay === undefined ? {} : { delay: options.mutationDelay }),
      ignore: (node) => host !== null && (node === host.host || host.host.contains(node)),
    },
  );

  signal.addEventListener('abort', () => {
    forgetAwaiting();
    registry.destroy();
    host?.destroy();
  });

  return {
    registry,
    card,
    settled: () => pending.then(() => (awaiting.size ? new Promise<void>((resolve) => waiters.push(resolve)) : undefined)),
    get annotations() {
      return annotations;
    },
    handle(message) {
      switch (message.type) {
        case 'background/clear':
          paused = true;
          generation++;
          forgetAwaiting();
          annotations?.clear();
          registry.clear();
          card.hide();
          break;
        case 'background/annotations-changed':
          if (!paused && annotations) void enqueue(() => annotations!.refresh());
          break;
        case 'background/tag-selection':
          if (!paused && alive()) void annotations?.tagSelection();
          break;
        case 'background/describe-selection':
          return annotations?.describeSelection() ?? { ok: false, error: 'Tagging is not available here.' };
        case 'background/close-panel':
          annotations?.closePanel();
          break;
        case 'background/more-hits': {
          // (The rest of an answer to the page this tab showed before is not ours.)
          if (paused || !alive() || message.session !== session) break;
          for (const [key, view] of Object.entries(message.claims)) claims.set(key, view);
          // Segments of an earlier reading of the page are no longer awaited: their hits are dropped.
          paint(message.hits, awaiting);
          answered(message.segments);
          break;
        }
        case 'background/rescan':
          paused = false;
          void rescanAll();
          break;
        case 'background/focus-next':
          card.focusNext();
          break;
        case 'background/reveal':
          card.reveal(message.claim);
          break;
        case 'background/ping':
          return alive();
      }
    },
  };
}
