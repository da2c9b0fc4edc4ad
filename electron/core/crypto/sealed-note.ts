import { CoreError } from '../core-error.js';
import type { KeyHandle } from './key-handle.js';
import { openPayload, sealPayload, SealedPayloadError, type PayloadPurpose } from './sealed-payload.js';
import { SubKeyId } from './sub-keys.js';

/** What a sealed note belongs to: a complaint's or a suggestion's prose, each under its own sub-key. */
export type NoteKind = 'complaint' | 'suggestion';

const KINDS: Readonly<Record<NoteKind, { key: SubKeyId; purpose: PayloadPurpose }>> = {
  complaint: { key: SubKeyId.complaintNote, purpose: 'complaint-note' },
  suggestion: { key: SubKeyId.suggestionNote, purpose: 'suggestion-note' },
};

/**
 * Where a note lives: the row it belongs to (`ownerId`, a complaint or suggestion id), the kind of
 * text (`slot`: "text", "answer", "event") and the key within the row (an event number), so a blob
 * copied to another row or slot does not open there.
 */
export interface NotePlace {
  ownerId: string;
  slot: string;
  key: string;
}

/**
 * Staff prose about guests that is not part of one record (R27 complaints, R17 suggestions), sealed
 * like review comments (sealed-payload.ts) but under sub-keys of its own: a complaint outlives the
 * erasure of the record it names (the register must keep what was complained of and what was
 * answered), so it cannot hang off the record's notes, which erasure destroys.
 */
export class SealedNotes {
  constructor(
    private readonly keys: () => KeyHandle,
    private readonly kind: NoteKind,
  ) {}

  seal(place: NotePlace, value: unknown): Buffer {
    const { key, purpose } = KINDS[this.kind];
    return sealPayload(this.keys().subKey(key), binding(place, purpose), value);
  }

  /** The note sealed for exactly `place`; 'record_damaged' if it was altered or moved. */
  open(place: NotePlace, sealed: Buffer): unknown {
    const { key, purpose } = KINDS[this.kind];
    try {
      return openPayload(this.keys().subKey(key), binding(place, purpose), sealed);
    } catch (error) {
      if (error instanceof SealedPayloadError) {
        throw new CoreError(
          'record_damaged',
          `A ${this.kind} note (${place.slot}) of ${place.ownerId} does not open (${error.problem}): it was altered, moved or damaged`,
        );
      }
      throw error;
    }
  }
}

function binding(place: NotePlace, purpose: PayloadPurpose) {
  return { recordId: `${place.ownerId}#${place.slot}#${place.key}`, revision: 0, purpose };
}
