import { canonicalJson } from '../packs/canonical-json';
import type { Pack } from '../schema/pack';
import { parseCommandArgs, printUsage, readPackFile, runCommand, usageError, type CliIo, type ExitCode } from './cli-io';

export const DIFF_USAGE = `usage: crosscheck-pack diff <old.json> <new.json>

Lists what a new version of a pack changes: claims and sources added (+), removed (-) and changed
(~, with the fields that changed), by id, and the pack's own fields. Warns when the new version
number is not greater than the old one, since subscribers would then not update.`;

interface Entries {
  added: string[];
  removed: string[];
  changed: Array<{ id: string; fields: string[] }>;
  unchanged: number;
  /** said after a removed id */
  notes?: Map<string, string>;
}

/** Top-level fields of two objects whose values differ (compared as canonical JSON). */
export function changedFields(before: object, after: object, ignore: readonly string[] = []): string[] {
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => !ignore.includes(key));
  return keys.filter((key) => canonicalJson(a[key] ?? null) !== canonicalJson(b[key] ?? null));
}

function compareById<T extends { id: string }>(before: readonly T[], after: readonly T[]): Entries {
  const old = new Map(before.map((item) => [item.id, item]));
  const next = new Map(after.map((item) => [item.id, item]));
  const result: Entries = { added: [], removed: [], changed: [], unchanged: 0 };
  for (const [id, item] of next) {
    const previous = old.get(id);
    if (!previous) result.added.push(id);
    else {
      const fields = changedFields(previous, item);
      if (fields.length) result.changed.push({ id, fields });
      else result.unchanged += 1;
    }
  }
  for (const id of old.keys()) if (!next.has(id)) result.removed.push(id);
  return result;
}

function report(io: CliIo, noun: string, entries: Entries): void {
  io.out(
    `${noun}s: ${entries.added.length} added, ${entries.removed.length} removed, ` +
      `${entries.changed.length} changed, ${entries.unchanged} unchanged`,
  );
  for (const id of entries.added) io.out(`  + ${id}`);
  for (const id of entries.removed) io.out(`  - ${id}${entries.notes?.get(id) ?? ''}`);
  for (const { id, fields } of entries.changed) io.out(`  ~ ${id}: ${fields.join(', ')}`);
}

/** `diff`: what changes from one version of a pack to the next. */
export function diff(args: string[], io: CliIo): Promise<ExitCode> {
  return runCommand(io, async () => {
    const { values, positionals } = parseCommandArgs(args, {}, DIFF_USAGE);
    if (values.help) return printUsage(io, DIFF_USAGE);
    if (positionals.length !== 2) throw usageError('diff takes two pack files: the old one and the new one.', DIFF_USAGE);
    const [oldFile, newFile] = positionals as [string, string];
    const before: Pack = (await readPackFile(oldFile)).pack;
    const after: Pack = (await readPackFile(newFile)).pack;

    if (before.id !== after.id)
      io.err(`warning: the packs have different ids ("${before.id}", "${after.id}"): the new file would be installed beside the old one, not replace it`);
    io.out(`version: ${before.version} -> ${after.version}`);
    if (after.version <= before.version)
      io.err(
        `warning: ${newFile} has version ${after.version}, not greater than ${before.version} in ${oldFile}: ` +
          'subscribers who have the old version will not update; raise "version"',
      );
    const packFields = changedFields(before, after, ['version', 'claims', 'sources', 'removals']);
    io.out(`pack fields changed: ${packFields.length ? packFields.join(', ') : 'none'}`);
    const claims = compareById(before.claims, after.claims);
    // Subscribers are told a claim was withdrawn only when the new version lists it in removals.
    const retracted = new Set(after.removals.map((removal) => removal.id));
    claims.notes = new Map(
      claims.removed.map((id) => [id, retracted.has(id) ? ' (listed in removals)' : ' (not listed in removals)']),
    );
    report(io, 'claim', claims);
    report(io, 'source', compareById(before.sources, after.sources));
    const newRemovals = after.removals.filter((removal) => !before.removals.some((old) => old.id === removal.id));
    io.out(`removals: ${newRemovals.length} new, ${after.removals.length} in all`);
    for (const removal of newRemovals) io.out(`  x ${removal.id}${removal.reason ? `: ${removal.reason}` : ''}`);
  });
}
