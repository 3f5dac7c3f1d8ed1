import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The content script runs inside every page a user visits: it may read the page, anchor,
 * highlight and show cards, and nothing else. This walks its real import graph (type-only imports
 * excluded, as they vanish at build) and fails when it reaches the database, pack code, Zod or Dexie.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const ENTRY = join(ROOT, 'entrypoints/content/index.ts');
const FORBIDDEN_PACKAGES = ['dexie', 'zod'];
const FORBIDDEN_FOLDERS = ['src/db/', 'src/packs/', 'src/schema/', 'src/background/'];

function resolveImport(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier.replace(/\?.*$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')])
    if (existsSync(candidate) && !candidate.endsWith('/')) {
      try {
        readFileSync(candidate);
        return candidate;
      } catch {
        // a folder
      }
    }
  return null;
}

function importGraph(entry: string): { files: string[]; packages: Map<string, string> } {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!/\.(ts|tsx)$/.test(file)) continue;
    const source = readFileSync(file, 'utf8');
    const pattern = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
    for (const match of source.matchAll(pattern)) {
      if (match[2]) continue;
      const specifier = match[3]!;
      if (specifier.startsWith('.')) {
        const target = resolveImport(file, specifier);
        if (target) queue.push(target);
      } else packages.set(specifier.split('/')[0]!, relative(ROOT, file));
    }
  }
  return { files: [...seen].map((f) => relative(ROOT, f)), packages };
}

describe('content script boundary', () => {
  const graph = importGraph(ENTRY);

  it('walks the real graph (reader session, page reading and highlighting are in it)', () => {
    expect(graph.files).toEqual(
      expect.arrayContaining(['src/highlight/reader-session.ts', 'src/page/read-page-text.ts', 'src/matching/tokenize.ts']),
    );
  });

  it('imports no database, pack, schema or background code', () => {
    expect(graph.files.filter((f) => FORBIDDEN_FOLDERS.some((folder) => f.startsWith(folder)))).toEqual([]);
  });

  it('imports neither Dexie nor Zod', () => {
    expect(FORBIDDEN_PACKAGES.filter((p) => graph.packages.has(p)).map((p) => `${p} from ${graph.packages.get(p)}`)).toEqual([]);
  });
});
