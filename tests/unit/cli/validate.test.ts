import { describe, expect, it } from 'vitest';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE } from '../../../src/cli/cli-io';
import { main } from '../../../src/cli/crosscheck-pack';
import { validate } from '../../../src/cli/validate';
import { demoPackRaw } from '../support/test-database';
import { captureIo, tempDir, writeIn } from './cli-harness';

const DEMO = 'src/packs/demo-pack.json';

describe('crosscheck-pack validate', () => {
  it('says ok with the name, version and counts', async () => {
    const cap = captureIo();
    expect(await validate([DEMO], cap.io)).toBe(EXIT_OK);
    const raw = demoPackRaw();
    expect(cap.out).toEqual([`ok: ${raw.name} v${raw.version}, ${raw.claims.length} claims, ${raw.sources.length} sources`]);
    expect(cap.err).toEqual([]);
  });

  it('names the file and the field that is wrong', async () => {
    const dir = await tempDir();
    const raw = demoPackRaw();
    raw.claims[3]!.verdict = 'pants-on-fire';
    const file = await writeIn(dir, 'bad.json', raw);
    const cap = captureIo();
    expect(await validate([file], cap.io)).toBe(EXIT_INVALID);
    expect(cap.stderr()).toContain(`${file}: The pack does not follow the format`);
    expect(cap.stderr()).toContain('claims[3].verdict');
    expect(cap.out).toEqual([]);
  });

  it.each([
    ['not JSON', '{"format": "crosscheck-pack",', 'not valid JSON'],
    ['not a pack', '{"@type": "ClaimReview"}', 'not a Crosscheck pack'],
  ])('refuses a file that is %s', async (_, text, message) => {
    const file = await writeIn(await tempDir(), 'x.json', text);
    const cap = captureIo();
    expect(await validate([file], cap.io)).toBe(EXIT_INVALID);
    expect(cap.stderr()).toContain(file);
    expect(cap.stderr()).toContain(message);
  });

  it('says when the file is missing or a folder', async () => {
    const dir = await tempDir();
    const cap = captureIo();
    expect(await validate([`${dir}/nope.json`], cap.io)).toBe(EXIT_INVALID);
    expect(cap.stderr()).toBe(`${dir}/nope.json: no such file`);
    const cap2 = captureIo();
    expect(await validate([dir], cap2.io)).toBe(EXIT_INVALID);
    expect(cap2.stderr()).toBe(`${dir}: not a file`);
  });

  it.each([[[]], [['a.json', 'b.json']], [['--strict', DEMO]]])('exits 2 with the usage for %j', async (args) => {
    const cap = captureIo();
    expect(await validate(args, cap.io)).toBe(EXIT_USAGE);
    expect(cap.stderr()).toContain('usage: crosscheck-pack validate');
  });

  it('prints its usage for --help', async () => {
    const cap = captureIo();
    expect(await validate(['--help'], cap.io)).toBe(EXIT_OK);
    expect(cap.stdout()).toContain('usage: crosscheck-pack validate');
  });
});

describe('crosscheck-pack (the command dispatcher)', () => {
  it('runs a command by name', async () => {
    const cap = captureIo();
    expect(await main(['validate', DEMO], cap.io)).toBe(EXIT_OK);
    expect(cap.stdout()).toMatch(/^ok: /);
  });

  it('exits 2 with the usage when the command is missing or unknown', async () => {
    const none = captureIo();
    expect(await main([], none.io)).toBe(EXIT_USAGE);
    expect(none.stderr()).toContain('commands:');
    const unknown = captureIo();
    expect(await main(['publish'], unknown.io)).toBe(EXIT_USAGE);
    expect(unknown.stderr()).toContain('unknown command "publish"');
    const proto = captureIo();
    expect(await main(['toString'], proto.io)).toBe(EXIT_USAGE);
  });

  it('prints the usage for help', async () => {
    const cap = captureIo();
    expect(await main(['--help'], cap.io)).toBe(EXIT_OK);
    for (const command of ['validate', 'build', 'keygen', 'sign', 'verify', 'diff', 'stats']) expect(cap.stdout()).toContain(command);
  });
});
