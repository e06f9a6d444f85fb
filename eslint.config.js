// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const noMarkupFromStrings = [
  { selector: "AssignmentExpression[left.property.name='innerHTML']", message: 'No innerHTML: render data as text.' },
  { selector: "AssignmentExpression[left.property.name='outerHTML']", message: 'No outerHTML: render data as text.' },
  { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'No insertAdjacentHTML.' },
  { selector: "NewExpression[callee.name='Function']", message: 'No new Function.' },
  // Issue 9: the same sinks reached other ways (computed names, document.write, ranges, iframes).
  { selector: "AssignmentExpression[left.property.value=/^(inner|outer)HTML$/]", message: 'No innerHTML/outerHTML: render data as text.' },
  { selector: "CallExpression[callee.property.name=/^(write|writeln)$/][callee.object.name='document']", message: 'No document.write.' },
  { selector: "CallExpression[callee.property.name='createContextualFragment']", message: 'No createContextualFragment: render data as text.' },
  { selector: "CallExpression[callee.property.name='parseFromString']", message: 'No DOMParser.parseFromString: render data as text.' },
  { selector: "AssignmentExpression[left.property.name='srcdoc']", message: 'No iframe srcdoc.' },
  { selector: "CallExpression[callee.name='Function']", message: 'No Function(): it compiles strings like eval.' },
];

/** Lit's escape hatches that render strings as markup. */
const unsafeLitImports = [
  { name: 'lit/directives/unsafe-html.js', message: 'No unsafeHTML: render data as text.' },
  { name: 'lit-html/directives/unsafe-html.js', message: 'No unsafeHTML: render data as text.' },
  { name: 'lit/directives/unsafe-svg.js', message: 'No unsafeSVG: render data as text.' },
  { name: 'lit-html/directives/unsafe-svg.js', message: 'No unsafeSVG: render data as text.' },
  { name: 'lit/static-html.js', importNames: ['unsafeStatic'], message: 'No unsafeStatic: render data as text.' },
  { name: 'lit-html/static.js', importNames: ['unsafeStatic'], message: 'No unsafeStatic: render data as text.' },
];

/** Layer rules (ARCHITECTURE.md): each layer imports only downwards. */
const layer = (files, forbidden, why) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      // A layer's rule replaces the global one, so it repeats the unsafe-markup import bans.
      { paths: unsafeLitImports, patterns: forbidden.map((group) => ({ group: [group], message: why })) },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-syntax': ['error', ...noMarkupFromStrings],
      'no-restricted-imports': [
        'error',
        { paths: unsafeLitImports },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  layer(
    ['src/sim/**/*.ts'],
    ['pixi.js', 'lit', 'lit/*', '@lit/*', 'xstate', '**/render/**', '**/ui/**', '**/machine/**', '**/formats/**', '**/cli/**', 'node:*'],
    'src/sim is the pure simulation core: no DOM, Pixi, lit, xstate or I/O, and it imports no other layer.',
  ),
  layer(
    ['src/formats/**/*.ts'],
    ['pixi.js', 'lit', 'lit/*', '@lit/*', 'xstate', '**/render/**', '**/ui/**', '**/machine/**', '**/cli/**', 'node:*'],
    'src/formats parses data for the core: it may import src/sim only.',
  ),
  layer(
    ['src/terminal/**/*.ts'],
    ['pixi.js', 'lit', 'lit/*', '@lit/*', 'xstate', '**/render/**', '**/ui/**', '**/machine/**', '**/cli/**', 'node:*'],
    'src/terminal is pure like src/sim: it may import src/sim and src/formats only.',
  ),
  layer(
    ['src/machine/**/*.ts'],
    ['pixi.js', 'lit', 'lit/*', '@lit/*', '**/render/**', '**/ui/**', '**/cli/**', 'node:*'],
    'src/machine owns running state; it may import src/sim and src/formats, not the view layers.',
  ),
  layer(
    ['src/render/**/*.ts'],
    ['lit', 'lit/*', '@lit/*', '**/ui/**', '**/cli/**', 'node:*'],
    'src/render reads snapshots; it never imports the UI or the CLI.',
  ),
  {
    files: ['src/sim/**/*.ts', 'src/formats/**/*.ts', 'src/terminal/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'The core uses the simulated clock (state.now), never the wall clock.' },
        { name: 'performance', message: 'The core uses the simulated clock, never the wall clock.' },
        { name: 'setTimeout', message: 'The core never schedules real timers.' },
        { name: 'setInterval', message: 'The core never schedules real timers.' },
        { name: 'window', message: 'The core has no DOM.' },
        { name: 'document', message: 'The core has no DOM.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded RNG in src/sim/rng.ts.' },
        { object: 'Date', property: 'now', message: 'Use the simulated clock.' },
      ],
    },
  },
);
