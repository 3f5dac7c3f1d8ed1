/**
 * The bench's report: goals as met / not met with ratios from the same run, the correctness check,
 * and the tables of bench/results/results.md (also the results section of docs/performance.md).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { MAX_MESSAGE_CHARS } from '../src/messaging/limits';
import { MAX_PACK_BYTES } from '../src/packs/parse-pack';
import type { ImportTiming, InstallPhase, MachineInfo, SizeResult } from './bench-types';
import { fmt, linearFit, powerExponent, summarize } from './stats';
import { PLANT_EVERY } from './synthetic-pack';

/** A pack size as the tables name it: 1k, 250k. */
const k = (n: number): string => (n >= 1000 ? `${n / 1000}k` : `${n}`);

const DOCS = new URL('../docs/performance.md', import.meta.url);

export interface Goal {
  goal: string;
  measured: string;
  ratio: string;
  met: boolean | null;
}

export interface ReportInput {
  info: MachineInfo;
  sizes: SizeResult[];
  bundle: { bytes: number; gzip: number };
  seconds: number;
  quick: boolean;
  generatedAt: string;
}

export function buildReport(input: ReportInput) {
  const { info, sizes, bundle, quick } = input;
  const failures: string[] = [];
  const smallest = sizes[0]!;
  const biggest = sizes[sizes.length - 1]!;
  const at250k = sizes.find((s) => s.claims === 250_000);
  const page = (size: SizeResult, id: string) => size.pages.find((p) => p.page === id)!;

  // Correctness: the big pack finds exactly what the small one finds, page by page.
  for (const size of sizes.slice(1))
    for (const result of size.pages) {
      const base = page(smallest, result.page);
      if (JSON.stringify(result.claims) !== JSON.stringify(base.claims))
        failures.push(`${result.label}: ${size.claims} claims found [${result.claims.join(', ')}], ${smallest.claims} claims found [${base.claims.join(', ')}]`);
      if (JSON.stringify(result.highlights) !== JSON.stringify(base.highlights))
        failures.push(`${result.label}: the highlighted passages differ between ${smallest.claims} and ${size.claims} claims`);
    }
  for (const size of sizes)
    for (const result of size.pages) {
      if (!result.claims.length) failures.push(`${result.label} at ${size.claims} claims: no claim found at all`);
      const extraSessions = result.runs.filter((r) => r.timings.sessions !== 1).length;
      if (extraSessions) failures.push(`${result.label} at ${size.claims}: ${extraSessions} runs saw more than one content script`);
    }
  for (const size of sizes) {
    // A worker just started answers in part, then completes the answer: it must end where a warm one is.
    const differ = size.cold.filter((run) => run.sameAsWarm === false).length;
    if (differ) failures.push(`demo page at ${size.claims} claims: ${differ} cold starts ended with other highlights than the warm page`);
  }
  const expectedPageClaims = (id: string) => page(smallest, id).claims;

  const goals: Goal[] = [];
  const ref = at250k ?? biggest;
  const refLabel = at250k ? '250k' : `${biggest.claims.toLocaleString('en')} (250k not run)`;
  const largest = page(ref, 'largest');
  const ls = largest.summary;
  const add = (goal: string, measured: string, ratio: string, met: boolean | null) => goals.push({ goal, measured, ratio, met });
  const x = (v: number, d = 2) => (Number.isFinite(v) ? `${v.toFixed(d)}×` : 'n/a');

  add(
    `Main-thread time on the largest page at ${refLabel} ≤ floor + 5 ms`,
    `${fmt(ls.mainThread)} vs floor ${fmt(ls.floor)}`,
    `${x(ls.mainThread!.median / (ls.floor!.median + 5))} of floor + 5 ms`,
    at250k ? ls.mainThread!.median <= ls.floor!.median + 5 : null,
  );
  // Every warm page load of the run: the two pages, the long generated page at every size, the slope pages.
  const allRuns = sizes.flatMap((s) => [
    ...s.pages.flatMap((p) => p.runs.map((r) => ({ task: r.timings.longestTask, phase: r.timings.longestPhase, long: r.timings.longTasks.length }))),
    ...[s.longPage, ...(s.slope ?? [])].flatMap((g) => g.runs.map((r) => ({ task: r.longestTask, phase: r.longestPhase, long: r.longTasks }))),
  ]);
  const longest = Math.max(...allRuns.map((r) => Math.max(r.task, r.phase)));
  const runsWithLongTask = allRuns.filter((r) => r.long > 0 || r.phase > 50).length;
  add(
    'No task over 50 ms (every warm page load of the run)',
    runsWithLongTask
      ? `${runsWithLongTask} of ${allRuns.length} loads had a task over 50 ms; the longest ${longest.toFixed(1)} ms`
      : `no long task in ${allRuns.length} loads; our longest phase ${longest.toFixed(1)} ms`,
    `${x(longest / 50)} of 50 ms`,
    runsWithLongTask === 0,
  );
  const slowest = [...ref.pages].sort((a, b) => b.summary.startToHighlighted!.median - a.summary.startToHighlighted!.median)[0]!;
  // The median says what a typical load costs; how many loads went over says how reliably.
  const refLoads = ref.pages.flatMap((page) => page.runs.map((run) => run.timings.startToHighlighted));
  const slowLoads = refLoads.filter((ms) => ms >= 50).length;
  add(
    `Content-script start → highlights registered < 50 ms, warm worker (${refLabel}, slower of the two pages)`,
    `${slowest.page}: ${fmt(slowest.summary.startToHighlighted)}, of which main thread ${slowest.summary.mainThread!.median.toFixed(1)} ms, match ${slowest.summary.match!.median.toFixed(1)} ms, waiting on messages and the background's database ${slowest.summary.waiting!.median.toFixed(1)} ms (${slowest.summary.inWorker ? `the worker's other work ${slowest.summary.inWorker.median.toFixed(1)} ms; ` : ''}a bare message round trip: ${ref.summary.messageRoundTrip!.median.toFixed(1)} ms); ${slowLoads} of ${refLoads.length} loads of both pages at 50 ms or more`,
    `${x(slowest.summary.startToHighlighted!.median / 50)} of 50 ms`,
    at250k ? slowest.summary.startToHighlighted!.median < 50 : null,
  );
  add(
    `≥ 1,000× faster than mark.js, same page and matched phrases (largest page, ${refLabel})`,
    `mark.js ${fmt(ls.mark)} for ${largest.matchedPhrases.length} phrases vs ${fmt(ls.mainThread)} main thread`,
    `${x(ls.mark!.median / ls.mainThread!.median, 1)} faster`,
    at250k ? ls.mark!.median / ls.mainThread!.median >= 1000 : null,
  );
  if (largest.markAll) {
    const m = largest.markAll;
    add(
      `(for scale) mark.js given the pack's ${m.phrases.toLocaleString('en')} phrasings, largest page, ${refLabel}`,
      m.capped
        ? `stopped after ${(m.ms / 1000).toFixed(1)} s at ${m.phrasesDone.toLocaleString('en')} phrasings; ≈ ${(m.estimatedMs / 1000).toFixed(0)} s for all`
        : `${(m.ms / 1000).toFixed(2)} s`,
      `${m.capped ? '≥ ' : ''}${x(m.ms / ls.mainThread!.median, 0)} faster${m.capped ? ` (≈ ${x(m.estimatedMs / ls.mainThread!.median, 0)})` : ''}`,
      null,
    );
  }
  const ours = ls.mainThread!.median + ls.match!.median;
  add(
    `Faster at ${refLabel} than indexOf per phrase + CSS highlights at 1,000 phrases (largest page)`,
    `ours ${ours.toFixed(1)} ms (main thread + background match) vs indexOf ${fmt(ls.indexOf)}`,
    `${x(ls.indexOf!.median / ours)} faster`,
    at250k ? ls.indexOf!.median > ours : null,
  );
  const slope = biggest.slope ?? [];
  const textExponent = powerExponent(slope.map((s) => s.chars), slope.map((s) => s.mainThread.median));
  const textMatchExponent = powerExponent(slope.map((s) => s.chars), slope.map((s) => s.match.median));
  const textExponentMin = powerExponent(slope.map((s) => s.chars), slope.map((s) => s.mainThread.min));
  const perChars = linearFit(slope.map((s) => s.chars / 100_000), slope.map((s) => s.mainThread.median));
  const claimsX = sizes.map((s) => s.claims);
  const logBound = Math.log(biggest.claims) / Math.log(smallest.claims);
  // Pack size: matching is the only part that can depend on it; measured on the long generated page,
  // where it is large enough to rise above the noise. The exponent over minimums is the least disturbed.
  const longMatch = sizes.map((s) => s.longPage.match);
  const packMatchExponent = powerExponent(claimsX, longMatch.map((m) => m.median));
  const packMatchExponentMin = powerExponent(claimsX, longMatch.map((m) => m.min));
  const matchGrowth = longMatch[longMatch.length - 1]!.median / longMatch[0]!.median;
  const packMainExponent = powerExponent(claimsX, sizes.map((s) => s.longPage.mainThread.median));
  const largestTotal = sizes.map((s) => page(s, 'largest').summary.mainThread!.median + page(s, 'largest').summary.match!.median);
  const totalGrowth = largestTotal[largestTotal.length - 1]! / largestTotal[0]!;
  const packTotalExponent = powerExponent(claimsX, largestTotal);
  add(
    'Cost linear in page text (main thread, generated pages)',
    `exponent ${textExponent.toFixed(2)} over medians, ${textExponentMin.toFixed(2)} over minimums (background match ${textMatchExponent.toFixed(2)}); ${perChars.slope.toFixed(2)} ms per 100k characters`,
    `exponent ${textExponent.toFixed(2)} (1 = linear)`,
    slope.length >= 3 ? textExponent <= 1.15 : null,
  );
  const longChars = biggest.longPage.chars.toLocaleString('en');
  add(
    `Cost at most logarithmic in pack size (background match, generated page of ${longChars} characters)`,
    `${k(smallest.claims)} → ${k(biggest.claims)} claims: match ${fmt(longMatch[0])} → ${fmt(longMatch[longMatch.length - 1])}, exponent ${packMatchExponent.toFixed(2)} (over minimums ${packMatchExponentMin.toFixed(2)}); main thread exponent ${packMainExponent.toFixed(2)}; largest fixture page, main thread + match: ×${totalGrowth.toFixed(2)}`,
    `×${matchGrowth.toFixed(2)} vs log bound ×${logBound.toFixed(2)}`,
    sizes.length >= 2 ? matchGrowth <= logBound : null,
  );
  const warmDemo = page(ref, 'demo').summary.navToHighlighted!;
  const allHighlights = ref.summary.coldComplete?.median ? `; all highlights ${fmt(ref.summary.coldComplete)}` : '';
  add(
    `Cold start to first highlights at ${refLabel} < 300 ms (demo page, navigation → highlighted)`,
    `${fmt(ref.summary.cold)}${allHighlights}; warm, same page: ${fmt(warmDemo)}`,
    `${x(ref.summary.cold!.median / 300)} of 300 ms; ${x(ref.summary.cold!.median / warmDemo.median)} of warm`,
    at250k ? ref.summary.cold!.median < 300 : null,
  );
  add(
    `Import of ${refLabel} < 10 s (file to searchable)`,
    `${fmt(ref.summary.import, 0)} via ${ref.importPath}${ref.parts > 1 ? ` (${ref.parts} packs)` : ''}`,
    `${x(ref.summary.import!.median / 10_000)} of 10 s`,
    at250k ? ref.summary.import!.median < 10_000 : null,
  );
  add(
    `1% sync < 1 s (${refLabel})`,
    fmt(ref.summary.sync, 0),
    `${x(ref.summary.sync!.median / 1000)} of 1 s`,
    at250k ? ref.summary.sync!.median < 1000 : null,
  );
  add(
    `Service-worker heap < 150 MB at ${refLabel}`,
    fmt(ref.summary.swHeap, 1, 'MiB'),
    `${x(ref.summary.swHeap!.median / 150)} of 150 MB`,
    at250k ? ref.summary.swHeap!.median < 150 : null,
  );
  add(
    'Content-script bundle < 60 KB minified',
    `${(bundle.bytes / 1024).toFixed(1)} KiB (${(bundle.gzip / 1024).toFixed(1)} KiB gzipped)`,
    `${x(bundle.bytes / 1024 / 60)} of 60 KB`,
    bundle.bytes < 60 * 1024,
  );

  // ---- markdown ----
  const lines: string[] = [];
  lines.push(`# Crosscheck benchmark results${quick ? ' (quick run)' : ''}`);
  lines.push('');
  lines.push(
    `Run ${input.generatedAt.slice(0, 16).replace('T', ' ')} UTC, ${(input.seconds / 60).toFixed(1)} minutes. Medians with (min–max). ` +
      `Load average (1, 5, 15 min) at the start ${info.loadAtStart.split(' ').slice(0, 3).join(' ')}, at the end ${info.loadAverage.split(' ').slice(0, 3).join(' ')} (the machine is shared).`,
  );
  lines.push('');
  lines.push(
    `Machine: \`nproc\` ${info.nproc}; ${info.chromium}; Node ${info.node}; CPU ${info.cpu}. \`free -h\`:`,
  );
  lines.push('');
  lines.push('```');
  lines.push(info.free);
  lines.push('```');
  lines.push('');
  lines.push('## Goals');
  lines.push('');
  lines.push('| Goal | Measured | Ratio | Met |');
  lines.push('| --- | --- | --- | --- |');
  for (const g of goals) lines.push(`| ${g.goal} | ${g.measured} | ${g.ratio} | ${g.met === null ? '—' : g.met ? 'met' : '**not met**'} |`);
  lines.push('');
  lines.push(failures.length ? `**Correctness check failed:** ${failures.join('; ')}` : `Correctness: every size found the same claims and highlighted the same passages as ${k(smallest.claims)} on every page (demo page: ${expectedPageClaims('demo').length} claims, largest page: ${expectedPageClaims('largest').length} claims, counting the demo pack's copies).`);
  lines.push('');
  lines.push('## Packs: import, sync, cold start, memory');
  lines.push('');
  lines.push('| Claims | Pack | Import path | Runs (import/page/cold) | Import: file → searchable | of which reply | 1% sync | Cold start (nav → first highlights) | of which reading the exact halves / the hit claims\' shards | and matching | all highlights (nav → complete) | reading the rest | SW heap | SW heap peak in import | Content-script heap |');
  lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const s of sizes)
    lines.push(
      `| ${k(s.claims)} | ${(s.packBytes / 2 ** 20).toFixed(1)} MiB, ${s.phrasings.toLocaleString('en')} phrasings | ${s.importPath}${s.parts > 1 ? ` (${s.parts} packs)` : ''} | ${s.runs.import}/${s.runs.page}/${s.runs.cold} | ${fmt(s.summary.import, 0)} | ${fmt(s.summary.importReply, 0)} | ${fmt(s.summary.sync, 0)} | ${fmt(s.summary.cold, 0)} | ${s.summary.coldLoad?.median ? fmt(s.summary.coldLoad, 0) : '—'} / ${s.summary.coldShards?.median ? fmt(s.summary.coldShards, 1) : '—'} | ${fmt(s.summary.coldMatch, 1)} | ${s.summary.coldComplete ? fmt(s.summary.coldComplete, 0) : '—'} | ${s.summary.coldLoadRest?.median ? fmt(s.summary.coldLoadRest, 0) : '—'} | ${fmt(s.summary.swHeap, 1, 'MiB')} | ${fmt(s.summary.importSwHeapPeak, 0, 'MiB')} | ${fmt(s.summary.contentHeap, 2, 'MiB')} |`,
    );
  lines.push('');
  lines.push('Import CPU by phase, the extension\'s own code run once in Node (same V8, no IndexedDB, no messaging):');
  lines.push('');
  lines.push('| Claims | TextEncoder (size check) | JSON.parse | Zod validation | content hashes | index build | total CPU | browser import (reply) | 1% sync: index build over the installed one |');
  lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const s of sizes) {
    const ph = s.importPhases;
    const f = (v: number) => `${v.toFixed(0)} ms`;
    lines.push(`| ${k(s.claims)} | ${f(ph.encode)} | ${f(ph.parse)} | ${f(ph.validate)} | ${f(ph.hash)} | ${f(ph.index)} | ${f(ph.total)} | ${fmt(s.summary.importReply, 0)} | ${ph.syncIndex === undefined ? '—' : f(ph.syncIndex)} |`);
  }
  lines.push('');
  lines.push(...browserImportPhases(sizes));
  for (const s of sizes.filter((size) => size.importPath !== 'message'))
    lines.push(`${k(s.claims)}: ${s.importPathReason}.`);
  if (sizes.some((size) => size.importPath !== 'message')) lines.push('');
  lines.push('## Page cost (warm worker)');
  lines.push('');
  lines.push('| Claims | Page | Text: rendered / all nodes | Main thread (read + send + paint) | read | paint | Floor | start → highlighted | Background match | Waiting | of which in the worker besides matching | Longest task | indexOf ×1,000 + CSS | mark.js, matched phrases | Possible matches, after the reply |');
  lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const s of sizes)
    for (const p of s.pages) {
      const m = p.summary;
      lines.push(
        `| ${k(s.claims)} | ${p.page} | ${p.textChars.visible.toLocaleString('en')} / ${p.textChars.all.toLocaleString('en')} ch | ${fmt(m.mainThread)} | ${fmt(m.read)} | ${fmt(m.paint)} | ${fmt(m.floor, 2)} | ${fmt(m.startToHighlighted)} | ${fmt(m.match, 2)} | ${fmt(m.waiting)} | ${m.inWorker ? fmt(m.inWorker) : '—'} | ${fmt(m.longestTask)} | ${fmt(m.indexOf)} | ${fmt(m.mark)} (${p.matchedPhrases.length}) | ${m.possible ? fmt(m.possible, 2) : '—'} |`,
      );
    }
  lines.push('');
  lines.push(
    `A bare message round trip (an extension page → the worker → its reply, no work): ${sizes.map((s) => `${fmt(s.summary.messageRoundTrip, 2)} at ${k(s.claims)}`).join(', ')}.`,
  );
  lines.push('');
  lines.push(`## Pack size (generated page of ${biggest.longPage.chars.toLocaleString('en')} characters, warm worker)`);
  lines.push('');
  lines.push('| Claims | Main thread | start → highlighted | Background match |');
  lines.push('| --- | --- | --- | --- |');
  for (const s of sizes)
    lines.push(`| ${k(s.claims)} | ${fmt(s.longPage.mainThread)} | ${fmt(s.longPage.startToHighlighted)} | ${fmt(s.longPage.match)} |`);
  lines.push('');
  lines.push(
    `Slopes in pack size: background match ∝ claims^${packMatchExponent.toFixed(2)} over medians, ^${packMatchExponentMin.toFixed(2)} over minimums (×${matchGrowth.toFixed(2)} from ${k(smallest.claims)} to ${k(biggest.claims)}; logarithmic growth would be ×${logBound.toFixed(2)}); ` +
      `main thread ∝ claims^${packMainExponent.toFixed(2)}; on the largest fixture page, main thread + match ∝ claims^${packTotalExponent.toFixed(2)} (×${totalGrowth.toFixed(2)}).`,
  );
  lines.push('');
  if (slope.length) {
    lines.push(`## Page length (${k(biggest.claims)} claims, generated pages, one planted claim per ${PLANT_EVERY.toLocaleString('en')} characters)`);
    lines.push('');
    lines.push('| Text | Main thread | Floor | start → highlighted | Background match |');
    lines.push('| --- | --- | --- | --- | --- |');
    for (const r of slope)
      lines.push(`| ${r.chars.toLocaleString('en')} ch | ${fmt(r.mainThread)} | ${fmt(r.floor, 2)} | ${fmt(r.startToHighlighted)} | ${fmt(r.match)} |`);
    lines.push('');
    lines.push(
      `Slopes in page text (${k(biggest.claims)} claims): main thread ∝ text^${textExponent.toFixed(2)} over medians, ^${textExponentMin.toFixed(2)} over minimums (${perChars.slope.toFixed(2)} ms per 100k characters, r² ${perChars.r2.toFixed(3)}); background match ∝ text^${textMatchExponent.toFixed(2)}.`,
    );
    lines.push('');
  }
  lines.push(
    `Content-script bundle: ${bundle.bytes.toLocaleString('en')} bytes (${(bundle.gzip / 1024).toFixed(1)} KiB gzipped). MAX_PACK_BYTES: ${(MAX_PACK_BYTES / 2 ** 20).toFixed(0)} MiB.`,
  );
  lines.push('');
  lines.push(
    'Main thread = the content script\'s `crosscheck:read` + `crosscheck:send` (synchronous part) + `crosscheck:paint` measures from session start to `crosscheck:highlighted`. ' +
      'Floor = a bare TreeWalker pass reading every text node, in the same document after Crosscheck. Longest task = the longest Long Tasks API entry overlapping start → highlighted, or our longest phase when no task reached 50 ms. ' +
      'Background match = the worker\'s `crosscheck:match` measure (matching only; indexes loaded): the confirmed and numbers-differ tiers the page is answered with. ' +
      'Possible matches, after the reply = the worker\'s `crosscheck:possible` measures, summed: the search for the popup\'s possible matches, which runs after the page has its answer, a few blocks at a time. ' +
      'Waiting = start → highlighted less main thread and match: message round trips and the background\'s other work (pause check, claim views read from IndexedDB, structured clone). ' +
      'Of which the worker\'s other work = the worker\'s `crosscheck:answer` measure (a page\'s request, from its arrival to the reply) less its match; the rest of the waiting is messaging and the event loops of the page and the worker. ' +
      'Import = sending the file to the background → its reply → a fresh page highlighted with a claim of the new pack. ' +
      'Cold start = the service worker stopped (chrome://serviceworker-internals), then the demo page loaded: navigation start → `crosscheck:highlighted`.',
  );
  lines.push('');
  return {
    markdown: lines.join('\n'),
    failures,
    json: {
      generatedAt: input.generatedAt,
      quick,
      seconds: input.seconds,
      machine: info,
      maxPackBytes: MAX_PACK_BYTES,
      maxMessageChars: MAX_MESSAGE_CHARS,
      bundle,
      goals,
      failures,
      slopes: {
        textExponent,
        textExponentMin,
        textMatchExponent,
        msPer100kChars: perChars.slope,
        packMainExponent,
        packMatchExponent,
        packMatchExponentMin,
        packTotalExponent,
        matchGrowth,
        totalGrowth,
        logBound,
      },
      sizes,
    },
  };
}

const DOCS_START = '<!-- bench:results:start -->';
const DOCS_END = '<!-- bench:results:end -->';
export function updateDocs(markdown: string): void {
  let docs: string;
  try {
    docs = readFileSync(DOCS, 'utf8');
  } catch {
    return;
  }
  const start = docs.indexOf(DOCS_START);
  const end = docs.indexOf(DOCS_END);
  if (start < 0 || end < start) return;
  // The results file's own title becomes a lower heading inside the docs page.
  const body = markdown.replace(/^# .*\n/, '').replace(/^## /gm, '### ');
  writeFileSync(DOCS, `${docs.slice(0, start + DOCS_START.length)}\n${body}\n${docs.slice(end)}`);
}

/** Where the browser's import and sync time goes, from the worker's own measures (medians per phase). */
function browserImportPhases(sizes: SizeResult[]): string[] {
  const measured = (timings: ImportTiming[]) => timings.filter((t) => t.phases?.['crosscheck:install-write'] !== undefined);
  if (!sizes.some((s) => measured(s.imports).length)) return [];
  // Each run's phases and remainders first, then the median of each column.
  const columns = (t: ImportTiming): number[] => {
    const m = (phase: InstallPhase) => t.phases?.[phase] ?? NaN;
    const write = m('crosscheck:install-write');
    const before = m('crosscheck:import-parse') + m('crosscheck:install-hash') + m('crosscheck:install-earlier') + m('crosscheck:install-index');
    return [
      t.reply,
      m('crosscheck:import-parse'),
      m('crosscheck:install-hash'),
      m('crosscheck:install-earlier'),
      m('crosscheck:install-index'),
      m('crosscheck:install-claims'),
      m('crosscheck:install-index-write'),
      write - m('crosscheck:install-claims') - m('crosscheck:install-index-write'),
      t.reply - before - write,
    ];
  };
  const row = (label: string, timings: ImportTiming[]) => {
    const runs = measured(timings).map(columns);
    const cells = runs[0]!.map((_, c) => summarize(runs.map((run) => run[c]!)).median);
    return `| ${label} | ${cells.map((v) => (Number.isNaN(v) ? '—' : `${v.toFixed(0)} ms`)).join(' | ')} |`;
  };
  const lines = [
    "Import and 1% sync in the browser by phase, from the worker's own measures (medians of each run's figures; the file's transfer is most of the last column; a subscription's sync installs inside its own transaction, whose commit is then in the last column too):",
    '',
    '| | reply | parse and validate | content hashes | reading the installed version | index build | writing claims (and their hashes) | writing the index | rest of the transaction | transfer and the rest |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const s of sizes) {
    if (!measured(s.imports).length) continue;
    lines.push(row(`${k(s.claims)}, import`, s.imports));
    if (measured(s.syncs).length) lines.push(row(`${k(s.claims)}, 1% sync`, s.syncs));
  }
  lines.push('');
  return lines;
}
