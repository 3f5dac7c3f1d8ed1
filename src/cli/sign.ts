import { CanonicalJsonError } from '../packs/canonical-json';
import { signPack } from '../packs/pack-signature';
import {
  inputError,
  parseCommandArgs,
  parseJson,
  printUsage,
  readPackFile,
  readTextFile,
  runCommand,
  usageError,
  writeTextFile,
  type CliIo,
  type ExitCode,
} from './cli-io';

export const SIGN_USAGE = `usage: crosscheck-pack sign <pack.json> --key <key.jwk> [--out <pack.json.sig>]

Writes a detached signature of the pack, by default next to it as <pack.json>.sig.
The pack must be valid; re-indenting it later does not break the signature, changing it does.`;

/** `sign`: validates the pack, signs its canonical JSON and writes the signature document. */
export function sign(args: string[], io: CliIo): Promise<ExitCode> {
  return runCommand(io, async () => {
    const { values, positionals } = parseCommandArgs(
      args,
      { key: { type: 'string', short: 'k' }, out: { type: 'string', short: 'o' } },
      SIGN_USAGE,
    );
    if (values.help) return printUsage(io, SIGN_USAGE);
    if (positionals.length !== 1) throw usageError('sign takes one pack file.', SIGN_USAGE);
    if (!values.key) throw usageError('sign needs --key <key.jwk> (make one with keygen).', SIGN_USAGE);
    const file = positionals[0]!;
    const out = values.out ?? `${file}.sig`;
    const keyFile = values.key;
    const { raw } = await readPackFile(file);
    const jwk = parseJson(keyFile, await readTextFile(keyFile, 64 * 1024));
    if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk))
      throw inputError(keyFile, 'not a JWK: the file must hold a JSON object');
    let signature;
    try {
      signature = await signPack(raw, jwk as JsonWebKey);
    } catch (error) {
      // The pack can fail only canonicalization (a lone surrogate in a string); the rest is the key.
      throw inputError(error instanceof CanonicalJsonError ? file : keyFile, (error as Error).message);
    }
    await writeTextFile(out, `${JSON.stringify(signature, null, 2)}\n`);
    io.out(`wrote ${out}: ${signature.contentHash}, signed by ${signature.publicKey}`);
  });
}
