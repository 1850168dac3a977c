import { parseArgs, type ParseArgsConfig } from 'node:util';
import { printable } from '../ingest/lake/printable';

/** How a command presents itself: `synopsis` after a usage error, `help` for --help (every flag, subcommand and an example). */
export interface CommandUsage {
  synopsis: string;
  help: string;
}

/** The options and positionals a command accepts; --help / -h is added to every command. */
export type CommandLineSpec = Pick<ParseArgsConfig, 'options' | 'allowPositionals'>;

/** Prints the message and the synopsis to stderr and exits 2, the usage-error status of every command. */
export function exitWithUsage(usage: CommandUsage, message: string): never {
  process.stderr.write(`${printable(message)}\n${usage.synopsis.trimEnd()}\n`);
  process.exit(2);
}

/**
 * The command line parsed strictly by node:util parseArgs. --help or -h prints the help and exits 0
 * (whatever else is on the line); an unknown flag, a missing or stray value, or a positional the
 * command does not take exits 2 with a message that names it.
 */
export function parseCommandLine<const T extends CommandLineSpec>(usage: CommandUsage, spec: T, args: string[] = process.argv.slice(2)) {
  if (asksForHelp(spec, args)) {
    process.stdout.write(`${usage.help.trimEnd()}\n`);
    process.exit(0);
  }
  try {
    return parseArgs({ ...spec, args, strict: true });
  } catch (err) {
    exitWithUsage(usage, describeParseError(spec, args, err));
  }
}

/** Tokens read leniently (nothing throws), so that help is found and errors are worded from what was typed. */
function lenientTokens(spec: CommandLineSpec, args: string[]) {
  return parseArgs({ options: spec.options, args, strict: false, allowPositionals: true, tokens: true }).tokens;
}

function asksForHelp(spec: CommandLineSpec, args: string[]): boolean {
  return lenientTokens(spec, args).some((t) => t.kind === 'option' && (t.rawName === '--help' || t.rawName === '-h'));
}

/** One wording for every command and Node version (parseArgs' own messages vary and suggest `--` tricks), naming what was typed. */
function describeParseError(spec: CommandLineSpec, args: string[], err: unknown): string {
  for (const token of lenientTokens(spec, args)) {
    if (token.kind === 'positional') {
      if (!spec.allowPositionals) return `unexpected argument "${token.value}"`;
      continue;
    }
    if (token.kind !== 'option') continue;
    const option = spec.options?.[token.name];
    if (!option) return `unknown option ${token.rawName}`;
    if (option.type === 'boolean' && token.value !== undefined) return `${token.rawName} takes no value`;
    if (option.type === 'string' && token.value === undefined) return `${token.rawName} needs a value`;
    if (option.type === 'string' && !token.inlineValue && token.value?.startsWith('-')) {
      return `${token.rawName} needs a value (to give one that starts with "-", write ${token.rawName}=${token.value})`;
    }
  }
  return err instanceof Error ? err.message : String(err);
}
