import { TagDraftSchema, type TagDraft } from '../annotations/save-annotation-input';

/**
 * Passages waiting for the tagging panel to save them. In session storage, because the service
 * worker may stop while the annotator is still typing; a few at most, the oldest dropped.
 */
export interface DraftStore {
  put(draft: TagDraft): Promise<void>;
  get(id: string): Promise<TagDraft | null>;
  remove(id: string): Promise<void>;
}

interface StorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const KEY = 'tag-drafts';
const MAX_DRAFTS = 20;

export function createDraftStore(area: StorageArea): DraftStore {
  const read = async (): Promise<TagDraft[]> => {
    const stored = (await area.get(KEY))[KEY];
    if (!Array.isArray(stored)) return [];
    return stored.flatMap((row) => {
      const parsed = TagDraftSchema.safeParse(row);
      return parsed.success ? [parsed.data] : [];
    });
  };
  let queue: Promise<unknown> = Promise.resolve();
  const serialise = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => {});
    return run;
  };
  return {
    put: (draft) =>
      serialise(async () => {
        const drafts = (await read()).filter((d) => d.id !== draft.id);
        drafts.push(draft);
        await area.set({ [KEY]: drafts.slice(-MAX_DRAFTS) });
      }),
    get: async (id) => (await read()).find((d) => d.id === id) ?? null,
    remove: (id) =>
      serialise(async () => {
        await area.set({ [KEY]: (await read()).filter((d) => d.id !== id) });
      }),
  };
}
