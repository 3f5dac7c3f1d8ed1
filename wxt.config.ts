import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// Chromium refuses an extension whose scripts hold a raw U+FFFF ("isn't UTF-8 encoded"), and
// Dexie's bundle has one: every chunk is written as ASCII, and scripts/check-bundle.mjs keeps
// that true after each build.
export default defineConfig({
  imports: false,
  manifest: ({ browser }) => ({
    name: 'Crosscheck',
    description:
      'Highlights known claims on the pages you read, by verdict, with sources on both sides. Nothing leaves your browser.',
    // Host access (needed anyway to read pages) also lets the background see tab URLs, so no
    // "tabs" permission and its "read your browsing history" warning. "alarms" wakes the worker
    // to sync subscribed packs (no install warning).
    // scripting: to put the content script into pages already open at install or update time.
    // contextMenus: "Tag claim" on a selection (no install warning).
    permissions: ['storage', 'alarms', 'scripting', 'contextMenus'],
    host_permissions: ['http://*/*', 'https://*/*'],
    commands: {
      'focus-next-claim': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: 'Move to the next highlighted claim and show its card',
      },
      'tag-selection': {
        suggested_key: { default: 'Alt+Shift+T' },
        description: 'Tag the selected passage as a claim',
      },
    },
    // The tagging panel is our page in a frame beside the article; pages may frame it but cannot
    // read it, and it acts only on the passage the background handed it.
    web_accessible_resources:
      browser === 'firefox'
        ? ['annotate.html']
        : [{ resources: ['annotate.html'], matches: ['http://*/*', 'https://*/*'] }],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'crosscheck@crosscheck.invalid',
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  zip: { excludeSources: ['.ci/**', 'bench/**', 'tests/**', 'docs/**', 'demo/**', '.output/**'] },
  vite: () => ({
    plugins: [preact()],
    // Benchmark timings are compiled in only for `npm run bench` (src/bench-timings.ts).
    define: { __CROSSCHECK_BENCH__: JSON.stringify(process.env.CROSSCHECK_BENCH === '1') },
    build: { rollupOptions: { output: { charset: 'ascii' } } },
  }),
});
