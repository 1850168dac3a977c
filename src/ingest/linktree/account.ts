/**
 * The Linktree account a capture belongs to, from its file name: `linktree_<account>_…_<ts>.json`.
 * Captures are also saved as `graphql_<ts>.json` or `linktree_graphql_<ts>.json`, names that say
 * nothing about the account: those load under 'default'. Usernames may hold dots and underscores,
 * so only known trailing words (graphql, analytics, a capture window) are cut off.
 */
export const DEFAULT_ACCOUNT = 'default';

const TRAILING_WORD = /_(?:graphql|gql|analytics|responses?|capture|captures|overview|\d+d(?:ays?)?|\d+day)$/i;

export function accountOf(fileName: string): string {
  const stem = fileName.replace(/\.[^.]*$/, '').replace(/_\d{8}_\d{6}(?:_\d+)?$/, '');
  const m = /^linktree_(.+)$/i.exec(stem);
  if (!m) return DEFAULT_ACCOUNT;
  let rest = `_${m[1]}`;
  for (let prev = ''; prev !== rest;) {
    prev = rest;
    rest = rest.replace(TRAILING_WORD, '');
  }
  const account = rest.replace(/^_/, '').trim();
  return account === '' ? DEFAULT_ACCOUNT : account.slice(0, 100);
}
