// The layers of DESIGN.md as lint rules: an import across a forbidden line fails `npm run lint`.
// Kept apart from eslint.config.js so a unit test can lint fixtures against exactly these rules.
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert',
  'async_hooks',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'module',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'querystring',
  'readline',
  'stream',
  'string_decoder',
  'timers',
  'tls',
  'tty',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];

const node = {
  group: ['node:*', ...NODE_BUILTINS],
  message: 'This layer runs without Node: no node:* or Node built-ins.',
};
const electron = {
  group: ['electron', 'electron/*'],
  message: 'Only electron/main and electron/preload may import electron.',
};
const core = {
  group: ['**/electron/core', '**/electron/core/**'],
  message: 'Only electron/main may import the core.',
};
const main = {
  group: ['**/electron/main', '**/electron/main/**'],
  message: 'Nothing imports electron/main.',
};
const preload = {
  group: ['**/electron/preload', '**/electron/preload/**'],
  message: 'Nothing imports the preload.',
};
const renderer = {
  group: ['**/renderer', '**/renderer/**'],
  message: 'Nothing outside the renderer imports it.',
};
const tests = { group: ['**/tests/**'], message: 'Product code never imports tests.' };
const sharedDeps = {
  group: [
    'react',
    'react-dom',
    'react-dom/*',
    'better-sqlite3',
    'libsodium-wrappers-sumo',
    'electron-store',
    'conf',
  ],
  message: 'shared/ is pure TypeScript: no UI, storage or crypto libraries.',
};
const ourLayers = { group: ['**/electron/**', '**/electron'], message: 'shared/ imports nothing of ours.' };

const restrict = (...patterns) => ({
  '@typescript-eslint/no-restricted-imports': [
    'error',
    { patterns: patterns.map((p) => ({ ...p, allowTypeImports: false })) },
  ],
});

export const layerRules = [
  {
    files: ['shared/**/*.{ts,tsx}'],
    rules: restrict(node, electron, ourLayers, renderer, tests, sharedDeps),
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: restrict(electron, main, preload, renderer, tests),
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: restrict(preload, renderer, tests),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: restrict(node, core, main, renderer, tests),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: restrict(
      node,
      electron,
      {
        group: ['**/electron/**', '**/electron'],
        message: 'The renderer reaches the core only through window.snowdesk.',
      },
      tests,
    ),
  },
];

/** Just enough to parse TypeScript, for linting the layer rules on their own. */
export const layerParser = {
  files: ['**/*.{ts,tsx}'],
  languageOptions: { parser: tseslint.parser },
  plugins: { '@typescript-eslint': tseslint.plugin },
};
