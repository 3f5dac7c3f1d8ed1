import { useState } from 'preact/hooks';
import { database } from '../../db/crosscheck-database';
import { installPack } from '../../db/install-pack';
import { askBackground } from '../../messaging/ui-client';
import { MAX_PACK_BYTES, parsePack } from '../../packs/parse-pack';

type Status = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; message: string } | { kind: 'error'; message: string };

/** Imports a pack file. An invalid file changes nothing and says what is wrong with it. */
export function PackImport() {
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  const importFile = async (file: File) => {
    setStatus({ kind: 'busy' });
    // Checked before reading: a 200 MB file is refused without loading it.
    const parsed = file.size > MAX_PACK_BYTES ? parsePack('', file.size) : parsePack(await file.text(), file.size);
    if (!parsed.ok) return setStatus({ kind: 'error', message: `${file.name}: ${parsed.error}` });
    const result = await installPack(database(), parsed.pack);
    if (result.status === 'refused') return setStatus({ kind: 'error', message: `${file.name}: ${result.reason}. Nothing was changed.` });
    if (result.status === 'unchanged')
      return setStatus({ kind: 'done', message: `“${result.pack.name}” version ${result.pack.version} is already installed.` });
    await askBackground({ type: 'ui/packs-changed' });
    const skipped = result.skippedPhrasings ? ` (${result.skippedPhrasings} phrasings too short to match were left out)` : '';
    setStatus({
      kind: 'done',
      message: `Installed “${result.pack.name}” version ${result.pack.version}: ${result.pack.claimCount} claims${skipped}.`,
    });
  };

  return (
    <section aria-labelledby="import-title">
      <h2 id="import-title">Import a pack</h2>
      <label class="file">
        Pack file (.json)
        <input
          type="file"
          accept=".json,application/json"
          disabled={status.kind === 'busy'}
          onChange={(event) => {
            const input = event.currentTarget;
            const file = input.files?.[0];
            if (file) void importFile(file).finally(() => (input.value = ''));
          }}
        />
      </label>
      {status.kind === 'error' ? (
        <pre class="import-status error" role="alert">{status.message}</pre>
      ) : status.kind === 'done' ? (
        <p class="import-status ok" role="status">{status.message}</p>
      ) : status.kind === 'busy' ? (
        <p class="import-status" role="status">Importing…</p>
      ) : null}
    </section>
  );
}
