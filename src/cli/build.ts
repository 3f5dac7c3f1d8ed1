import { z } from 'zod';
import { importFactChecks, type FactCheckImportOptions } from '../packs/claimreview/import-fact-checks';
import { canonicalJson, prettyCanonicalJson } from '../packs/canonical-json';
import { describeIssues } from '../packs/parse-pack';
import { HttpUrlSchema, IdSchema, PartialDateSchema, text } from '../schema/common';
import { PackSchema, type Pack } from '../schema/pack';
import {
  inputError,
  parseCommandArgs,
  plural,
  printUsage,
  readTextFile,
  runCommand,
  usageError,
  writeTextFile,
  type CliIo,
  type ExitCode,
} from './cli-io';

export const BUILD_USAGE = `usage: crosscheck-pack build <fact-checks>... --out <pack.json>
       [--id <pack id>] [--name <text>] [--publisher <text>] [--version <n>]
       [--published <YYYY[-MM[-DD]]>] [--license <text>] [--description <text>] [--origin <url>]

Reads schema.org ClaimReview files (JSON-LD, a DataFeed, a Fact Check Tools response, or saved
HTML pages), merges them into one pack and writes it as pretty canonical JSON. Local files only.
--origin is the http(s) URL the files were published at (resolves relative URLs).`;

type Importer = typeof importFactChecks;

/** The options' values, checked as the pack format checks the fields they set. */
const OptionValuesSchema = z.object({
  id: IdSchema.optional(),
  name: text(200).min(1).optional(),
  publisher: text(200).min(1).optional(),
  published: PartialDateSchema.optional(),
  license: text(200).min(1).optional(),
  description: text(2000).optional(),
  origin: HttpUrlSchema.optional(),
});

const OPTIONS = {
  out: { type: 'string', short: 'o' },
  id: { type: 'string' },
  name: { type: 'string' },
  publisher: { type: 'string' },
  version: { type: 'string' },
  published: { type: 'string' },
  license: { type: 'string' },
  description: { type: 'string' },
  origin: { type: 'string' },
} as const;

/**
 * `build`: every file goes through importFactChecks with the same options; the packs are merged
 * (a claim or source id seen before keeps its first version), validated and written. Warnings
 * go to stderr. `importer` is replaceable for tests.
 */
export function build(args: string[], io: CliIo, importer: Importer = importFactChecks): Promise<ExitCode> {
  return runCommand(io, async () => {
    const { values, positionals: files } = parseCommandArgs(args, OPTIONS, BUILD_USAGE);
    if (values.help) return printUsage(io, BUILD_USAGE);
    if (!files.length) throw usageError('build needs at least one fact-check file.', BUILD_USAGE);
    if (!values.out) throw usageError('build needs --out <pack.json>.', BUILD_USAGE);
    if (files.some((file) => /^https?:\/\//i.test(file)))
      throw usageError('build reads local files only; download the fact checks first.', BUILD_USAGE);

    if (values.version !== undefined && !/^[1-9]\d{0,14}$/.test(values.version))
      throw usageError(`--version must be a whole number of at least 1, not "${values.version}".`, BUILD_USAGE);
    const checked = OptionValuesSchema.safeParse({
      id: values.id,
      name: values.name,
      publisher: values.publisher,
      published: values.published,
      license: values.license,
      description: values.description,
      origin: values.origin,
    });
    if (!checked.success)
      throw usageError(`The options are not valid:\n${describeIssues(checked.error, 10).replace(/^/gm, '--')}`, BUILD_USAGE);
    const options: FactCheckImportOptions = {};
    if (values.id !== undefined) options.packId = values.id;
    if (values.name !== undefined) options.name = values.name;
    if (values.publisher !== undefined) options.publisher = values.publisher;
    if (values.version !== undefined) options.version = Number(values.version);
    if (values.published !== undefined) options.published = values.published;
    if (values.license !== undefined) options.license = values.license;
    if (values.origin !== undefined) options.origin = values.origin;

    const packs: Array<{ file: string; pack: Pack }> = [];
    for (const file of files) {
      const result = importer(await readTextFile(file), options);
      // A desk's folder of markup can hold MediaReview files, which review media, not claims:
      // skip those with a warning. Any other file without a ClaimReview stops the build, since a
      // review page whose markup broke would otherwise drop its claim from the pack unnoticed.
      if (!result.ok && result.empty && files.length > 1) {
        io.err(`${file}: skipped: ${result.error}`);
        continue;
      }
      if (!result.ok) throw inputError(file, result.error);
      for (const warning of result.warnings) io.err(`${file}: warning: ${warning}`);
      packs.push({ file, pack: result.pack });
    }

    if (packs.length === 0) throw inputError(files.join(', '), 'none of these files holds a ClaimReview.');
    const merged = mergePacks(packs, (warning) => io.err(`warning: ${warning}`));
    if (values.description !== undefined) merged.description = values.description;
    const parsed = PackSchema.safeParse(merged);
    if (!parsed.success) throw inputError(values.out, `the merged pack does not follow the format:\n${describeIssues(parsed.error)}`);
    await writeTextFile(values.out, `${prettyCanonicalJson(parsed.data)}\n`);
    io.out(
      `wrote ${values.out}: ${parsed.data.name} v${parsed.data.version}, ` +
        `${plural(parsed.data.claims.length, 'claim')}, ${plural(parsed.data.sources.length, 'source')} ` +
        `from ${plural(files.length, 'file')}`,
    );
  });
}

/**
 * One pack from several: the first pack's metadata, and every claim and source by id, the first
 * occurrence winning. A dropped duplicate that differs from the kept one is reported.
 */
export function mergePacks(packs: ReadonlyArray<{ file: string; pack: Pack }>, warn: (warning: string) => void): Pack {
  const first = packs[0];
  if (!first) throw new Error('mergePacks needs at least one pack');
  if (packs.length === 1) return structuredClone(first.pack);

  for (const field of ['id', 'name', 'publisher'] as const) {
    const values = [...new Set(packs.map(({ pack }) => pack[field]))];
    if (values.length > 1)
      warn(`the files give different pack ${field}s (${values.map((v) => `"${v}"`).join(', ')}); using "${values[0]}" (set --${field})`);
  }

  const claims = new Map<string, { file: string; claim: Pack['claims'][number] }>();
  const sources = new Map<string, { file: string; source: Pack['sources'][number] }>();
  for (const { file, pack } of packs) {
    for (const source of pack.sources) {
      const kept = sources.get(source.id);
      if (!kept) sources.set(source.id, { file, source });
      else if (canonicalJson(kept.source) !== canonicalJson(source))
        warn(`${file}: source "${source.id}" differs from the one in ${kept.file}; kept the first`);
    }
    for (const claim of pack.claims) {
      const kept = claims.get(claim.id);
      if (!kept) claims.set(claim.id, { file, claim });
      else if (canonicalJson(kept.claim) !== canonicalJson(claim))
        warn(`${file}: claim "${claim.id}" differs from the one in ${kept.file}; kept the first`);
    }
  }
  return {
    ...structuredClone(first.pack),
    description: `Fact checks from ${packs.length} files, merged by crosscheck-pack build. Verdicts were mapped from each publisher’s rating text; check them before sharing this pack.`,
    sources: [...sources.values()].map(({ source }) => structuredClone(source)),
    claims: [...claims.values()].map(({ claim }) => structuredClone(claim)),
  };
}
