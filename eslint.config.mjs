import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import checkFile from 'eslint-plugin-check-file';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'actions/*/dist/**',
      'coverage/**',
      'test/fixtures/**',
      '.stryker-tmp/**',
      'reports/**',
      '.bench/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // Only action entries and the runner edge may speak to the Actions runtime.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@actions/core',
              message: 'Import @actions/core only in actions/lib/runner or an action entry.',
            },
          ],
        },
      ],
    },
  },
  {
    // One direction per dependency: no import cycles (type-only imports are erased, so the rule
    // skips them), and kebab-case file and folder names.
    files: ['**/*.ts', '**/*.mjs'],
    plugins: { 'import-x': importX, 'check-file': checkFile },
    settings: {
      'import-x/extensions': ['.ts', '.mjs', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      // Sources import siblings as './x.js' (NodeNext ESM); resolve them to the .ts files.
      'import-x/resolver-next': [createNodeResolver({ extensionAlias: { '.js': ['.ts', '.js'] } })],
    },
    rules: {
      'import-x/no-cycle': 'error',
      'check-file/filename-naming-convention': [
        'error',
        { '**/*.{ts,mjs,cjs}': 'KEBAB_CASE' },
        { ignoreMiddleExtensions: true },
      ],
      'check-file/folder-naming-convention': [
        'error',
        { '{actions,scripts,test}/**/': 'KEBAB_CASE' },
      ],
    },
  },
  {
    // Sizes (issue 12): a file over 300 lines or a function over 100 (blank lines and comments not
    // counted) is a file or function doing more than one thing. Tests get the file limit only: a
    // describe() of short its is a list, not a function to split. Generated files are exempt.
    files: ['**/*.ts', '**/*.mjs'],
    ignores: [
      'actions/lib/cloudformation/spec/resource-spec.ts',
      'actions/lib/iam/catalogue-data.ts',
    ],
    rules: {
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['actions/**/*.ts', 'scripts/**/*.ts', 'scripts/**/*.mjs'],
    ignores: [
      'actions/lib/cloudformation/spec/resource-spec.ts',
      'actions/lib/iam/catalogue-data.ts',
    ],
    rules: {
      'max-lines-per-function': ['error', { max: 100, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // CommonJS shims exist to require what an ES module cannot (see each file's comment).
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['actions/lib/runner/**/*.ts', 'actions/*/index.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
