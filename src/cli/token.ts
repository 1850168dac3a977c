/**
 * npm run token -- create --role <viewer|admin> --name <name>   prints a new bearer token, once
 * npm run token -- list                                        names, roles, last use (never the tokens)
 * npm run token -- revoke --name <name>
 * Exits 1 when the name is taken (create) or not active (revoke), 2 on a usage or configuration error.
 */
import 'reflect-metadata';
import { loadConfigOrExit } from '../config/config';
import type { Role } from '../entities/api-token.entity';
import { type CommandUsage, exitWithUsage, parseCommandLine } from './command-line';

const SYNOPSIS = `usage: npm run token -- create --role <viewer|admin> --name <name>
       npm run token -- list
       npm run token -- revoke --name <name>`;

const USAGE: CommandUsage = {
  synopsis: SYNOPSIS,
  help: `${SYNOPSIS}

API tokens for the GraphQL API, the dashboard and the jobs admin. Only a token's SHA-256 is stored.

  create    prints a new bearer token, once (use it as "Authorization: Bearer <token>")
  list      names, roles, creation and last use (never the tokens)
  revoke    the token stops working at once

  --role <viewer|admin>   what the new token may do: read (viewer), or also run and manage loads (admin)
  --name <name>           the token's name: letters, digits, . _ - @; at most 100
  -h, --help              this help

example: npm run token -- create --role admin --name me`,
};

type TokenCommand = { command: 'create'; name: string; role: Role } | { command: 'list' } | { command: 'revoke'; name: string };

function commandLine(): TokenCommand {
  const { values, positionals } = parseCommandLine(USAGE, {
    allowPositionals: true,
    options: { role: { type: 'string' }, name: { type: 'string' } },
  });
  const [command, ...extra] = positionals;
  if (command !== 'create' && command !== 'list' && command !== 'revoke')
    exitWithUsage(USAGE, command ? `unknown command "${command}"` : 'no command');
  if (extra.length) exitWithUsage(USAGE, `unexpected argument "${extra[0]}"`);
  const { name } = values;
  const role = values.role?.toUpperCase();
  if (command === 'list') {
    if (name !== undefined || role !== undefined) exitWithUsage(USAGE, 'list takes no options');
    return { command };
  }
  if (command === 'revoke') {
    if (role !== undefined) exitWithUsage(USAGE, '--role goes with create');
    if (!name) exitWithUsage(USAGE, '--name is required');
    return { command, name };
  }
  if (!name || !/^[\w.@-]{1,100}$/.test(name)) exitWithUsage(USAGE, '--name is required (letters, digits, . _ - @; at most 100)');
  if (role !== 'VIEWER' && role !== 'ADMIN') exitWithUsage(USAGE, '--role must be viewer or admin');
  return { command, name, role };
}

function refuse(message: string): never {
  process.stderr.write(`token: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const line = commandLine();
  const config = loadConfigOrExit();
  // The database stack loads once the command line is known good: --help and usage errors answer at once.
  const [{ IsNull }, { openWarehouse }, { ApiToken }, { createApiToken }] = await Promise.all([
    import('typeorm'),
    import('../db/open-warehouse'),
    import('../entities/api-token.entity'),
    import('../access/api-tokens'),
  ]);
  const ds = await openWarehouse(config);
  try {
    const repo = ds.getRepository(ApiToken);
    if (line.command === 'create') {
      const { name, role } = line;
      if (await repo.findOne({ where: { name } })) refuse(`a token named "${name}" already exists`);
      const token = await createApiToken(ds, name, role);
      process.stdout.write(`${token}\n`);
      process.stderr.write(
        `Created ${role} token "${name}". It is shown only now: store it safely. Use it as "Authorization: Bearer <token>".\n`,
      );
    } else if (line.command === 'list') {
      for (const t of await repo.find({ order: { name: 'ASC' } })) {
        process.stdout.write(
          `${t.name}\t${t.role}\tcreated ${t.createdAt.toISOString()}\tlast used ${t.lastUsedAt?.toISOString() ?? 'never'}${t.revokedAt ? '\tREVOKED' : ''}\n`,
        );
      }
    } else {
      const result = await repo.update({ name: line.name, revokedAt: IsNull() }, { revokedAt: new Date() });
      if (!result.affected) refuse(`no active token named "${line.name}"`);
      process.stdout.write(`revoked "${line.name}"\n`);
    }
  } finally {
    await ds.destroy();
  }
}

main().catch((err) => {
  process.stderr.write(`token: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
