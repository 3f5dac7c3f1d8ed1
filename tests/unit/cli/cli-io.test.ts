import { describe, expect, it } from 'vitest';
import { CliError, EXIT_USAGE, parseCommandArgs } from '../../../src/cli/cli-io';

const options = { key: { type: 'string' }, sig: { type: 'string' }, force: { type: 'boolean', short: 'f' } } as const;
const parse = (args: string[]) => parseCommandArgs(args, options, 'usage: test');

describe('parseCommandArgs', () => {
  // A base64url public key starts with "-" one time in 64.
  it('reads a value that starts with a dash as the value of the option before it', () => {
    const { values, positionals } = parse(['pack.json', '--key', '-Xq3_abc', '--sig', '-s.sig']);
    expect(values).toMatchObject({ key: '-Xq3_abc', sig: '-s.sig' });
    expect(positionals).toEqual(['pack.json']);
  });

  it('still reads an option given where a value was due as a missing value', () => {
    for (const args of [['--key', '--sig', 'x.sig'], ['--key', '-f'], ['--key', '-h']]) {
      expect(() => parse(args), args.join(' ')).toThrow(CliError);
      try {
        parse(args);
      } catch (error) {
        expect((error as CliError).exitCode).toBe(EXIT_USAGE);
      }
    }
  });

  it('leaves what follows "--" to the positionals, and "--key=value" as it is', () => {
    const { values, positionals } = parse(['--key=-abc', '--', '--sig', '-x']);
    expect(values.key).toBe('-abc');
    expect(positionals).toEqual(['--sig', '-x']);
  });
});
