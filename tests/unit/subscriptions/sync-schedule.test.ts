import { describe, expect, it, vi } from 'vitest';
import { scheduleSync, SYNC_ALARM, type AlarmsApi } from '../../../src/background/subscriptions/schedule-sync';
import {
  DEFAULT_SYNC_PERIOD_MINUTES,
  readSyncPeriod,
  SYNC_PERIOD_CHOICES,
  SYNC_PERIOD_KEY,
  writeSyncPeriod,
  type SettingsStorage,
  type StorageChangeEvents,
} from '../../../src/background/subscriptions/sync-settings';

/** The sync period is the user's choice, stored in storage.local; the alarm follows it. */

function fakeAlarms() {
  const alarms = new Map<string, { name: string; periodInMinutes?: number }>();
  const listeners: Array<(alarm: { name: string; periodInMinutes?: number }) => void> = [];
  const api: AlarmsApi = {
    get: vi.fn(async (name: string) => alarms.get(name)),
    create: vi.fn(async (name: string, info: { periodInMinutes?: number }) => {
      alarms.set(name, { name, ...info });
    }),
    onAlarm: { addListener: (listener) => void listeners.push(listener) },
  };
  /** Fires an alarm the way the browser does: a one-time alarm is gone once it fired. */
  const fire = (name: string) => {
    const alarm = alarms.get(name) ?? { name };
    if (alarm.periodInMinutes === undefined) alarms.delete(name);
    listeners.forEach((listener) => listener(alarm));
  };
  return { api, alarms, fire };
}

/** storage.local and storage.onChanged, as the browser has them (changes reported after set). */
function fakeStorage(initial: Record<string, unknown> = {}) {
  const data: Record<string, unknown> = { ...initial };
  const listeners: Array<(changes: Record<string, { newValue?: unknown }>, areaName: string) => void> = [];
  const local: SettingsStorage = {
    get: vi.fn(async (key: string) => (key in data ? { [key]: data[key] } : {})),
    set: vi.fn(async (items: Record<string, unknown>) => {
      Object.assign(data, items);
      const changes = Object.fromEntries(Object.entries(items).map(([k, v]) => [k, { newValue: v }]));
      queueMicrotask(() => listeners.forEach((listener) => listener(changes, 'local')));
    }),
  };
  const events: StorageChangeEvents = { onChanged: { addListener: (listener) => void listeners.push(listener) } };
  /** a change made in another storage area (sync, session) */
  const otherArea = (key: string) => listeners.forEach((listener) => listener({ [key]: { newValue: 1 } }, 'session'));
  return { local, events, data, otherArea };
}

describe('the sync period setting', () => {
  it('offers every hour, 6 hours (the default), 12 hours and a day', () => {
    expect(SYNC_PERIOD_CHOICES.map((choice) => choice.minutes)).toEqual([60, 360, 720, 1440]);
    expect(SYNC_PERIOD_CHOICES.map((choice) => choice.label)).toEqual([
      'every hour',
      'every 6 hours (default)',
      'every 12 hours',
      'every day',
    ]);
    expect(DEFAULT_SYNC_PERIOD_MINUTES).toBe(360);
  });

  it('reads 360 minutes when unset, and when what is stored is not one of the choices (logged)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await readSyncPeriod(fakeStorage().local)).toBe(360);
    expect(warn).not.toHaveBeenCalled();
    for (const stored of [5, '60', null, { minutes: 60 }, 60.5, -1]) {
      expect(await readSyncPeriod(fakeStorage({ [SYNC_PERIOD_KEY]: stored }).local)).toBe(360);
    }
    expect(warn).toHaveBeenCalledTimes(6);
    expect(await readSyncPeriod(fakeStorage({ [SYNC_PERIOD_KEY]: 720 }).local)).toBe(720);
    warn.mockRestore();
  });

  it('writes only one of the choices', async () => {
    const storage = fakeStorage();
    await writeSyncPeriod(storage.local, 1440);
    expect(storage.data[SYNC_PERIOD_KEY]).toBe(1440);
    await expect(writeSyncPeriod(storage.local, 1)).rejects.toThrow('1 minutes is not one of the sync periods offered.');
    expect(storage.data[SYNC_PERIOD_KEY]).toBe(1440);
  });
});

describe('scheduleSync with the stored period', () => {
  it('creates the alarm with the stored period when the worker starts', async () => {
    const { api, alarms } = fakeAlarms();
    const storage = fakeStorage({ [SYNC_PERIOD_KEY]: 720 });
    const { ready } = scheduleSync({ alarms: api, syncAll: async () => {}, settings: storage.local, storage: storage.events });
    await ready();
    expect(alarms.get(SYNC_ALARM)).toEqual({ name: SYNC_ALARM, periodInMinutes: 720 });
  });

  it('defaults to every 6 hours', async () => {
    const { api, alarms } = fakeAlarms();
    const storage = fakeStorage();
    const { ready } = scheduleSync({ alarms: api, syncAll: async () => {}, settings: storage.local, storage: storage.events });
    await ready();
    expect(alarms.get(SYNC_ALARM)).toEqual({ name: SYNC_ALARM, periodInMinutes: 360 });
    expect(api.create).toHaveBeenCalledTimes(1);
  });

  it('re-creates the alarm when the setting changes, and only then', async () => {
    const { api, alarms } = fakeAlarms();
    const storage = fakeStorage();
    const { ready } = scheduleSync({ alarms: api, syncAll: async () => {}, settings: storage.local, storage: storage.events });
    await ready();
    expect(api.create).toHaveBeenCalledTimes(1);

    await writeSyncPeriod(storage.local, 60);
    await vi.waitFor(() => expect(alarms.get(SYNC_ALARM)).toEqual({ name: SYNC_ALARM, periodInMinutes: 60 }));
    expect(api.create).toHaveBeenCalledTimes(2);

    // Other keys and other storage areas leave the alarm alone.
    await storage.local.set({ demoPackDismissed: true });
    storage.otherArea(SYNC_PERIOD_KEY);
    await new Promise((resolve) => setTimeout(resolve, 10));
    await ready();
    expect(api.create).toHaveBeenCalledTimes(2);

    // Two quick changes: the last one wins.
    await writeSyncPeriod(storage.local, 1440);
    await writeSyncPeriod(storage.local, 720);
    await new Promise((resolve) => setTimeout(resolve, 10));
    await ready();
    expect(alarms.get(SYNC_ALARM)).toEqual({ name: SYNC_ALARM, periodInMinutes: 720 });
  });

  it('re-creates it at browser start-up with the period chosen meanwhile', async () => {
    const { api, alarms } = fakeAlarms();
    const storage = fakeStorage();
    const onStartup: Array<() => void> = [];
    // No onChanged here: as if the setting changed while no worker listened.
    const { ready } = scheduleSync({
      alarms: api,
      syncAll: async () => {},
      settings: storage.local,
      onStartup: { addListener: (listener) => void onStartup.push(listener) },
    });
    await ready();
    storage.data[SYNC_PERIOD_KEY] = 60;
    onStartup.forEach((listener) => listener());
    await ready();
    expect(alarms.get(SYNC_ALARM)).toEqual({ name: SYNC_ALARM, periodInMinutes: 60 });
  });

  it('syncs when the alarm fires, and puts the periodic alarm back after a one-time one', async () => {
    const { api, alarms, fire } = fakeAlarms();
    const storage = fakeStorage({ [SYNC_PERIOD_KEY]: 60 });
    const syncAll = vi.fn(async () => {});
    const { ready } = scheduleSync({ alarms: api, syncAll, settings: storage.local, storage: storage.events });
    await ready();

    fire(SYNC_ALARM);
    expect(syncAll).toHaveBeenCalledTimes(1);
    await ready();
    expect(api.create).toHaveBeenCalledTimes(1);

    // A one-time alarm of the same name (what a test or a debugging session creates).
    alarms.set(SYNC_ALARM, { name: SYNC_ALARM });
    fire(SYNC_ALARM);
    expect(syncAll).toHaveBeenCalledTimes(2);
    await ready();
    expect(alarms.get(SYNC_ALARM)).toEqual({ name: SYNC_ALARM, periodInMinutes: 60 });
  });

  it('a storage that cannot be read is logged: the alarm there is kept, or one every 6 hours made', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const settings: SettingsStorage = { get: async () => Promise.reject(new Error('storage is gone')), set: async () => {} };
    const first = fakeAlarms();
    await scheduleSync({ alarms: first.api, syncAll: async () => {}, settings }).ready();
    expect(error).toHaveBeenCalledWith('Crosscheck: could not read the sync period', expect.any(Error));
    expect(first.alarms.get(SYNC_ALARM)).toEqual({ name: SYNC_ALARM, periodInMinutes: 360 });

    const second = fakeAlarms();
    second.alarms.set(SYNC_ALARM, { name: SYNC_ALARM, periodInMinutes: 60 });
    await scheduleSync({ alarms: second.api, syncAll: async () => {}, settings }).ready();
    expect(second.api.create).not.toHaveBeenCalled();
    expect(second.alarms.get(SYNC_ALARM)).toEqual({ name: SYNC_ALARM, periodInMinutes: 60 });
    error.mockRestore();
  });
});
