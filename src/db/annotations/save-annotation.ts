import {
  AnnotationRecordSchema,
  OWN_PACK_ID,
  type AnnotationRecord,
} from '../../annotations/annotation-record';
import type { SaveAnnotation, TagDraft } from '../../annotations/save-annotation-input';
import type { CrosscheckDatabase } from '../crosscheck-database';
import { getClaim } from '../claim-chunks';
import { validRows } from '../records';
import { annotationTables, rebuildOwnPack } from './own-pack';

export type SaveResult = { ok: true; annotation: AnnotationRecord } | { ok: false; error: string };

/** The page an annotation belongs to: its URL without the fragment, which only scrolls. */
export function pageKey(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}

const newId = (): string => crypto.randomUUID();

/**
 * Creates an annotation from a draft, or edits one. The claim is either the user's own (created,
 * or edited in place: every annotation carrying it gets the new wording) or an existing claim of
 * an installed pack, whose statement is kept with the annotation in case that pack goes. One
 * transaction with the own pack's rebuild: a failure leaves everything as it was.
 */
export async function saveAnnotation(
  db: CrosscheckDatabase,
  input: SaveAnnotation,
  draft: TagDraft | null,
  now = Date.now(),
): Promise<SaveResult> {
  return db.transaction('rw', annotationTables(db), async (): Promise<SaveResult> => {
    let previous: AnnotationRecord | undefined;
    if (input.id !== undefined) {
      [previous] = validRows(AnnotationRecordSchema, [await db.annotations.get(input.id)], 'annotation');
      if (!previous || previous.deletedAt !== undefined) return { ok: false, error: 'That annotation no longer exists.' };
    } else if (!draft) return { ok: false, error: 'The selected passage was lost; select it again and choose “Tag claim”.' };

    let claimKey: string;
    let claim: AnnotationRecord['claim'];
    if (input.claim.kind === 'own') {
      const keepOwn = previous?.claimKey.startsWith(`${OWN_PACK_ID}/`);
      claimKey = keepOwn ? previous!.claimKey : `${OWN_PACK_ID}/c-${newId()}`;
      claim = { statement: input.claim.statement, verdict: input.claim.verdict, summary: input.claim.summary };
      // Everything that carries this claim reads the same after an edit.
      if (keepOwn)
        await db.annotations
          .where('claimKey')
          .equals(claimKey)
          .modify((other) => {
            other.claim = claim;
          });
    } else {
      const existing = await getClaim(db, input.claim.claimKey);
      if (!existing) return { ok: false, error: 'That claim is no longer installed; search for it again.' };
      claimKey = existing.key;
      claim = { statement: existing.statement, verdict: existing.verdict, summary: existing.summary };
    }

    const base = previous ?? {
      id: newId(),
      pageUrl: pageKey(draft!.pageUrl),
      site: new URL(draft!.pageUrl).hostname,
      pageTitle: draft!.pageTitle,
      target: draft!.target,
      created: now,
    };
    const record = AnnotationRecordSchema.parse({
      ...base,
      claimKey,
      claim,
      tags: [...new Set(input.tags)],
      sources: input.sources,
      modified: now,
    });
    await db.annotations.put(record);
    await rebuildOwnPack(db);
    return { ok: true, annotation: record };
  });
}

/** Soft delete: the annotation disappears everywhere but `restoreAnnotation` brings it back whole. */
export async function deleteAnnotation(db: CrosscheckDatabase, id: string, now = Date.now()): Promise<AnnotationRecord | null> {
  return setDeleted(db, id, now);
}

export async function restoreAnnotation(db: CrosscheckDatabase, id: string): Promise<AnnotationRecord | null> {
  return setDeleted(db, id, undefined);
}

async function setDeleted(db: CrosscheckDatabase, id: string, deletedAt: number | undefined): Promise<AnnotationRecord | null> {
  return db.transaction('rw', annotationTables(db), async () => {
    const [record] = validRows(AnnotationRecordSchema, [await db.annotations.get(id)], 'annotation');
    if (!record) return null;
    const { deletedAt: _was, ...rest } = record;
    const next: AnnotationRecord = deletedAt === undefined ? rest : { ...rest, deletedAt };
    await db.annotations.put(next);
    await rebuildOwnPack(db);
    return next;
  });
}

/** Deleted annotations older than `age` are gone for good (undo is offered for far less). */
export async function purgeDeletedAnnotations(db: CrosscheckDatabase, age: number, now = Date.now()): Promise<number> {
  return db.transaction('rw', annotationTables(db), async () => {
    const old = await db.annotations.filter((row) => typeof row.deletedAt === 'number' && row.deletedAt < now - age).primaryKeys();
    if (old.length) await db.annotations.bulkDelete(old);
    return old.length;
  });
}

/** Moves an annotation to a newly selected passage (re-attaching an orphan). */
export async function retargetAnnotation(
  db: CrosscheckDatabase,
  id: string,
  target: AnnotationRecord['target'],
  now = Date.now(),
): Promise<AnnotationRecord | null> {
  return db.transaction('rw', annotationTables(db), async () => {
    const [record] = validRows(AnnotationRecordSchema, [await db.annotations.get(id)], 'annotation');
    if (!record || record.deletedAt !== undefined) return null;
    const next: AnnotationRecord = { ...record, target, modified: now, anchor: { state: 'anchored', score: 1, checkedAt: now } };
    await db.annotations.put(next);
    await rebuildOwnPack(db);
    return next;
  });
}
