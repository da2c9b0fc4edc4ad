import JSON5 from 'json5';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * What the packaging configuration must say (issue 13). Packaging itself needs Electron's binary
 * from GitHub and cannot run here; tests/electron/packaged.spec.ts packages and reads the fuses
 * back from the binary where it can.
 */
const ROOT = join(import.meta.dirname, '../../..');
const config = JSON5.parse<Record<string, unknown>>(
  readFileSync(join(ROOT, 'build/electron-builder.json5'), 'utf8'),
);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  author: { name: string; email: string };
  homepage: string;
  scripts: Record<string, string>;
};

function section(name: string): Record<string, unknown> {
  const value = config[name];
  if (typeof value !== 'object' || value === null) throw new Error(`no ${name} section`);
  return value as Record<string, unknown>;
}

describe('the packaging configuration', () => {
  it('flips every fuse that closes a way into the running app', () => {
    expect(section('electronFuses')).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
    expect(config.asar).toBe(true);
  });

  it('uses a pinned electron-builder, never whatever npx finds', () => {
    expect(pkg.devDependencies['electron-builder']).toMatch(/^\d+\.\d+\.\d+$/u);
    expect(pkg.scripts.package).toContain('electron-builder --config build/electron-builder.json5');
  });

  it('builds AppImage and deb with a maintainer, and a per-machine NSIS installer', () => {
    const linux = section('linux');
    expect(linux.target).toEqual(['AppImage', 'deb']);
    expect(linux.maintainer).toMatch(/<.+@.+>/u);
    expect(section('win')).toMatchObject({ target: 'nsis' });
    expect(section('nsis')).toMatchObject({
      oneClick: false,
      perMachine: true,
      deleteAppDataOnUninstall: false,
    });
    expect(pkg.author.email).toMatch(/@/u);
    expect(pkg.homepage).toMatch(/^https:\/\//u);
  });

  it('has the icons it names', () => {
    expect(existsSync(join(ROOT, section('win').icon as string))).toBe(true);
    for (const size of [16, 32, 48, 64, 128, 256, 512])
      expect(existsSync(join(ROOT, section('linux').icon as string, `${size}x${size}.png`))).toBe(true);
  });

  it('ships only the host’s better-sqlite3 prebuild, unpacked, and never rebuilds it', () => {
    const files = config.files as string[];
    expect(files).toContain('!node_modules/better-sqlite3/prebuilds/*.node');
    expect(files).toContain('node_modules/better-sqlite3/prebuilds/${platform}-${arch}.node');
    expect(files.indexOf('node_modules/better-sqlite3/prebuilds/${platform}-${arch}.node')).toBeGreaterThan(
      files.indexOf('!node_modules/better-sqlite3/prebuilds/*.node'),
    );
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/prebuilds/**');
    expect(config).toMatchObject({
      npmRebuild: false,
      nodeGypRebuild: false,
      buildDependenciesFromSource: false,
    });
  });

  it('puts into the app only what the main process and the core load at run time', () => {
    const shipped = Object.keys(pkg.dependencies);
    for (const rendererOnly of [
      'react',
      'react-dom',
      'recharts',
      'i18next',
      'react-i18next',
      '@tanstack/react-query',
    ])
      expect(shipped).not.toContain(rendererOnly);
    expect(shipped).not.toContain('electron-store');
    expect(shipped).toEqual(
      expect.arrayContaining(['better-sqlite3', 'libsodium-wrappers-sumo', 'zod', 'conf']),
    );
  });
});
