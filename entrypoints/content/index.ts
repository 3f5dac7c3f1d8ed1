import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { documentAnchoring } from '../../src/annotate/document-anchoring';
import type { Ask } from '../../src/annotate/annotation-layer';
import { startReaderSession } from '../../src/highlight/reader-session';
import type { BackgroundToContent, ContentToBackgroundInput } from '../../src/messaging/protocol';
import './highlights.css';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    const controller = new AbortController();
    ctx.onInvalidated(() => controller.abort());
    // After the extension is reloaded, updated or disabled, this script lives on in open pages
    // with a dead connection: notice it at the next message and take every highlight and card down.
    const send: Ask = async (message: ContentToBackgroundInput) => {
      if (ctx.isInvalid) return undefined;
      if (!browser.runtime?.id) {
        ctx.notifyInvalidated();
        return undefined;
      }
      try {
        return await browser.runtime.sendMessage(message);
      } catch (error) {
        if (!browser.runtime?.id || /context invalidated/i.test(String(error))) ctx.notifyInvalidated();
        return undefined;
      }
    };
    const isAlive = () => {
      if (ctx.isValid && browser.runtime?.id) return true;
      if (ctx.isValid) ctx.notifyInvalidated();
      return false;
    };
    const panelPage = browser.runtime.getURL('/annotate.html');
    const session = startReaderSession({
      doc: document,
      signal: controller.signal,
      send,
      isAlive,
      annotator: { ask: send, anchoring: documentAnchoring, panelUrl: (query) => `${panelPage}?${query}` },
    });
    // Only the background can message a content script; a reply is sent for the one question it asks.
    const onMessage = (message: unknown, _sender: unknown, sendResponse: (reply: unknown) => void) => {
      if (typeof message !== 'object' || message === null || !('type' in message)) return;
      const reply = session.handle(message as BackgroundToContent);
      if (reply !== undefined) sendResponse(reply);
    };
    browser.runtime.onMessage.addListener(onMessage);
    controller.signal.addEventListener('abort', () => browser.runtime?.onMessage?.removeListener(onMessage));
  },
});
