import type { Migration } from '../migration.js';

/**
 * Guest complaints (R27) and staff suggestions (R17).
 *
 * - complaints: one row per complaint registered at the desk. Clear columns hold only what the
 *   register is queried by: a running number the guest can quote, the kind (wrong information,
 *   suspected leak, other), how it came in, the record it names (if any), its state, who
 *   registered, was assigned and resolved it and when, the outcome and how the answer reached the
 *   guest. What the guest said and the answer given are staff prose about a guest: sealed under
 *   the complaint sub-key (sub-keys.ts 9) in `text_sealed` and `answer_sealed`.
 * - complaint_events: the complaint's history (registered, assigned, note, resolved), one row per
 *   step, with an investigation note sealed in `note_sealed` when one was written.
 * - suggestions: a staff member's suggestion about the entry process or the system (R17): topic in
 *   clear, text sealed under the suggestion sub-key (sub-keys.ts 10), when the manager read it.
 *
 * A complaint names a record by id only; the record's erasure does not remove the complaint (the
 * register must show what was complained of and what was answered), so there is no foreign key to
 * the workflow tables beyond guest_records, whose tombstone row survives erasure.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'complaints-and-suggestions',
  up(db) {
    db.exec(`
      CREATE TABLE complaints (
        id             TEXT PRIMARY KEY,
        number         INTEGER NOT NULL UNIQUE CHECK (number >= 1),
        kind           TEXT NOT NULL CHECK (kind IN ('wrong_information', 'suspected_leak', 'other')),
        received_via   TEXT NOT NULL CHECK (received_via IN ('desk', 'hotline', 'email', 'other')),
        record_id      TEXT REFERENCES guest_records (id),
        status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'assigned', 'resolved')),
        text_sealed    BLOB NOT NULL,
        registered_by  TEXT NOT NULL REFERENCES staff (id),
        registered_at  INTEGER NOT NULL,
        assigned_to    TEXT REFERENCES staff (id),
        assigned_by    TEXT REFERENCES staff (id),
        assigned_at    INTEGER,
        resolved_by    TEXT REFERENCES staff (id),
        resolved_at    INTEGER,
        outcome        TEXT CHECK (outcome IN ('upheld', 'not_upheld')),
        answered_via   TEXT CHECK (answered_via IN ('in_person', 'phone', 'email', 'message', 'letter')),
        answer_sealed  BLOB,
        updated_at     INTEGER NOT NULL,
        CHECK ((assigned_to IS NULL) = (assigned_at IS NULL)),
        CHECK ((assigned_to IS NULL) = (assigned_by IS NULL)),
        CHECK (status = 'open' OR assigned_to IS NOT NULL),
        CHECK ((status = 'resolved') = (resolved_at IS NOT NULL)),
        CHECK ((resolved_at IS NULL) = (resolved_by IS NULL)),
        CHECK (status <> 'resolved' OR (answer_sealed IS NOT NULL AND outcome IS NOT NULL AND answered_via IS NOT NULL))
      ) STRICT;
      CREATE INDEX complaints_status ON complaints (status, kind, registered_at);
      CREATE INDEX complaints_record ON complaints (record_id) WHERE record_id IS NOT NULL;

      CREATE TABLE complaint_events (
        complaint_id TEXT NOT NULL REFERENCES complaints (id),
        seq          INTEGER NOT NULL CHECK (seq >= 1),
        kind         TEXT NOT NULL CHECK (kind IN ('registered', 'assigned', 'note', 'resolved')),
        staff_id     TEXT NOT NULL REFERENCES staff (id),
        at           INTEGER NOT NULL,
        assignee_id  TEXT REFERENCES staff (id),
        note_sealed  BLOB,
        PRIMARY KEY (complaint_id, seq),
        CHECK (kind <> 'assigned' OR assignee_id IS NOT NULL),
        CHECK (kind <> 'note' OR note_sealed IS NOT NULL)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE suggestions (
        id          TEXT PRIMARY KEY,
        topic       TEXT NOT NULL CHECK (topic IN ('entry_process', 'system', 'training', 'support', 'other')),
        text_sealed BLOB NOT NULL,
        sent_by     TEXT NOT NULL REFERENCES staff (id),
        sent_at     INTEGER NOT NULL,
        read_by     TEXT REFERENCES staff (id),
        read_at     INTEGER,
        CHECK ((read_by IS NULL) = (read_at IS NULL))
      ) STRICT;
      CREATE INDEX suggestions_sent_at ON suggestions (sent_at);
    `);
  },
};
