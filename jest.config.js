/** Tests run the TypeScript sources directly through SWC (decorator metadata on, as type-graphql and TypeORM need). */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', swc] },
  // Agenda 6, hyparquet and their helpers are ESM-only: let them through the transform.
  transformIgnorePatterns: [
    '/node_modules/(?!(agenda|@agendajs|@scure|@noble|human-interval|cron-parser|luxon|hyparquet|hyparquet-writer)/)',
  ],
  // See test/helpers/agendash-native.cjs.
  moduleNameMapper: { '^agendash$': '<rootDir>/test/helpers/agendash-native.cjs' },
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
