// Jest runs our TypeScript as ES modules (the package is "type": "module"), through ts-jest in
// transpile-only mode; type checking is `npm run lint` (tsc --noEmit), not repeated per test file.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  // Sources import siblings as './x.js' (NodeNext ESM); map them back to the .ts files.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 60000,
};
