/**
 * Imported first by the programs that serve GraphQL (`npm start`, the bench): unless NODE_ENV is
 * `production`, graphql-js checks every type test of every field it completes against a second
 * copy of itself (its development-mode `instanceOf`), a measurable share of a 500-point series
 * (see `npm run bench -- --overhead`). An explicit NODE_ENV is kept. Nothing else in the server
 * reads NODE_ENV: Apollo's options that default from it are all set explicitly in app.ts.
 */
process.env.NODE_ENV ??= 'production';

export {};
