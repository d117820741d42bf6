// **main** dispatches `xckg <command>` to the command modules; each parses its own arguments.

const USAGE = `usage: xckg <command> [options]

commands:
  build <files or folders…> --out DIR   build the graph of the articles into DIR (graph.ttl, graph.trig, graph.nq, viewer.json)
  extract FILE [--format ttl|trig|nq|jsonld]   print the graph of one article
  recognize --jsonl [--model PATH]      read one text per line on stdin, print its mentions as JSON lines
                                        (the hybrid recognizer; --model: the bare sequence labeler)
  query GRAPH… (-q SPARQL | -f FILE) [--format table|json|csv|tsv]   run a SPARQL query
  view DIR [--port N] [--host H]        serve the viewer for a built graph`;

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  build: async () => (await import('./build.ts')).buildCommand,
  extract: async () => (await import('./build.ts')).extractCommand,
  // The hybrid recognizer (model + gazetteer + lexicons); `--model PATH` asks for the bare labeler instead.
  recognize: async () => {
    const { recognizeCommand } = await import('./recognize.ts');
    const { recognizeText } = await import('../recognize/text.ts');
    return (argv) => recognizeCommand(argv, argv.some((a) => a.startsWith('--model')) ? undefined : (t) => recognizeText(t));
  },
  query: async () => (await import('./query.ts')).queryCommand,
  view: async () => (await import('./view.ts')).viewCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '-h' || name === '--help') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`xckg: unknown command '${name}'\n${USAGE}`);
    return 2;
  }
  try {
    return await (await load())(rest);
  } catch (e) {
    console.error(`xckg ${name}: ${(e as Error).message}`);
    return 1;
  }
}
