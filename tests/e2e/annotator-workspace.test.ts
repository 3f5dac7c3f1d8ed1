import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension } from '../../scripts/launch-extension.mjs';
import { AnnotationRecordSchema, type AnnotationRecord } from '../../src/annotations/annotation-record';
import { importAnnotationsText } from '../../src/annotations/import-annotations-text';
import { serializeAnnotationCollection } from '../../src/annotations/to-annotation-collection';

/**
 * The annotator's workspace in the options page of the built extension: import a W3C collection
 * and a Hypothesis export, filter, delete with undo, export, and import the export again without
 * duplicates.
 */
let browser: Awaited<ReturnType<typeof launchWithExtension>>;
const dir = mkdtempSync(join(tmpdir(), 'crosscheck-workspace-'));

const record = (id: string, overrides: Partial<AnnotationRecord>): AnnotationRecord =>
  AnnotationRecordSchema.parse({
    id,
    pageUrl: 'https://news.example/kursk',
    site: 'news.example',
    pageTitle: 'Soldiers in Kursk',
    target: { quote: { type: 'TextQuoteSelector', exact: 'some 11,000 soldiers were sent', prefix: 'Officials said ', suffix: ' to Russia' } },
    claimKey: 'crosscheck:mine/c-1',
    claim: { statement: 'North Korea sent 11,000 soldiers.', verdict: 'mostly-true', summary: '' },
    tags: ['troops'],
    sources: [{ url: 'https://agency.example/r', title: 'Briefing', publisher: 'Agency', stance: 'supports', quote: '11,000' }],
    created: Date.parse('2026-01-05T10:00:00Z'),
    modified: Date.parse('2026-01-05T10:00:00Z'),
    ...overrides,
  });

const collection = serializeAnnotationCollection([
  record('00000000-0000-4000-8000-000000000001', {}),
  record('00000000-0000-4000-8000-000000000002', {
    pageUrl: 'https://wire.example/denial',
    site: 'wire.example',
    target: { quote: { type: 'TextQuoteSelector', exact: 'called the reports fake news', prefix: 'Moscow ', suffix: '.' }, positionUnit: 'code-point' },
    claim: { statement: 'Russia denied North Korean troops were there.', verdict: 'false', summary: '' },
    tags: ['denial'],
  }),
]);

beforeAll(async () => {
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
});

async function importFile(options: Page, name: string, text: string): Promise<string> {
  const path = join(dir, name);
  writeFileSync(path, text);
  const input = options.locator('input[data-annotation-import]');
  if ((await input.count()) === 0) await options.locator('button[data-annotation-import-toggle]').click();
  await input.setInputFiles(path);
  const status = options.locator('[data-annotation-import-status=done], [data-annotation-import-status=error]');
  await status.waitFor();
  return (await status.textContent()) ?? '';
}

describe('the workspace', () => {
  let options: Page;

  it('imports a W3C collection and a Hypothesis export, and lists every annotation', async () => {
    options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    expect(await importFile(options, 'mine.jsonld', collection)).toMatch(/Imported 2 annotations \(0 already there\)/);
    const hypothesis = readFileSync('tests/fixtures/hypothesis/wikipedia-regression-testing.json', 'utf8');
    const expected = importAnnotationsText(hypothesis);
    expect(expected.ok).toBe(true);
    const count = expected.ok ? expected.annotations.length : 0;
    expect(await importFile(options, 'hypothesis.json', hypothesis)).toContain(`Imported ${count} annotation`);
    await expect.poll(() => options.locator('li[data-annotation]').count()).toBe(2 + count);
  });

  it('filters by site, verdict and text', async () => {
    await options.locator('select[data-filter=site]').selectOption('wire.example');
    await expect.poll(() => options.locator('li[data-annotation]').count()).toBe(1);
    expect(await options.locator('li[data-annotation] .annotation-statement').textContent()).toContain('Russia denied');
    await options.locator('button[data-filter=clear]').click();
    await options.locator('select[data-filter=verdict]').selectOption('mostly-true');
    await expect.poll(() => options.locator('li[data-annotation]').count()).toBe(1);
    await options.locator('button[data-filter=clear]').click();
    await options.locator('input[data-filter=text]').fill('fake news');
    await expect.poll(() => options.locator('li[data-annotation]').count()).toBe(1);
    await options.locator('button[data-filter=clear]').click();
  });

  it('links each annotation to its page at the passage', async () => {
    const link = options.locator('li[data-annotation][data-site="wire.example"] a[data-action=open]');
    const href = (await link.getAttribute('href')) ?? '';
    expect(href.startsWith('https://wire.example/denial#:~:text=')).toBe(true);
    expect(decodeURIComponent(href)).toContain('called the reports fake news');
  });

  it('edits an annotation in place', async () => {
    const row = options.locator('li[data-annotation][data-site="wire.example"]');
    await row.locator('[data-action=edit]').click();
    const dialog = options.getByRole('dialog', { name: 'Edit annotation' });
    await dialog.getByLabel('Verdict').selectOption('misleading');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => row.getAttribute('data-verdict')).toBe('misleading');
  });

  it('deletes with undo', async () => {
    const row = options.locator('li[data-annotation][data-site="wire.example"]');
    await row.locator('[data-action=delete]').click();
    await row.locator('[data-action=undo]').waitFor();
    await row.locator('[data-action=undo]').click();
    await row.locator('[data-action=delete]').waitFor();
  });

  it('exports a W3C collection that imports back as duplicates only', async () => {
    const [download] = await Promise.all([options.waitForEvent('download'), options.locator('button[data-export=all]').click()]);
    expect(download.suggestedFilename()).toMatch(/^crosscheck-annotations-\d{4}-\d{2}-\d{2}\.jsonld$/);
    const text = readFileSync((await download.path())!, 'utf8');
    const parsed = importAnnotationsText(text);
    expect(parsed.ok && parsed.format).toBe('w3c');
    const total = await options.locator('li[data-annotation]').count();
    expect(parsed.ok && parsed.annotations.length).toBe(total);
    expect(await importFile(options, 'export.jsonld', text)).toMatch(new RegExp(`Imported 0 annotations \\(${total} already there\\)`));
    expect(await options.locator('li[data-annotation]').count()).toBe(total);
  });
});
