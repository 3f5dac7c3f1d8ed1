import { DEMO_PACK_ID, DEMO_PACK_VERSION, demoPack } from '../packs/demo-pack';
import type { CrosscheckDatabase } from './crosscheck-database';
import { installPack, type InstallResult } from './install-pack';

/**
 * Installs the built-in demo pack so a new user sees highlights on the first page. Safe to call
 * from onInstalled and from the first page message at once: installPack is one transaction that
 * leaves an installed version alone. A user who removed the pack keeps it removed.
 */
export async function ensureDemoPack(
  db: CrosscheckDatabase,
  dismissed: () => Promise<boolean> = async () => false,
): Promise<InstallResult | { status: 'dismissed' }> {
  if (await dismissed()) return { status: 'dismissed' };
  // Runs on every worker start: skip parsing and indexing when this version is in place already.
  const installed = await db.packs.get(DEMO_PACK_ID);
  if (installed && installed.version >= DEMO_PACK_VERSION) return { status: 'unchanged', pack: installed };
  return installPack(db, demoPack(), { builtIn: true });
}
