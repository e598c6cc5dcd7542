import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'actions/*/dist/**',
      'coverage/**',
      'test/fixtures/**',
      '.stryker-tmp/**',
      'reports/**',
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
    // CommonJS shims exist to require what an ES module cannot (see each file's comment).
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['actions/lib/runner/**/*.ts', 'actions/*/index.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
