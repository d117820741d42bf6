// **main** dispatches `xckg <command>` to the command modules (each parses its own arguments with ./args.ts).
import { readFileSync } from 'node:fs';

type Command = (argv: string[]) => Promise<number>;

interface CommandEntry {
  /** One line for `xckg --help`. */
  summary: string;
  load: () => Promise<Command>;
}

// To add a command: one entry here, and a module whose command function runs through `runCommand` (./args.ts).
const COMMANDS: Record<string, CommandEntry> = {
  build: { summary: 'build the graph of articles into a folder (graph.ttl, graph.trig, graph.nq, viewer.json)', load: async () => (await import('./build.ts')).buildCommand },
  merge: { summary: 'merge the folders of sharded builds (build --shard I/N) into one graph', load: async () => (await import('./merge.ts')).mergeCommand },
  extract: { summary: 'print the graph of one article', load: async () => (await import('./build.ts')).extractCommand },
  recognize: {
    summary: 'read one text per line on stdin, print its mentions as JSON lines',
    // The hybrid recognizer (model + gazetteer + lexicons); `--model PATH` asks for the bare labeler instead.
    load: async () => {
      const { recognizeCommand } = await import('./recognize.ts');
      const { recognizeText } = await import('../recognize/text.ts');
      return (argv) => recognizeCommand(argv, argv.some((a) => a.startsWith('--model')) ? undefined : (t, options) => recognizeText(t, options));
    },
  },
  query: { summary: 'run a SPARQL query over built graph files', load: async () => (await import('./query.ts')).queryCommand },
  push: { summary: 'load graph files into a triple store (SPARQL 1.1 Graph Store Protocol)', load: async () => (await import('./push.ts')).pushCommand },
  view: { summary: 'serve the viewer for a built graph', load: async () => (await import('./view.ts')).viewCommand },
  validate: { summary: 'check built graphs against the SHACL shapes, and their syntax with two parsers', load: async () => (await import('./validate.ts')).validateCommand },
};

/** The package's version, read from package.json (two levels up from src/cli and from dist/cli alike). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `usage: xckg <command> [options]

commands:
${lines.join('\n')}

xckg <command> --help (or xckg help <command>) describes a command; xckg --version prints the version.
`;
}

export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    process.stderr.write(usage());
    return 2;
  }
  if (first === '-h' || first === '--help') {
    process.stdout.write(usage());
    return 0;
  }
  if (first === '-V' || first === '--version' || first === 'version') {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  let name = first;
  let args = rest;
  if (first === 'help') {
    if (rest[0] === undefined) {
      process.stdout.write(usage());
      return 0;
    }
    [name, args] = [rest[0], ['--help']];
  }
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    process.stderr.write(`xckg: unknown command '${name}'\nrun 'xckg --help' for the list of commands\n`);
    return 2;
  }
  try {
    return await (await entry.load())(args);
  } catch (e) {
    process.stderr.write(`xckg ${name}: ${String((e as Error).message ?? e).split('\n')[0]}\n`);
    return 1;
  }
}
