/**
 * The one place tests read the environment. CI=true makes PostgreSQL and Chromium required:
 * there a missing server or browser fails the run instead of skipping.
 */
export const testEnv = {
  ci: ['true', '1'].includes(process.env.CI ?? ''),
  postgresAdminUrl: process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  chromiumPath: process.env.CHROMIUM_PATH,
  mongodbUrl: process.env.MONGODB_URL || undefined,
  /** Set by the global setup after probing. */
  postgresAvailable: process.env.TEST_POSTGRES_AVAILABLE === '1',
  chromiumExecutable: process.env.TEST_CHROMIUM_EXECUTABLE || undefined,
};
