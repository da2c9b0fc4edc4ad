import type { Database } from 'better-sqlite3';
import type { ConsentNotice } from '../../../shared/ipc/consent-schemas.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import { CoreError } from '../core-error.js';

interface NoticeRow {
  version: string;
  text_zh: string;
  text_en: string;
  published_at: number;
}

function view(row: NoticeRow): ConsentNotice {
  return {
    version: row.version,
    text: { 'zh-CN': row.text_zh, en: row.text_en },
    publishedAt: row.published_at,
  };
}

/** The notice in force is the one published last; older ones stay for the records that cite them. */
export function currentNotice(db: Database): ConsentNotice {
  const row = db
    .prepare<[], NoticeRow>('SELECT * FROM consent_notices ORDER BY published_at DESC, rowid DESC LIMIT 1')
    .get();
  if (!row) throw new CoreError('not_found', 'No consent notice has been published');
  return view(row);
}

export function publishNotice(
  db: Database,
  audit: AuditLog,
  clock: Clock,
  actorId: string,
  notice: { version: string; textZh: string; textEn: string },
): ConsentNotice {
  return db.transaction(() => {
    const exists = db.prepare('SELECT 1 FROM consent_notices WHERE version = ?').get(notice.version);
    if (exists)
      throw new CoreError('conflict', 'This version exists; publish a new one', {
        version: 'consentNotice.version_taken',
      });
    db.prepare(
      'INSERT INTO consent_notices (version, text_zh, text_en, published_at, published_by) VALUES (?, ?, ?, ?, ?)',
    ).run(notice.version, notice.textZh, notice.textEn, clock.now(), actorId);
    audit.append({
      actorId,
      action: 'consent.notice_published',
      targetType: 'consent_notice',
      targetId: notice.version,
    });
    return currentNotice(db);
  })();
}
