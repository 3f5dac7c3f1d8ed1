/**
 * `npm run bench`: how Crosscheck performs with large packs, measured on the built extension in
 * headless Chromium. See docs/performance.md for what is measured, how, and the latest results.
 *
 *   node --import tsx bench/run-bench.ts [--quick] [--sizes=1000,10000] [--runs=N] [--import-via=subscribe]
 *
 * --quick       1k and 10k claims, 3 runs of everything (for development)
 * --sizes       pack sizes to run (claims)
 * --runs        runs per page measurement (imports and cold starts scale down with it)
 * --import-via  force how packs go in: "subscribe" (the background downloads it, ui/subscribe) or
 *               "split" (several packs); by default as the options page imports a file: one
 *               ui/import-pack message, or pieces over the import port when it is too big for one
 * --no-docs     do not rewrite the results section of docs/performance.md (a full run does)
 *
 * Writes bench/results/results.md and bench/results/results.json (overwritten each run) and prints
 * the tables. Exits 1 if a correctness check fails (the big pack must find the same claims as the
 * small one), whatever the timings.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import { chromiumPath } from '../scripts/find-chromium.mjs';
import { EXTENSION_DIR, launchWithExtension, stopServiceWorker } from '../scripts/launch-extension.mjs';
import { MAX_MESSAGE_CHARS } from '../src/messaging/limits';
import { IMPORT_PORT } from '../src/messaging/ports';
import { MAX_PACK_BYTES } from '../src/packs/parse-pack';
import { articlePage, sanitizedFixture, startBenchServer, type BenchServer } from './bench-server';
import type {
  GeneratedResult,
  ImportPath,
  ImportTiming,
  PageResult,
  PageRun,
  RunCounts,
  SizeResult,
  Timings,
} from './bench-types';
import { INSTALL_PHASES } from './bench-types';
import { importPhases } from './import-phases';
import { buildReport, updateDocs, type ReportInput } from './report';
import { fmt, summarize } from './stats';
import {
  changedForSync,
  coreClaims,
  fixturePages,
  generatedPage,
  loadVocabulary,
  PACK_ID,
  packClaims,
  packJson,
  type BenchClaim,
  type CoreClaims,
  type Vocabulary,
} from './synthetic-pack';

// ---- configuration ---------------------------------------------------------------------------

const ROOT = new URL('..', import.meta.url).pathname;
const RESULTS_DIR = join(ROOT, 'bench', 'results');
const PROBES_SOURCE = readFileSync(new URL('./page-probes.mjs', import.meta.url), 'utf8');
const MARK_JS = join(ROOT, 'node_modules', 'mark.js', 'dist', 'mark.min.js');
/** A copy of the build taken at start, so a rebuild during the run (tests, other work) cannot change it. */
let extensionDir = EXTENSION_DIR;
const DEMO_PAGE = '/articles/soldiers-told-they-were-fighting-americans.html';
const PAGE_CLAIMS = 20;
const PLANTED_CLAIMS = 100;

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const QUICK = flag('quick');
const SIZES = (option('sizes') ?? (QUICK ? '1000,10000' : '1000,10000,100000,250000')).split(',').map(Number);
const RUNS = Number(option('runs') ?? (QUICK ? 3 : 7));
const FORCED_PATH = option('import-via') as ImportPath | undefined;
const WRITE_DOCS = !QUICK && !flag('no-docs') && !option('sizes') && !option('runs');
/** mark.js given all of a pack's phrasings is stopped after this long (a lower bound then) */
const MARK_ALL_CAP_MS = QUICK ? 5_000 : 10_000;
const MARK_ALL_MAX_PHRASES = QUICK ? 5_000 : 20_000;
const SLOPE_CHARS = QUICK ? [25_000, 50_000, 100_000] : [25_000, 50_000, 100_000, 200_000, 400_000];
/** the generated page measured at every pack size, for the pack-size slope */
const LONG_PAGE_CHARS = QUICK ? 100_000 : 200_000;

/** Fewer runs where each one costs a fresh browser and a full import (stated in the results). */
function runsFor(claims: number): RunCounts {
  const big = claims >= 100_000;
  return {
    page: RUNS,
    import: QUICK ? Math.min(RUNS, 3) : big ? 3 : 5,
    cold: QUICK ? Math.min(RUNS, 3) : 5,
    heap: 3,
  };
}

const log = (...parts: unknown[]) => console.log(`[bench ${((performance.now() / 1000) | 0).toString().padStart(4)}s]`, ...parts);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.now();

// ---- machine ---------------------------------------------------------------------------------

function sh(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).replace(/\s+$/, '');
  } catch {
    return 'unknown';
  }
}

function machine() {
  const chromiumBinary = chromiumPath() ?? 'none';
  return {
    nproc: sh('nproc', []),
    free: sh('free', ['-h']),
    chromium: sh(chromiumBinary, ['--version']).split('\n').pop() ?? 'unknown',
    node: process.version,
    cpu: (sh('sh', ['-c', "grep -m1 'model name' /proc/cpuinfo"]).split(':')[1] ?? 'unknown').trim(),
    loadAverage: sh('cat', ['/proc/loadavg']),
  };
}

// ---- pages -----------------------------------------------------------------------------------

interface BenchPage {
  id: string;
  label: string;
  path: string;
  /** file:// copy without the content script (heap comparison); fixture and generated pages only */
  file?: string;
}

// ---- the extension ---------------------------------------------------------------------------

type Launched = Awaited<ReturnType<typeof launchWithExtension>>;

interface Session {
  browser: Launched;
  context: BrowserContext;
  options: Page;
  worker(): Worker;
}

async function openSession(): Promise<Session> {
  const browser = await launchWithExtension({ extensionDir, args: ['--js-flags=--expose-gc'] });
  const { context } = browser;
  let current = await browser.worker();
  context.on('serviceworker', (worker) => {
    current = worker;
  });
  const options = await context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  // The demo pack is seeded at install; wait for it so that no import races the seeding.
  await options
    .waitForFunction(
      async () => {
        if (!(await indexedDB.databases()).some((d) => d.name === 'crosscheck')) return false;
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('crosscheck');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        try {
          if (!db.objectStoreNames.contains('packIndexes')) return false;
          const count = await new Promise<number>((resolve) => {
            const request = db.transaction('packIndexes').objectStore('packIndexes').count();
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => resolve(0);
          });
          return count > 0;
        } finally {
          db.close();
        }
      },
      undefined,
      { timeout: 15_000, polling: 100 },
    )
    .catch(() => log('warning: could not see the demo pack being seeded; going on'));
  return { browser, context, options, worker: () => current };
}

async function newBenchPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript({ content: PROBES_SOURCE });
  return page;
}

/** Loads a page and waits until Crosscheck's first scan has registered its highlights. */
async function loadAndTime(page: Page, url: string, timeout = 60_000): Promise<Timings> {
  await page.goto(url, { waitUntil: 'load', timeout });
  // Until the complete answer is painted: the first may be partial, from a worker just started.
  await page.waitForFunction(() => globalThis.__crosscheckBench?.timings()?.completeAt != null, undefined, { timeout, polling: 20 });
  // Long-task entries arrive after their task: give them a moment.
  await sleep(120);
  return (await page.evaluate(() => globalThis.__crosscheckBench.timings()))!;
}

async function matchTimes(worker: Worker, name = 'crosscheck:match'): Promise<number[]> {
  return worker.evaluate((n) => performance.getEntriesByName(n).map((e) => e.duration), name).catch(() => []);
}
async function clearMatchTimes(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    performance.clearMeasures('crosscheck:match');
    performance.clearMeasures('crosscheck:answer');
    performance.clearMeasures('crosscheck:possible');
    performance.clearMeasures('crosscheck:load');
    performance.clearMeasures('crosscheck:shards');
    performance.clearMeasures('crosscheck:load-rest');
  }).catch(() => {});
}

/** The extension's service worker through the options page's CDP session (Playwright has none for workers). */
async function workerCdp(session: Session) {
  const cdp: CDPSession = await session.context.newCDPSession(session.options);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find(
    (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${session.browser.extensionId}/`),
  );
  if (!target) throw new Error('the service worker is not running');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  let nextId = 0;
  const pending = new Map<number, (message: { result?: unknown; error?: { message: string } }) => void>();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
    if (message.id !== undefined) pending.get(message.id)?.(message);
  });
  const send = <T>(method: string, params: object = {}): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, (message) => {
        pending.delete(id);
        if (message.error) reject(new Error(message.error.message));
        else resolve(message.result as T);
      });
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
  return {
    heapUsed: async () => (await send<{ usedSize: number }>('Runtime.getHeapUsage')).usedSize,
    gcAndHeap: async () => {
      await send('HeapProfiler.collectGarbage');
      await send('HeapProfiler.collectGarbage');
      return (await send<{ usedSize: number }>('Runtime.getHeapUsage')).usedSize;
    },
    close: async () => {
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
      await cdp.detach().catch(() => {});
    },
  };
}

async function pageHeap(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

/** Claim ids found in a tab, as the popup would list them ("demo:<id>" or "bench:<id>"). */
async function tabClaims(session: Session, url: string): Promise<string[]> {
  let previous = '';
  for (let attempt = 0; attempt < 30; attempt++) {
    const keys = await session.options.evaluate(async (u) => {
      const tab = (await chrome.tabs.query({})).find((t) => t.url === u);
      if (tab?.id === undefined) return [];
      const reply = (await chrome.runtime.sendMessage({ type: 'ui/tab-claims', tabId: tab.id })) as {
        ok: boolean;
        claims?: { key: string }[];
      };
      return reply.ok ? (reply.claims ?? []).map((c) => c.key) : [];
    }, url);
    const ids = keys
      .map((key) => `${key.startsWith('crosscheck-demo/') ? 'demo' : 'bench'}:${key.slice(key.indexOf('/') + 1)}`)
      .sort();
    const joined = ids.join('|');
    // The tab's claims are recorded just after the reply: wait until two reads agree.
    if (ids.length && joined === previous) return [...new Set(ids)];
    previous = joined;
    await sleep(100);
  }
  return [...new Set(previous.split('|').filter(Boolean))];
}

async function highlightTexts(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() =>
    Object.fromEntries(
      [...CSS.highlights]
        .filter(([name]) => name.startsWith('crosscheck-'))
        .map(([name, highlight]) => [name, [...highlight].map((range) => (range as Range).toString()).sort()]),
    ),
  );
}

// ---- packs and importing -----------------------------------------------------------------------

interface PackFiles {
  claims: number;
  phrasings: number;
  path: ImportPath;
  /** why this path */
  pathReason: string;
  v1: { id: string; url: string; bytes: number }[];
  v2: { id: string; url: string; bytes: number }[];
  changedClaims: number;
}

function preparePack(
  server: BenchServer,
  vocabulary: Vocabulary,
  core: CoreClaims,
  claims: number,
): PackFiles & { all: BenchClaim[]; whole: string; secondWhole?: string } {
  const fillerCount = claims - core.claims.length - 2;
  const changed = changedForSync(claims, fillerCount);
  const v1Claims = packClaims(vocabulary, core, { claims, version: 1, changed: new Set() });
  const v2Claims = packClaims(vocabulary, core, { claims, version: 2, changed });
  const label = `${claims.toLocaleString('en')} claims`;
  const whole = packJson(PACK_ID, 1, v1Claims, core, label);
  const wholeBytes = Buffer.byteLength(whole);
  const chunks = Math.ceil(whole.length / MAX_MESSAGE_CHARS);
  let path: ImportPath;
  let pathReason: string;
  if (FORCED_PATH) {
    path = FORCED_PATH;
    pathReason = 'forced with --import-via';
  } else if (wholeBytes > MAX_PACK_BYTES) {
    path = 'split';
    pathReason = `${(wholeBytes / 2 ** 20).toFixed(0)} MiB is over MAX_PACK_BYTES (${MAX_PACK_BYTES / 2 ** 20} MiB): imported as several packs`;
  } else if (whole.length <= MAX_MESSAGE_CHARS) {
    path = 'message';
    pathReason = 'one ui/import-pack message';
  } else {
    path = 'port';
    pathReason = `${(whole.length / 2 ** 20).toFixed(1)} Mi characters is over one message (MAX_MESSAGE_CHARS, ${(MAX_MESSAGE_CHARS / 2 ** 20).toFixed(0)} Mi; Chrome refuses runtime messages over 64 MiB): sent as ${chunks} pieces over the "${IMPORT_PORT}" port, as the options page does`;
  }
  const v1: PackFiles['v1'] = [];
  const v2: PackFiles['v2'] = [];
  let secondWhole: string | undefined;
  if (path !== 'split') {
    const second = packJson(PACK_ID, 2, v2Claims, core, label);
    secondWhole = second;
    server.set(`/packs/${claims}/v1.json`, whole, 'application/json');
    server.set(`/packs/${claims}/v2.json`, second, 'application/json');
    v1.push({ id: PACK_ID, url: `/packs/${claims}/v1.json`, bytes: wholeBytes });
    v2.push({ id: PACK_ID, url: `/packs/${claims}/v2.json`, bytes: Buffer.byteLength(second) });
  } else {
    for (let parts = Math.ceil(wholeBytes / MAX_PACK_BYTES); ; parts++) {
      v1.length = 0;
      v2.length = 0;
      const size = Math.ceil(v1Claims.length / parts);
      let fits = true;
      for (let p = 0; p < parts; p++) {
        const id = `${PACK_ID}-p${p + 1}`;
        const one = packJson(id, 1, v1Claims.slice(p * size, (p + 1) * size), core, `${label}, part ${p + 1} of ${parts}`);
        const two = packJson(id, 2, v2Claims.slice(p * size, (p + 1) * size), core, `${label}, part ${p + 1} of ${parts}`);
        if (Buffer.byteLength(one) > MAX_PACK_BYTES) fits = false;
        server.set(`/packs/${claims}/${id}-v1.json`, one, 'application/json');
        server.set(`/packs/${claims}/${id}-v2.json`, two, 'application/json');
        v1.push({ id, url: `/packs/${claims}/${id}-v1.json`, bytes: Buffer.byteLength(one) });
        v2.push({ id, url: `/packs/${claims}/${id}-v2.json`, bytes: Buffer.byteLength(two) });
      }
      if (fits) break;
    }
  }
  return {
    claims,
    phrasings: v1Claims.reduce((n, c) => n + c.phrasings.length, 0),
    path,
    pathReason,
    v1,
    v2,
    changedClaims: changed.size + 1,
    all: v1Claims,
    whole,
    ...(secondWhole === undefined ? {} : { secondWhole }),
  };
}

/** Imports (version 1) or syncs (version 2) a pack the way its path says, and times it. */
async function importTimed(
  session: Session,
  server: BenchServer,
  pack: PackFiles,
  version: 1 | 2,
  probePath: string,
): Promise<ImportTiming> {
  const files = version === 1 ? pack.v1 : pack.v2;
  const subscribeUrl = `${server.origin}/packs/${pack.claims}/current.json`;
  let fetchMs = 0;
  // Sample the worker's heap while it imports: the peak, not only what stays.
  const cdp = await workerCdp(session).catch(() => null);
  let sampling = true;
  let peak = 0;
  const sampler = (async () => {
    while (sampling && cdp) {
      peak = Math.max(peak, await cdp.heapUsed().catch(() => 0));
      await sleep(200);
    }
  })();
  let reply = 0;
  await session
    .worker()
    .evaluate((names) => names.forEach((name) => performance.clearMeasures(name)), [...INSTALL_PHASES])
    .catch(() => undefined);
  try {
    if (pack.path === 'subscribe') {
      // One URL, whose content becomes version 2 for the sync.
      server.set(`/packs/${pack.claims}/current.json`, server.get(files[0]!.url)!.body, 'application/json');
      const t0 = now();
      const answer = await session.options.evaluate(
        async ({ url, sync }) =>
          chrome.runtime.sendMessage(sync ? { type: 'ui/sync-now', url } : { type: 'ui/subscribe', url }) as Promise<{
            ok: boolean;
            error?: string;
            status?: string;
          }>,
        { url: subscribeUrl, sync: version === 2 },
      );
      reply = now() - t0;
      if (!answer.ok) throw new Error(`${version === 1 ? 'subscribing' : 'syncing'} failed: ${answer.error}`);
    } else {
      for (const file of files) {
        const f0 = now();
        await session.options.evaluate(async (url) => {
          globalThis.__packText = await (await fetch(url)).text();
        }, server.origin + file.url);
        fetchMs += now() - f0;
        const t0 = now();
        // What importPackFile (src/messaging/ui-client.ts) does with the text of a chosen file.
        const answer = await session.options.evaluate(
          async ({ fileName, byteLength, maxChars, portName }) => {
            const text = globalThis.__packText ?? '';
            globalThis.__packText = undefined;
            type Reply = { ok: boolean; error?: string; status?: string; version?: number };
            if (text.length <= maxChars)
              return chrome.runtime.sendMessage({ type: 'ui/import-pack', fileName, text }) as Promise<Reply>;
            const port = chrome.runtime.connect({ name: portName });
            const reply = new Promise<Reply>((resolve) => {
              port.onMessage.addListener((message: Reply) => resolve(message));
              port.onDisconnect.addListener(() => resolve({ ok: false, error: 'the port closed without a reply' }));
            });
            for (let at = 0; at < text.length; at += maxChars)
              port.postMessage({ type: 'chunk', text: text.slice(at, at + maxChars) });
            port.postMessage({ type: 'end', fileName, byteLength });
            return reply;
          },
          { fileName: `${file.id}-v${version}.json`, byteLength: file.bytes, maxChars: MAX_MESSAGE_CHARS, portName: IMPORT_PORT },
        );
        reply += now() - t0;
        if (!answer.ok || answer.status !== 'installed' || answer.version !== version)
          throw new Error(`importing ${file.id} v${version} failed: ${JSON.stringify(answer).slice(0, 500)}`);
      }
    }
  } finally {
    sampling = false;
    await sampler;
    await cdp?.close();
  }
  // Read before the probe page: its answer does not install anything, but a worker restart would lose them.
  const phases = await session
    .worker()
    .evaluate(
      (names) =>
        Object.fromEntries(
          names.flatMap((name) => {
            const entries = performance.getEntriesByName(name);
            return entries.length ? [[name, entries.reduce((sum, entry) => sum + entry.duration, 0)]] : [];
          }),
        ),
      [...INSTALL_PHASES],
    )
    .catch(() => ({}));
  const t1 = now();
  const page = await newBenchPage(session.context);
  await page.goto(server.origin + probePath, { waitUntil: 'load' });
  await page.waitForFunction(
    () => [...CSS.highlights.keys()].some((name) => name.startsWith('crosscheck-')),
    undefined,
    { timeout: 120_000, polling: 10 },
  );
  const firstPage = now() - t1;
  await page.close();
  return { reply, firstPage, total: reply + firstPage, fetch: fetchMs, swHeapPeak: peak, phases };
}


// ---- one pack size ---------------------------------------------------------------------------

async function measurePage(
  session: Session,
  page: Page,
  server: BenchServer,
  bench: BenchPage,
  runs: number,
  basePhrases: string[],
  allPhrases: string[] | null,
): Promise<PageResult> {
  const url = server.origin + bench.path;
  // Warm-up: the worker has the indexes loaded and its code compiled; this load is not counted.
  await loadAndTime(page, `${url}?warmup`);
  const claims = await tabClaims(session, `${url}?warmup`);
  const highlights = await highlightTexts(page);
  const matchedPhrases = [...new Set(Object.values(highlights).flat())];
  const phrases = [...matchedPhrases, ...basePhrases.filter((p) => !matchedPhrases.includes(p))].slice(0, 1000);
  const markSource = readFileSync(MARK_JS, 'utf8');
  const result: PageRun[] = [];
  for (let run = 0; run < runs; run++) {
    await clearMatchTimes(session.worker());
    const timings = await loadAndTime(page, `${url}?run=${run}`);
    const match = (await matchTimes(session.worker())).reduce((a, b) => a + b, 0);
    const answers = await matchTimes(session.worker(), 'crosscheck:answer');
    // (Undefined when the worker recorded none, not 0: the report then shows no figure.)
    const answer = answers.length ? answers.reduce((a, b) => a + b, 0) : undefined;
    // The baselines, in the same document, after Crosscheck is done with it.
    const floor = await page.evaluate(() => globalThis.__crosscheckBench.floor());
    const indexOf = await page.evaluate((p) => globalThis.__crosscheckBench.indexOfPass(p), phrases);
    await page.evaluate(markSource);
    const mark = await page.evaluate((p) => globalThis.__crosscheckBench.markJs(p, { capMs: 60_000 }), matchedPhrases);
    const waiting = timings.startToHighlighted - timings.mainThread - match;
    // The possible-match search runs after the reply (it is done by now, after the baselines).
    const possible = (await matchTimes(session.worker(), 'crosscheck:possible')).reduce((a, b) => a + b, 0);
    result.push({ timings, match, possible, waiting, ...(answer === undefined ? {} : { answer }), floor: floor.ms, floorChars: floor.chars, indexOf, mark });
  }
  const textChars = await page.evaluate(() => globalThis.__crosscheckBench.textLength());
  let markAll: PageResult['markAll'];
  if (allPhrases) {
    await loadAndTime(page, `${url}?mark-all`);
    await page.evaluate(markSource);
    const given = allPhrases.slice(0, MARK_ALL_MAX_PHRASES);
    const run = await page.evaluate(
      ({ p, cap }) => globalThis.__crosscheckBench.markJs(p, { capMs: cap, batch: 200 }),
      { p: given, cap: MARK_ALL_CAP_MS },
    );
    markAll = { ...run, capped: run.capped || given.length < allPhrases.length, phrases: allPhrases.length, estimatedMs: (run.ms / run.phrasesDone) * allPhrases.length };
  }
  const pick = (f: (r: PageRun) => number) => summarize(result.map(f));
  return {
    page: bench.id,
    label: bench.label,
    textChars,
    runs: result,
    claims,
    highlights,
    matchedPhrases,
    ...(markAll ? { markAll } : {}),
    summary: {
      mainThread: pick((r) => r.timings.mainThread),
      read: pick((r) => r.timings.read),
      send: pick((r) => r.timings.send),
      paint: pick((r) => r.timings.paint),
      startToHighlighted: pick((r) => r.timings.startToHighlighted),
      navToHighlighted: pick((r) => r.timings.highlightedAt),
      longestTask: pick((r) => Math.max(r.timings.longestTask, r.timings.longestPhase)),
      longestPhase: pick((r) => r.timings.longestPhase),
      match: pick((r) => r.match),
      possible: pick((r) => r.possible ?? 0),
      waiting: pick((r) => r.waiting),
      ...(result.every((r) => r.answer !== undefined) ? { inWorker: pick((r) => r.answer! - r.match) } : {}),
      floor: pick((r) => r.floor),
      indexOf: pick((r) => r.indexOf.ms),
      mark: pick((r) => r.mark.ms),
    },
  };
}

async function measureSize(
  server: BenchServer,
  vocabulary: Vocabulary,
  core: CoreClaims,
  claims: number,
  pages: BenchPage[],
  basePhrases: string[],
  slopePages: BenchPage[] | null,
  longBench: BenchPage,
): Promise<SizeResult> {
  const runs = runsFor(claims);
  log(`${claims.toLocaleString('en')} claims: generating the pack`);
  const pack = preparePack(server, vocabulary, core, claims);
  const phases = importPhases(pack.whole, pack.secondWhole);
  pack.whole = '';
  delete pack.secondWhole;
  log(`  ${(pack.v1.reduce((n, f) => n + f.bytes, 0) / 2 ** 20).toFixed(1)} MiB, ${pack.phrasings.toLocaleString('en')} phrasings; import path: ${pack.path} (${pack.pathReason})`);
  const imports: ImportTiming[] = [];
  const syncs: ImportTiming[] = [];
  let session: Session | null = null;
  for (let run = 0; run < runs.import; run++) {
    session = await openSession();
    const imported = await importTimed(session, server, pack, 1, '/probe/import.html');
    imports.push(imported);
    const synced = await importTimed(session, server, pack, 2, '/probe/sync.html');
    syncs.push(synced);
    log(`  import ${run + 1}/${runs.import}: ${imported.total.toFixed(0)} ms (reply ${imported.reply.toFixed(0)} ms); 1% sync: ${synced.total.toFixed(0)} ms`);
    if (run < runs.import - 1) await session.browser.close();
  }
  if (!session) throw new Error('no import run');
  const page = await newBenchPage(session.context);
  const allPhrases = pack.all.flatMap((c) => c.phrasings);
  const pageResults: PageResult[] = [];
  for (const bench of pages) {
    const result = await measurePage(session, page, server, bench, runs.page, basePhrases, allPhrases);
    pageResults.push(result);
    const s = result.summary;
    log(
      `  ${bench.label}: main thread ${fmt(s.mainThread)} (floor ${fmt(s.floor)}), start→highlighted ${fmt(s.startToHighlighted)}, match ${fmt(s.match)}, mark.js ${fmt(s.mark)}, ${result.claims.length} claims`,
    );
  }

  // The floor for "waiting": a message from an extension page that the worker answers at once.
  const messageRoundTrip = await session.options.evaluate(async () => {
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      await chrome.runtime.sendMessage({ type: 'bench/ping' });
      times.push(performance.now() - t0);
    }
    return times;
  });

  // Memory: the worker with the indexes loaded, after garbage collection.
  const swHeap: number[] = [];
  for (let i = 0; i < runs.heap; i++) {
    const cdp = await workerCdp(session);
    swHeap.push(await cdp.gcAndHeap());
    await cdp.close();
  }
  // The content script's heap: the same document with it (http) and without it (file://).
  const contentHeap: number[] = [];
  const heapTarget = pages.find((p) => p.file);
  if (heapTarget?.file) {
    const plain = await session.context.newPage();
    for (let i = 0; i < runs.heap; i++) {
      await plain.goto(pathToFileURL(heapTarget.file).href, { waitUntil: 'load' });
      const without = await pageHeap(session.context, plain);
      await plain.goto(`${server.origin}${heapTarget.path}?heap=${i}`, { waitUntil: 'load' });
      await plain.waitForFunction(() => performance.getEntriesByName('crosscheck:highlighted').length > 0, undefined, {
        timeout: 60_000,
      });
      const withScript = await pageHeap(session.context, plain);
      contentHeap.push(withScript - without);
    }
    await plain.close();
  }

  // Generated pages: the long page at every size (how matching grows with the pack), and the
  // whole range of lengths at the largest size (how the cost grows with the page).
  const generated = async (bench: BenchPage): Promise<GeneratedResult> => {
    const url = server.origin + bench.path;
    await loadAndTime(page, `${url}?warmup`);
    const rows: GeneratedResult['runs'] = [];
    for (let run = 0; run < runs.page; run++) {
      await clearMatchTimes(session.worker());
      const t = await loadAndTime(page, `${url}?run=${run}`);
      const match = (await matchTimes(session.worker())).reduce((a, b) => a + b, 0);
      const floor = await page.evaluate(() => globalThis.__crosscheckBench.floor());
      rows.push({
        mainThread: t.mainThread,
        startToHighlighted: t.startToHighlighted,
        match,
        floor: floor.ms,
        longestTask: t.longestTask,
        longestPhase: t.longestPhase,
        longTasks: t.longTasks.length,
      });
    }
    const chars = (await page.evaluate(() => globalThis.__crosscheckBench.textLength())).visible;
    const result: GeneratedResult = {
      chars,
      runs: rows,
      mainThread: summarize(rows.map((r) => r.mainThread)),
      match: summarize(rows.map((r) => r.match)),
      floor: summarize(rows.map((r) => r.floor)),
      startToHighlighted: summarize(rows.map((r) => r.startToHighlighted)),
    };
    log(`  generated ${chars.toLocaleString('en')} chars: main thread ${fmt(result.mainThread)}, match ${fmt(result.match)}`);
    return result;
  };
  let slope: GeneratedResult[] | undefined;
  if (slopePages) {
    slope = [];
    for (const bench of slopePages) slope.push(await generated(bench));
  }
  const longPage = slope?.find((r) => r.chars >= LONG_PAGE_CHARS * 0.9) ?? (await generated(longBench));

  // Cold start: the worker stopped, then the first page (the demo page) until its highlights.
  const cold: SizeResult['cold'] = [];
  const demo = pages[0]!;
  const warmHighlights = JSON.stringify(pageResults.find((p) => p.page === demo.id)?.highlights);
  for (let run = 0; run < runs.cold; run++) {
    await stopServiceWorker(session.context, session.browser.extensionId);
    const t = await loadAndTime(page, `${server.origin}${demo.path}?cold=${run}`);
    await sleep(50);
    const total = async (name: string) => (await matchTimes(session.worker(), name)).reduce((a, b) => a + b, 0);
    cold.push({
      navToHighlighted: t.highlightedAt,
      startToHighlighted: t.startToHighlighted,
      navToComplete: t.completeAt ?? t.highlightedAt,
      match: await total('crosscheck:match'),
      load: await total('crosscheck:load'),
      shards: await total('crosscheck:shards'),
      loadRest: await total('crosscheck:load-rest'),
      sessions: t.sessions,
      sameAsWarm: JSON.stringify(await highlightTexts(page)) === warmHighlights,
    });
  }
  log(
    `  cold start: ${fmt(summarize(cold.map((c) => c.navToHighlighted)))} navigation → first highlights, ` +
      `${fmt(summarize(cold.map((c) => c.navToComplete!)))} → all`,
  );

  await page.close();
  await session.browser.close();
  for (const file of [...pack.v1, ...pack.v2]) server.delete(file.url);
  server.delete(`/packs/${claims}/current.json`);

  return {
    claims,
    phrasings: pack.phrasings,
    packBytes: pack.v1.reduce((n, f) => n + f.bytes, 0),
    importPath: pack.path,
    importPathReason: pack.pathReason,
    parts: pack.v1.length,
    changedClaims: pack.changedClaims,
    runs,
    importPhases: phases,
    imports,
    syncs,
    pages: pageResults,
    cold,
    swHeap,
    contentHeap,
    messageRoundTrip,
    ...(slope ? { slope } : {}),
    longPage,
    summary: {
      import: summarize(imports.map((i) => i.total)),
      importReply: summarize(imports.map((i) => i.reply)),
      sync: summarize(syncs.map((i) => i.total)),
      syncReply: summarize(syncs.map((i) => i.reply)),
      importSwHeapPeak: summarize(imports.map((i) => i.swHeapPeak / 2 ** 20)),
      cold: summarize(cold.map((c) => c.navToHighlighted)),
      coldStartToHighlighted: summarize(cold.map((c) => c.startToHighlighted)),
      coldLoad: summarize(cold.map((c) => c.load ?? 0)),
      coldMatch: summarize(cold.map((c) => c.match)),
      coldComplete: summarize(cold.map((c) => c.navToComplete ?? c.navToHighlighted)),
      coldShards: summarize(cold.map((c) => c.shards ?? 0)),
      coldLoadRest: summarize(cold.map((c) => c.loadRest ?? 0)),
      swHeap: summarize(swHeap.map((b) => b / 2 ** 20)),
      contentHeap: summarize(contentHeap.map((b) => b / 2 ** 20)),
      messageRoundTrip: summarize(messageRoundTrip),
    },
  };
}


// ---- main ------------------------------------------------------------------------------------

/** --report: render results.md (and the docs) again from results.json, without measuring. */
function rerender() {
  const json = JSON.parse(readFileSync(join(RESULTS_DIR, 'results.json'), 'utf8')) as {
    machine: ReportInput['info'];
    sizes: SizeResult[];
    bundle: ReportInput['bundle'];
    seconds: number;
    quick: boolean;
    generatedAt: string;
  };
  const report = buildReport({ ...json, info: json.machine });
  writeFileSync(join(RESULTS_DIR, 'results.json'), `${JSON.stringify(report.json, null, 2)}\n`);
  writeFileSync(join(RESULTS_DIR, 'results.md'), report.markdown);
  if (!json.quick && !flag('no-docs')) updateDocs(report.markdown);
  console.log(report.markdown);
}

async function main() {
  if (flag('report')) return rerender();
  const started = Date.now();
  if (!statSync(join(EXTENSION_DIR, 'manifest.json'), { throwIfNoEntry: false }))
    throw new Error('No build in .output/chrome-mv3: run "npm run bench" (it makes a bench build first).');
  // The content script's timings exist only in a bench build (src/bench-timings.ts): a plain
  // `npm run build` has none, and every page would time out waiting for them.
  const info = machine();
  const loadAtStart = info.loadAverage;
  log(`machine: ${info.nproc} cores, ${info.chromium}, node ${info.node}; sizes ${SIZES.join(', ')}; ${RUNS} runs${QUICK ? ' (quick)' : ''}`);

  const server = await startBenchServer();
  const scratch = mkdtempSync(join(tmpdir(), 'crosscheck-bench-'));
  try {
    extensionDir = join(scratch, 'chrome-mv3');
    cpSync(EXTENSION_DIR, extensionDir, { recursive: true });
    // Demo pages, as the demo serves them.
    const demoRoot = join(ROOT, 'demo', 'pages');
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
    for (const file of walk(demoRoot)) server.set(`/${relative(demoRoot, file)}`, readFileSync(file));

    const vocabulary = loadVocabulary();
    log(`vocabulary: ${vocabulary.words.length.toLocaleString('en')} distinct words from ${vocabulary.sourceWords.toLocaleString('en')} words of news text`);

    const pages: BenchPage[] = [{ id: 'demo', label: 'demo page (seed article A)', path: DEMO_PAGE }];
    const fixtures = fixturePages();
    const largest = fixtures[0];
    let pageSpans: string[] = [];
    const plantedPreview = coreClaims(vocabulary, [], PLANTED_CLAIMS).planted;
    if (largest) {
      const html = sanitizedFixture(readFileSync(largest.file, 'utf8'));
      server.set('/fixture/largest.html', html);
      const file = join(scratch, 'largest.html');
      writeFileSync(file, html);
      pages.push({ id: 'largest', label: `largest fixture page (readability/${largest.name})`, path: '/fixture/largest.html', file });
      // Phrasings for the page claims: spans of its visible paragraphs, read in a plain browser.
      const plain = await chromium.launch({
        executablePath: chromiumPath() ?? undefined,
        args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
      });
      const p = await plain.newPage();
      await p.addInitScript({ content: PROBES_SOURCE });
      await p.goto(`${server.origin}/fixture/largest.html`);
      pageSpans = await p.evaluate((n) => globalThis.__crosscheckBench.paragraphSpans(n), PAGE_CLAIMS);
      await plain.close();
    } else {
      // No fixtures here: a long page of generated text stands in, with planted phrasings.
      const html = generatedPage(vocabulary, 100_000, plantedPreview);
      server.set('/fixture/largest.html', html);
      const file = join(scratch, 'largest.html');
      writeFileSync(file, html);
      pages.push({ id: 'largest', label: 'generated page, 100,000 characters (no fixtures found)', path: '/fixture/largest.html', file });
    }
    const core = coreClaims(vocabulary, pageSpans, PLANTED_CLAIMS);
    server.set('/probe/import.html', articlePage('Import probe', [`Before. ${core.probeImport}. After.`]));
    server.set('/probe/sync.html', articlePage('Sync probe', [`Before. ${core.probeSyncV2}. After.`]));
    const slopePages: BenchPage[] = [...new Set([...SLOPE_CHARS, LONG_PAGE_CHARS])].map((chars) => {
      const path = `/generated/${chars}.html`;
      server.set(path, generatedPage(vocabulary, chars, core.planted));
      return { id: `generated-${chars}`, label: `generated ${chars.toLocaleString('en')} characters`, path };
    });
    const longBench = slopePages.find((p) => p.id === `generated-${LONG_PAGE_CHARS}`)!;
    // The indexOf baseline's 1,000 phrases: the matched passages, then the pack's phrasings in order.
    const basePhrases = packClaims(vocabulary, core, { claims: Math.max(1000, core.claims.length + 2), version: 1, changed: new Set() })
      .flatMap((c) => c.phrasings)
      .slice(0, 1000);

    const sizes: SizeResult[] = [];
    for (const claims of SIZES) {
      const isLargest = claims === Math.max(...SIZES);
      sizes.push(await measureSize(server, vocabulary, core, claims, pages, basePhrases, isLargest ? slopePages : null, longBench));
    }

    const bundle = readFileSync(join(extensionDir, 'content-scripts', 'content.js'));
    const report = buildReport({
      info: { ...machine(), loadAtStart },
      sizes,
      bundle: { bytes: bundle.length, gzip: gzipSync(bundle).length },
      seconds: (Date.now() - started) / 1000,
      quick: QUICK,
      generatedAt: new Date().toISOString(),
    });
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, 'results.json'), `${JSON.stringify(report.json, null, 2)}\n`);
    writeFileSync(join(RESULTS_DIR, 'results.md'), report.markdown);
    if (WRITE_DOCS) updateDocs(report.markdown);
    console.log(`\n${report.markdown}`);
    log(`wrote ${relative(ROOT, RESULTS_DIR)}/results.md and results.json${WRITE_DOCS ? ' and the results in docs/performance.md' : ''}`);
    if (report.failures.length) {
      console.error(`\nCORRECTNESS CHECK FAILED:\n${report.failures.join('\n')}`);
      process.exitCode = 1;
    }
  } finally {
    await server.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
