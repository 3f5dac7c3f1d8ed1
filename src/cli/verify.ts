import { verifyPackSignature } from '../packs/pack-signature';
import {
  inputError,
  parseCommandArgs,
  parseJson,
  printUsage,
  readTextFile,
  runCommand,
  usageError,
  type CliIo,
  type ExitCode,
} from './cli-io';

export const VERIFY_USAGE = `usage: crosscheck-pack verify <pack.json> [--sig <pack.json.sig>] [--key <public key>]

Checks the pack against its detached signature (by default <pack.json>.sig). With --key, also
checks that it was signed by that public key (base64url, as keygen printed it).`;

/** `verify`: exit 0 when the signature holds (and is by --key, if given), 1 otherwise. */
export function verify(args: string[], io: CliIo): Promise<ExitCode> {
  return runCommand(io, async () => {
    const { values, positionals } = parseCommandArgs(
      args,
      { sig: { type: 'string', short: 's' }, key: { type: 'string', short: 'k' } },
      VERIFY_USAGE,
    );
    if (values.help) return printUsage(io, VERIFY_USAGE);
    if (positionals.length !== 1) throw usageError('verify takes one pack file.', VERIFY_USAGE);
    const file = positionals[0]!;
    const sigFile = values.sig ?? `${file}.sig`;
    if (values.key !== undefined && !/^[A-Za-z0-9_-]{43}$/.test(values.key))
      throw usageError(`--key must be a public key as keygen prints it (43 base64url characters), not "${values.key}".`, VERIFY_USAGE);
    const pack = parseJson(file, await readTextFile(file));
    const signature = parseJson(sigFile, await readTextFile(sigFile, 64 * 1024));
    const result = await verifyPackSignature(pack, signature, values.key === undefined ? {} : { pinnedPublicKey: values.key, expectedKeyFrom: 'caller' });
    if (!result.ok) throw inputError(`${file} (signature ${sigFile})`, result.error);
    io.out(`ok: ${file} is signed by ${result.publicKey}${values.key === undefined ? ' (no --key given: the key itself was not checked)' : ''}`);
  });
}
