import { readFile, stat, writeFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { MAX_PACK_BYTES, parsePack } from '../packs/parse-pack';
import type { Pack } from '../schema/pack';

/** Where a command writes: lines without their trailing newline. Tests capture them. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** 0 done, 1 the input (a file, a key, a signature) is invalid, 2 the command line is wrong. */
export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;
export type ExitCode = typeof EXIT_OK | typeof EXIT_INVALID | typeof EXIT_USAGE;

/** A failure that ends the command with its exit code; the message is printed to stderr. */
export class CliError extends Error {
  constructor(
    readonly exitCode: typeof EXIT_INVALID | typeof EXIT_USAGE,
    message: string,
  ) {
    super(message);
  }
}

export const usageError = (message: string, usage: string): CliError => new CliError(EXIT_USAGE, `${message}\n${usage}`);
export const inputError = (file: string, problem: string): CliError => new CliError(EXIT_INVALID, `${file}: ${problem}`);

/**
 * A value may start with a dash: a base64url key does one time in 64. parseArgs takes such a value
 * for an option unless it is joined on with "=", so a value after a string option is joined on
 * when it is not itself one of the command's options ("--key --sig x" still reads as a missing key).
 */
function joinDashedValues(args: readonly string[], options: NonNullable<ParseArgsConfig['options']>): string[] {
  const flags = new Set(Object.entries(options).flatMap(([name, option]) => [`--${name}`, ...(option.short ? [`-${option.short}`] : [])]));
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    if (arg === '--') return [...joined, ...args.slice(i)];
    const option = arg.startsWith('--') ? options[arg.slice(2)] : undefined;
    if (option?.type === 'string' && next !== undefined && next.startsWith('-') && next !== '--' && !flags.has(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else joined.push(arg);
  }
  return joined;
}

/** parseArgs with the command's usage in every error, and `--help`. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
  usage: string,
) {
  const all = { ...options, help: { type: 'boolean', short: 'h' } } as const;
  try {
    return parseArgs({ args: joinDashedValues(args, all), options: all, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError((error as Error).message, usage);
  }
}

/** A file's text (UTF-8, without a byte order mark), refusing files over `maxBytes`. */
export async function readTextFile(file: string, maxBytes = MAX_PACK_BYTES): Promise<string> {
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw inputError(file, 'not a file');
    size = info.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw inputError(file, cannotRead(error));
  }
  if (size > maxBytes)
    throw inputError(file, `the file is ${(size / 1024 / 1024).toFixed(0)} MB; the limit is ${maxBytes / 1024 / 1024} MB`);
  try {
    return (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  } catch (error) {
    throw inputError(file, cannotRead(error));
  }
}

function cannotRead(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'not a file';
  return `cannot read the file (${(error as Error).message})`;
}

export async function writeTextFile(file: string, text: string, mode?: number): Promise<void> {
  try {
    await writeFile(file, text, mode === undefined ? 'utf8' : { encoding: 'utf8', mode });
  } catch (error) {
    throw inputError(file, `cannot write the file (${(error as Error).message})`);
  }
}

export function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw inputError(file, `not valid JSON: ${(error as Error).message}`);
  }
}

/** A pack file, validated as Crosscheck validates it, with its raw JSON (what signatures cover). */
export async function readPackFile(file: string): Promise<{ pack: Pack; raw: unknown; text: string }> {
  const text = await readTextFile(file);
  const parsed = parsePack(text, Buffer.byteLength(text));
  if (!parsed.ok) throw inputError(file, parsed.error);
  return { pack: parsed.pack, raw: JSON.parse(text) as unknown, text };
}

export const plural = (count: number, noun: string, pluralNoun = `${noun}s`): string =>
  `${count} ${count === 1 ? noun : pluralNoun}`;

/** Runs a command body: a CliError becomes its message on stderr and its exit code. */
export async function runCommand(io: CliIo, body: () => Promise<ExitCode | void>): Promise<ExitCode> {
  try {
    return (await body()) ?? EXIT_OK;
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.err(error.message);
    return error.exitCode;
  }
}

/** For --help: the usage on stdout, exit 0. */
export function printUsage(io: CliIo, usage: string): ExitCode {
  io.out(usage);
  return EXIT_OK;
}
