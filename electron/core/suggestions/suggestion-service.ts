import type { Database } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type {
  SUGGESTION_TOPICS,
  SuggestionList,
  SuggestionView,
} from '../../../shared/ipc/suggestion-schemas.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import { CoreError } from '../core-error.js';
import type { KeyHandle } from '../crypto/key-handle.js';
import { SealedNotes } from '../crypto/sealed-note.js';
import type { ActiveSession } from '../session/session-store.js';

interface SuggestionRow {
  id: string;
  topic: SuggestionView['topic'];
  text_sealed: Buffer;
  sent_by: string;
  sent_name: string;
  sent_at: number;
  read_by: string | null;
  read_name: string | null;
  read_at: number | null;
}

const SELECT = `
  SELECT s.*, a.name AS sent_name, r.name AS read_name FROM suggestions s
    JOIN staff a ON a.id = s.sent_by LEFT JOIN staff r ON r.id = s.read_by`;

/**
 * Staff suggestions (R17 提出建议权、获得支持权): anyone signed in whose role may send writes a short
 * suggestion about the entry process or the system; the manager reads them and marks them read, and
 * the sender sees that they were. The sender is kept (the policy rewards useful suggestions, 创新奖励).
 * The text is sealed under the suggestion sub-key: staff quote guests when they describe a problem.
 */
export class SuggestionService {
  private readonly notes: SealedNotes;

  constructor(private readonly deps: { db: Database; audit: AuditLog; keys: () => KeyHandle; clock: Clock }) {
    this.notes = new SealedNotes(deps.keys, 'suggestion');
  }

  send(
    session: ActiveSession,
    input: { topic: (typeof SUGGESTION_TOPICS)[number]; text: string },
  ): SuggestionView {
    const id = randomUUID();
    const now = this.deps.clock.now();
    this.deps.db
      .transaction(() => {
        this.deps.db
          .prepare(
            'INSERT INTO suggestions (id, topic, text_sealed, sent_by, sent_at) VALUES (?, ?, ?, ?, ?)',
          )
          .run(id, input.topic, this.notes.seal(place(id), { text: input.text }), session.staff.id, now);
        this.audit(session, 'suggestion.send', id, `topic:${input.topic}`);
      })
      .immediate();
    return this.view(this.require(id));
  }

  /** What this person sent, and whether the manager has read it. */
  mine(session: ActiveSession): SuggestionList {
    const rows = this.deps.db
      .prepare<[string], SuggestionRow>(`${SELECT} WHERE s.sent_by = ? ORDER BY s.sent_at DESC, s.id`)
      .all(session.staff.id);
    return this.list(rows);
  }

  /** Every suggestion, unread first; the manager opening them all is one audited look. */
  all(session: ActiveSession): SuggestionList {
    const rows = this.deps.db
      .prepare<[], SuggestionRow>(`${SELECT} ORDER BY s.read_at IS NOT NULL, s.sent_at DESC, s.id`)
      .all();
    const list = this.list(rows);
    this.deps.audit.append({
      actorId: session.staff.id,
      action: 'suggestion.list',
      targetType: 'suggestions',
      reason: `count:${String(rows.length)}`,
    });
    return list;
  }

  markRead(session: ActiveSession, suggestionId: string): SuggestionView {
    this.deps.db
      .transaction(() => {
        const row = this.require(suggestionId);
        if (row.read_at !== null) return;
        this.deps.db
          .prepare('UPDATE suggestions SET read_by = ?, read_at = ? WHERE id = ? AND read_at IS NULL')
          .run(session.staff.id, this.deps.clock.now(), suggestionId);
        this.audit(session, 'suggestion.read', suggestionId);
      })
      .immediate();
    return this.view(this.require(suggestionId));
  }

  private list(rows: SuggestionRow[]): SuggestionList {
    return {
      items: rows.map((row) => this.view(row)),
      unread: rows.filter((row) => row.read_at === null).length,
    };
  }

  private require(id: string): SuggestionRow {
    const row = this.deps.db.prepare<[string], SuggestionRow>(`${SELECT} WHERE s.id = ?`).get(id);
    if (!row)
      throw new CoreError('not_found', 'No such suggestion', { suggestionId: 'desk.unknown_suggestion' });
    return row;
  }

  private view(row: SuggestionRow): SuggestionView {
    const opened = this.notes.open(place(row.id), row.text_sealed) as { text: string };
    return {
      id: row.id,
      topic: row.topic,
      text: opened.text,
      sentBy: { id: row.sent_by, name: row.sent_name },
      sentAt: row.sent_at,
      readBy: row.read_by === null ? null : { id: row.read_by, name: row.read_name ?? '' },
      readAt: row.read_at,
    };
  }

  private audit(session: ActiveSession, action: string, id: string, reason?: string): void {
    this.deps.audit.append({
      actorId: session.staff.id,
      action,
      targetType: 'suggestion',
      targetId: id,
      ...(reason === undefined ? {} : { reason }),
    });
  }
}

function place(id: string) {
  return { ownerId: id, slot: 'text', key: '0' };
}
