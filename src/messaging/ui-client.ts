import { browser } from 'wxt/browser';
import { MAX_MESSAGE_CHARS } from './limits';
import { IMPORT_PORT } from './ports';
import type { ImportPackReply, ImportPortMessage, UiToBackground, UiToBackgroundReplies } from './protocol';

/** Typed request from an extension page (popup, options) to the background. */
export async function askBackground<T extends UiToBackground>(message: T): Promise<UiToBackgroundReplies[T['type']]> {
  const reply = (await browser.runtime.sendMessage(message)) as UiToBackgroundReplies[T['type']] | undefined;
  return reply ?? ({ ok: false, error: 'The background did not answer.' } as UiToBackgroundReplies[T['type']]);
}

/**
 * Sends a pack file's text to the background for import: in one message when it fits, else in
 * pieces over a port (runtime messages stop at 64 MiB).
 */
export async function importPackFile(fileName: string, text: string, byteLength: number): Promise<ImportPackReply> {
  if (text.length <= MAX_MESSAGE_CHARS) return askBackground({ type: 'ui/import-pack', fileName, text });
  const port = browser.runtime.connect({ name: IMPORT_PORT });
  const reply = new Promise<ImportPackReply>((resolve) => {
    port.onMessage.addListener((message) => resolve(message as ImportPackReply));
    port.onDisconnect.addListener(() => resolve({ ok: false, error: `${fileName}: the import was interrupted.` }));
  });
  for (let at = 0; at < text.length; at += MAX_MESSAGE_CHARS)
    port.postMessage({ type: 'chunk', text: text.slice(at, at + MAX_MESSAGE_CHARS) } satisfies ImportPortMessage);
  port.postMessage({ type: 'end', fileName, byteLength } satisfies ImportPortMessage);
  return reply;
}
