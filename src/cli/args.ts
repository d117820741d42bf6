// **args** — one argument parser for every `xckg` command: a command spec over `node:util` `parseArgs`, its `--help`, and one usage-error style.
//
// A command declares a `CommandSpec` (name, synopsis, options with one line of help each, its positionals) and runs
// its body through `runCommand(spec, argv, body)`:
//   - `--help` / `-h` prints the help to stdout and exits 0;
//   - a usage mistake prints `xckg <cmd>: <message>` and the hint `run 'xckg <cmd> --help' for usage` to stderr and exits 2;
//   - the body receives typed values and positionals; it may throw `UsageError` for checks parseArgs cannot make.
import { parseArgs } from 'node:util';
import type { Writable } from 'node:stream';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  default?: string | boolean | string[] | boolean[];
  /** The placeholder shown in the help after a string option (`--out DIR`). */
  value?: string;
  /** One line of help. */
  help: string;
  /** The only values a string option accepts (checked, and listed in the error). */
  choices?: readonly string[];
}

export interface CommandSpec<O extends Record<string, OptionSpec> = Record<string, OptionSpec>> {
  /** The word after `xckg`. */
  name: string;
  /** What follows `usage: xckg <name>` (`GRAPH… (-q SPARQL | -f FILE) [options]`). */
  synopsis: string;
  /** One or two sentences on what the command does. */
  summary: string;
  options: O;
  /** The positionals, each with a line of help (`GRAPH`: what it is). */
  positionals?: Array<{ name: string; help: string }>;
  /** How many positionals are allowed (default: none required, any number). */
  minPositionals?: number;
  maxPositionals?: number;
  /** Free text printed after the options (formats, examples). */
  epilog?: string;
}

/** A mistake in how the command was called: exit status 2, with the help hint. */
export class UsageError extends Error {}

type ValueOf<O extends OptionSpec> = O['type'] extends 'boolean'
  ? O['multiple'] extends true ? boolean[] : boolean
  : O['multiple'] extends true ? string[] : string;

/** The parsed option values: options with a default are always present, the others may be undefined. */
export type OptionValues<O extends Record<string, OptionSpec>> = {
  [K in keyof O]: O[K] extends { default: unknown } ? ValueOf<O[K]> : ValueOf<O[K]> | undefined;
};

export interface ParsedCommand<O extends Record<string, OptionSpec>> {
  values: OptionValues<O>;
  positionals: string[];
}

const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', help: 'show this help' };

/** Parse `argv` against the spec; `{ help: true }` when help was asked for. Throws `UsageError`. */
export function parseCommand<const O extends Record<string, OptionSpec>>(
  spec: CommandSpec<O>,
  argv: string[],
): ParsedCommand<O> | { help: true } {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean; default?: string | boolean | string[] | boolean[] }> = {};
  for (const [long, o] of Object.entries({ ...spec.options, help: HELP_OPTION })) {
    options[long] = { type: o.type, ...(o.short && { short: o.short }), ...(o.multiple && { multiple: true }), ...(o.default !== undefined && { default: o.default }) };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    // `--help` anywhere wins over a mistake elsewhere on the line, as in git and npm.
    if (argv.includes('--help') || argv.includes('-h')) return { help: true };
    throw new UsageError(plainParseError(e as NodeJS.ErrnoException));
  }
  if (parsed.values.help) return { help: true };
  delete parsed.values.help;

  for (const [long, o] of Object.entries(spec.options)) {
    const v = parsed.values[long];
    if (!o.choices || v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) {
      if (!o.choices.includes(String(one))) throw new UsageError(`unknown ${long} '${one}' (expected ${o.choices.join(', ')})`);
    }
  }
  const n = parsed.positionals.length;
  if (spec.minPositionals !== undefined && n < spec.minPositionals) {
    const names = (spec.positionals ?? []).map((p) => p.name).join(' ');
    throw new UsageError(`missing ${names || 'argument'}`);
  }
  if (spec.maxPositionals !== undefined && n > spec.maxPositionals) {
    throw new UsageError(`unexpected argument '${parsed.positionals[spec.maxPositionals]}'`);
  }
  return { values: parsed.values as OptionValues<O>, positionals: parsed.positionals };
}

/** parseArgs' messages are long and written for programmers; say the same in a few words. */
function plainParseError(e: NodeJS.ErrnoException): string {
  const option = /'(-[^' ,]+)(?:, (--[^' ]+))?/.exec(e.message);
  const name = option ? option[2] ?? option[1] : '';
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${name}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(e.message) ? `${name} takes no value` : `${name} needs a value`;
    default:
      return e.message.split('\n')[0];
  }
}

/** The help text of a command: usage line, summary, arguments, options, epilog. */
export function helpText(spec: CommandSpec): string {
  const rows = (pairs: Array<[string, string]>) => {
    const width = Math.min(28, Math.max(...pairs.map(([l]) => l.length)));
    return pairs.map(([l, h]) => (l.length > width ? `  ${l}\n  ${' '.repeat(width)}  ${h}` : `  ${l.padEnd(width)}  ${h}`)).join('\n');
  };
  const parts = [`usage: xckg ${spec.name} ${spec.synopsis}`.trimEnd(), '', spec.summary];
  if (spec.positionals?.length) parts.push('', 'arguments:', rows(spec.positionals.map((p) => [p.name, p.help])));
  const opts = Object.entries({ ...spec.options, help: HELP_OPTION }).map(([long, o]): [string, string] => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${long}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`;
    const choices = o.choices && !o.help.includes(o.choices.join('|')) ? ` (${o.choices.join('|')})` : '';
    return [flag, o.help + choices];
  });
  parts.push('', 'options:', rows(opts));
  if (spec.epilog) parts.push('', spec.epilog.trimEnd());
  return parts.join('\n') + '\n';
}

/** The two lines of a usage mistake. */
export function usageErrorText(spec: Pick<CommandSpec, 'name'>, message: string): string {
  return `xckg ${spec.name}: ${message}\nrun 'xckg ${spec.name} --help' for usage\n`;
}

export interface CommandIO {
  stdout: Writable;
  stderr: Writable;
}

/**
 * Parse, then run the body: help → stdout, exit 0; a `UsageError` (from parsing or thrown by the body) → the
 * usage-error lines on stderr, exit 2. Other errors propagate to main, which prints them as one line, exit 1.
 */
export async function runCommand<const O extends Record<string, OptionSpec>>(
  spec: CommandSpec<O>,
  argv: string[],
  body: (args: ParsedCommand<O>) => Promise<number> | number,
  io: CommandIO = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  try {
    const parsed = parseCommand(spec, argv);
    if ('help' in parsed) {
      io.stdout.write(helpText(spec));
      return 0;
    }
    return await body(parsed);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(usageErrorText(spec, e.message));
      return 2;
    }
    throw e;
  }
}

/** A whole number from a string option, within bounds, or a `UsageError` naming the option. */
export function integerOption(name: string, value: string | undefined, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || n < min || n > max) throw new UsageError(`--${name} needs a whole number ${max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`}, not '${value}'`);
  return n;
}

/** A positive number (fractions allowed: `--timeout 0.5`) from a string option, or a `UsageError`. */
export function positiveNumberOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} needs a positive number, not '${value}'`);
  return n;
}
