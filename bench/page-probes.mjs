// In-page half of the benchmark (bench/run-bench.ts). Injected into every bench page as a
// Playwright init script, i.e. before the page's own parsing and before Crosscheck's content
// script runs, in the page's main world. A plain browser script: no imports, no exports, nothing
// that a bundler or tsx would rewrite (functions handed to page.evaluate from a .ts file get
// esbuild helpers the page does not have, so everything non-trivial lives here).
//
// It defines `globalThis.__crosscheckBench` with:
//   - a `longtask` PerformanceObserver started before anything else runs;
//   - timings(): Crosscheck's own marks and measures (see src/highlight/reader-session.ts);
//   - the baselines, measured in the same page: floor(), indexOfPass(phrases), markJs(...).
(() => {
  if (globalThis.__crosscheckBench) return;
  const longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no Long Tasks API: longest task is then only bounded from below by our own phases
  }

  const sum = (entries) => entries.reduce((total, entry) => total + entry.duration, 0);

  /** All text nodes under body, in document order, with where each starts in the joined text. */
  function collectText() {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const nodes = [];
    const starts = [];
    const parts = [];
    let length = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes.push(node);
      starts.push(length);
      parts.push(node.data);
      length += node.data.length;
    }
    return { nodes, starts, text: parts.join('') };
  }

  function nodeAt(starts, offset) {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  globalThis.__crosscheckBench = {
    /**
     * Crosscheck's timings for the first reader session of this document: start → the first
     * `crosscheck:highlighted`, the phases in between, and the long tasks overlapping that window.
     */
    timings() {
      const marks = performance.getEntriesByType('mark').filter((m) => m.name.startsWith('crosscheck:'));
      const starts = marks.filter((m) => m.name === 'crosscheck:start');
      const start = starts[0];
      if (!start) return null;
      const highlighted = marks.find((m) => m.name === 'crosscheck:highlighted' && m.startTime >= start.startTime);
      if (!highlighted) return null;
      // A worker just started answers in part first (crosscheck:complete follows the rest of the answer).
      const complete = marks.find((m) => m.name === 'crosscheck:complete' && m.startTime >= start.startTime);
      const within = performance
        .getEntriesByType('measure')
        .filter((m) => m.name.startsWith('crosscheck:') && m.startTime >= start.startTime && m.startTime <= highlighted.startTime);
      const phase = (name) => within.filter((m) => m.name === name);
      const overlapping = longTasks.filter(
        (t) => t.start < highlighted.startTime && t.start + t.duration > start.startTime,
      );
      const read = sum(phase('crosscheck:read'));
      const send = sum(phase('crosscheck:send'));
      const paint = sum(phase('crosscheck:paint'));
      return {
        sessions: starts.length,
        startAt: start.startTime,
        highlightedAt: highlighted.startTime,
        startToHighlighted: highlighted.startTime - start.startTime,
        completeAt: complete ? complete.startTime : null,
        read,
        send,
        paint,
        mainThread: read + send + paint,
        /** our own longest synchronous chunk: a task holds at least this */
        longestPhase: Math.max(0, ...within.map((m) => m.duration)),
        longTasks: overlapping.map((t) => t.duration),
        longestTask: Math.max(0, ...overlapping.map((t) => t.duration)),
        allLongTasks: longTasks.slice(),
      };
    },

    /** The floor: a bare TreeWalker pass that reads every text node's data and nothing else. */
    floor() {
      const t0 = performance.now();
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let chars = 0;
      let nodes = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        chars += node.data.length;
        nodes++;
      }
      return { ms: performance.now() - t0, chars, nodes };
    },

    /**
     * The plain approach: join the text nodes, lower-case, indexOf each phrase over it, build a
     * Range per hit and register them as one CSS highlight. No folding, no visibility checks.
     */
    indexOfPass(phrases) {
      const t0 = performance.now();
      const { nodes, starts, text } = collectText();
      const haystack = text.toLowerCase();
      const highlight = new Highlight();
      let hits = 0;
      for (const phrase of phrases) {
        const needle = phrase.toLowerCase();
        if (!needle) continue;
        for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) {
          const first = nodeAt(starts, at);
          const last = nodeAt(starts, at + needle.length - 1);
          const range = document.createRange();
          range.setStart(nodes[first], at - starts[first]);
          range.setEnd(nodes[last], at + needle.length - starts[last]);
          highlight.add(range);
          hits++;
        }
      }
      CSS.highlights.set('bench-indexof', highlight);
      const ms = performance.now() - t0;
      CSS.highlights.delete('bench-indexof');
      return { ms, hits, phrases: phrases.length };
    },

    /**
     * mark.js (window.Mark, injected by the bench) on the whole body. Phrases go in batches (its
     * keyword loop recurses once per keyword and overflows the stack on long lists), and the run
     * stops between batches once `capMs` has passed: the time is then a lower bound.
     */
    markJs(phrases, { batch = 200, capMs = 60_000 } = {}) {
      const options = { separateWordSearch: false, acrossElements: true, diacritics: false };
      const t0 = performance.now();
      let done = 0;
      let marks = 0;
      let synchronous = true;
      while (done < phrases.length && performance.now() - t0 < capMs) {
        const keywords = phrases.slice(done, done + batch);
        let finished = false;
        new globalThis.Mark(document.body).mark(keywords, {
          ...options,
          done: (total) => {
            finished = true;
            marks += total;
          },
        });
        if (!finished) synchronous = false;
        done += keywords.length;
      }
      const ms = performance.now() - t0;
      return { ms, phrasesDone: done, phrases: phrases.length, capped: done < phrases.length, marks, synchronous };
    },

    /** Characters in all text nodes under body, and in what renders (innerText). */
    textLength() {
      return { all: collectText().text.length, visible: document.body.innerText.length };
    },

    /**
     * Spans of 8–20 words from up to `count` visible paragraphs, spread over the page: phrasings
     * for the bench's "page" claims. Paragraphs whose text differs from what renders (hidden
     * parts, line breaks) or that sit in links and navigation are left out.
     */
    paragraphSpans(count) {
      const squash = (text) => text.replace(/\s+/g, ' ').trim();
      const seen = new Set();
      const paragraphs = [];
      for (const p of document.querySelectorAll('p')) {
        if (p.closest('a, button, nav, footer, [contenteditable]') || p.querySelector('br')) continue;
        if (p.checkVisibility && !p.checkVisibility({ visibilityProperty: true })) continue;
        const text = squash(p.textContent);
        if (text !== squash(p.innerText) || seen.has(text) || text.split(' ').length < 12) continue;
        seen.add(text);
        paragraphs.push(text);
      }
      const spans = [];
      const step = paragraphs.length / Math.min(count, paragraphs.length);
      for (let i = 0; i < Math.min(count, paragraphs.length); i++) {
        const words = paragraphs[Math.floor(i * step)].split(' ');
        const length = Math.min(words.length, 8 + ((i * 7) % 13));
        const from = Math.floor((words.length - length) / 2);
        spans.push(words.slice(from, from + length).join(' '));
      }
      return spans;
    },
  };
})();
