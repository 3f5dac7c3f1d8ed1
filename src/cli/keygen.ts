import { chmod, stat } from 'node:fs/promises';
import { generateSigningKey } from '../packs/pack-signature';
import { inputError, parseCommandArgs, printUsage, runCommand, usageError, writeTextFile, type CliIo, type ExitCode } from './cli-io';

export const KEYGEN_USAGE = `usage: crosscheck-pack keygen --out <key.jwk> [--force]

Makes an Ed25519 signing key. The private key (a JWK) is written readable by you only; keep it
out of the repository and the web server. The public key is printed: publish it so that
subscribers can check it.`;

/** `keygen`: writes a new private key (mode 0600, never over an existing file unless --force). */
export function keygen(args: string[], io: CliIo): Promise<ExitCode> {
  return runCommand(io, async () => {
    const { values, positionals } = parseCommandArgs(
      args,
      { out: { type: 'string', short: 'o' }, force: { type: 'boolean' } },
      KEYGEN_USAGE,
    );
    if (values.help) return printUsage(io, KEYGEN_USAGE);
    if (positionals.length) throw usageError(`keygen takes no file arguments (got "${positionals[0]}").`, KEYGEN_USAGE);
    const out = values.out;
    if (!out) throw usageError('keygen needs --out <key.jwk>.', KEYGEN_USAGE);
    const exists = await stat(out).then(
      () => true,
      () => false,
    );
    if (exists && !values.force)
      throw inputError(out, 'the file already exists; a key is not overwritten without --force');
    const { privateKeyJwk, publicKey } = await generateSigningKey();
    await writeTextFile(out, `${JSON.stringify(privateKeyJwk, null, 2)}\n`, 0o600);
    await chmod(out, 0o600); // writeFile's mode applies only to a new file
    io.out(`wrote the private key to ${out} (readable by you only; do not publish it)`);
    io.out(`public key: ${publicKey}`);
  });
}
