import type { ClaimView } from '../messaging/claim-view';
import { MAX_SEGMENTS } from '../messaging/limits';
import type { BackgroundToContent, ContentToBackground, MatchPageReply } from '../messaging/protocol';
import { readPageText, rangeForOffsets, type PageText } from '../page/read-page-text';
import { watchPageChanges } from '../page/watch-page-changes';
import cardCss from './card-styles.css?inline';
import claimCss from '../ui/claim-styles.css?inline';
import { createCardController, type CardController } from './card-controller';
import { createHighlightRegistry, type HighlightRegistry } from './highlight-registry';
import { createShadowHost, isOurElement, type ShadowHost } from './shadow-host';

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
  handle(message: BackgroundToContent): void;
}

export interface ReaderOptions {
  doc: Document;
  signal: AbortSignal;
  send: (message: ContentToBackground) => Promise<MatchPageReply | undefined>;
  /** delay before batched page changes are read; short in tests */
  mutationDelay?: number;
}

export function startReaderSession(options: ReaderOptions): ReaderSession {
  const { doc, signal } = options;
  const claims = new Map<string, ClaimView>();
  let host: ShadowHost | null = null;
  const getHost = () => (host ??= createShadowHost(doc, `${claimCss}\n${cardCss}`));
  const registry = createHighlightRegistry({ overlayRoot: () => getHost().root });
  const card = createCardController({ doc, registry, claim: (key) => claims.get(key), host: getHost, signal });
  const exclude = (element: Element) => isOurElement(element);
  let paused = false;
  let generation = 0;
  let nextSegment = 0;
  let scannedUrl = doc.location.href;
  let pending: Promise<void> = Promise.resolve();

  async function scan(mode: 'replace' | 'append', roots: Element[]): Promise<void> {
    // The background accepts at most MAX_SEGMENTS per message: a page that adds hundreds of
    // blocks at once is sent in several.
    if (roots.length > MAX_SEGMENTS) {
      for (let i = 0; i < roots.length; i += MAX_SEGMENTS) await scan(i === 0 ? mode : 'append', roots.slice(i, i + MAX_SEGMENTS));
      return;
    }
    const runFor = generation;
    const pages = new Map<number, PageText>();
    for (const root of roots) {
      const page = readPageText(root, { exclude });
      if (page.text.trim()) pages.set(nextSegment++, page);
    }
    if (mode === 'append' && pages.size === 0) return;
    const reply = await options
      .send({ type: 'content/match-page', mode, segments: [...pages].map(([id, page]) => ({ id, text: page.text })) })
      .catch(() => undefined);
    if (!reply || !reply.ok || runFor !== generation || signal.aborted) return;
    if (reply.paused) {
      paused = true;
      registry.clear();
      card.hide();
      return;
    }
    for (const [key, view] of Object.entries(reply.claims)) claims.set(key, view);
    for (const hit of reply.hits) {
      const page = pages.get(hit.segment);
      const view = claims.get(hit.claim);
      const range = page && view ? rangeForOffsets(page, hit.start, hit.end) : null;
      if (range && view) registry.add(range, hit.claim, view.verdict);
    }
  }

  const enqueue = (task: () => Promise<void>) => (pending = pending.then(task, task));

  function rescanAll() {
    generation++;
    registry.clear();
    card.hide();
    scannedUrl = doc.location.href;
    return enqueue(() => scan('replace', [doc.body]));
  }

  if (doc.body) void rescanAll();

  watchPageChanges(
    doc.documentElement,
    (blocks) => {
      if (paused || signal.aborted) return;
      // Client-side navigation replaced the page: start over rather than append to the old one.
      if (doc.location.href !== scannedUrl) return void rescanAll();
      registry.prune();
      void enqueue(() => scan('append', blocks.filter((b) => b !== doc.documentElement) as Element[]).then(() => {}));
    },
    {
      signal,
      ...(options.mutationDelay === undefined ? {} : { delay: options.mutationDelay }),
      ignore: (node) => host !== null && (node === host.host || host.host.contains(node)),
    },
  );

  signal.addEventListener('abort', () => {
    registry.destroy();
    host?.destroy();
  });

  return {
    registry,
    card,
    settled: () => pending,
    handle(message) {
      switch (message.type) {
        case 'background/clear':
          paused = true;
          generation++;
          registry.clear();
          card.hide();
          break;
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
      }
    },
  };
}
