// Lint, and the layer rules that keep the architecture visible (the folder name is the environment):
//   shared/          imports nothing of ours and no platform (only npm libraries such as zod)
//   renderer/        imports shared/ only — never main/, electron, or Node built-ins
//   main/analysis/   pure algorithms: no I/O (no Node built-ins, no SQLite, no Electron, no other main/ layer)
//   main/electron, main/web, main/cli   the three faces: call main/services, never each other
//   main/services, main/workspace, main/jobs   never import a face
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
// Built-ins are matched as exact names (paths), not gitignore patterns, so a file named ./domain is not 'domain'.
const NO_NODE = 'noNode';
const noElectron = { group: ['electron', 'electron/*'], message: 'Only main/electron may import Electron.' };
const noMain = { group: ['**/main/**', '../main/*', '../../main/*'], message: 'The renderer and shared/ never import main/.' };
const noRenderer = { group: ['**/renderer/**'], message: 'Only the renderer imports the renderer.' };
const face = (name) => ({ group: [`**/${name}/**`, `../${name}/*`, `../../${name}/*`], message: `Faces (electron, web, cli) never import each other or get imported by services; ${name} is a face.` });

const restrict = (...patterns) => {
  const banNode = patterns.includes(NO_NODE);
  const paths = banNode ? nodeBuiltins.map((name) => ({ name, message: 'This layer must not use Node built-ins (no I/O here).' })) : [];
  return { 'no-restricted-imports': ['error', { paths, patterns: patterns.filter((p) => p !== NO_NODE) }] };
};

// Spreading an array into a call's arguments puts every element on the stack: `cxw journey` crashed with "Maximum call
// stack size exceeded" at 300k steps. These idioms take data-sized arrays; use maxOf/minOf/pushAll (shared/extent.ts)
// or a loop. (Spreading into an array literal, or SQL parameters bounded by SQLite's limit, is fine.)
const spreadIntoCall = (selector, what) => ({ selector, message: `${what} with a spread argument overflows the stack on large arrays; use maxOf/minOf/pushAll from shared/extent.ts or a loop.` });
const NO_SPREAD_INTO_CALL = {
  'no-restricted-syntax': [
    'error',
    spreadIntoCall("CallExpression[callee.object.name='Math'][callee.property.name=/^(max|min|hypot)$/] > SpreadElement", 'Math.max/min/hypot'),
    spreadIntoCall("CallExpression[callee.property.name=/^(push|unshift|splice)$/] > SpreadElement", 'push/unshift/splice'),
    spreadIntoCall("CallExpression[callee.object.name='String'][callee.property.name=/^fromC(harCode|odePoint)$/] > SpreadElement", 'String.fromCharCode/fromCodePoint'),
    spreadIntoCall("CallExpression[callee.property.name='apply'][arguments.length=2]", 'fn.apply(thisArg, array)'),
  ],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'tests/bench/.data/**', 'build/**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  { files: ['main/**/*.ts', 'renderer/**/*.{ts,tsx}', 'shared/**/*.ts', 'scripts/**/*.mjs'], rules: NO_SPREAD_INTO_CALL },
  { files: ['shared/**/*.ts'], rules: restrict(NO_NODE, noElectron, noMain, noRenderer) },
  { files: ['renderer/**/*.{ts,tsx}'], rules: restrict(NO_NODE, noElectron, noMain) },
  {
    files: ['main/analysis/**/*.ts'],
    rules: restrict(NO_NODE, noElectron, noRenderer, {
      group: ['better-sqlite3', '**/workspace/**', '**/services/**', '**/jobs/**', '../workspace/*', '../services/*', '../jobs/*'],
      message: 'main/analysis is pure: it receives data, it does not fetch it.',
    }),
  },
  { files: ['main/electron/**/*.ts'], rules: restrict(noRenderer, face('web'), face('cli')) },
  { files: ['main/web/**/*.ts'], rules: restrict(noRenderer, noElectron, face('electron'), face('cli')) },
  { files: ['main/cli/**/*.ts'], rules: restrict(noRenderer, noElectron, face('electron')) },
  {
    files: ['main/services/**/*.ts', 'main/workspace/**/*.ts', 'main/jobs/**/*.ts'],
    rules: restrict(noRenderer, noElectron, face('electron'), face('web'), face('cli')),
  },
);
