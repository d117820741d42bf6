// **IngestError** — the one error the ingest stage throws: a file it cannot turn into a Document.

/** Why a file was refused; lets callers branch without parsing the message. */
export type IngestErrorReason = 'empty' | 'binary' | 'too-large' | 'undecodable' | 'no-text' | 'unreadable';

export class IngestError extends Error {
  readonly path: string;
  readonly reason: IngestErrorReason;

  /** `detail` is a short phrase; the message always names the file so a batch log line stands alone. */
  constructor(path: string, reason: IngestErrorReason, detail: string) {
    super(`${path || '(unnamed input)'}: ${detail}`.replace(/[\r\n]+/g, ' '));
    this.name = 'IngestError';
    this.path = path;
    this.reason = reason;
  }
}
