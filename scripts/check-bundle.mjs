#!/usr/bin/env node
// Fails the build when an emitted script holds a non-ASCII byte: Chromium then rejects the whole
// extension ("isn't UTF-8 encoded") and the service worker never starts (../shared/platform-notes.md).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: check-bundle.mjs <extension output dir>');
  process.exit(2);
}
const bad = [];
const walk = (d) => {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.js')) {
      const bytes = readFileSync(p);
      const i = bytes.findIndex((b) => b > 0x7f);
      if (i >= 0) bad.push(`${p}: non-ASCII byte 0x${bytes[i].toString(16)} at offset ${i}`);
    }
  }
};
walk(dir);
if (bad.length) {
  console.error('Bundle check failed: Chromium will refuse to load these files.\n' + bad.join('\n'));
  process.exit(1);
}
console.log(`bundle check: every .js under ${dir} is ASCII`);
