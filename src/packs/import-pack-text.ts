import type { Pack } from '../schema/pack';
import { PACK_FORMAT } from '../schema/pack';
import { importFactChecks, type FactCheckFormat } from './claimreview/import-fact-checks';
import { MAX_PACK_BYTES, parsePack, validatePackDocument } from './parse-pack';

export type PackFormat = 'crosscheck-pack' | FactCheckFormat;

export type PackImport =
  | { ok: true; pack: Pack; format: PackFormat; warnings: string[] }
  | { ok: false; error: string };

export interface ImportOptions {
  /** bytes of the file or response, when known (checked before parsing) */
  byteLength?: number;
  /** where the document came from: names the pack of a ClaimReview page */
  origin?: string;
}

/**
 * One entry point for everything a user may import or subscribe to: a Crosscheck pack, or
 * schema.org ClaimReview in any of its shapes (JSON-LD, DataFeed, Fact Check Tools responses,
 * a web page embedding it). Errors are sentences naming what is wrong.
 */
export function importPackText(text: string, options: ImportOptions = {}): PackImport {
  const byteLength = options.byteLength ?? text.length;
  if (byteLength > MAX_PACK_BYTES) return parsePack('', byteLength) as PackImport;
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return { ok: false, error: `The file is not valid JSON: ${(error as Error).message}` };
    }
    if (typeof json === 'object' && json !== null && (json as { format?: unknown }).format === PACK_FORMAT) {
      const parsed = validatePackDocument(json);
      return parsed.ok ? { ok: true, pack: parsed.pack, format: 'crosscheck-pack', warnings: [] } : parsed;
    }
  }
  const imported = importFactChecks(text, options.origin ? { origin: options.origin } : {});
  if (imported.ok || !(trimmed.startsWith('{') || trimmed.startsWith('['))) return imported;
  // Neither: say what a valid file looks like rather than only the ClaimReview parser's view.
  return {
    ok: false,
    error: `This is not a Crosscheck pack (no "format": "${PACK_FORMAT}") nor schema.org ClaimReview data: ${imported.error}`,
  };
}
