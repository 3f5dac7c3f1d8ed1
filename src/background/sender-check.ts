/**
 * Who may ask the background what. Content scripts run inside hostile pages, so a message counts
 * as theirs only when it comes from our extension, from a tab's top frame on an http(s) page.
 * Extension pages (popup, options) are recognised by our own origin.
 */
export interface MessageSender {
  id?: string;
  url?: string;
  origin?: string;
  frameId?: number;
  tab?: { id?: number; url?: string };
}

export function contentSenderTab(sender: MessageSender, extensionId: string): { tabId: number; url: URL } | null {
  if (sender.id !== extensionId || sender.tab?.id === undefined || sender.frameId !== 0 || !sender.url) return null;
  try {
    const url = new URL(sender.url);
    return url.protocol === 'http:' || url.protocol === 'https:' ? { tabId: sender.tab.id, url } : null;
  } catch {
    return null;
  }
}

export function isExtensionPage(sender: MessageSender, extensionId: string, extensionOrigin: string): boolean {
  if (sender.id !== extensionId || typeof sender.url !== 'string') return false;
  try {
    // protocol + host rather than URL.origin, which is "null" for non-special schemes in some engines.
    const url = new URL(sender.url);
    return `${url.protocol}//${url.host}` === extensionOrigin;
  } catch {
    return false;
  }
}
