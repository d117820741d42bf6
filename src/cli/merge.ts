// **merge** — `xckg merge DIR… --out DIR`: join the folders of `xckg build --shard I/N` runs into the outputs one build
// of all their inputs writes, byte for byte (persons resolved across the shards).
import { mergeBuilds } from '../corpus/build.ts';
import { runCommand, UsageError, type CommandSpec } from './args.ts';
import { printFindings, report } from './build.ts';

export const MERGE_SPEC = {
  name: 'merge',
  synopsis: 'DIR… --out DIR',
  summary: 'Merge the output folders of sharded builds (xckg build --shard I/N) into one graph, as one build of all their inputs would write it.',
  positionals: [{ name: 'DIR', help: 'a folder written by xckg build (its .work holds the article records)' }],
  minPositionals: 1,
  options: {
    out: { type: 'string', short: 'o', value: 'DIR', help: 'the output folder' },
    quiet: { type: 'boolean', short: 'q', help: 'no summary (failed inputs of the shards are still reported)' },
  },
} as const satisfies CommandSpec;

export async function mergeCommand(argv: string[]): Promise<number> {
  return runCommand(MERGE_SPEC, argv, async ({ values, positionals }) => {
    if (!values.out) throw new UsageError('--out DIR is required');
    let outputs;
    try {
      outputs = await mergeBuilds(positionals, values.out);
    } catch (e) {
      console.error(`xckg: ${String((e as Error).message).split('\n')[0]}`);
      return 1;
    }
    for (const f of outputs.summary.failures) console.error(`xckg: ${f.input}: ${f.reason}`);
    printFindings(outputs.summary.findings);
    if (!values.quiet) report(values.out, outputs, `merged ${positionals.length} builds: ${outputs.summary.articles} articles of ${outputs.summary.inputs} inputs`);
    return outputs.summary.failed ? 1 : 0;
  });
}
