import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain JavaScript config module without types
import { layerParser, layerRules } from '../../../eslint/layer-rules.js';

const eslint = new ESLint({
  overrideConfigFile: true,
  overrideConfig: [layerParser, ...(layerRules as ESLint.Options['overrideConfig'][])],
});

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('the layer rules of DESIGN.md', () => {
  it.each([
    ['electron/core/keyring.ts', "import { app } from 'electron';"],
    ['electron/core/db/x.ts', "import { ipcMain } from 'electron/main';"],
    ['electron/core/x.ts', "import { kioskWindowOptions } from '../main/kiosk-window.js';"],
    ['shared/domain/x.ts', "import { readFileSync } from 'node:fs';"],
    ['shared/domain/x.ts', "import path from 'path';"],
    ['shared/ipc/x.ts', "import { createCore } from '../../electron/core/create-core.js';"],
    ['shared/ipc/x.ts', "import Database from 'better-sqlite3';"],
    ['renderer/src/x.ts', "import { createCore } from '../../electron/core/create-core.js';"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';"],
    ['renderer/src/x.ts', "import { readFile } from 'node:fs/promises';"],
    ['electron/preload/x.ts', "import { dispatch } from '../core/dispatch.js';"],
    ['electron/main/x.ts', "import { App } from '../../renderer/src/App.js';"],
    ['electron/core/x.ts', "import { launchSnowdesk } from '../../tests/support/launch-snowdesk.js';"],
  ])('%s: refuses %s', async (file, code) => {
    const found = await violations(file, code);
    expect(found.length, found.join('\n')).toBeGreaterThan(0);
    expect(found[0]).toMatch(/no-restricted-imports/);
  });

  it.each([
    [
      'electron/core/x.ts',
      "import { readFileSync } from 'node:fs';\nimport { contract } from '../../shared/ipc/contract.js';",
    ],
    [
      'electron/main/x.ts',
      "import { app } from 'electron';\nimport { createCore } from '../core/create-core.js';",
    ],
    [
      'electron/preload/x.ts',
      "import { contextBridge } from 'electron';\nimport { createApi } from '../../shared/ipc/create-api.js';",
    ],
    [
      'renderer/src/x.ts',
      "import { contract } from '../../shared/ipc/contract.js';\nimport { useState } from 'react';",
    ],
    ['shared/domain/x.ts', "import { z } from 'zod';\nimport { ROLES } from './roles.js';"],
  ])('%s: allows its own imports', async (file, code) => {
    expect(await violations(file, code)).toEqual([]);
  });
});
