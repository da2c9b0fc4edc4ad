import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import QRCode from 'qrcode';
import { encodeEnrolmentCode } from '../../shared/sync/enrolment-code.js';
import { InboxChannel } from '../../shared/sync/wire.js';
import { sodiumReady } from '../crypto.js';
import { migrate } from '../db/migrations.js';
import { createPool, type Pool } from '../db/pool.js';
import { currentPublicKey, ensureCentralKeys, readCentralKeys, rotateBoxKey } from '../keys.js';
import { startCentral } from '../server.js';
import { acceptAuditRewind, clearRejection } from '../store/batches.js';
import { issueToken, listDevices, revoke } from '../store/devices.js';
import { issueChannelKey, revokeChannelKeys } from '../store/intake.js';
import { alerts } from '../store/lookups.js';

/**
 * The operator's CLI for the resort's central service (`npx snowdesk-central …`). Every command
 * takes the database and the key file from --database / --keys or from
 * SNOWDESK_CENTRAL_DATABASE_URL / SNOWDESK_CENTRAL_KEYS, so a systemd unit sets them once.
 */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** serve: resolves when the process should stop (SIGTERM), so tests can stop it too */
  untilStopped?: () => Promise<void>;
}

interface Common {
  database?: string;
  keys?: string;
}

function need(value: string | undefined, what: string): string {
  if (!value) throw new CommanderError(2, 'snowdesk-central.missing', `snowdesk-central: give ${what}`);
  return value;
}

async function withPool<T>(db: string, work: (pool: Pool) => Promise<T>): Promise<T> {
  const pool = createPool(db, 2);
  try {
    return await work(pool);
  } finally {
    await pool.end();
  }
}

function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGTERM', () => resolve());
    process.once('SIGINT', () => resolve());
  });
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const program = new Command('snowdesk-central')
    .description("The resort's central Snowdesk service on PostgreSQL")
    .option('--database <url>', 'PostgreSQL connection string')
    .option(
      '--keys <file>',
      "the operator's key file (created by init; keep it secret, back it up apart from the database)",
    )
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  const common = (): { db: string; keys: string } => {
    const o = program.opts<Common>();
    return {
      db: need(
        o.database ?? io.env.SNOWDESK_CENTRAL_DATABASE_URL,
        '--database or SNOWDESK_CENTRAL_DATABASE_URL',
      ),
      keys: need(o.keys ?? io.env.SNOWDESK_CENTRAL_KEYS, '--keys or SNOWDESK_CENTRAL_KEYS'),
    };
  };

  program
    .command('init')
    .description('create the key file (once) and bring the database schema up to date')
    .action(async () => {
      const { db, keys } = common();
      await sodiumReady();
      const made = ensureCentralKeys(keys);
      const steps = await withPool(db, (pool) => migrate(pool));
      io.out(`${made.created ? 'created' : 'kept'} key file ${keys}\n`);
      io.out(`database schema at version ${steps.to} (was ${steps.from})\n`);
      io.out(`central public key ${currentPublicKey(made.keys)}\n`);
    });

  program
    .command('migrate')
    .description('bring the database schema up to date')
    .action(async () => {
      const steps = await withPool(common().db, (pool) => migrate(pool));
      io.out(`database schema at version ${steps.to} (was ${steps.from})\n`);
    });

  program
    .command('serve')
    .description('run one central process (start several on one database behind a load balancer)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0: any free port)', '8443')
    .option('--tls-key <file>', 'PEM private key: serve HTTPS')
    .option('--tls-cert <file>', 'PEM certificate chain')
    .action(async (opts: { host: string; port: string; tlsKey?: string; tlsCert?: string }) => {
      const { db, keys } = common();
      const holdAt = io.env.SNOWDESK_CENTRAL_TEST_HOLD;
      const central = await startCentral({
        databaseUrl: db,
        keysPath: keys,
        host: opts.host,
        port: Number(opts.port),
        ...(opts.tlsKey && opts.tlsCert
          ? { tls: { key: readFileSync(opts.tlsKey, 'utf8'), cert: readFileSync(opts.tlsCert, 'utf8') } }
          : {}),
        ...(holdAt === 'before_commit' || holdAt === 'after_commit'
          ? {
              hold: {
                at: holdAt,
                stall: () => {
                  io.out(`holding a batch ${holdAt}\n`);
                  return new Promise<void>(() => undefined);
                },
              },
            }
          : {}),
      });
      io.out(`listening on ${central.url}\n`);
      await (io.untilStopped ?? stopSignal)();
      await central.close();
    });

  program
    .command('enrol-device')
    .description('issue a device token and print its enrolment code (text and QR) for the kiosk maintainer')
    .requiredOption('--url <url>', 'the URL kiosks reach this service at')
    .option('--label <text>', 'what the operator calls the desk', 'desk')
    .option(
      '--pin <sha256>',
      'TLS certificate pin (repeat for two)',
      (v: string, all: string[]) => [...all, v],
      [] as string[],
    )
    .option('--no-qr', 'text only')
    .option(
      '--token-only',
      'print the bare device token instead (for the conformance suite, or typing it in)',
    )
    .action(async (opts: { url: string; label: string; pin: string[]; qr: boolean; tokenOnly?: boolean }) => {
      const { db, keys } = common();
      await sodiumReady();
      const publicKey = currentPublicKey(readCentralKeys(keys));
      const token = await withPool(db, (pool) => issueToken(pool, opts.label, new Date()));
      if (opts.tokenOnly) {
        io.out(`${token}\n`);
        return;
      }
      const code = encodeEnrolmentCode({
        v: 1,
        url: opts.url,
        token,
        centralPublicKey: publicKey,
        ...(opts.pin.length > 0 ? { tlsPins: opts.pin } : {}),
      });
      io.out(`${code}\n`);
      if (opts.qr) io.out(await QRCode.toString(code, { type: 'utf8', errorCorrectionLevel: 'M' }));
      io.err(
        'The code holds the device token: show it once, to the kiosk maintainer. It expires in 7 days if not enrolled.\n',
      );
    });

  program
    .command('revoke')
    .description("revoke a device's token: it gets 401 from now on")
    .argument('<deviceId>', 'the device id (see devices)')
    .action(async (deviceId: string) => {
      const done = await withPool(common().db, (pool) => revoke(pool, { deviceId }, new Date()));
      if (!done)
        throw new CommanderError(1, 'snowdesk-central.unknown', `no live token for device ${deviceId}`);
      io.out(`revoked ${deviceId}\n`);
    });

  program
    .command('devices')
    .description('list devices with their last contact and audit head')
    .option('--json', 'as JSON')
    .action(async (opts: { json?: boolean }) => {
      const list = await withPool(common().db, listDevices);
      if (opts.json) {
        io.out(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      for (const d of list) {
        const head = d.auditHead
          ? `audit ${d.auditHead.seq} ${d.auditHead.hash.slice(0, 12)}`
          : 'no audit head yet';
        io.out(
          `${d.deviceId}  ${d.name}  last contact ${d.lastContactAt ?? 'never'}  ${head}${d.revoked ? '  REVOKED' : ''}\n`,
        );
      }
    });

  program
    .command('alerts')
    .description('audit rewinds and quarantined inbox items, oldest first')
    .action(async () => {
      for (const a of await withPool(common().db, alerts))
        io.out(`${a.at}  ${a.deviceId}  ${a.kind}  ${a.detail}\n`);
    });

  program
    .command('accept-rewind')
    .description(
      "accept a device's rewound audit history after a person checked it (its next batch starts afresh)",
    )
    .argument('<deviceId>')
    .action(async (deviceId: string) => {
      const done = await withPool(common().db, (pool) => acceptAuditRewind(pool, deviceId, new Date()));
      io.out(done ? `accepted the history of ${deviceId}\n` : `no device ${deviceId}\n`);
    });

  program
    .command('clear-rejection')
    .description('forget a stored rejection so the device may send the item again')
    .argument('<itemId>')
    .action(async (itemId: string) => {
      const done = await withPool(common().db, (pool) => clearRejection(pool, itemId));
      io.out(done ? `cleared ${itemId}\n` : `no stored rejection for ${itemId}\n`);
    });

  program
    .command('channel-key')
    .description('issue an intake key for one channel (website, wechat, app)')
    .argument('<channel>')
    .option('--label <text>', 'what the key is for', 'intake')
    .option('--revoke', 'revoke every key of the channel instead')
    .action(async (channelText: string, opts: { label: string; revoke?: boolean }) => {
      const channel = InboxChannel.parse(channelText);
      if (opts.revoke) {
        const n = await withPool(common().db, (pool) => revokeChannelKeys(pool, channel, new Date()));
        io.out(`revoked ${n} key(s) of ${channel}\n`);
        return;
      }
      const key = await withPool(common().db, (pool) =>
        issueChannelKey(pool, channel, opts.label, new Date()),
      );
      io.out(`${key}\n`);
    });

  program
    .command('rotate-key')
    .description('publish a new central key pair; the old ones keep opening what was sealed to them')
    .action(async () => {
      await sodiumReady();
      io.out(`new central public key ${currentPublicKey(rotateBoxKey(common().keys))}\n`);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (cause) {
    if (cause instanceof CommanderError) {
      if (cause.exitCode !== 0 && !cause.code.startsWith('commander.')) io.err(`${cause.message}\n`);
      return cause.exitCode;
    }
    io.err(`snowdesk-central: ${cause instanceof Error ? cause.message : String(cause)}\n`);
    return 1;
  }
}
