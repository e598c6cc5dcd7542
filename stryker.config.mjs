// Mutation testing of the core library (issue 18): `npm run mutation`, or one folder at a time:
//   npm run mutation -- --mutate 'actions/lib/ssm/**/*.ts'
// Slow by nature (each mutant reruns the tests that cover it), so it is not part of `npm test` or CI.
// See the README's development section for when to run it.
//
// ESM: the tests run as ES modules through jest's `--experimental-vm-modules` (package.json's test
// script), so the jest runner's child processes get the same flag (`testRunnerNodeArgs`).
//
// Incremental: Stryker reads and rewrites stryker-incremental.json, retesting only the mutants of
// changed sources and tests, and keeping the results of files outside a run's `--mutate`. The file
// is committed: machines (and CI) start from a fresh clone, and without it every session's first
// run would retest every mutant, which takes hours on a small machine. A stale file is never
// wrong, only slower: Stryker diffs it against the current sources and tests. On a merge conflict
// in it, take either side and rerun.
// @ts-check

/** Folders of the domain, in the order to run them one at a time (awstoe is the largest). */
export const FOLDERS = [
  'imagebuilder',
  'ssm',
  'cloudformation/deploy',
  'definitions',
  'iam',
  'awstoe',
];
const ALL = FOLDERS.map((f) => `actions/lib/${f}/**/*.ts`);
/**
 * Never mutated: declarations, and catalogue-data.ts, which scripts/gen-iam-catalogue.ts generates
 * (a mutant of its data string says nothing about our code, and instrumenting its 1.6 MB slows
 * every iam run). scripts/mutation.ts adds these to the folders it is given, too.
 */
export const NEVER_MUTATED = ['!**/*.d.ts', '!actions/lib/iam/catalogue-data.ts'];

/** The `--mutate`/`-m` patterns given on the command line, if any. */
function cliMutate(argv) {
  const i = argv.findIndex((a) => a === '--mutate' || a === '-m');
  if (i >= 0) return argv[i + 1] ?? '';
  return argv.find((a) => a.startsWith('--mutate='))?.slice('--mutate='.length);
}

/** `actions/lib/cloudformation/deploy/**\/*.ts` → `cloudformation-deploy`; several → joined. */
export function slug(patterns) {
  if (!patterns) return 'lib';
  return (
    patterns
      .split(',')
      .map((p) =>
        p
          .trim()
          .replace(/^!/, 'not-')
          .replace(/^actions\/lib\//, '')
          .replace(/\/?\*\*.*$/, '')
          .replace(/\.ts$/, '')
          .replace(/[^A-Za-z0-9]+/g, '-')
          .replace(/^-|-$/g, ''),
      )
      .filter(Boolean)
      .join('+') || 'lib'
  );
}

const name = slug(cliMutate(process.argv));

/**
 * The test files Stryker may run: `MUTATION_TESTS` (set by scripts/mutation.ts from `--tests`), a
 * comma-separated list of folders or globs under test/, or every test when unset. Within it, jest
 * still runs only the tests related to the mutated file that cover the mutant.
 */
export function testMatch(spec) {
  if (!spec) return ['<rootDir>/test/**/*.test.ts'];
  return spec
    .split(',')
    .map((p) => p.trim().replace(/\/$/, ''))
    .filter(Boolean)
    .map((p) => `<rootDir>/${/\.ts$|\*/.test(p) ? p : `${p}/**/*.test.ts`}`);
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  testRunnerNodeArgs: ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning'],
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.stryker.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: [...ALL, ...NEVER_MUTATED],
  coverageAnalysis: 'perTest',
  // Static mutants (module-level constants) need every test file reloaded and rerun for each
  // one: about half the mutants of a folder and two thirds of the time. `--ignoreStatic false`
  // tests them too, for a thorough run.
  ignoreStatic: true,
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    // Only the tests that import the mutated file (directly or not) run for a mutant.
    enableFindRelatedTests: true,
    config: {
      testMatch: testMatch(process.env.MUTATION_TESTS),
      // These run the bundled dist/ in child processes (or bundle it): they never see a mutant of
      // the sources, and they are the slowest tests we have.
      testPathIgnorePatterns: [
        '/node_modules/',
        '<rootDir>/test/e2e/',
        '<rootDir>/test/chaos/',
        '<rootDir>/test/demo/',
        '<rootDir>/test/dist\\.test\\.ts$',
        // A generated file checked in a child process: no mutant can change it.
        '<rootDir>/test/iam/catalogue-generated\\.test\\.ts$',
        '<rootDir>/test/validate/action-process\\.test\\.ts$',
        '<rootDir>/test/workflows/',
      ],
    },
  },
  // One mutant at a time by default: the machines are small and shared. `--concurrency 2` if free.
  concurrency: 1,
  // Generous: on a loaded machine a slow test run must not pass for a mutant caught in a loop
  // (a timeout counts as detected). The emulator tests take a few seconds each.
  timeoutMS: 20_000,
  dryRunTimeoutMinutes: 20,
  incremental: true,
  incrementalFile: 'stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  // Not needed by any test that runs here, and large.
  // Anchored with `/`: a bare `docs` would also leave scripts/docs/ out of the sandbox, and every
  // test importing it (through the emulator or the release scripts) would fail the dry run.
  ignorePatterns: ['actions/*/dist', '/docs', '/coverage', '.prof', '/reports'],
};
