import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoPackRaw } from '../support/test-database';
import { tempDir, writeIn } from './cli-harness';

const ROOT = resolve(import.meta.dirname, '../../..');
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/crosscheck-pack.mjs', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });

describe('bin/crosscheck-pack.mjs as a process', () => {
  it('validates the demo pack', () => {
    const result = run('validate', 'src/packs/demo-pack.json');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const raw = demoPackRaw();
    expect(result.stdout).toBe(`ok: ${raw.name} v${raw.version}, ${raw.claims.length} claims, ${raw.sources.length} sources\n`);
  });

  it('exits 1 for an invalid pack and 2 for a wrong command line', async () => {
    const raw = demoPackRaw();
    raw.sources[0]!.url = 'javascript:alert(1)';
    const file = await writeIn(await tempDir(), 'bad.json', raw);
    const invalid = run('validate', file);
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toContain(`${file}: The pack does not follow the format`);
    expect(invalid.stderr).toContain('sources[0].url');
    const usage = run('frobnicate');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('unknown command "frobnicate"');
  }, 60_000);
});
