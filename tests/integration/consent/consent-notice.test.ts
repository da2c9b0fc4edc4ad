import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/create-core.js';
import {
  call,
  FIRST_MANAGER,
  ManualClock,
  openTestCore,
  refusal,
  setUpKiosk,
} from '../../support/core-harness.js';
import { tempDir } from '../../support/temp-dir.js';

let dir: ReturnType<typeof tempDir>;
let core: Core;
const clock = new ManualClock();

beforeEach(async () => {
  dir = tempDir();
  core = await openTestCore(dir.path, { clock });
  await setUpKiosk(core);
  await call(core, 'staff.create', { name: 'Li Na', role: 'specialist', password: 'first-pass-2026' });
  await call(core, 'session.signOut', {});
});

afterEach(() => {
  core.close();
  dir.remove();
});

async function as(name: string): Promise<void> {
  await call(core, 'session.signIn', { name, password: 'first-pass-2026' });
  await call(core, 'session.changePassword', { current: 'first-pass-2026', next: 'own-pass-2026!' });
}

const texts = {
  textZh:
    '本滑雪场收集您的姓名、联系方式和证件号码，用于实名登记与安全保障；保存三年。您可查阅、更正或要求删除。',
  textEn:
    'The resort collects your name, contact and ID number for real-name registration and safety; kept three years.',
};

describe('the consent notice (R8)', () => {
  it('every signed-in person reads the current notice; a manager publishes a new version, audited', async () => {
    await as('Li Na');
    expect(await call(core, 'consent.current', {})).toMatchObject({ version: '2026-10' });
    expect((await refusal(core, 'consent.publish', { version: '2027-01', ...texts })).code).toBe('forbidden');

    await call(core, 'session.signIn', FIRST_MANAGER);
    clock.advance(1_000);
    const published = await call(core, 'consent.publish', { version: '2027-01', ...texts });
    expect(published).toMatchObject({
      version: '2027-01',
      text: { 'zh-CN': texts.textZh, en: texts.textEn },
    });
    expect(await call(core, 'consent.current', {})).toMatchObject({ version: '2027-01' });

    const again = await refusal(core, 'consent.publish', { version: '2027-01', ...texts });
    expect(again).toMatchObject({ code: 'conflict', fields: { version: 'version_taken' } });
    const short = await refusal(core, 'consent.publish', {
      version: '2027-02',
      textZh: '太短',
      textEn: texts.textEn,
    });
    expect(short).toMatchObject({ code: 'invalid_input', fields: { textZh: 'notice_too_short' } });
    expect(await call(core, 'audit.verify', {})).toMatchObject({ ok: true });
  });
});
