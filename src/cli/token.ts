/**
 * npm run token -- create --role <viewer|admin> --name <name>   prints a new bearer token, once
 * npm run token -- list                                        names, roles, last use (never the tokens)
 * npm run token -- revoke --name <name>
 */
import 'reflect-metadata';
import { IsNull } from 'typeorm';
import { loadConfigOrExit } from '../config/config';
import { openWarehouse } from '../db/open-warehouse';
import { ApiToken, type Role } from '../entities/api-token.entity';
import { createApiToken } from '../access/api-tokens';

const USAGE = 'usage: npm run token -- create --role <viewer|admin> --name <name> | list | revoke --name <name>';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : args[i + 1];
}

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const [command, ...args] = process.argv.slice(2);
  if (!['create', 'list', 'revoke'].includes(command)) fail(`unknown command "${command ?? ''}"`);
  const name = option(args, 'name');
  const role = option(args, 'role')?.toUpperCase();
  if (command === 'create' && (!name || !/^[\w.@-]{1,100}$/.test(name))) fail('--name is required (letters, digits, . _ - @; at most 100)');
  if (command === 'create' && role !== 'VIEWER' && role !== 'ADMIN') fail('--role must be viewer or admin');
  if (command === 'revoke' && !name) fail('--name is required');

  const ds = await openWarehouse(config);
  try {
    const repo = ds.getRepository(ApiToken);
    if (command === 'create') {
      if (await repo.findOne({ where: { name } })) fail(`a token named "${name}" already exists`);
      const token = await createApiToken(ds, name!, role as Role);
      process.stdout.write(`${token}\n`);
      process.stderr.write(`Created ${role} token "${name}". It is shown only now: store it safely. Use it as "Authorization: Bearer <token>".\n`);
    } else if (command === 'list') {
      for (const t of await repo.find({ order: { name: 'ASC' } })) {
        process.stdout.write(`${t.name}\t${t.role}\tcreated ${t.createdAt.toISOString()}\tlast used ${t.lastUsedAt?.toISOString() ?? 'never'}${t.revokedAt ? '\tREVOKED' : ''}\n`);
      }
    } else {
      const result = await repo.update({ name, revokedAt: IsNull() }, { revokedAt: new Date() });
      if (!result.affected) fail(`no active token named "${name}"`);
      process.stdout.write(`revoked "${name}"\n`);
    }
  } finally {
    await ds.destroy();
  }
}

main().catch((err) => {
  process.stderr.write(`token: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
