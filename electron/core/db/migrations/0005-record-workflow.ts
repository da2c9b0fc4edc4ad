import type { Migration } from '../migration.js';

/**
 * The review workflow of DESIGN.md "Records and the review workflow" (R9–R14, R19): who entered,
 * reviewed and approved which revision, when, and against which deadline. All of it is workflow
 * metadata in clear columns (states, instants, staff ids, channel, flags) so queues can be queried
 * without the data key; nothing here identifies a guest.
 *
 * Free text that staff type about a record (review comments, the reason of a correction, an
 * erasure or an escalation, a contact attempt's note) is sealed with the record sub-key in the
 * `*_sealed` columns: people write "the phone should be 139…" or "surname is 張 not 章", and no
 * rule can keep values out of prose. The field PATHS a comment points at are names, not values,
 * and stay in clear (`review_rounds.fields`, validated against the field catalogue by the core),
 * so quality reports can count returns by field without unlocking. Erasure destroys the sealed
 * text together with the payloads; the rows (who, when, which fields) stay as the tombstone.
 *
 * Tables:
 * - record_workflow: one row per guest record: channel, the working and in-force revision,
 *   arrival and claim of an online submission.
 * - revision_workflow: one row per record revision: its state, entrant, flags, the entry and
 *   cross-review clocks, the assigned and the actual cross reviewer, the final reviewer.
 *   'cancelled' (a correction the guest abandoned) is a store-only state beyond the pure
 *   state machine: the revision is kept for history and never counted again.
 * - review_rounds: one row per review decision (cross or final): the history of rounds.
 * - contact_attempts: calls and messages to the guest of an online submission (R9).
 * - erasure_requests: requested by a specialist or lead, decided by a manager.
 *
 * Records written by version 4 (before the workflow existed) enter it as drafts of whoever wrote
 * their newest revision: nobody reviewed them, so none becomes valid by migration. Older revisions
 * of such a record are marked 'cancelled'; an erased record's revisions are 'erased'. Their channel
 * is NULL (it is inside the sealed payload) until the entrant next saves the draft.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'record-workflow',
  up(db) {
    db.exec(`
      CREATE TABLE record_workflow (
        record_id         TEXT PRIMARY KEY REFERENCES guest_records (id),
        channel           TEXT CHECK (channel IN ('on_site_face_to_face', 'on_site_paper_form',
                                                  'online_website', 'online_wechat', 'online_app')),
        working_revision  INTEGER NOT NULL CHECK (working_revision >= 1),
        in_force_revision INTEGER CHECK (in_force_revision >= 1 AND in_force_revision <= working_revision),
        received_at       INTEGER,
        claimed_by        TEXT REFERENCES staff (id),
        claimed_at        INTEGER,
        updated_at        INTEGER NOT NULL,
        CHECK (received_at IS NULL OR channel LIKE 'online\\_%' ESCAPE '\\'),
        CHECK ((claimed_by IS NULL) = (claimed_at IS NULL)),
        CHECK (claimed_by IS NULL OR received_at IS NOT NULL),
        FOREIGN KEY (record_id, working_revision) REFERENCES record_revisions (record_id, revision)
      ) STRICT;

      CREATE TABLE revision_workflow (
        record_id               TEXT NOT NULL,
        revision                INTEGER NOT NULL,
        state                   TEXT NOT NULL CHECK (state IN ('draft', 'awaiting_cross_review', 'returned',
                                  'awaiting_final_review', 'valid', 'erased', 'cancelled')),
        entrant_id              TEXT REFERENCES staff (id),
        vip                     INTEGER NOT NULL DEFAULT 0 CHECK (vip IN (0, 1)),
        doubtful                INTEGER NOT NULL DEFAULT 0 CHECK (doubtful IN (0, 1)),
        entry_started_at        INTEGER NOT NULL,
        entry_due_at            INTEGER,
        first_submitted_at      INTEGER,
        submitted_at            INTEGER,
        cross_review_due_at     INTEGER,
        assigned_reviewer_id    TEXT REFERENCES staff (id),
        assigned_by             TEXT REFERENCES staff (id),
        assigned_at             INTEGER,
        cross_reviewer_id       TEXT REFERENCES staff (id),
        cross_reviewed_at       INTEGER,
        final_reviewer_id       TEXT REFERENCES staff (id),
        final_reviewed_at       INTEGER,
        valid_at                INTEGER,
        reason_sealed           BLOB,
        updated_at              INTEGER NOT NULL,
        PRIMARY KEY (record_id, revision),
        FOREIGN KEY (record_id, revision) REFERENCES record_revisions (record_id, revision),
        -- only an unclaimed online submission (or an erased tombstone) has no entrant yet
        CHECK (entrant_id IS NOT NULL OR state IN ('draft', 'erased', 'cancelled')),
        CHECK (state NOT IN ('awaiting_cross_review', 'awaiting_final_review', 'valid') OR submitted_at IS NOT NULL),
        CHECK (state <> 'valid' OR valid_at IS NOT NULL),
        CHECK (assigned_reviewer_id IS NULL OR assigned_reviewer_id IS NOT entrant_id),
        CHECK (cross_reviewer_id IS NULL OR cross_reviewer_id IS NOT entrant_id),
        CHECK (final_reviewer_id IS NULL OR final_reviewer_id IS NOT entrant_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX revision_workflow_state ON revision_workflow (state, entrant_id);
      CREATE INDEX revision_workflow_assigned ON revision_workflow (assigned_reviewer_id)
        WHERE assigned_reviewer_id IS NOT NULL;

      CREATE TABLE review_rounds (
        record_id    TEXT NOT NULL,
        round        INTEGER NOT NULL CHECK (round >= 1),
        revision     INTEGER NOT NULL,
        stage        TEXT NOT NULL CHECK (stage IN ('cross', 'final')),
        reviewer_id  TEXT NOT NULL REFERENCES staff (id),
        outcome      TEXT NOT NULL CHECK (outcome IN ('approved', 'escalated', 'returned')),
        fields       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(fields) AND json_type(fields) = 'array'),
        sealed       BLOB,
        submitted_at INTEGER NOT NULL,
        decided_at   INTEGER NOT NULL,
        PRIMARY KEY (record_id, round),
        FOREIGN KEY (record_id, revision) REFERENCES record_revisions (record_id, revision),
        CHECK (outcome <> 'returned' OR fields <> '[]')
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE contact_attempts (
        id           INTEGER PRIMARY KEY,
        record_id    TEXT NOT NULL REFERENCES guest_records (id),
        staff_id     TEXT NOT NULL REFERENCES staff (id),
        attempted_at INTEGER NOT NULL,
        method       TEXT NOT NULL CHECK (method IN ('phone', 'sms', 'wechat', 'email', 'other')),
        outcome      TEXT NOT NULL CHECK (outcome IN ('reached', 'no_answer', 'busy', 'wrong_number',
                                                      'left_message', 'declined', 'other')),
        note_sealed  BLOB
      ) STRICT;
      CREATE INDEX contact_attempts_record ON contact_attempts (record_id, attempted_at);

      CREATE TABLE erasure_requests (
        id                     TEXT PRIMARY KEY,
        record_id              TEXT NOT NULL REFERENCES guest_records (id),
        requested_by           TEXT NOT NULL REFERENCES staff (id),
        requested_at           INTEGER NOT NULL,
        reason_sealed          BLOB,
        status                 TEXT NOT NULL DEFAULT 'pending'
                               CHECK (status IN ('pending', 'approved', 'rejected')),
        decided_by             TEXT REFERENCES staff (id),
        decided_at             INTEGER,
        decision_reason_sealed BLOB,
        CHECK ((status = 'pending') = (decided_by IS NULL)),
        CHECK ((decided_by IS NULL) = (decided_at IS NULL)),
        CHECK (status <> 'approved' OR decided_by <> requested_by)
      ) STRICT;
      CREATE UNIQUE INDEX erasure_requests_one_pending ON erasure_requests (record_id) WHERE status = 'pending';

      -- records written before the workflow existed: drafts of their last writer, never valid
      INSERT INTO revision_workflow (record_id, revision, state, entrant_id, entry_started_at, updated_at)
        SELECT r.record_id, r.revision,
               CASE WHEN g.erased_at IS NOT NULL THEN 'erased'
                    WHEN r.revision = (SELECT max(revision) FROM record_revisions m WHERE m.record_id = r.record_id)
                      THEN 'draft'
                    ELSE 'cancelled' END,
               r.created_by, r.created_at, r.created_at
          FROM record_revisions r JOIN guest_records g ON g.id = r.record_id;
      INSERT INTO record_workflow (record_id, channel, working_revision, updated_at)
        SELECT g.id, NULL, (SELECT max(revision) FROM record_revisions r WHERE r.record_id = g.id), g.created_at
          FROM guest_records g
         WHERE EXISTS (SELECT 1 FROM record_revisions r WHERE r.record_id = g.id);
    `);
  },
};
