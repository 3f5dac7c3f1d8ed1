/** Where a tab's claims and notices are kept in storage.session: written by the background, watched by the popup. */
export const tabStateKey = (tabId: number): string => `tab:${tabId}`;
