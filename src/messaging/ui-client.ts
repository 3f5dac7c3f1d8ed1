import { browser } from 'wxt/browser';
import type { UiToBackground, UiToBackgroundReplies } from './protocol';

/** Typed request from an extension page (popup, options) to the background. */
export async function askBackground<T extends UiToBackground>(message: T): Promise<UiToBackgroundReplies[T['type']]> {
  const reply = (await browser.runtime.sendMessage(message)) as UiToBackgroundReplies[T['type']] | undefined;
  return reply ?? ({ ok: false, error: 'The background did not answer.' } as UiToBackgroundReplies[T['type']]);
}
