import { spawn } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../electron/core/db/open-database.js';
import { call, openTestCore } from '../../support/core-harness.js';
import { adultGuest, signInAs, staffTheDesk } from '../../support/desk-harness.js';
import { type Ack, checkKiosk } from '../../support/fault-checks.js';
import { bundleChild } from '../../support/fault-child-bundle.js';
import { tempDir } from '../../support/temp-dir.js';

/**
 * The portable storage fault, for machines where the test cannot mount a small volume
 * (storage-faults.test.ts): the kiosk's core runs in a child process under a file-size limit
 * (`ulimit -f`, RLIMIT_FSIZE, which anyone may lower for their own processes), and keeps saving,
 * submitting and approving guests until a write of the database or its WAL goes past the limit
 * and fails for real in the kernel (EFBIG), as on a full disk or a FAT32 stick at 4 GiB. The save
 * that met the limit is refused with a storage code, never 'internal'; nothing is half written;
 * and the same folder without the limit saves again.
 */

const CHILD = fileURLToPath(new URL('../../support/fault-loop-child.ts', import.meta.url));
const LIMIT_HEADROOM_KIB = 512;

let dir: ReturnType<typeof tempDir> | undefined;
let bundle: string | undefined;

afterEach(() => {
  dir?.remove();
  dir = undefined;
  if (bundle) rmSync(bundle, { force: true });
});

describe('a write that goes past the file-size limit', () => {
  it('is refused with a storage code, leaves nothing half written, and the next save works', async () => {
    bundle = await bundleChild(CHILD, 'file-size-limit-child');
    const folder = tempDir('snowdesk-faults-');
    dir = folder;
    const setup = await openTestCore(folder.path);
    await staffTheDesk(setup);
    setup.close();

    const limitKiB = Math.ceil(statSync(join(folder.path, DATABASE_FILE)).size / 1024) + LIMIT_HEADROOM_KIB;
    const child = spawn(
      'sh',
      [
        '-c',
        'ulimit -f "$1" && exec "$2" "$3" "$4" 0',
        'sh',
        String(limitKiB),
        process.execPath,
        bundle,
        folder.path,
      ],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const lines: string[] = [];
    const reader = createInterface({ input: child.stdout });
    reader.on('line', (line) => {
      lines.push(line);
      if (line.startsWith('{"warm"')) child.stdin.end('go\n');
    });
    const [code] = await Promise.all([
      new Promise<number | null>((resolve) => child.once('exit', resolve)),
      new Promise<void>((resolve) => reader.once('close', resolve)),
    ]);

    // the child stops at its first refusal and says which
    expect(code).toBe(1);
    const refusal = /refused: (\{.*\})/.exec(stderr)?.[1];
    expect(refusal, stderr).toBeDefined();
    const error = JSON.parse(refusal ?? '{}') as { code: string; message: string };
    expect(['disk_full', 'storage_unavailable']).toContain(error.code);
    expect(error.message).not.toMatch(/SQLITE|EFBIG|\n\s+at /);

    const acks = lines.filter((line) => line.startsWith('{"ack"')).map((line) => JSON.parse(line) as Ack);
    expect(acks.filter((a) => a.ack === 'approved').length).toBeGreaterThan(0);
    expect(checkKiosk(folder.path, acks).problems).toEqual([]);

    // without the limit, the same folder opens, shows every acknowledged guest and saves again
    const core = await openTestCore(folder.path);
    try {
      await signInAs(core, 'alice');
      for (const ack of acks.filter((a) => a.ack === 'saved')) {
        expect((await call(core, 'records.open', { recordId: ack.recordId })).draft?.name).toBe(ack.name);
      }
      const saved = await call(core, 'records.startIntake', {
        channel: 'on_site_face_to_face',
        draft: adultGuest({ name: '限额之后' }),
      });
      expect(
        checkKiosk(folder.path, [...acks, { ack: 'saved', recordId: saved.recordId, revision: 1 }]).problems,
      ).toEqual([]);
    } finally {
      core.close();
    }
  }, 60_000);
});
