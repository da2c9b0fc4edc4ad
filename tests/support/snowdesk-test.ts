import { test as base } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Core } from '../../electron/core/create-core.js';
import { openSettingsFile } from '../../electron/core/settings-file.js';
import { startTempCentral, type TempCentral } from './central-server/temp-central.js';
import { call, ManualClock, openTestCore, setUpKiosk, TEST_ARGON2 } from './core-harness.js';
import { staffTheDesk, type Person } from './desk-harness.js';
import { kioskScreens, type KioskScreens } from './kiosk-screens.js';
import { launchSnowdesk, type LaunchedSnowdesk, type LaunchOptions } from './launch-snowdesk.js';
import { tempDir } from './temp-dir.js';

export { expect } from '@playwright/test';

/** The app in Chromium on the real core, with the screens' helpers bound to its page. */
export type Kiosk = LaunchedSnowdesk & KioskScreens;

/** A kiosk whose desk is staffed (staffTheDesk): everyone signed out, the page not yet reloaded. */
export type StaffedKiosk = Kiosk & { ids: Record<Person, string> };

interface SnowdeskFixtures {
  /** a folder of the test's own (for USB drives, downloads…), removed with everything after it */
  workDir: string;
  /** the kiosk's data folder, `data` inside workDir */
  dataDir: string;
  /** the time the core reads: 2026-11-23 10:00 in China until the test moves it */
  clock: ManualClock;
  /** opens dataDir with a core of its own on `clock` before the app runs, does `work`, closes it */
  withCore: <T>(work: (core: Core) => Promise<T>) => Promise<T>;
  /** first setup done and confirmed through withCore, then `work` as the maintainer; all signed out */
  prepareKiosk: (work?: (core: Core) => Promise<void>) => Promise<{ recoveryKey: string }>;
  /** launches the app on dataDir and `clock` (cheap Argon2); closed after the test */
  launch: (options?: Partial<LaunchOptions>) => Promise<Kiosk>;
  /** launch() on a fresh data folder: the first-setup screen */
  app: Kiosk;
  /** app with the desk's people made through the core */
  desk: StaffedKiosk;
  /** a loopback central system in a folder of its own, closed after the test */
  central: TempCentral;
}

export const test = base.extend<SnowdeskFixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from this pattern
  workDir: async ({}, use, testInfo) => {
    const dir = tempDir(`snowdesk-e2e-${basename(testInfo.file, '.spec.ts')}-`);
    try {
      await use(dir.path);
    } finally {
      dir.remove();
    }
  },
  dataDir: async ({ workDir }, use) => {
    const dataDir = join(workDir, 'data');
    mkdirSync(dataDir);
    await use(dataDir);
  },
  // eslint-disable-next-line no-empty-pattern -- as above
  clock: async ({}, use) => {
    await use(new ManualClock());
  },
  withCore: async ({ dataDir, clock }, use) => {
    await use(async (work) => {
      const core = await openTestCore(dataDir, { clock, settings: openSettingsFile(dataDir) });
      try {
        return await work(core);
      } finally {
        core.close();
      }
    });
  },
  prepareKiosk: async ({ withCore }, use) => {
    await use((work) =>
      withCore(async (core) => {
        const setup = await setUpKiosk(core);
        await work?.(core);
        await call(core, 'session.signOut', {});
        return setup;
      }),
    );
  },
  launch: async ({ dataDir, clock }, use) => {
    const launched: LaunchedSnowdesk[] = [];
    try {
      await use(async (options = {}) => {
        const app = await launchSnowdesk({ dataDir, argon2: TEST_ARGON2, clock, ...options });
        launched.push(app);
        return { ...app, ...kioskScreens(app.page) };
      });
    } finally {
      for (const app of launched) {
        // a backup the core's timer started must finish before its folder goes
        await app.core.backupSchedule.settled();
        await app.close();
      }
    }
  },
  app: async ({ launch }, use) => {
    await use(await launch());
  },
  desk: async ({ app }, use) => {
    await use({ ...app, ids: await staffTheDesk(app.core) });
  },
  // eslint-disable-next-line no-empty-pattern -- as above
  central: async ({}, use) => {
    const central = await startTempCentral();
    try {
      await use(central);
    } finally {
      await central.dispose();
    }
  },
});
