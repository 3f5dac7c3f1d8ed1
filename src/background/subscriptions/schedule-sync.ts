export const SYNC_ALARM = 'crosscheck-sync';
/** Every six hours: packs change at the pace of newsrooms, not of pages. */
export const SYNC_PERIOD_MINUTES = 360;

/** The part of `browser.alarms` used here (WebExtensions, Chromium and Firefox alike). */
export interface AlarmsApi {
  get(name: string): Promise<{ name: string; periodInMinutes?: number } | undefined | null>;
  create(name: string, info: { periodInMinutes?: number; delayInMinutes?: number }): Promise<void> | void;
  onAlarm: { addListener(listener: (alarm: { name: string }) => void): void };
}

/** Creates the periodic sync alarm unless it exists already with the right period. */
export async function ensureSyncAlarm(alarms: AlarmsApi): Promise<void> {
  const existing = await alarms.get(SYNC_ALARM);
  if (existing && existing.periodInMinutes === SYNC_PERIOD_MINUTES) return;
  await alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES });
}

/**
 * The periodic sync. The alarm lives in the browser, not in the service worker, so it outlives
 * the worker and fires even when the worker was stopped: `onAlarm` wakes it and syncs every
 * subscription. Call synchronously when the worker starts, so the listener is registered before
 * the event that woke the worker is dispatched.
 */
export function scheduleSync(deps: {
  alarms: AlarmsApi;
  syncAll: () => Promise<unknown>;
  /** runtime.onStartup / runtime.onInstalled, where the alarm is (re)created */
  onStartup?: { addListener(listener: () => void): void };
  onInstalled?: { addListener(listener: () => void): void };
}): void {
  const ensure = () =>
    void ensureSyncAlarm(deps.alarms).catch((error: unknown) => console.error('Crosscheck: could not schedule syncing', error));
  deps.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== SYNC_ALARM) return;
    void deps.syncAll().catch((error: unknown) => console.error('Crosscheck: syncing subscriptions failed', error));
  });
  deps.onStartup?.addListener(ensure);
  deps.onInstalled?.addListener(ensure);
  // Also on every worker start: cheap, and repairs an alarm lost some other way.
  ensure();
}
