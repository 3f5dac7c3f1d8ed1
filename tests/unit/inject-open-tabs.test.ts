import { describe, expect, it } from 'vitest';
import { injectIntoOpenTabs, type InjectionApi } from '../../src/background/inject-open-tabs';

/** Install-time injection: open pages get the script once, and a page that has it keeps it. */
function fakeApi(tabs: Array<{ id: number; answers?: unknown; refuses?: boolean; discarded?: boolean }>) {
  const injected: number[] = [];
  const api: InjectionApi = {
    manifest: () => ({ content_scripts: [{ js: ['content-scripts/content.js'], css: ['content-scripts/content.css'] }] }),
    openTabs: async () => tabs.map(({ id, discarded }) => ({ id, discarded })),
    ask: async (tabId) => {
      const tab = tabs.find((t) => t.id === tabId)!;
      if (!('answers' in tab)) throw new Error('Could not establish connection. Receiving end does not exist.');
      return tab.answers;
    },
    insertCss: async () => {},
    executeScript: async (tabId) => {
      if (tabs.find((t) => t.id === tabId)!.refuses) throw new Error('Cannot access contents of the page');
      injected.push(tabId);
    },
  };
  return { api, injected };
}

describe('injecting into open tabs', () => {
  it('injects where no live script answers, and leaves a page whose script answers alone', async () => {
    const { api, injected } = fakeApi([
      { id: 1 }, // opened before the install: nothing listens
      { id: 2, answers: true }, // loaded during the install: the manifest's script runs there
      { id: 3, answers: false }, // a script whose extension context is gone
      { id: 4, answers: undefined }, // something that does not speak our protocol
    ]);
    expect(await injectIntoOpenTabs(api)).toBe(3);
    expect(injected.sort()).toEqual([1, 3, 4]);
  });

  it('skips discarded tabs and pages that refuse scripts, and injects the rest', async () => {
    const { api, injected } = fakeApi([{ id: 1, discarded: true }, { id: 2, refuses: true }, { id: 3 }]);
    expect(await injectIntoOpenTabs(api)).toBe(1);
    expect(injected).toEqual([3]);
  });

  it('does nothing without the scripting API', async () => {
    const { api } = fakeApi([{ id: 1 }]);
    expect(await injectIntoOpenTabs({ ...api, executeScript: null })).toBe(0);
  });
});
