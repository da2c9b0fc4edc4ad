import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RETRY_AFTER_FAILURE_MS } from '../../../electron/core/backup/backup-schedule.js';
import type { Core } from '../../../electron/core/create-core.js';
import { DATABASE_FILE } from '../../../electron/core/db/open-database.js';
import {
  ADMIN,
  call,
  ManualClock,
  memorySettings,
  openTestCore,
  setUpKiosk,
} from '../../support/core-harness.js';
import { tempDir } from '../../support/temp-dir.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** China time (UTC+8) as an instant, November 2026 */
const china = (day: number, hour: number, minute = 0) => Date.UTC(2026, 10, day, hour - 8, minute);

const dirs: { remove(): void }[] = [];
const cores: Core[] = [];

afterEach(async () => {
  for (const core of cores.splice(0)) {
    await core.backupSchedule.settled();
    core.close();
  }
  for (const dir of dirs.splice(0)) dir.remove();
});

/** A set-up kiosk at 10:00 China time on the 23rd, a backup folder configured, nobody signed in. */
async function kiosk() {
  const dir = tempDir('snowdesk-backup-schedule-');
  dirs.push(dir);
  const clock = new ManualClock(china(23, 10, 0));
  const settings = memorySettings();
  const core = await openTestCore(join(dir.path, 'data'), { clock, settings });
  cores.push(core);
  await setUpKiosk(core);
  const folder = join(dir.path, 'usb');
  mkdirSync(folder);
  return { core, clock, folder, settings, dataDir: join(dir.path, 'data') };
}

/** Back at the kiosk after the clock moved (the same tick locks an idle screen). */
async function maintainerBack(core: Core): Promise<void> {
  const state = await call(core, 'session.state', {});
  if (state.status === 'signed-out') await call(core, 'session.signIn', ADMIN);
  else if (state.locked) await call(core, 'session.unlock', { password: ADMIN.password });
}

/** What the timer does: the core's tick, then the attempt it may have started. */
async function tick(core: Core): Promise<void> {
  core.tick();
  await core.backupSchedule.settled();
}

function history(dataDir: string): { outcome: string; error_code: string | null; finished_at: number }[] {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare('SELECT outcome, error_code, finished_at FROM backup_history ORDER BY id').all() as {
      outcome: string;
      error_code: string | null;
      finished_at: number;
    }[];
  } finally {
    db.close();
  }
}

const backups = (folder: string) => readdirSync(folder).filter((name) => name.endsWith('.sdbak'));

describe('the daily backup', () => {
  it('does nothing while no folder is configured', async () => {
    const { core, clock, dataDir } = await kiosk();
    clock.advance(3 * DAY);
    expect(core.backupSchedule.check()).toBeNull();
    await tick(core);
    expect(history(dataDir)).toEqual([]);
    await maintainerBack(core);
    expect((await call(core, 'backup.status', {})).nextRunAt).toBeNull();
  });

  it('runs at the set time while nobody is signed in, once per day, and catches up after the kiosk was off', async () => {
    const { core, clock, folder, settings, dataDir } = await kiosk();
    // configured at 10:00: last night's 23:30 has no backup, so the first one is made at once
    expect(await call(core, 'backup.configure', { folder, time: '23:30', keepDays: 30 })).toMatchObject({
      ok: true,
    });
    expect(settings.get('backupFolder')).toBe(folder);
    await call(core, 'session.signOut', {});
    await tick(core);
    expect(history(dataDir)).toMatchObject([{ outcome: 'ok' }]);
    expect(backups(folder)).toHaveLength(1);

    // not again before 23:30
    clock.advance(13 * HOUR + 29 * MINUTE); // 23:29
    expect(core.backupSchedule.check()).toBeNull();
    clock.advance(MINUTE); // 23:30
    const attempt = core.backupSchedule.check();
    expect(attempt).not.toBeNull();
    // never two at once: the timer's next check while it runs starts nothing
    expect(core.backupSchedule.check()).toBeNull();
    await attempt;
    expect(history(dataDir)).toHaveLength(2);
    clock.advance(10 * MINUTE);
    await tick(core);
    expect(history(dataDir)).toHaveLength(2);

    // the kiosk is off for three nights; at start the next morning: one backup, not three
    clock.advance(3 * DAY + 8 * HOUR);
    await tick(core);
    await tick(core);
    expect(history(dataDir).map((row) => row.outcome)).toEqual(['ok', 'ok', 'ok']);
    // retention keeps the newest of each day: the 23rd's 23:30 one and today's
    expect(backups(folder)).toHaveLength(2);
    await maintainerBack(core);
    const status = await call(core, 'backup.status', {});
    expect(status).toMatchObject({ warning: 'none', running: false, settings: { folder } });
    expect(status.nextRunAt).toBe(china(27, 23, 30));
  });

  it('runs while the kiosk is locked (no data key in memory)', async () => {
    const { core, clock, folder, dataDir } = await kiosk();
    await call(core, 'backup.configure', { folder, time: '23:30', keepDays: 30 });
    await call(core, 'session.lock', {});
    clock.advance(14 * HOUR); // 00:00 on the 24th
    await tick(core);
    expect(history(dataDir)).toMatchObject([{ outcome: 'ok' }]);
    expect((await call(core, 'session.state', {})).status).toBe('signed-in');
  });

  it('records a failure, says so, and tries again an hour later', async () => {
    const { core, clock, folder, dataDir } = await kiosk();
    await call(core, 'backup.configure', { folder, time: '23:30', keepDays: 30 });
    await tick(core); // the first backup, at 10:00
    const events: unknown[] = [];
    core.subscribe((event, payload) => {
      if (event === 'backup.changed') events.push(payload);
    });

    // the USB drive is taken away before 23:30
    renameSync(folder, `${folder}-away`);
    clock.advance(13 * HOUR + 30 * MINUTE);
    await tick(core);
    expect(history(dataDir).at(-1)).toMatchObject({ outcome: 'failed', error_code: 'folder_missing' });
    await maintainerBack(core);
    expect(await call(core, 'backup.status', {})).toMatchObject({
      warning: 'failed',
      lastFailure: { errorCode: 'folder_missing', folder },
    });
    expect(events.at(-1)).toEqual({ warning: 'failed', lastSuccessAt: china(23, 10, 0), configured: true });

    // not retried within the hour, even with the drive back
    renameSync(`${folder}-away`, folder);
    clock.advance(RETRY_AFTER_FAILURE_MS - MINUTE);
    expect(core.backupSchedule.check()).toBeNull();
    clock.advance(MINUTE);
    await tick(core);
    expect(history(dataDir).map((row) => row.outcome)).toEqual(['ok', 'failed', 'ok']);
    await maintainerBack(core);
    expect((await call(core, 'backup.status', {})).warning).toBe('none');
    expect(events.at(-1)).toMatchObject({ warning: 'none' });
    // and not again that night
    clock.advance(2 * HOUR);
    expect(core.backupSchedule.check()).toBeNull();
  });

  it('a backup on demand while the scheduled one runs answers that one; two on demand do not overlap', async () => {
    const { core, clock, folder, dataDir } = await kiosk();
    await call(core, 'backup.configure', { folder, time: '23:30', keepDays: 30 });
    const scheduled = core.backupSchedule.check();
    expect(scheduled).not.toBeNull();
    const onDemand = await call(core, 'backup.run', {});
    await scheduled;
    expect(onDemand).toMatchObject({ ok: true, folder });
    expect(history(dataDir)).toHaveLength(1);

    clock.advance(MINUTE);
    const [first, second] = await Promise.all([call(core, 'backup.run', {}), call(core, 'backup.run', {})]);
    expect([first.ok, second.ok].sort()).toEqual([false, true]);
    expect([first, second].find((answer) => !answer.ok)).toMatchObject({ problem: 'busy' });
    // the refused one never started: one more attempt in the history, not two
    expect(history(dataDir)).toHaveLength(2);
    // the audit names who asked for the backup on demand, and nobody for the scheduled one
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    const actors = db
      .prepare("SELECT actor_id FROM audit_log WHERE action = 'backup.create' ORDER BY seq")
      .pluck()
      .all();
    const admin = db.prepare('SELECT id FROM staff WHERE name = ?').pluck().get(ADMIN.name);
    db.close();
    expect(actors).toEqual([null, admin]);
  });
});
