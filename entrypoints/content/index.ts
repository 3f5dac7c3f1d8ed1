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
    // After the extension is reloaded, updated or disabled, this script lives on in open pages
    // with a dead connection: notice it at the next message and take every highlight and card down.
    const send = async (message: ContentToBackground): Promise<MatchPageReply | undefined> => {
      if (ctx.isInvalid) return undefined;
      if (!browser.runtime?.id) {
        ctx.notifyInvalidated();
        return undefined;
      }
      try {
        return (await browser.runtime.sendMessage(message)) as MatchPageReply | undefined;
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
    const session = startReaderSession({ doc: document, signal: controller.signal, send, isAlive });
    const onMessage = (message: unknown) => {
      if (typeof message === 'object' && message !== null && 'type' in message)
        session.handle(message as BackgroundToContent);
    };
    browser.runtime.onMessage.addListener(onMessage);
    controller.signal.addEventListener('abort', () => browser.runtime?.onMessage?.removeListener(onMessage));
  },
});
