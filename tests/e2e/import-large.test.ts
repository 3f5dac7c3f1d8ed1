import { mkdtempSync, openSync, closeSync, ftruncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension } from '../../scripts/launch-extension.mjs';
import { MAX_MESSAGE_CHARS } from '../../src/messaging/limits';

/**
 * Pack files at the sizes desks really publish: larger than one runtime message (Chromium stops
 * at 64 MiB), and the 200 MB file that must be refused before it is read.
 */
let browser: Awaited<ReturnType<typeof launchWithExtension>>;
const dir = mkdtempSync(join(tmpdir(), 'crosscheck-large-'));
beforeAll(async () => {
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
});

async function options() {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await page.locator('table.packs').waitFor();
  return page;
}

describe('large pack files', () => {
  it('a file larger than one message is sent in pieces and installed', async () => {
    const claims = [];
    let size = 0;
    for (let i = 0; size < MAX_MESSAGE_CHARS * 1.3; i++) {
      const claim = {
        id: `c${i}`,
        statement: `Synthetic claim number ${i} about the regional budget and its long tail of figures.`,
        phrasings: [`the regional budget line ${i} was raised by a number of points`],
        verdict: 'unverified',
        summary: 'x'.repeat(200),
      };
      size += JSON.stringify(claim).length;
      claims.push(claim);
    }
    const pack = { format: 'crosscheck-pack', formatVersion: 1, id: 'large', name: 'Large pack', publisher: 'Bench', version: 1, published: '2026-11', license: 'CC0', sources: [], claims };
    const file = join(dir, 'large.json');
    writeFileSync(file, JSON.stringify(pack));
    const page = await options();
    await page.locator('input[type=file]').setInputFiles(file);
    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 60_000 })
      .toContain(`Installed “Large pack” version 1: ${claims.length} claims`);
    await page.close();
  });

  it('a 200 MB file is refused by its size, before it is read, and nothing changes', async () => {
    const file = join(dir, 'huge.json');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, 200 * 1024 * 1024);
    closeSync(fd);
    const page = await options();
    const before = await page.locator('table.packs tbody tr').count();
    await page.locator('input[type=file]').setInputFiles(file);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('huge.json: The file is 200 MB');
    expect(await page.locator('table.packs tbody tr').count()).toBe(before);
    await page.close();
  });
});
