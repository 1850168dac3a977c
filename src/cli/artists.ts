/**
 * npm run artists -- link <spotify|tiktok|meta_page> <external id> <artist> [--create]
 * npm run artists -- unlink <kind> <external id>
 * npm run artists -- list [--kind <kind>] [--placeholders]
 * npm run artists -- merge <from artist> <into artist>
 * An artist is any spelling of its name, or #<id>.
 */
import 'reflect-metadata';
import { loadConfigOrExit } from '../config/config';
import type { ArtistRef } from '../ingest/identity/identity-service';
import { IdentityError } from '../errors/identity-error';
import type { ArtistTarget } from '../ingest/identity/artist-links';
import { type CommandUsage, exitWithUsage, parseCommandLine } from './command-line';

const SYNOPSIS = `usage: npm run artists -- link <spotify|tiktok|meta_page> <external id> <artist> [--create]
       npm run artists -- unlink <kind> <external id>
       npm run artists -- list [--kind <kind>] [--placeholders]
       npm run artists -- merge <from artist> <into artist>`;

const USAGE: CommandUsage = {
  synopsis: SYNOPSIS,
  help: `usage: npm run artists -- <command>
  link <spotify|tiktok|meta_page> <external id> <artist> [--create]
        the id belongs to the artist; files already loaded under the id's placeholder move to it.
        Without --create the artist must exist (or the id's placeholder becomes it).
  unlink <kind> <external id>     the artist keeps what was loaded through the id
  list [--kind <kind>] [--placeholders]
        every link: kind, id, artist id, artist name (placeholder artists marked)
  merge <from artist> <into artist>
        every fact, alias, credit and id of <from> moves to <into>; <from> is deleted
  -h, --help                      this help
An artist is any spelling of its name ("Pig 1987", PIG1987) or #<id>.
Exit status: 0 done, 1 refused (the message says why), 2 usage error.

example: npm run artists -- link spotify 1Eu67EqPy2NutiM0lqCarw "Pig 1987"`,
};

function ref(value: string): ArtistRef {
  const m = /^#(\d{1,15})$/.exec(value.trim());
  return m ? { id: Number(m[1]) } : { name: value };
}

function target(value: string, create: boolean): ArtistTarget {
  const r = ref(value);
  return 'id' in r ? { artistId: r.id } : { name: r.name, create };
}

function expectArgs(positionals: string[], n: number, command: string): string[] {
  const args = positionals.slice(1);
  if (args.length !== n) exitWithUsage(USAGE, `${command} takes ${n} argument${n > 1 ? 's' : ''}, got ${args.length}`);
  if (args.some((a) => a.trim() === '')) exitWithUsage(USAGE, `${command}: an argument is empty`);
  return args;
}

async function main(): Promise<number> {
  const { values, positionals } = parseCommandLine(USAGE, {
    allowPositionals: true,
    options: { create: { type: 'boolean' }, kind: { type: 'string' }, placeholders: { type: 'boolean' } },
  });
  const command = positionals[0];
  if (!['link', 'unlink', 'list', 'merge'].includes(command ?? '')) exitWithUsage(USAGE, `unknown command "${command ?? ''}"`);
  if (values.create && command !== 'link') exitWithUsage(USAGE, '--create applies to link only');
  if ((values.kind !== undefined || values.placeholders) && command !== 'list')
    exitWithUsage(USAGE, '--kind and --placeholders apply to list only');
  const args =
    command === 'list'
      ? expectArgs(positionals, 0, command)
      : expectArgs(positionals, command === 'unlink' || command === 'merge' ? 2 : 3, command);

  // The database stack loads once the command line is known good: --help and usage errors answer at once.
  const [{ openWarehouse }, { ArtistIdentityService }, { checkedKind }] = await Promise.all([
    import('../db/open-warehouse'),
    import('../ingest/identity/identity-service'),
    import('../ingest/identity/external-id-format'),
  ]);
  const kind = values.kind === undefined ? undefined : checkedKind(values.kind, '--kind');
  const config = loadConfigOrExit();
  const ds = await openWarehouse(config);
  try {
    const service = new ArtistIdentityService(ds, config.dataLakeDir);
    if (command === 'link') {
      const out = await service.link(args[0], args[1], target(args[2], values.create === true), 'cli');
      const how = {
        linked: 'linked',
        unchanged: 'already linked',
        merged: `linked; placeholder "${out.mergedPlaceholder?.name}" merged into it`,
        renamed: 'linked; its placeholder became this artist',
      }[out.change];
      process.stdout.write(`${out.kind} ${out.externalId} → ${out.artist.name} (#${out.artist.id}): ${how}\n`);
    } else if (command === 'unlink') {
      const held = await service.unlink(args[0], args[1]);
      process.stdout.write(`unlinked ${args[0]} ${args[1]} from ${held.name} (#${held.id})\n`);
    } else if (command === 'list') {
      for (const l of await service.links({ kind, placeholdersOnly: values.placeholders === true })) {
        process.stdout.write(
          `${l.kind}\t${l.externalId}\t#${l.artistId}\t${l.artistName}${l.isPlaceholder ? '\tPLACEHOLDER (not linked: npm run artists -- link ' + l.kind + ' ' + l.externalId + ' <name>)' : ''}\n`,
        );
      }
    } else {
      const out = await service.merge(ref(args[0]), ref(args[1]), 'cli');
      if (out.alreadyMerged)
        process.stdout.write(
          `${out.from.name} (#${out.from.id}) was already merged into ${out.into.name} (#${out.into.id}): nothing to do\n`,
        );
      else {
        const moved = Object.entries(out.counts ?? {})
          .filter(([, n]) => n > 0)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ');
        process.stdout.write(
          `merged ${out.from.name} (#${out.from.id}) into ${out.into.name} (#${out.into.id}): ${moved || 'nothing to move'}\n`,
        );
      }
    }
  } finally {
    await ds.destroy();
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof IdentityError) {
      process.stderr.write(`artists: ${err.message} [${err.code}]\n`);
      process.exit(1);
    }
    process.stderr.write(`artists: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
