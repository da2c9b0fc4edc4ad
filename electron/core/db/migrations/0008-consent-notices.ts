import type { Migration } from '../migration.js';

/**
 * The consent notice (R8; PIPL Art. 17): versioned, published by a manager, never edited in place,
 * so every record's `consent.noticeVersion` names the exact text the guest was told. Version
 * 2026-10 is the notice the desk used before the manager could publish one.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'consent-notices',
  up(db) {
    db.exec(`
      CREATE TABLE consent_notices (
        version      TEXT PRIMARY KEY,
        text_zh      TEXT NOT NULL,
        text_en      TEXT NOT NULL,
        published_at INTEGER NOT NULL,
        published_by TEXT REFERENCES staff (id)
      ) STRICT;
      CREATE TRIGGER consent_notices_no_update BEFORE UPDATE ON consent_notices
        BEGIN SELECT RAISE(ABORT, 'a published notice is never changed: publish a new version'); END;
    `);
    db.prepare(
      'INSERT INTO consent_notices (version, text_zh, text_en, published_at, published_by) VALUES (?, ?, ?, 0, NULL)',
    ).run(
      '2026-10',
      '本滑雪场收集您的姓名、联系方式、证件号码、家庭住址和滑雪偏好，用于办理雪票、租赁、教学和安全保障。您的证件号码属于敏感个人信息，仅用于实名登记，需要您单独同意。信息保存至您最后一次到访后 3 年，届时删除。您可以随时在客服台查阅、复制、更正或要求删除您的信息，也可以撤回同意。',
      'The resort collects your name, contact details, ID number, home address and ski preferences to issue passes, rentals and lessons and to keep you safe. Your ID number is sensitive personal information, used only for real-name registration, and needs your separate consent. The information is kept for 3 years after your last visit and then deleted. At the desk you can see, copy, correct or have your information deleted at any time, and withdraw your consent.',
    );
  },
};
