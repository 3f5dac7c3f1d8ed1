import { build } from './build';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, type CliIo, type ExitCode } from './cli-io';
import { diff } from './diff';
import { keygen } from './keygen';
import { sign } from './sign';
import { stats } from './stats';
import { validate } from './validate';
import { verify } from './verify';

/**
 * `crosscheck-pack`, the maintainers' tool for publishing packs. bin/crosscheck-pack.mjs runs it
 * through tsx, so it uses the extension's own TypeScript schemas without a build step.
 */
export const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<ExitCode>> = {
  validate,
  build,
  keygen,
  sign,
  verify,
  diff,
  stats,
};

export const USAGE = `usage: crosscheck-pack <command> [options]

commands:
  validate <pack.json>                          check a pack as Crosscheck's import does
  build <fact-checks>... --out <pack.json>      make a pack from ClaimReview files
  keygen --out <key.jwk>                        make an Ed25519 signing key
  sign <pack.json> --key <key.jwk>              write <pack.json>.sig
  verify <pack.json> [--sig <file>] [--key <public key>]
                                                check a pack's signature
  diff <old.json> <new.json>                    what a new version changes
  stats <pack.json>                             counts, and the content hash

Run "crosscheck-pack <command> --help" for a command's options. See docs/cli.md.
Exit codes: 0 done, 1 invalid input, 2 wrong command line.`;

export async function main(argv: string[], io: CliIo): Promise<ExitCode> {
  const [name, ...args] = argv;
  if (name === undefined) {
    io.err(USAGE);
    return EXIT_USAGE;
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    io.out(USAGE);
    return EXIT_OK;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(`crosscheck-pack: unknown command "${name}".\n${USAGE}`);
    return EXIT_USAGE;
  }
  try {
    return await command(args, io);
  } catch (error) {
    io.err(`crosscheck-pack ${name}: unexpected error: ${(error as Error).stack ?? String(error)}`);
    return EXIT_INVALID;
  }
}

/** The process's own streams. */
export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};
