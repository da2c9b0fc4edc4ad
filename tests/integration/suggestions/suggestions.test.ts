import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../electron/core/db/open-database.js';
import { ADMIN, call, refusal } from '../../support/core-harness.js';
import { filesContaining } from '../../support/desk-harness.js';
import { useStaffedDesk } from '../../support/staffed-desk.js';

const desk = useStaffedDesk();
const { as } = desk;

const IDEA = '证件号码输入框能否自动去掉空格？今天张女士的号码 1101 0519 8503 1212 3X 输了三次';

describe('staff suggestions (R17)', () => {
  it('anyone may send one, the manager reads it and marks it read, and the sender sees that', async () => {
    const sent = await as('alice', () =>
      call(desk.core, 'suggestions.send', { topic: 'system', text: `${IDEA}\n` }),
    );
    expect(sent).toMatchObject({ topic: 'system', text: IDEA, sentBy: { id: desk.ids.alice }, readAt: null });
    desk.clock.advance(60_000);
    await as('supervisor', () =>
      call(desk.core, 'suggestions.send', { topic: 'training', text: '希望多一次抽查培训' }),
    );
    // even the trainee (not certified) and the maintainer may send
    await as('trainee', () =>
      call(desk.core, 'suggestions.send', { topic: 'support', text: '练习模式能否有示例客户' }),
    );
    await call(desk.core, 'session.signIn', ADMIN);
    await call(desk.core, 'suggestions.send', { topic: 'other', text: '打印机缺纸时请告诉我' });
    await call(desk.core, 'session.signOut', {});

    await as('manager', async () => {
      const list = await call(desk.core, 'suggestions.list', {});
      expect(list.unread).toBe(4);
      expect(list.items.find((s) => s.id === sent.id)?.text).toBe(IDEA);
      const read = await call(desk.core, 'suggestions.markRead', { suggestionId: sent.id });
      expect(read).toMatchObject({
        readBy: { id: desk.ids.manager, name: 'Manager Sun' },
        readAt: desk.clock.now(),
      });
      // marking it twice changes nothing
      desk.clock.advance(1000);
      expect((await call(desk.core, 'suggestions.markRead', { suggestionId: sent.id })).readAt).toBe(
        read.readAt,
      );
      const after = await call(desk.core, 'suggestions.list', {});
      expect(after.unread).toBe(3);
      // unread first
      expect(after.items.at(-1)?.id).toBe(sent.id);
      // the manager reads; sending is for the staff
      expect(await refusal(desk.core, 'suggestions.send', { topic: 'other', text: 'x' })).toMatchObject({
        code: 'forbidden',
      });
      expect(
        await refusal(desk.core, 'suggestions.markRead', {
          suggestionId: '6f1c2b1e-8d3a-4a36-9d7c-3f2b1a0e9c11',
        }),
      ).toMatchObject({ code: 'not_found' });
    });

    await as('alice', async () => {
      const mine = await call(desk.core, 'suggestions.mine', {});
      expect(mine.items).toHaveLength(1);
      expect(mine.items[0]).toMatchObject({ id: sent.id, readBy: { id: desk.ids.manager } });
      expect(await refusal(desk.core, 'suggestions.list', {})).toMatchObject({ code: 'forbidden' });
      expect(await refusal(desk.core, 'suggestions.markRead', { suggestionId: sent.id })).toMatchObject({
        code: 'forbidden',
      });
    });

    const db = new Database(join(desk.dir, DATABASE_FILE), { readonly: true });
    try {
      const trail = db
        .prepare(
          "SELECT action, actor_id, reason FROM audit_log WHERE action LIKE 'suggestion.%' ORDER BY seq",
        )
        .all() as { action: string; actor_id: string; reason: string | null }[];
      expect(trail.filter((e) => e.action === 'suggestion.send')).toHaveLength(4);
      expect(trail.filter((e) => e.action === 'suggestion.read')).toEqual([
        { action: 'suggestion.read', actor_id: desk.ids.manager, reason: null },
      ]);
      expect(trail.filter((e) => e.action === 'suggestion.list').map((e) => e.reason)).toEqual([
        'count:4',
        'count:4',
      ]);
    } finally {
      db.close();
    }
    // staff quote guests: the text is sealed
    expect(filesContaining(desk.dir, '1101 0519 8503 1212 3X')).toEqual([]);
    expect(filesContaining(desk.dir, '希望多一次抽查培训')).toEqual([]);
  });

  it('refuses empty, overlong and unknown-topic suggestions, and anyone not signed in', async () => {
    await as('bob', async () => {
      expect(await refusal(desk.core, 'suggestions.send', { topic: 'system', text: '  \n ' })).toMatchObject({
        code: 'invalid_input',
        fields: { text: 'desk.required' },
      });
      expect(
        await refusal(desk.core, 'suggestions.send', { topic: 'system', text: '长'.repeat(2001) }),
      ).toMatchObject({
        code: 'invalid_input',
        fields: { text: 'desk.text_too_long' },
      });
      expect(
        await refusal(desk.core, 'suggestions.send', { topic: 'salary' as 'other', text: '加薪' }),
      ).toMatchObject({ code: 'invalid_input' });
      expect((await call(desk.core, 'suggestions.mine', {})).items).toEqual([]);
    });
    expect(await refusal(desk.core, 'suggestions.send', { topic: 'system', text: '你好' })).toMatchObject({
      code: 'not_signed_in',
    });
  });
});
