import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { FactCheckImport } from '../../../src/packs/claimreview/import-fact-checks';
import { PackSchema, type Pack } from '../../../src/schema/pack';

const FORMATS = fileURLToPath(new URL('../../fixtures/formats/', import.meta.url));

/** A fixture file's text: `schemaorg/eg-0324.jsonld` or `examples/datafeed.json`. */
export function fixtureText(name: string): string {
  const path = name.startsWith('schemaorg/') ? `claimreview/${name}` : name;
  return readFileSync(`${FORMATS}${path}`, 'utf8');
}

/** A fixture file parsed as JSON, to read expected values from the input itself. */
export const fixtureJson = (name: string): any => JSON.parse(fixtureText(name));

/** The pack of a successful import, checked against the pack schema as `parsePack` would. */
export function packOf(result: FactCheckImport): Pack {
  if (!result.ok) throw new Error(`expected the import to succeed: ${result.error}`);
  expect(() => PackSchema.parse(JSON.parse(JSON.stringify(result.pack)))).not.toThrow();
  return result.pack;
}

export function errorOf(result: FactCheckImport): string {
  if (result.ok) throw new Error('expected the import to be refused');
  return result.error;
}

export function warningsOf(result: FactCheckImport): string[] {
  if (!result.ok) throw new Error(`expected the import to succeed: ${result.error}`);
  return result.warnings;
}

/** The one claim of a pack (failing if there are more), with its evidence's source. */
export function onlyClaim(pack: Pack) {
  expect(pack.claims).toHaveLength(1);
  const claim = pack.claims[0]!;
  const source = pack.sources.find((s) => s.id === claim.evidence[0]?.source);
  return { claim, source };
}
