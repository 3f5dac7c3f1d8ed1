import { z } from 'zod';

/** Where the sync period is stored, in `storage.local`. */
export const SYNC_PERIOD_KEY = 'subscriptionSyncMinutes';

/** The periods the options page offers, in minutes, with their labels. */
export const SYNC_PERIOD_CHOICES = [
  { minutes: 60, label: 'every hour' },
  { minutes: 360, label: 'every 6 hours (default)' },
  { minutes: 720, label: 'every 12 hours' },
  { minutes: 1440, label: 'every day' },
] as const;

export type SyncPeriodMinutes = (typeof SYNC_PERIOD_CHOICES)[number]['minutes'];

/** Every six hours unless the user chose otherwise: packs change at the pace of newsrooms. */
export const DEFAULT_SYNC_PERIOD_MINUTES: SyncPeriodMinutes = 360;

/** One of the periods offered. */
export const SyncPeriodSchema = z.union([z.literal(60), z.literal(360), z.literal(720), z.literal(1440)]);

/** The part of `browser.storage.local` used here. */
export interface SettingsStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** The part of `browser.storage` that reports changes. */
export interface StorageChangeEvents {
  onChanged: {
    addListener(listener: (changes: Record<string, { newValue?: unknown }>, areaName: string) => void): void;
  };
}

/**
 * The stored period, checked: missing is the default; anything else that is not one of the
 * choices (damaged, or written by another build) is logged and the default too.
 */
export function parseSyncPeriod(value: unknown): SyncPeriodMinutes {
  if (value === undefined) return DEFAULT_SYNC_PERIOD_MINUTES;
  const parsed = SyncPeriodSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  console.warn('Crosscheck: ignoring a stored sync period that is not one of the choices', value);
  return DEFAULT_SYNC_PERIOD_MINUTES;
}

export async function readSyncPeriod(storage: SettingsStorage): Promise<SyncPeriodMinutes> {
  return parseSyncPeriod((await storage.get(SYNC_PERIOD_KEY))[SYNC_PERIOD_KEY]);
}

export async function writeSyncPeriod(storage: SettingsStorage, minutes: number): Promise<void> {
  const parsed = SyncPeriodSchema.safeParse(minutes);
  if (!parsed.success) throw new Error(`${minutes} minutes is not one of the sync periods offered.`);
  await storage.set({ [SYNC_PERIOD_KEY]: parsed.data });
}
