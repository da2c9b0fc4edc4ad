import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { tempDir } from './temp-dir.js';

/**
 * A small real file system for storage-fault tests: an ext4 image on a loop device, mounted
 * with errors=remount-ro. It can be filled to the last block (disk full) and can be made to fail
 * the way a dying disk does, through ext4's own `trigger_fs_error`: the file system turns
 * read-only under the open database and every write gets EROFS (a plain `mount -o remount,ro`
 * is refused while a file is open for writing). Needs root and loop devices; `openSmallVolume`
 * says why not when they are missing, so the test can skip with that reason.
 */
export interface SmallVolume {
  path: string;
  /** whether this kernel offers ext4's trigger_fs_error (failReadOnly) */
  readOnlyFault: boolean;
  /** fills every free block with a file of its own; returns that file's path */
  fill(): string;
  /** turns the file system read-only now, as ext4 does after a disk error */
  failReadOnly(): void;
  /** unmounts and mounts the image again (read-write): the state a maintainer finds after a reboot */
  remount(): void;
  dispose(): void;
}

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function message(error: unknown): string {
  if (
    error &&
    typeof error === 'object' &&
    'stderr' in error &&
    typeof error.stderr === 'string' &&
    error.stderr
  )
    return error.stderr.trim();
  return error instanceof Error ? error.message : String(error);
}

export function openSmallVolume(sizeMiB: number): SmallVolume | { unavailable: string } {
  if (process.platform !== 'linux') return { unavailable: 'loop-mounted ext4 needs Linux' };
  if (process.getuid?.() !== 0) return { unavailable: 'mounting a test file system needs root' };
  const dir = tempDir('snowdesk-volume-');
  const image = join(dir.path, 'volume.img');
  const mountPoint = join(dir.path, 'mnt');
  mkdirSync(mountPoint);
  let mounted = false;
  const mount = (): void => {
    run('mount', ['-o', 'loop,errors=remount-ro', image, mountPoint]);
    mounted = true;
  };
  const unmount = (): void => {
    if (!mounted) return;
    run('umount', [mountPoint]);
    mounted = false;
  };
  try {
    writeFileSync(image, '');
    run('truncate', ['-s', `${String(sizeMiB)}M`, image]);
    run('mkfs.ext4', ['-q', '-F', '-m', '0', image]);
    mount();
  } catch (error) {
    dir.remove();
    return { unavailable: `cannot mount a small ext4 volume here: ${message(error)}` };
  }
  const device = (): string => basename(run('findmnt', ['-no', 'SOURCE', mountPoint]));
  return {
    path: mountPoint,
    readOnlyFault: existsSync(`/sys/fs/ext4/${device()}/trigger_fs_error`),
    fill() {
      const filler = join(mountPoint, 'filler');
      const fd = openSync(filler, 'w');
      try {
        for (const size of [1 << 20, 64 << 10, 4 << 10, 512, 1]) {
          const chunk = Buffer.alloc(size, 0x5a);
          try {
            for (;;) writeSync(fd, chunk);
          } catch (error) {
            if (!(error && typeof error === 'object' && 'code' in error && error.code === 'ENOSPC'))
              throw error;
          }
        }
      } finally {
        closeSync(fd);
      }
      return filler;
    },
    failReadOnly() {
      const trigger = `/sys/fs/ext4/${device()}/trigger_fs_error`;
      if (!existsSync(trigger)) throw new Error(`this kernel has no ${trigger}`);
      writeFileSync(trigger, 'snowdesk fault test\n');
    },
    remount() {
      unmount();
      mount();
    },
    dispose() {
      try {
        unmount();
      } finally {
        dir.remove();
      }
    },
  };
}

/** Removes a file made by `fill()`, giving the space back. */
export function freeSpace(filler: string): void {
  unlinkSync(filler);
}
