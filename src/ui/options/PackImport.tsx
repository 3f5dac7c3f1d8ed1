import { useState } from 'preact/hooks';
import type { ImportPackReply } from '../../messaging/protocol';
import { askBackground, importPackFile } from '../../messaging/ui-client';
import { formatBytes } from '../../background/subscriptions/fetch-pack-document';
import { MAX_PACK_BYTES } from '../../packs/parse-pack';

type Status = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; message: string } | { kind: 'error'; message: string };

/**
 * Imports a pack file: our format, or schema.org ClaimReview (JSON-LD, a data feed, a Fact Check
 * Tools response, a saved web page). The background reads, checks and installs it, so the options
 * page holds no pack parser. An invalid file changes nothing and says what is wrong with it.
 */
export function PackImport() {
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  const importFile = async (file: File) => {
    setStatus({ kind: 'busy' });
    try {
      // Checked before reading: a 200 MB file is refused without loading it.
      if (file.size > MAX_PACK_BYTES)
        return setStatus({
          kind: 'error',
          message: `${file.name}: The file is ${formatBytes(file.size)}; packs are limited to ${formatBytes(MAX_PACK_BYTES)}.`,
        });
      show(await importPackFile(file.name, await file.text(), file.size));
    } catch (error) {
      setStatus({ kind: 'error', message: `${file.name}: the import failed: ${(error as Error)?.message ?? String(error)}` });
    }
  };

  const show = (reply: ImportPackReply) => {
    if (!reply.ok) return setStatus({ kind: 'error', message: reply.error });
    const warnings = reply.warnings.length ? `\n${reply.warnings.join('\n')}` : '';
    setStatus({
      kind: 'done',
      message:
        reply.status === 'unchanged'
          ? `“${reply.name}” version ${reply.version} is already installed.${warnings}`
          : `Installed “${reply.name}” version ${reply.version}: ${reply.claimCount} claims.${warnings}`,
    });
  };

  const [url, setUrl] = useState('');
  const importUrl = async (event: Event) => {
    event.preventDefault();
    setStatus({ kind: 'busy' });
    try {
      show(await askBackground({ type: 'ui/import-url', url: url.trim() }));
    } catch (error) {
      setStatus({ kind: 'error', message: `${url}: the import failed: ${(error as Error)?.message ?? String(error)}` });
    }
  };

  return (
    <section aria-labelledby="import-title">
      <h2 id="import-title">Import a pack</h2>
      <label class="file">
        Pack file (.json, or ClaimReview .jsonld / .html)
        <input
          type="file"
          accept=".json,.jsonld,.html,.htm,application/json,application/ld+json,text/html"
          disabled={status.kind === 'busy'}
          onChange={(event) => {
            const input = event.currentTarget;
            const file = input.files?.[0];
            if (file) void importFile(file).finally(() => (input.value = ''));
          }}
        />
      </label>
      <form class="import-url" onSubmit={(event) => void importUrl(event)}>
        <label>
          or once from a web address (not followed; subscribe above to keep it in sync)
          <input
            type="url"
            required
            placeholder="https://example.org/fact-checks.json"
            value={url}
            disabled={status.kind === 'busy'}
            onInput={(event) => setUrl(event.currentTarget.value)}
          />
        </label>
        <button type="submit" disabled={status.kind === 'busy'}>
          Import
        </button>
      </form>
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
