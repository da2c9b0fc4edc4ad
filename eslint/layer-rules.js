// The layers of DESIGN.md as lint rules: an import across a forbidden line fails `npm run lint`.
// Kept apart from eslint.config.js so a unit test can lint fixtures against exactly these rules.
// Regexes, not globs: globs do not match relative specifiers such as "../main/x.js".
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

const folder = (name) => `(^|/)${name}(/|$)`;

const node = {
  regex: `^(node:|(${NODE_BUILTINS.join('|')})(/|$))`,
  message: 'This layer runs without Node: no node:* or Node built-ins.',
};
const electron = {
  regex: '^electron(/|$)',
  message: 'Only electron/main and electron/preload may import electron.',
};
const core = { regex: folder('core'), message: 'Only electron/main may import the core.' };
const main = { regex: folder('main'), message: 'Nothing imports electron/main.' };
const preload = { regex: folder('preload'), message: 'Nothing imports the preload.' };
const renderer = { regex: folder('renderer'), message: 'Nothing outside the renderer imports it.' };
const tests = { regex: folder('tests'), message: 'Product code never imports tests.' };
const ourElectron = {
  regex: folder('electron'),
  message: 'This layer reaches the core only through the IPC contract.',
};
const sharedDeps = {
  regex: '^(react|react-dom|better-sqlite3|libsodium-wrappers-sumo|electron-store|conf)(/|$)',
  message: 'shared/ is pure TypeScript: no UI, storage or crypto libraries.',
};

const restrict = (...patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
});

export const layerRules = [
  {
    files: ['shared/**/*.{ts,tsx}'],
    rules: restrict(node, electron, ourElectron, renderer, tests, sharedDeps),
  },
  { files: ['electron/core/**/*.ts'], rules: restrict(electron, main, preload, renderer, tests) },
  { files: ['electron/main/**/*.ts'], rules: restrict(preload, renderer, tests) },
  { files: ['electron/preload/**/*.ts'], rules: restrict(node, core, main, renderer, tests) },
  { files: ['renderer/**/*.{ts,tsx}'], rules: restrict(node, electron, ourElectron, tests) },
  // the resort's server: the protocol's other side, sharing only shared/ with the kiosk
  { files: ['central/**/*.ts'], rules: restrict(electron, ourElectron, renderer, tests) },
];

/** Just enough to parse TypeScript, for linting the layer rules on their own. */
export const layerParser = {
  files: ['**/*.{ts,tsx}'],
  languageOptions: { parser: tseslint.parser },
  plugins: { '@typescript-eslint': tseslint.plugin },
};
