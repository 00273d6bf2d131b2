/**
 * `npm run deps:check`: the layering of src (BRIEF of issue #13). Layers, lowest first:
 *   kernel (src/kernel) → db (src/db) → lib (src/lib) → http (src/http) → modules (src/modules/<m>)
 *   → composition (src/*.ts, src/seed, src/cli).
 * A file imports only from its own layer or lower. Tests (tests/**, *.test.ts), bench and scripts may import anything.
 */

/** Packages that src/kernel may import: pure computation, no I/O. Add one here with a reason. */
const KERNEL_PURE_PACKAGES = [
  // The password-strength estimator and its dictionaries (plain JS and JSON): the password rule lives in the kernel so
  // the web app can show the same estimate as the server enforces.
  '@zxcvbn-ts/core',
  '@zxcvbn-ts/language-common',
  '@zxcvbn-ts/language-en',
];

const TEST = '(^tests/|\\.test\\.tsx?$|^bench/|^scripts/)';
const KERNEL = '^src/kernel/';
const LIB = '^src/lib/';
const DB = '^src/db/';
const HTTP = '^src/http/';
const MODULES = '^src/modules/';
const COMPOSITION = '^src/([^/]+\\.ts$|seed/|cli/)';

/** One rule per layer: from that layer, nothing in the layers above it. */
const above = [
  ['db', DB, [LIB, HTTP, MODULES, COMPOSITION]],
  ['lib', LIB, [HTTP, MODULES, COMPOSITION]],
  ['http', HTTP, [MODULES, COMPOSITION]],
  ['modules', MODULES, [COMPOSITION]],
].map(([name, from, higher]) => ({
  name: `layers-${name}-imports-upward`,
  comment: `A file in the ${name} layer imports a higher layer (kernel → db → lib → http → modules → composition).`,
  severity: 'error',
  from: { path: from, pathNot: TEST },
  to: { path: `(${higher.join('|')})` },
}));

module.exports = {
  forbidden: [
    ...above,
    {
      name: 'kernel-imports-only-kernel',
      comment:
        'src/kernel holds pure shared rules: it imports only src/kernel (no node: built-ins, no I/O packages, ' +
        'nothing from a higher layer), except the pure packages listed in KERNEL_PURE_PACKAGES.',
      severity: 'error',
      from: { path: KERNEL, pathNot: TEST },
      to: {
        pathNot: [KERNEL, ...KERNEL_PURE_PACKAGES.map((p) => `^node_modules/${p}/`)],
      },
    },
    {
      name: 'no-cycles',
      comment: 'An import cycle (type-only imports count too: they tie the two files together just the same).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-other-modules-repository',
      comment:
        "A module uses another module's services, types, pure rules and presenters, never its repository.",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/', pathNot: TEST },
      to: { path: '^src/modules/[^/]+/.+\\.repository\\.ts$', pathNot: '^src/modules/$1/' },
    },
    {
      name: 'routes-call-services-only',
      comment: 'A *.routes.ts file imports neither src/db nor any repository: routes call services and presenters.',
      severity: 'error',
      from: { path: '\\.routes\\.ts$', pathNot: TEST },
      to: { path: `(${DB}|\\.repository\\.ts$)` },
    },
    {
      name: 'web-imports-only-kernel-from-src',
      comment: 'The web app (web/src) shares only the pure rules of src/kernel with the server.',
      severity: 'error',
      from: { path: '^web/src/', pathNot: TEST },
      to: { path: '^src/', pathNot: KERNEL },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve to a file or an installed package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
