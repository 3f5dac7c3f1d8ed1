/**
 * Where an import's CPU time goes, phase by phase, running the extension's own code in Node (the
 * same V8 as Chromium, without IndexedDB). The bench reports it next to the browser's import time:
 * the difference is mostly IndexedDB writing and reading, and moving the text between contexts.
 */
import { claimContentHash } from '../src/db/content-hash';
import { recordKey } from '../src/db/records';
import { buildClaimIndex } from '../src/matching/claim-index';
import { validatePackDocument } from '../src/packs/parse-pack';

export interface ImportPhases {
  /** TextEncoder over the text, as the background does for the size check */
  encode: number;
  parse: number;
  validate: number;
  hash: number;
  index: number;
  total: number;
  /** building the index of version 2 (1% of claims changed) over version 1's, as a sync does */
  syncIndex?: number;
}

function records(text: string) {
  const parsed = validatePackDocument(JSON.parse(text));
  if (!parsed.ok) throw new Error(`the bench pack is not valid: ${parsed.error}`);
  const { pack } = parsed;
  return pack.claims.map((claim) => ({
    ...claim,
    key: recordKey(pack.id, claim.id),
    packId: pack.id,
    contentHash: claimContentHash(claim),
  }));
}

export function importPhases(text: string, secondVersion?: string): ImportPhases {
  const at = () => performance.now();
  let t = at();
  new TextEncoder().encode(text);
  const encode = at() - t;
  t = at();
  const json: unknown = JSON.parse(text);
  const parse = at() - t;
  t = at();
  const parsed = validatePackDocument(json);
  const validate = at() - t;
  if (!parsed.ok) throw new Error(`the bench pack is not valid: ${parsed.error}`);
  const { pack } = parsed;
  t = at();
  const claims = pack.claims.map((claim) => ({
    ...claim,
    key: recordKey(pack.id, claim.id),
    packId: pack.id,
    contentHash: claimContentHash(claim),
  }));
  const hash = at() - t;
  t = at();
  const { snapshot } = buildClaimIndex(claims);
  const index = at() - t;
  const phases: ImportPhases = { encode, parse, validate, hash, index, total: encode + parse + validate + hash + index };
  if (secondVersion === undefined) return phases;
  const stored = new Map(claims.map((claim) => [claim.key, claim.contentHash]));
  const next = records(secondVersion);
  const hashOf = new Map(next.map((claim) => [claim.key, claim.contentHash]));
  t = at();
  buildClaimIndex(next, { snapshot, unchanged: (key) => stored.has(key) && stored.get(key) === hashOf.get(key) });
  return { ...phases, syncIndex: at() - t };
}
