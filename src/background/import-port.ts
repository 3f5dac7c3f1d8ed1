import { browser } from 'wxt/browser';
import { IMPORT_PORT, ImportPortMessageSchema } from '../messaging/protocol';
import { MAX_PACK_BYTES } from '../packs/parse-pack';
import type { PackImporter } from './pack-importer';
import { isExtensionPage } from './sender-check';

/**
 * Receives a pack file too large for one runtime message (Chromium stops at 64 MiB), in pieces
 * over a port from one of our own pages, then imports it like any file. Pieces past the pack size
 * limit end the transfer with an error; anything malformed closes the port.
 */
export function listenForLargeImports(importer: PackImporter, extensionOrigin: string): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== IMPORT_PORT) return;
    if (!port.sender || !isExtensionPage(port.sender, browser.runtime.id, extensionOrigin)) return port.disconnect();
    const pieces: string[] = [];
    let chars = 0;
    port.onMessage.addListener((raw) => {
      const message = ImportPortMessageSchema.safeParse(raw);
      if (!message.success) return port.disconnect();
      if (message.data.type === 'chunk') {
        chars += message.data.text.length;
        if (chars > MAX_PACK_BYTES) {
          port.postMessage({ ok: false, error: `The file is larger than ${MAX_PACK_BYTES / 1024 / 1024} MB, the limit for packs.` });
          return port.disconnect();
        }
        pieces.push(message.data.text);
        return;
      }
      const { fileName, byteLength } = message.data;
      void importer
        .importText(fileName, pieces.splice(0).join(''), byteLength)
        .catch((error: unknown) => ({ ok: false as const, error: `${fileName}: ${(error as Error).message}` }))
        .then((reply) => {
          port.postMessage(reply);
          port.disconnect();
        });
    });
  });
}
