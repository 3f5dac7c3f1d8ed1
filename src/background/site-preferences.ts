import type { CrosscheckDatabase } from '../db/crosscheck-database';

/** Pausing is per host name: "www.example.com" and "example.com" are separate sites. */
export async function isSitePaused(db: CrosscheckDatabase, host: string): Promise<boolean> {
  return (await db.sitePreferences.get(host))?.paused ?? false;
}

export async function setSitePaused(db: CrosscheckDatabase, host: string, paused: boolean): Promise<void> {
  if (paused) await db.sitePreferences.put({ host, paused });
  else await db.sitePreferences.delete(host);
}
