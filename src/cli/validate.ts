import { parseCommandArgs, printUsage, plural, readPackFile, runCommand, usageError, type CliIo, type ExitCode } from './cli-io';

export const VALIDATE_USAGE = 'usage: crosscheck-pack validate <pack.json>';

/** Checks a pack file as Crosscheck's import does; prints one line about it, or the problems. */
export function validate(args: string[], io: CliIo): Promise<ExitCode> {
  return runCommand(io, async () => {
    const { values, positionals } = parseCommandArgs(args, {}, VALIDATE_USAGE);
    if (values.help) return printUsage(io, VALIDATE_USAGE);
    if (positionals.length !== 1) throw usageError('validate takes one pack file.', VALIDATE_USAGE);
    const { pack } = await readPackFile(positionals[0]!);
    io.out(`ok: ${pack.name} v${pack.version}, ${plural(pack.claims.length, 'claim')}, ${plural(pack.sources.length, 'source')}`);
  });
}
