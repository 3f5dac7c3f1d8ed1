import { benchNow, recordBenchTime } from '../bench-timings';
import type { CrosscheckDatabase } from '../db/crosscheck-database';
import { exportPack } from '../db/export-pack';
import { installPack } from '../db/install-pack';
import type { ImportPackReply } from '../messaging/protocol';
import { importPackText } from '../packs/import-pack-text';
import { mergeFactCheckPacks } from '../packs/merge-fact-check-packs';
import { capErrorText } from './subscriptions/error-text';
import { fetchPackDocument } from './subscriptions/fetch-pack-document';
import { packOwner } from './subscriptions/subscription-records';
import { normalizeSubscriptionUrl } from './subscriptions/subscription-url';

// Error texts quote what hostile input contains (ids, URLs, file names): they are capped.
const capError = capErrorText;

export interface PackImporter {
  /** a file's text, from the options page */
  importText(name: string, text: string, byteLength?: number): Promise<ImportPackReply>;
  /** a one-off download: the pack is installed, not followed */
  importUrl(url: string): Promise<ImportPackReply>;
}

/**
 * Imports packs the user brings by hand, in the background (where the match index is built).
 * A pack that a subscription keeps in sync is not replaced by a file: the subscription's pinned
 * signature and version history would be bypassed. ClaimReview files merge into what earlier
 * files of the same publisher installed.
 */
export function createPackImporter(deps: {
  db: CrosscheckDatabase;
  onPacksChanged: () => Promise<void>;
  fetch?: typeof globalThis.fetch;
}): PackImporter {
  async function importText(name: string, text: string, byteLength?: number): Promise<ImportPackReply> {
    const start = benchNow();
    const imported = importPackText(text, { byteLength: byteLength ?? new TextEncoder().encode(text).length, ...(/^https?:/.test(name) ? { origin: name } : {}) });
    recordBenchTime('crosscheck:import-parse', start);
    if (!imported.ok) return { ok: false, error: capError(`${name}: ${imported.error}`) };
    let pack = imported.pack;
    const owner = await packOwner(deps.db, pack.id);
    if (owner)
      return {
        ok: false,
        error: capError(
          `${name}: “${pack.name}” is kept in sync from ${owner.url}. Unsubscribe from it first to install a copy by hand. Nothing was changed.`,
        ),
      };
    if (imported.format !== 'crosscheck-pack') {
      const installed = await exportPack(deps.db, pack.id);
      if (installed) pack = mergeFactCheckPacks(installed, pack);
    }
    const result = await installPack(deps.db, pack);
    if (result.status === 'refused') return { ok: false, error: capError(`${name}: ${result.reason}. Nothing was changed.`) };
    if (result.status === 'installed') await deps.onPacksChanged();
    return {
      ok: true,
      status: result.status,
      name: result.pack.name,
      version: result.pack.version,
      claimCount: result.pack.claimCount,
      warnings: [
        ...imported.warnings,
        ...(result.status === 'installed' && result.skippedPhrasings
          ? [`${result.skippedPhrasings} phrasings are too short to match and were left out.`]
          : []),
      ].map(capError),
    };
  }

  return {
    importText,
    async importUrl(url) {
      const checked = normalizeSubscriptionUrl(url, 'imported');
      if (!checked.ok) return { ok: false, error: checked.error };
      const download = await fetchPackDocument(checked.url, deps.fetch ? { fetch: deps.fetch } : {});
      if (download.status !== 'ok')
        return { ok: false, error: capError(download.status === 'error' ? download.error : 'The server sent nothing new.') };
      return importText(checked.url, download.text, download.byteLength);
    },
  };
}
