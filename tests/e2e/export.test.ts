import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension } from '../../scripts/launch-extension.mjs';
import { importFactChecks } from '../../src/packs/claimreview/import-fact-checks';
import { parsePack } from '../../src/packs/parse-pack';
import { demoPack } from './demo-expectations';

/** What a desk or a user takes out of Crosscheck: a pack file, and ClaimReview per claim. */
let browser: Awaited<ReturnType<typeof launchWithExtension>>;
beforeAll(async () => {
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
});

describe('export from the options page', () => {
  it('downloads an installed pack as a file that validates and holds every claim', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const row = options.locator(`tr[data-pack="${demoPack.id}"]`);
    await row.waitFor();
    const [download] = await Promise.all([options.waitForEvent('download'), row.getByRole('button', { name: 'Export' }).click()]);
    expect(download.suggestedFilename()).toBe(`${demoPack.id}-v${demoPack.version}.json`);
    const parsed = parsePack(readFileSync((await download.path())!, 'utf8'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.pack.claims.map((c) => c.id).sort()).toEqual(demoPack.claims.map((c) => c.id).sort());
    expect(parsed.pack.claims.find((c) => c.id === demoPack.claims[0]!.id)).toEqual(demoPack.claims[0]);
    await options.close();
  });

  it('downloads a claim as ClaimReview JSON-LD that imports back with its verdict', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const claim = demoPack.claims.find((c) => c.verdict === 'misleading')!;
    await options.getByRole('searchbox', { name: 'Search claims' }).fill('never surrender');
    const item = options.locator(`.claim-results > li[data-claim="${demoPack.id}/${claim.id}"]`);
    await item.locator('summary').click();
    const [download] = await Promise.all([options.waitForEvent('download'), item.getByRole('button', { name: 'Export as ClaimReview' }).click()]);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ '@context': 'https://schema.org', '@type': 'ClaimReview', claimReviewed: claim.statement });
    const back = importFactChecks(text);
    expect(back.ok && back.pack.claims.map((c) => c.verdict)).toEqual(['misleading']);
    await options.close();
  });
});
