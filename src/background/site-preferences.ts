import type { CrosscheckDatabase } from '../db/crosscheck-database';

/**
 * Pausing is per host name: "www.example.com" and "example.com" are separate sites. Every page
 * asks, so the paused hosts are read once per worker (and per database) and kept in memory;
 * setSitePaused is the only writer and updates both.
 */
const pausedHosts = new WeakMap<CrosscheckDatabase, Promise<Set<string>>>();

function paused(db: CrosscheckDatabase): Promise<Set<string>> {
  let hosts = pausedHosts.get(db);
  if (!hosts) {
    hosts = db.sitePreferences.toArray().then((rows) => new Set(rows.filter((row) => row.paused).map((row) => row.host)));
    hosts.catch(() => pausedHosts.delete(db));
    pausedHosts.set(db, hosts);
  }
  return hosts;
}

export async function isSitePaused(db: CrosscheckDatabase, host: string): Promise<boolean> {
  return (await paused(db)).has(host);
}

export async function setSitePaused(db: CrosscheckDatabase, host: string, pause: boolean): Promise<void> {
  if (pause) await db.sitePreferences.put({ host, paused: true });
  else await db.sitePreferences.delete(host);
  const hosts = await paused(db);
  if (pause) hosts.add(host);
  else hosts.delete(host);
}
