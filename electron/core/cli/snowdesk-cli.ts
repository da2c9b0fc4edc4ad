import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROLES, type Role } from '../../../shared/domain/roles.js';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/ipc/contract.js';
import type { CoreErrorShape } from '../../../shared/ipc/errors.js';
import { BackupError } from '../backup/backup-error.js';
import { restoreBackup, type RestoreCredentials } from '../backup/restore-backup.js';
import { DEFAULT_KEEP_DAYS } from '../backup/retention.js';
import { createCore, type Core } from '../create-core.js';
import { CoreError } from '../core-error.js';
import { DATABASE_FILE } from '../db/open-database.js';
import { silentLogger } from '../logger.js';
import { openSettingsFile } from '../settings-file.js';
import { readSettings } from '../settings-source.js';
import { ask, interactive } from './prompt.js';

/** A refusal from the core or the environment, printed as one line with exit code 1. */
class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

async function openCore(dataDir: string): Promise<Core> {
  const dir = resolve(dataDir);
  const core = await createCore({
    dataDir: dir,
    settings: openSettingsFile(dir),
    appVersion: 'cli',
    log: silentLogger,
    // the kiosk makes the daily backup; a CLI command never starts one by itself
    dailyBackup: false,
  });
  if (core.storage.state !== 'ready') {
    const problem = core.storage.problem;
    core.close();
    throw new CliFailure(`${problem.message} [${problem.code}]`);
  }
  return core;
}

function describe(error: CoreErrorShape): string {
  const fields = error.fields
    ? ' ' +
      Object.entries(error.fields)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ')
    : '';
  const retry = error.retryAt ? ` (try again after ${new Date(error.retryAt).toISOString()})` : '';
  return `${error.message} [${error.code}]${fields}${retry}`;
}

async function call<M extends MethodName>(
  core: Core,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new CliFailure(describe(result.error));
  return result.value as MethodOutput<M>;
}

async function secret(io: Io, variable: string, question: string, confirm = false): Promise<string> {
  const fromEnv = io.env[variable];
  if (fromEnv) return fromEnv;
  if (!interactive()) throw new CliFailure(`Set ${variable} or run in a terminal to be asked`, 2);
  const first = await ask(question, true);
  if (confirm && (await ask('Repeat: ', true)) !== first) throw new CliFailure('The two entries differ', 2);
  return first;
}

/** Signs in as SNOWDESK_USER / SNOWDESK_PASSWORD, or asks; the core checks what that person may do. */
async function signIn(core: Core, io: Io): Promise<void> {
  const name = io.env.SNOWDESK_USER ?? (interactive() ? await ask('Name: ') : undefined);
  if (!name) throw new CliFailure('Set SNOWDESK_USER and SNOWDESK_PASSWORD, or run in a terminal', 2);
  const password = await secret(io, 'SNOWDESK_PASSWORD', 'Password: ');
  const session = await call(core, 'session.signIn', { name, password });
  if (session.status === 'signed-in' && session.mustChangePassword) {
    throw new CliFailure('This account must choose a new password first: sign in at the kiosk once');
  }
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 10_000_000)
    throw new InvalidArgumentError('a whole number from 0 to 10,000,000');
  return n;
}

function role(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value))
    throw new InvalidArgumentError(`one of ${ROLES.join(', ')}`);
  return value as Role;
}

async function withCore<T>(dataDir: string, work: (core: Core) => Promise<T>): Promise<T> {
  const core = await openCore(dataDir);
  try {
    return await work(core);
  } finally {
    await core.dispatch('session.signOut', {});
    core.close();
  }
}

/**
 * withCore for commands that need a kiosk that has been through first setup: on any other folder
 * they say so and leave it as it was (opening a core there would create `snowdesk.db`).
 */
async function withSetUpCore<T>(dataDir: string, work: (core: Core) => Promise<T>): Promise<T> {
  const notSetUp = new CliFailure(
    `${resolve(dataDir)} is not a set-up Snowdesk data folder: run \`snowdesk init --data-dir ${dataDir} --admin NAME\` first`,
    2,
  );
  if (!existsSync(join(resolve(dataDir), DATABASE_FILE))) throw notSetUp;
  return withCore(dataDir, async (core) => {
    if ((await call(core, 'app.info', {})).setupRequired) throw notSetUp;
    return work(core);
  });
}

export function buildProgram(io: Io): Command {
  const program = new Command('snowdesk')
    .description('Snowdesk maintainer tools, working on a kiosk data folder with the kiosk’s own core')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  const dataDir = () => new Option('--data-dir <dir>', 'the kiosk data folder').makeOptionMandatory();

  program
    .command('init')
    .description(
      'first setup, both people present: the maintainer, the first manager (certified by this act) and the data key; prints the recovery key once',
    )
    .addOption(dataDir())
    .requiredOption('--admin <name>', 'name of the maintainer account')
    .requiredOption('--manager <name>', 'name of the first manager, who types their own password')
    .action(async (opts: { dataDir: string; admin: string; manager: string }) => {
      await withCore(opts.dataDir, async (core) => {
        const password = await secret(io, 'SNOWDESK_PASSWORD', 'Maintainer password: ', true);
        const managerPassword = await secret(
          io,
          'SNOWDESK_MANAGER_PASSWORD',
          `Password of ${opts.manager} (the manager types it): `,
          true,
        );
        const result = await call(core, 'setup.create', {
          name: opts.admin,
          password,
          manager: { name: opts.manager, password: managerPassword },
        });
        io.out(
          `Snowdesk is set up. Maintainer: ${opts.admin}; first manager (certified): ${opts.manager}\n\n`,
        );
        io.out('RECOVERY KEY (shown once; for the resort to keep locked away, not one person alone):\n\n');
        io.out(`    ${result.recoveryKey}\n\n`);
        if (interactive()) {
          const groups = result.recoveryKey.split('-');
          const typed: Record<string, string> = {};
          for (const i of result.confirmGroups)
            typed[String(i)] = await ask(`Type group ${String(i)} of the key to confirm: `);
          await call(core, 'setup.confirmRecoveryKey', { groups: typed });
          io.out(`Recovery key confirmed (${String(groups.length)} groups).\n`);
        } else {
          io.out(
            'Not a terminal: the recovery key was not re-typed. Keep this output safe, then delete it.\n',
          );
        }
      });
    });

  const users = program.command('users').description('staff accounts (maintainer)');
  users
    .command('add')
    .addOption(dataDir())
    .requiredOption('--name <name>', 'the person’s name as they will type it to sign in')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`, role)
    .action(async (opts: { dataDir: string; name: string; role: Role }) => {
      await withCore(opts.dataDir, async (core) => {
        await signIn(core, io);
        const password = await secret(io, 'SNOWDESK_NEW_PASSWORD', `First password for ${opts.name}: `, true);
        const account = await call(core, 'staff.create', { name: opts.name, role: opts.role, password });
        io.out(
          `Created ${account.name} (${account.role}); they choose their own password at first sign-in.\n`,
        );
      });
    });
  users
    .command('list')
    .addOption(dataDir())
    .action(async (opts: { dataDir: string }) => {
      await withCore(opts.dataDir, async (core) => {
        await signIn(core, io);
        for (const a of await call(core, 'staff.list', {})) {
          const flags = [
            a.certified ? 'certified' : '',
            a.disabled ? 'disabled' : '',
            a.mustChangePassword ? 'must-change-password' : '',
            a.lockedUntil ? `locked-until ${new Date(a.lockedUntil).toISOString()}` : '',
          ].filter(Boolean);
          io.out(`${a.name}\t${a.role}\t${flags.join(' ')}\n`);
        }
      });
    });
  users
    .command('disable')
    .addOption(dataDir())
    .requiredOption('--name <name>')
    .action(async (opts: { dataDir: string; name: string }) => {
      await withCore(opts.dataDir, async (core) => {
        await signIn(core, io);
        const target = (await call(core, 'staff.list', {})).find(
          (a) => a.name.toLowerCase() === opts.name.toLowerCase(),
        );
        if (!target) throw new CliFailure(`No account named ${opts.name}`);
        await call(core, 'staff.setDisabled', { id: target.id, disabled: true });
        io.out(`Disabled ${target.name}.\n`);
      });
    });

  program
    .command('doctor')
    .description('checks SQLite integrity, the audit chain, stored keys and (signed in) every sealed payload')
    .addOption(dataDir())
    .action(async (opts: { dataDir: string }) => {
      const core = await createCore({
        dataDir: resolve(opts.dataDir),
        settings: openSettingsFile(resolve(opts.dataDir)),
        appVersion: 'cli',
        log: silentLogger,
      });
      try {
        if (io.env.SNOWDESK_USER && core.storage.state === 'ready') await signIn(core, io);
        const report = core.maintenance.doctor();
        for (const check of report.checks)
          io.out(`${check.ok ? 'ok  ' : 'FAIL'}  ${check.name}: ${check.detail}\n`);
        io.out(report.ok ? 'healthy\n' : 'NOT HEALTHY\n');
        if (!report.ok) throw new CliFailure('the data folder has problems (see above)');
      } finally {
        core.close();
      }
    });

  program
    .command('seed')
    .description('a realistic demo store: demo staff (password from SNOWDESK_DEMO_PASSWORD) and N guests')
    .addOption(dataDir())
    .requiredOption('--records <n>', 'how many guests', positiveInt)
    .option('--seed <n>', 'random seed, for a reproducible store', positiveInt)
    .action(async (opts: { dataDir: string; records: number; seed?: number }) => {
      await withSetUpCore(opts.dataDir, async (core) => {
        const password = io.env.SNOWDESK_DEMO_PASSWORD;
        if (!password) throw new CliFailure('Set SNOWDESK_DEMO_PASSWORD: the demo staff’s password', 2);
        await signIn(core, io);
        const summary = await core.maintenance
          .seedDemo({ records: opts.records, password, seed: opts.seed })
          .catch(rethrowCoreError);
        io.out(
          `Seeded ${String(summary.records)} guests` +
            (summary.staffCreated.length ? `; created ${summary.staffCreated.join(', ')}` : '') +
            '.\n',
        );
      });
    });

  program
    .command('export')
    .description('the guests as CSV on stdout (manager or supervisor; audited)')
    .addOption(dataDir())
    .addOption(new Option('--format <format>').choices(['csv']).default('csv'))
    .action(async (opts: { dataDir: string }) => {
      await withCore(opts.dataDir, async (core) => {
        await signIn(core, io);
        try {
          core.maintenance.exportGuestsCsv(io.out);
        } catch (error) {
          rethrowCoreError(error);
        }
      });
    });

  program
    .command('adopt')
    .description(
      'accept a database copied from another kiosk as this kiosk’s own (maintainer of that database)',
    )
    .addOption(dataDir())
    .action(async (opts: { dataDir: string }) => {
      const dir = resolve(opts.dataDir);
      const core = await createCore({
        dataDir: dir,
        settings: openSettingsFile(dir),
        appVersion: 'cli',
        log: silentLogger,
        adoptForeignDatabase: true,
      });
      try {
        if (core.storage.state !== 'ready') throw new CliFailure(core.storage.problem.message);
        await signIn(core, io);
        try {
          core.maintenance.adoptDatabase();
        } catch (error) {
          rethrowCoreError(error);
        }
        io.out(`This folder now belongs to device ${core.storage.deviceId}.\n`);
      } finally {
        core.close();
      }
    });

  program
    .command('backup')
    .description('an encrypted backup into a folder; needs no password (sealed to the backup public key)')
    .addOption(dataDir())
    .option(
      '--to <dir>',
      'the backup folder (a USB drive, a share); default: the kiosk’s backup folder setting',
    )
    .option(
      '--keep <days>',
      `keep the newest backup of this many days (default: the kiosk’s setting, else ${String(DEFAULT_KEEP_DAYS)})`,
      atLeastOne,
    )
    .action(async (opts: { dataDir: string; to?: string; keep?: number }) => {
      const core = await openCore(opts.dataDir);
      try {
        if (!core.backups) throw new CliFailure('The data folder cannot be used');
        const settings = readSettings(openSettingsFile(opts.dataDir), silentLogger);
        const folder = opts.to ?? settings.backupFolder;
        if (folder === null) {
          throw new CliFailure('No backup folder: give --to <dir>, or set one on the maintainer’s screen');
        }
        const result = await core.backups
          .run({ folder, keepDays: opts.keep ?? settings.backupKeepDays })
          .catch(rethrowBackupError);
        io.out(`Backup written: ${result.path} (${megabytes(result.sizeBytes)})\n`);
        if (result.removed.length > 0) io.out(`Removed ${String(result.removed.length)} older backup(s).\n`);
      } finally {
        core.close();
      }
    });

  program
    .command('restore')
    .description(
      'replaces the database of a data folder (new or existing) with a verified backup; the current one is kept aside. Stop the kiosk first.',
    )
    .addOption(dataDir())
    .requiredOption('--from <file>', 'the backup file')
    .option(
      '--recovery-key <key>',
      'the recovery key (or SNOWDESK_RECOVERY_KEY); otherwise a maintainer of the backup (SNOWDESK_USER / SNOWDESK_PASSWORD)',
    )
    .option(
      '--from-other-kiosk',
      'the backup is from another kiosk and is meant to replace this folder’s data',
    )
    .action(
      async (opts: { dataDir: string; from: string; recoveryKey?: string; fromOtherKiosk?: boolean }) => {
        const credentials = await restoreCredentials(io, opts.recoveryKey);
        const result = await restoreBackup({
          dataDir: opts.dataDir,
          file: opts.from,
          credentials,
          allowOtherKiosk: opts.fromOtherKiosk === true,
          now: () => Date.now(),
        }).catch(rethrowBackupError);
        const c = result.counts;
        io.out(
          `Verified and restored the backup of ${new Date(result.createdAt).toISOString()} (device ${result.deviceId}): ${String(c.records)} records, ${String(c.payloadsOpened)} payloads open, ${String(c.auditEntries)} audit entries in an unbroken chain.\n`,
        );
        io.out(
          result.movedAside
            ? `The previous database was kept as ${result.movedAside}.\n`
            : `Restored into a new data folder: ${result.restoredTo}\n`,
        );
      },
    );

  return program;
}

function atLeastOne(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000)
    throw new InvalidArgumentError('a whole number from 1 to 10,000');
  return n;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function rethrowBackupError(error: unknown): never {
  if (error instanceof BackupError) throw new CliFailure(`${error.message} [${error.code}]`);
  throw error;
}

/** The recovery key (option or SNOWDESK_RECOVERY_KEY), or a maintainer of the backup. */
async function restoreCredentials(io: Io, recoveryKey: string | undefined): Promise<RestoreCredentials> {
  const key = recoveryKey ?? io.env.SNOWDESK_RECOVERY_KEY;
  if (key) return { recoveryKey: key };
  const name =
    io.env.SNOWDESK_USER ?? (interactive() ? await ask('Maintainer name (of the backup): ') : undefined);
  if (!name) {
    throw new CliFailure(
      'Give --recovery-key, or set SNOWDESK_USER and SNOWDESK_PASSWORD of a maintainer',
      2,
    );
  }
  return { name, password: await secret(io, 'SNOWDESK_PASSWORD', 'Password: ') };
}

function rethrowCoreError(error: unknown): never {
  if (error instanceof CoreError) throw new CliFailure(`${error.message} [${error.code}]`);
  throw error;
}

/** Runs the CLI; returns the exit code (0 fine, 1 refused or unhealthy, 2 usage). */
export async function main(argv: readonly string[], io: Io = defaultIo()): Promise<number> {
  try {
    await buildProgram(io).parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof CliFailure) {
      io.err(`snowdesk: ${error.message}\n`);
      return error.exitCode;
    }
    io.err(`snowdesk: unexpected failure: ${error instanceof Error ? error.name : 'unknown'}\n`);
    return 1;
  }
}

function defaultIo(): Io {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env: process.env,
  };
}
