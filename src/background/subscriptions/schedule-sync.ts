import {
  DEFAULT_SYNC_PERIOD_MINUTES,
  readSyncPeriod,
  SYNC_PERIOD_KEY,
  type SettingsStorage,
  type StorageChangeEvents,
} from './sync-settings';

export const SYNC_ALARM = 'crosscheck-sync';
/** The default period, every six hours (the user may choose another: sync-settings.ts). */
export const SYNC_PERIOD_MINUTES = DEFAULT_SYNC_PERIOD_MINUTES;

/** The part of `browser.alarms` used here (WebExtensions, Chromium and Firefox alike). */
export interface AlarmsApi {
  get(name: string): Promise<{ name: string; periodInMinutes?: number } | undefined | null>;
  create(name: string, info: { periodInMinutes?: number; delayInMinutes?: number }): Promise<void> | void;
  onAlarm: { addListener(listener: (alarm: { name: string; periodInMinutes?: number }) => void): void };
}

/**
 * Creates the periodic sync alarm unless it exists already with the right period. Creating an
 * alarm of the same name replaces the old one, so a new period takes effect at once (the first
 * sync then comes one new period later).
 */
export async function ensureSyncAlarm(alarms: AlarmsApi, periodInMinutes: number = SYNC_PERIOD_MINUTES): Promise<void> {
  const existing = await alarms.get(SYNC_ALARM);
  if (existing && existing.periodInMinutes === periodInMinutes) return;
  await alarms.create(SYNC_ALARM, { periodInMinutes });
}

/**
 * The periodic sync. The alarm lives in the browser, not in the service worker, so it outlives
 * the worker and fires even when the worker was stopped: `onAlarm` wakes it and syncs every
 * subscription. Call synchronously when the worker starts, so the listeners are registered before
 * the event that woke the worker is dispatched.
 *
 * The period is the user's choice in `storage.local` (checked on read; every six hours unless
 * set). The alarm is (re)created with it when the worker starts, at browser start-up and install,
 * when the setting changes, and after it fired (an alarm created for one time only, as a test or
 * a debugging session may do, leaves the periodic one in place again).
 */
export function scheduleSync(deps: {
  alarms: AlarmsApi;
  syncAll: () => Promise<unknown>;
  /** `browser.storage.local`, where the period is stored; the default period without it */
  settings?: SettingsStorage;
  /** `browser.storage`, whose onChanged reports a new period */
  storage?: StorageChangeEvents;
  /** runtime.onStartup / runtime.onInstalled, where the alarm is (re)created */
  onStartup?: { addListener(listener: () => void): void };
  onInstalled?: { addListener(listener: () => void): void };
}): { ready: () => Promise<void> } {
  // One after the other, each reading the setting afresh: the last one to run wins, with the latest period.
  let queue: Promise<void> = Promise.resolve();
  const ensure = (): Promise<void> =>
    (queue = queue.then(async () => {
      try {
        let period: number | undefined = SYNC_PERIOD_MINUTES;
        if (deps.settings)
          period = await readSyncPeriod(deps.settings).catch((error: unknown) => {
            console.error('Crosscheck: could not read the sync period', error);
            return undefined;
          });
        // Without the setting, keep whatever alarm there is, or make one with the default period.
        if (period === undefined) {
          if (!(await deps.alarms.get(SYNC_ALARM))) await ensureSyncAlarm(deps.alarms, SYNC_PERIOD_MINUTES);
        } else await ensureSyncAlarm(deps.alarms, period);
      } catch (error) {
        console.error('Crosscheck: could not schedule syncing', error);
      }
    }));
  deps.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== SYNC_ALARM) return;
    void deps.syncAll().catch((error: unknown) => console.error('Crosscheck: syncing subscriptions failed', error));
    if (alarm.periodInMinutes === undefined) void ensure();
  });
  deps.storage?.onChanged.addListener((changes, areaName) => {
    if (areaName === 'local' && SYNC_PERIOD_KEY in changes) void ensure();
  });
  deps.onStartup?.addListener(() => void ensure());
  deps.onInstalled?.addListener(() => void ensure());
  // Also on every worker start: cheap, and repairs an alarm lost some other way.
  void ensure();
  /** resolves when every (re)creation asked for so far is done (for tests) */
  return { ready: () => queue };
}
