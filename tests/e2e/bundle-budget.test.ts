import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/**
 * The content script is parsed on every page a user opens, so its size is a budget, checked on
 * the real build (`npm test` builds before this project runs).
 */
const CONTENT = new URL('../../.output/chrome-mv3/content-scripts/content.js', import.meta.url);
const BUDGET_BYTES = 60 * 1024;

describe('content script bundle', () => {
  const bytes = readFileSync(CONTENT);

  it(`stays under ${BUDGET_BYTES / 1024} KB minified`, () => {
    expect(bytes.length).toBeLessThan(BUDGET_BYTES);
    console.info(`content.js: ${(bytes.length / 1024).toFixed(1)} KB, ${(gzipSync(bytes).length / 1024).toFixed(1)} KB gzipped`);
  });

  it('contains no database code', () => {
    const text = bytes.toString('latin1');
    expect(text).not.toMatch(/indexedDB|Dexie/);
  });
});
