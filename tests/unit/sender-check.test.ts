import { describe, expect, it } from 'vitest';
import { contentSenderTab, isExtensionPage } from '../../src/background/sender-check';

const ID = 'abc';
const ORIGIN = 'chrome-extension://abc';

describe('isExtensionPage', () => {
  it('accepts our own pages and nothing that merely starts like our origin', () => {
    expect(isExtensionPage({ id: ID, url: `${ORIGIN}/popup.html?tab=3` }, ID, ORIGIN)).toBe(true);
    expect(isExtensionPage({ id: ID, url: 'chrome-extension://abcdef/popup.html' }, ID, ORIGIN)).toBe(false);
    expect(isExtensionPage({ id: ID, url: 'https://abc/popup.html' }, ID, ORIGIN)).toBe(false);
    expect(isExtensionPage({ id: 'other', url: `${ORIGIN}/popup.html` }, ID, ORIGIN)).toBe(false);
    expect(isExtensionPage({ id: ID, url: 'not a url' }, ID, ORIGIN)).toBe(false);
  });
});

describe('contentSenderTab', () => {
  it('takes only top frames of http(s) pages in a tab, from our extension', () => {
    const ok = { id: ID, url: 'https://news.example/a', frameId: 0, tab: { id: 7 } };
    expect(contentSenderTab(ok, ID)?.tabId).toBe(7);
    expect(contentSenderTab({ ...ok, frameId: 1 }, ID)).toBeNull();
    expect(contentSenderTab({ ...ok, url: 'file:///etc/passwd' }, ID)).toBeNull();
    expect(contentSenderTab({ ...ok, tab: {} }, ID)).toBeNull();
    expect(contentSenderTab({ ...ok, id: 'evil' }, ID)).toBeNull();
  });
});
