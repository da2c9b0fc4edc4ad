import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN, call } from '../../support/core-harness.js';
import { adultGuest, CHECKLIST } from '../../support/desk-harness.js';
import { useStaffedDesk } from '../../support/staffed-desk.js';
import { tempDir } from '../../support/temp-dir.js';

const desk = useStaffedDesk();
const { as } = desk;

/**
 * A restore from the maintainer's screen closes the store and opens a new one inside the running
 * core. Every service of the store must follow it: one built on first use and kept would still
 * hold the closed database and answer every later call with an internal error.
 */
describe('services after a live restore', () => {
  it('registers a complaint, sends a suggestion, draws a sample, restores live, then lists and opens each', async () => {
    const recordId = await as('alice', async () => {
      const started = await call(desk.core, 'records.startIntake', {
        channel: 'on_site_face_to_face',
        draft: adultGuest(),
      });
      await call(desk.core, 'records.submit', { recordId: started.recordId, checklist: CHECKLIST });
      return started.recordId;
    });
    await as('bob', () => call(desk.core, 'review.approveCross', { recordId }));

    const complaint = await as('alice', () =>
      call(desk.core, 'complaints.register', {
        kind: 'wrong_information',
        receivedVia: 'desk',
        recordId,
        text: '雪票上的姓名拼写错了',
      }),
    );
    const suggestion = await as('alice', () =>
      call(desk.core, 'suggestions.send', { topic: 'system', text: '排队叫号能否显示在大屏上' }),
    );
    const sample = await as('supervisor', () =>
      call(desk.core, 'sample.draw', { from: '2026-11-23', to: '2026-11-23', sharePercent: 100 }),
    );
    expect(sample.items.map((i) => i.recordId)).toEqual([recordId]);

    await call(desk.core, 'session.signIn', ADMIN);
    const usb = tempDir('snowdesk-live-restore-usb-');
    try {
      await call(desk.core, 'backup.configure', { folder: usb.path, time: '23:30', keepDays: 30 });
      const made = await call(desk.core, 'backup.run', {});
      if (!made.ok) throw new Error(made.detail);
      const restored = await call(desk.core, 'backup.restore', {
        file: join(usb.path, made.fileName),
        recoveryKey: desk.recoveryKey,
      });
      expect(restored).toMatchObject({ ok: true });
    } finally {
      usb.remove();
    }

    await as('alice', async () => {
      const list = await call(desk.core, 'complaints.list', {});
      expect(list.items.map((c) => c.id)).toEqual([complaint.id]);
      expect(await call(desk.core, 'complaints.open', { complaintId: complaint.id })).toMatchObject({
        id: complaint.id,
        recordId,
        text: '雪票上的姓名拼写错了',
      });
      const mine = await call(desk.core, 'suggestions.mine', {});
      expect(mine.items.map((s) => s.id)).toEqual([suggestion.id]);
    });
    await as('manager', async () => {
      const all = await call(desk.core, 'suggestions.list', {});
      expect(all.items.map((s) => [s.id, s.text])).toEqual([[suggestion.id, '排队叫号能否显示在大屏上']]);
    });
    await as('supervisor', async () => {
      const samples = await call(desk.core, 'sample.list', {});
      expect(samples.samples.map((s) => s.sampleId)).toEqual([sample.sample.sampleId]);
      const again = await call(desk.core, 'sample.get', { sampleId: sample.sample.sampleId });
      expect(again.reproduction).toBe('same');
      const opened = await call(desk.core, 'sample.openRecord', {
        sampleId: sample.sample.sampleId,
        recordId,
      });
      expect(opened).toMatchObject({ recordId });
    });
  });
});
