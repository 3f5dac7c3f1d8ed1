import { nestsDeeperThan } from '../packs/parse-pack';
/**
 * Annotation files beyond this are refused before parsing. A Hypothesis export of 100,000
 * annotations is about 60 MB.
 */
export const MAX_ANNOTATION_FILE_BYTES = 64 * 1024 * 1024;
/** Deeper JSON is refused: a W3C collection with Choice bodies nests about 12 levels. */
export const MAX_JSON_DEPTH = 48;

export type JsonRead = { ok: true; json: unknown } | { ok: false; error: string };


/**
 * An annotation file's text as JSON, or a sentence saying why not: too large, not JSON, or
 * nested too deeply. `byteLength` is the file's size when known (checked before parsing).
 */
export function readImportJson(text: string, byteLength = text.length): JsonRead {
  if (byteLength > MAX_ANNOTATION_FILE_BYTES)
    return {
      ok: false,
      error: `The file is ${(byteLength / 1024 / 1024).toFixed(0)} MB; annotation files are limited to ${MAX_ANNOTATION_FILE_BYTES / 1024 / 1024} MB.`,
    };
  if (!text.trim()) return { ok: false, error: 'The file is empty.' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `The file is not valid JSON: ${(error as Error).message}` };
  }
  if (nestsDeeperThan(json, MAX_JSON_DEPTH))
    return { ok: false, error: `The file is nested more than ${MAX_JSON_DEPTH} levels deep; an annotation file never is.` };
  return { ok: true, json };
}
