// **assemble-worker** — the thread that writes graph.ttl and viewer.json while the main thread writes graph.nq and
// graph.trig (src/corpus/assemble.ts): it gets the plan, answers with the part it wrote or the error.
import { parentPort } from 'node:worker_threads';
import { writeUnion, type AssemblePlan } from './assemble.ts';

if (parentPort) {
  const port = parentPort;
  port.once('message', (plan: AssemblePlan) => {
    try {
      port.postMessage({ result: writeUnion(plan) });
    } catch (e) {
      port.postMessage({ error: String((e as Error).message ?? e).split('\n')[0] });
    }
  });
}
