import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { startReaderSession } from '../../src/highlight/reader-session';
import type { BackgroundToContent, ContentToBackground, MatchPageReply } from '../../src/messaging/protocol';
import './highlights.css';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    const controller = new AbortController();
    ctx.onInvalidated(() => controller.abort());
    const session = startReaderSession({
      doc: document,
      signal: controller.signal,
      send: (message: ContentToBackground) => browser.runtime.sendMessage(message) as Promise<MatchPageReply | undefined>,
    });
    const onMessage = (message: unknown) => {
      if (typeof message === 'object' && message !== null && 'type' in message)
        session.handle(message as BackgroundToContent);
    };
    browser.runtime.onMessage.addListener(onMessage);
    controller.signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage));
  },
});
