import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { GuestDraft } from '../../../shared/domain/guest-record.js';
import type { CoreErrorShape } from '../../../shared/ipc/errors.js';
import type { DraftSaved } from '../../../shared/ipc/record-schemas.js';
import { api } from '../snowdesk.js';
import { noteCoreTime } from './desk-clock.js';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saved'; at: number }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'failed'; error: CoreErrorShape };

export const AUTOSAVE_DELAY_MS = 700;

/**
 * Saves the draft through the core (sealed there) a moment after the last keystroke, at once on
 * `flush()` (blur, leaving the form), never while an input method is composing, one save at a
 * time and always the newest draft. What was typed stays in the form whatever the answer.
 */
export function useAutosave(recordId: string, draft: GuestDraft, composing: RefObject<boolean>) {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const [lastSaved, setLastSaved] = useState<DraftSaved | null>(null);
  const latest = useRef(draft);
  const savedJson = useRef(JSON.stringify(draft));
  const running = useRef<Promise<boolean> | null>(null);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    latest.current = draft;
  }, [draft]);

  const saveNow = useCallback(async (): Promise<boolean> => {
    window.clearTimeout(timer.current);
    // one at a time: wait for the save under way, then save whatever is newest
    while (running.current) await running.current;
    const json = JSON.stringify(latest.current);
    if (json === savedJson.current) return true;
    const work = (async () => {
      setState({ kind: 'saving' });
      const result = await api().call('records.saveDraft', {
        recordId,
        draft: JSON.parse(json) as GuestDraft,
      });
      if (!result.ok) {
        setState({ kind: 'failed', error: result.error });
        return false;
      }
      savedJson.current = json;
      noteCoreTime(result.value.savedAt);
      setLastSaved(result.value);
      setState(
        JSON.stringify(latest.current) === json
          ? { kind: 'saved', at: result.value.savedAt }
          : { kind: 'dirty' },
      );
      return true;
    })();
    running.current = work;
    try {
      return await work;
    } finally {
      running.current = null;
    }
  }, [recordId]);

  /** Save soon (after typing pauses); not while composing: compositionend schedules again. */
  const schedule = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      if (composing.current) return;
      void saveNow();
    }, AUTOSAVE_DELAY_MS);
  }, [composing, saveNow]);

  useEffect(() => {
    if (JSON.stringify(draft) === savedJson.current) return;
    // the same state object when already dirty: a new one would render the whole form a second
    // time for every keystroke (issue 7's keystroke-to-paint bench)
    setState((previous) =>
      previous.kind === 'saving' || previous.kind === 'dirty' ? previous : { kind: 'dirty' },
    );
    schedule();
  }, [draft, schedule]);

  // leaving the form (another screen, a lock) saves what is pending
  useEffect(
    () => () => {
      window.clearTimeout(timer.current);
      if (JSON.stringify(latest.current) !== savedJson.current) {
        void api().call('records.saveDraft', { recordId, draft: latest.current });
      }
    },
    [recordId],
  );

  const flush = useCallback(async (): Promise<boolean> => {
    if (composing.current) return false;
    return saveNow();
  }, [composing, saveNow]);

  return { state, lastSaved, flush, schedule };
}
