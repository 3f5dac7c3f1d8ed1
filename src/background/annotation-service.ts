import { pageAnnotations, recordAnchorStates, type AnchorReport } from '../db/annotations/page-annotations';
import { annotationViews } from '../db/annotations/annotation-views';
import {
  deleteAnnotation,
  pageKey,
  restoreAnnotation,
  retargetAnnotation,
  saveAnnotation,
} from '../db/annotations/save-annotation';
import type { CrosscheckDatabase } from '../db/crosscheck-database';
import type { SaveAnnotation } from '../annotations/save-annotation-input';
import {
  DescribeSelectionReplySchema,
  type BackgroundToContent,
  type OkReply,
  type PageAnnotationsForTabReply,
  type PageAnnotationsReply,
  type SaveAnnotationReply,
  type TagSelectionReply,
  type DraftReply,
} from '../messaging/protocol';
import type { PassageSelectors } from '../anchoring/selectors';
import { importAnnotationsText } from '../annotations/import-annotations-text';
import { importAnnotations } from '../db/annotations/import-annotations';
import type { AnnotationReply, ImportAnnotationsReply, SearchClaimsReply } from '../messaging/protocol';
import { AnnotationRecordSchema } from '../annotations/annotation-record';
import { getClaim } from '../db/claim-chunks';
import { PackRecordSchema, validRows } from '../db/records';
import { searchClaims } from '../db/search-claims';
import { capErrorText } from './subscriptions/error-text';
import { isSitePaused } from './site-preferences';
import type { DraftStore } from './tag-drafts';

export interface AnnotationTabs {
  list(): Promise<{ id: number; url: string }[]>;
  get(tabId: number): Promise<{ id: number; url?: string } | null>;
  send(tabId: number, message: BackgroundToContent): Promise<void>;
  /** a message that expects the content script's answer */
  ask(tabId: number, message: BackgroundToContent): Promise<unknown>;
}

/**
 * The annotator's side of the background: drafts for the tagging panel, saving and deleting,
 * the annotations a page anchors, and telling open tabs of a page when its annotations change.
 */
export function createAnnotationService(deps: {
  db: CrosscheckDatabase;
  tabs: AnnotationTabs;
  drafts: DraftStore;
  /** the own pack changed with the annotations: the matcher reloads it */
  onOwnPackChanged: () => Promise<void>;
}) {
  const { db, tabs } = deps;

  async function notifyPage(url: string): Promise<void> {
    const page = pageKey(url);
    const open = await tabs.list();
    await Promise.all(
      open
        .filter((tab) => {
          try {
            return pageKey(tab.url) === page;
          } catch {
            return false;
          }
        })
        .map((tab) => tabs.send(tab.id, { type: 'background/annotations-changed' }).catch(() => {})),
    );
  }

  async function changed(url: string): Promise<void> {
    await deps.onOwnPackChanged().catch((error: unknown) => console.warn('Crosscheck: reloading your claims failed', error));
    await notifyPage(url);
  }

  return {
    async forPage(url: URL): Promise<PageAnnotationsReply> {
      if (await isSitePaused(db, url.hostname)) return { ok: true, paused: true, annotations: [] };
      const records = await pageAnnotations(db, url.href);
      const views = await annotationViews(db, records);
      return {
        ok: true,
        paused: false,
        annotations: records.map((record, i) => ({ id: record.id, target: record.target, view: views[i]! })),
      };
    },

    async recordStates(url: URL, states: AnchorReport[]): Promise<OkReply> {
      await recordAnchorStates(db, url.href, states);
      return { ok: true };
    },

    async startTag(tabId: number, url: URL, target: PassageSelectors, pageTitle: string): Promise<TagSelectionReply> {
      const id = crypto.randomUUID();
      await deps.drafts.put({
        id,
        tabId,
        pageUrl: url.href,
        pageTitle: pageTitle.trim().slice(0, 500),
        target: { positionUnit: 'code-point', ...target },
        created: Date.now(),
      });
      return { ok: true, draftId: id };
    },

    async draft(draftId: string): Promise<DraftReply> {
      const draft = await deps.drafts.get(draftId);
      return draft ? { ok: true, draft } : { ok: false, error: 'The selected passage was lost; select it again and choose “Tag claim”.' };
    },

    async save(input: SaveAnnotation): Promise<SaveAnnotationReply> {
      const draft = input.draftId ? await deps.drafts.get(input.draftId) : null;
      const result = await saveAnnotation(db, input, draft);
      if (!result.ok) return result;
      if (input.draftId) await deps.drafts.remove(input.draftId);
      await changed(result.annotation.pageUrl);
      return { ok: true, id: result.annotation.id };
    },

    async remove(id: string, restore: boolean): Promise<OkReply> {
      const record = restore ? await restoreAnnotation(db, id) : await deleteAnnotation(db, id);
      if (!record) return { ok: false, error: 'That annotation no longer exists.' };
      await changed(record.pageUrl);
      return { ok: true };
    },

    async forTab(tabId: number): Promise<PageAnnotationsForTabReply> {
      const tab = await tabs.get(tabId);
      if (!tab) return { ok: false, error: `No tab ${tabId}.` };
      if (!tab.url || !/^https?:/.test(tab.url)) return { ok: true, url: tab.url ?? null, annotations: [] };
      return { ok: true, url: tab.url, annotations: await annotationViews(db, await pageAnnotations(db, tab.url)) };
    },

    async searchClaims(query: string): Promise<SearchClaimsReply> {
      const rows = await searchClaims(db, query, 20);
      const packs = new Map(validRows(PackRecordSchema, await db.packs.bulkGet([...new Set(rows.map((r) => r.packId))]), 'pack').map((p) => [p.id, p.name]));
      return { ok: true, claims: rows.map((row) => ({ key: row.key, statement: row.statement, verdict: row.verdict, pack: packs.get(row.packId) ?? row.packId })) };
    },

    async annotation(id: string): Promise<AnnotationReply> {
      const [record] = validRows(AnnotationRecordSchema, [await db.annotations.get(id)], 'annotation');
      if (!record || record.deletedAt !== undefined) return { ok: false, error: 'This annotation no longer exists.' };
      const claim = await getClaim(db, record.claimKey);
      const pack = claim ? await db.packs.get(claim.packId) : undefined;
      return {
        ok: true,
        annotation: record,
        claim: claim ? { key: claim.key, statement: claim.statement, verdict: claim.verdict, pack: pack?.name ?? claim.packId } : null,
      };
    },

    /** A W3C or Hypothesis annotation file from the options page. */
    async importFile(fileName: string, text: string): Promise<ImportAnnotationsReply> {
      const parsed = importAnnotationsText(text, { byteLength: new TextEncoder().encode(text).length });
      if (!parsed.ok) return { ok: false, error: capErrorText(`${fileName}: ${parsed.error} Nothing was imported.`) };
      const result = await importAnnotations(db, parsed.annotations);
      if (result.added.length) {
        await deps.onOwnPackChanged().catch(() => {});
        for (const page of new Set(result.added.map((a) => a.pageUrl))) await notifyPage(page);
      }
      return { ok: true, added: result.added.length, duplicates: result.duplicates, warnings: parsed.warnings.map(capErrorText) };
    },

    async reattach(tabId: number, id: string): Promise<OkReply> {
      const tab = await tabs.get(tabId);
      const record = await db.annotations.get(id);
      if (!tab?.url || !record || record.deletedAt !== undefined) return { ok: false, error: 'That annotation or tab is gone.' };
      if (pageKey(tab.url) !== record.pageUrl) return { ok: false, error: 'That tab shows another page now.' };
      // The answer comes from a content script in a page: checked like any message from there.
      const parsed = DescribeSelectionReplySchema.safeParse(
        await tabs.ask(tabId, { type: 'background/describe-selection' }).catch(() => undefined),
      );
      if (!parsed.success) return { ok: false, error: 'The page did not answer; reload it and try again.' };
      if (!parsed.data.ok) return parsed.data;
      await retargetAnnotation(db, id, parsed.data.target);
      await changed(record.pageUrl);
      return { ok: true };
    },
  };
}

export type AnnotationService = ReturnType<typeof createAnnotationService>;
