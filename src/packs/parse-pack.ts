import type { z } from 'zod';
import { PACK_FORMAT, PackSchema, type Pack } from '../schema/pack';

/**
 * Pack files beyond this are refused before parsing. It fits the world's published fact checks
 * (about 250,000 claims, ~110 MB as a lean pack) and still stops a 200 MB file before JSON.parse.
 */
export const MAX_PACK_BYTES = 128 * 1024 * 1024;
const MAX_DEPTH = 32;

export type ParseResult = { ok: true; pack: Pack } | { ok: false; error: string };

const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>(
    (out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)),
    '',
  ) || '(the file)';

export function describeIssues(error: z.ZodError, max = 5): string {
  const lines = error.issues.slice(0, max).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  const more = error.issues.length - max;
  return lines.join('\n') + (more > 0 ? `\n(and ${more} more problem${more === 1 ? '' : 's'})` : '');
}

/**
 * Whether a parsed JSON value nests deeper than `limit`, stopping early once it does; without
 * recursion, since a hostile file may nest a million levels.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Reads a pack file's text into a validated Pack, or a message that names what is wrong:
 * too large, not JSON, not a Crosscheck pack, or which field breaks the format.
 */
export function parsePack(textContent: string, byteLength = textContent.length): ParseResult {
  if (byteLength > MAX_PACK_BYTES)
    return {
      ok: false,
      error: `The file is ${(byteLength / 1024 / 1024).toFixed(0)} MB; packs are limited to ${MAX_PACK_BYTES / 1024 / 1024} MB.`,
    };
  let json: unknown;
  try {
    json = JSON.parse(textContent);
  } catch (error) {
    return { ok: false, error: `The file is not valid JSON: ${(error as Error).message}` };
  }
  return validatePackDocument(json);
}

/** Validates an already parsed JSON document as a Crosscheck pack. */
export function validatePackDocument(json: unknown): ParseResult {
  if (nestsDeeperThan(json, MAX_DEPTH))
    return { ok: false, error: `The file is nested more than ${MAX_DEPTH} levels deep; a pack never is.` };
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== PACK_FORMAT)
    return { ok: false, error: `This is not a Crosscheck pack: it has no "format": "${PACK_FORMAT}".` };
  const parsed = PackSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: `The pack does not follow the format:\n${describeIssues(parsed.error)}` };
  return { ok: true, pack: parsed.data };
}
