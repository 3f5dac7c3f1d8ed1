import { browser } from 'wxt/browser';

const KEY = 'demoPackDismissed';

/** Whether the user removed the built-in demo pack (then it is not installed again). */
export async function demoPackDismissed(): Promise<boolean> {
  return (await browser.storage.local.get(KEY))[KEY] === true;
}

export async function dismissDemoPack(): Promise<void> {
  await browser.storage.local.set({ [KEY]: true });
}
