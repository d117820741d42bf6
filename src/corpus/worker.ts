// **worker** — one extraction thread: loads the resources once, then turns each task (an article and its reprints)
// into a record file in the work folder, written to a temporary name and renamed, and answers with what happened.
import { parentPort } from 'node:worker_threads';
import type { Document } from '../types.ts';
import { loadResources } from '../recognize/index.ts';
import { extractArticle } from './article.ts';
import { articleRecord, serializeRecord } from './record.ts';
import { ARTICLE_CHECKS, BUILD_CHECKS } from './checks.ts';
import { writeFileAtomic } from './output.ts';
import { failureReason, inputBytes, readArticle } from './read.ts';
import type { ArticleInput, InputFailure } from './inputs.ts';

export interface ExtractTask {
  id: number;
  /** The printings of one text, the one to extract first; the others become reprints of it. */
  members: ArticleInput[];
  /** The members' document ids, chosen by the build (which sees every input) so that no two inputs share one. */
  ids: Array<string | null>;
  /** Where the record goes (`<work>/articles/<key>.json`); temporary files go to `tmpDir`. */
  recordPath: string;
  tmpDir: string;
  maxBytes: number;
  /** Run every check of src/corpus/checks.ts (SHACL shapes included), not only the build's default ones. */
  validate: boolean;
}

export interface ExtractReply {
  id: number;
  /** Set when a record was written. */
  docId?: string;
  chars: number;
  failures: InputFailure[];
}

/** Runs one task: every member read, the first readable one extracted, the record written. */
export function runTask(task: ExtractTask, resources = loadResources()): ExtractReply {
  const failures: InputFailure[] = [];
  const docs: Array<{ input: ArticleInput; doc: Document }> = [];
  for (const [i, input] of task.members.entries()) {
    try {
      const doc = readArticle(input, inputBytes(input, task.maxBytes), task.maxBytes);
      doc.id = task.ids[i] ?? doc.id;
      docs.push({ input, doc });
    } catch (e) {
      failures.push({ ref: input.ref, reason: failureReason(e) });
    }
  }
  if (!docs.length) return { id: task.id, chars: 0, failures };
  const [primary, ...reprints] = docs;
  try {
    const graph = extractArticle(primary.doc, resources);
    const record = articleRecord(graph, docs.map((d) => d.input.ref), reprints.map((r) => r.doc), task.validate ? ARTICLE_CHECKS : BUILD_CHECKS);
    writeFileAtomic(task.recordPath, serializeRecord(record), task.tmpDir);
    return { id: task.id, docId: record.docId, chars: record.chars, failures };
  } catch (e) {
    // The extractor failing on one article must not end the build: report it, keep going.
    for (const d of docs) failures.push({ ref: d.input.ref, reason: `extraction failed (${failureReason(e)})` });
    return { id: task.id, chars: 0, failures };
  }
}

if (parentPort) {
  const port = parentPort;
  const resources = loadResources();
  port.on('message', (task: ExtractTask) => port.postMessage(runTask(task, resources)));
}
