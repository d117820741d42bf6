// **http** — requests to a triple store with Node's fetch: basic or digest login, retries with backoff on 5xx and
// timeouts, and one-line errors for what a user can fix (a wrong password, a wrong URL, a store that is not running).
import { digestAuthorization, parseDigestChallenge, type DigestChallenge } from './digest.ts';

export interface HttpOptions {
  user?: string;
  /** Never printed: errors and logs name the user and the URL only. */
  password?: string;
  /** Tries after the first, on 5xx, timeouts and dropped connections. Default 4. */
  retries?: number;
  /** Milliseconds one request may take. Default 120,000. */
  timeoutMs?: number;
  /** First backoff in milliseconds, doubled on every retry. Default 500. */
  backoffMs?: number;
  /** Progress and retry notes (one line each). */
  log?: (line: string) => void;
}

/** A request that failed for good; the message is one line naming the URL and the reason. */
export class StoreHttpError extends Error {
  constructor(readonly url: string, readonly status: number | undefined, reason: string) {
    super(`${url}: ${reason}`);
    this.name = 'StoreHttpError';
  }
}

export interface StoreRequest {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface StoreResponse {
  status: number;
  text: string;
}

/** The URL without a query string, for messages (graph IRIs can be long). */
const shortUrl = (url: string) => url.replace(/\?.*$/, '');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Node's fetch wraps the socket error in `cause`. */
function networkReason(e: unknown): { code?: string; reason: string } {
  const cause = (e as { cause?: NodeJS.ErrnoException }).cause;
  const code = cause?.code ?? (e as NodeJS.ErrnoException).code;
  if ((e as Error).name === 'TimeoutError' || (e as Error).name === 'AbortError') return { code: 'ETIMEDOUT', reason: 'no answer in time' };
  if (code === 'ECONNREFUSED') return { code, reason: 'connection refused (is the store running, on this host and port?)' };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { code, reason: 'unknown host' };
  return { code, reason: `${code ?? ''} ${cause?.message ?? (e as Error).message}`.trim() };
}

/** Answers that say "not now" rather than "never" (501 Not Implemented, for one, will not change on a retry). */
const RETRY_STATUS = new Set([500, 502, 503, 504, 429]);

/** Connection-level failures worth another try: the store may be restarting or briefly overloaded. */
const RETRYABLE = new Set(['ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

export class StoreClient {
  private digest?: DigestChallenge;
  private nc = 0;
  /** The server asked for Basic: send it up front from then on. */
  private basic = false;

  constructor(private readonly options: HttpOptions = {}) {}

  /** One request, with login and retries; resolves for 2xx, throws a StoreHttpError otherwise. */
  async request(req: StoreRequest): Promise<StoreResponse> {
    const retries = this.options.retries ?? 4;
    let backoff = this.options.backoffMs ?? 500;
    for (let attempt = 0; ; attempt++) {
      let res: StoreResponse;
      try {
        res = await this.send(req);
      } catch (e) {
        if (e instanceof StoreHttpError) throw e;
        const { code, reason } = networkReason(e);
        if (attempt < retries && code !== undefined && RETRYABLE.has(code)) {
          this.options.log?.(`${shortUrl(req.url)}: ${reason}; trying again in ${backoff} ms`);
          await sleep(backoff);
          backoff *= 2;
          continue;
        }
        throw new StoreHttpError(shortUrl(req.url), undefined, reason);
      }
      if (res.status >= 200 && res.status < 300) return res;
      if (RETRY_STATUS.has(res.status) && attempt < retries) {
        this.options.log?.(`${shortUrl(req.url)}: ${res.status} from the store; trying again in ${backoff} ms`);
        await sleep(backoff);
        backoff *= 2;
        continue;
      }
      throw new StoreHttpError(shortUrl(req.url), res.status, this.reasonFor(res));
    }
  }

  /** One exchange, answering a login challenge once (a stale digest nonce is renewed the same way). */
  private async send(req: StoreRequest): Promise<StoreResponse> {
    let res = await this.fetchOnce(req);
    if (res.status === 401 && this.options.user !== undefined) {
      const challenge = parseDigestChallenge(res.headers.get('www-authenticate'));
      const hadLogin = this.digest !== undefined || this.basic;
      const stale = challenge && /stale\s*=\s*"?true/i.test(res.headers.get('www-authenticate') ?? '');
      if (challenge) {
        this.digest = challenge;
        this.nc = 0;
      } else if (/\bBasic\b/i.test(res.headers.get('www-authenticate') ?? '')) this.basic = true;
      // A retry helps when we had not logged in yet, or the nonce expired; not when the password is wrong.
      if (!hadLogin || stale) res = await this.fetchOnce(req);
    }
    return { status: res.status, text: await res.text() };
  }

  private fetchOnce(req: StoreRequest): Promise<Response> {
    const headers: Record<string, string> = { ...req.headers };
    const { user, password = '' } = this.options;
    if (user !== undefined && this.digest) {
      const u = new URL(req.url);
      headers.authorization = digestAuthorization(this.digest, { method: req.method, uri: u.pathname + u.search, user, password, nc: ++this.nc });
    } else if (user !== undefined && this.basic) {
      headers.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    }
    return fetch(req.url, { method: req.method, headers, body: req.body, signal: AbortSignal.timeout(this.options.timeoutMs ?? 120_000) });
  }

  private reasonFor(res: StoreResponse): string {
    const detail = res.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 160);
    if (res.status === 401) {
      return this.options.user === undefined
        ? '401 Unauthorized: the store wants a login (--user NAME, the password in the environment variable XCKG_PASSWORD)'
        : `401 Unauthorized: the store refused user '${this.options.user}' (check XCKG_PASSWORD)`;
    }
    if (res.status === 403) return `403 Forbidden: user '${this.options.user ?? '(none)'}' may not write there`;
    // Virtuoso answers an unknown path with 501, most servers with 404.
    if (res.status === 404 || res.status === 501) {
      return `${res.status} ${res.status === 404 ? 'Not Found' : 'Not Implemented'}: is this the Graph Store endpoint? (Virtuoso: http://HOST:8890/sparql-graph-crud-auth, Fuseki: http://HOST:3030/DATASET/data)`;
    }
    return `${res.status}${detail ? `: ${detail}` : ''}`;
  }
}
