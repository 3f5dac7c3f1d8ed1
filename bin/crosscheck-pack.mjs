#!/usr/bin/env node
// The maintainers' pack tool (docs/cli.md). Node cannot load TypeScript by itself, so tsx is
// registered first and the CLI runs straight from src/, with the same schemas as the extension.
import { register } from 'tsx/esm/api';

// No tsconfig: the CLI needs none, and the repository's extends .wxt/, made by `wxt prepare`.
register({ tsconfig: false });
// `crosscheck-pack stats pack.json | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { main, processIo } = await import('../src/cli/crosscheck-pack.ts');
process.exitCode = await main(process.argv.slice(2), processIo);
