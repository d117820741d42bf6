// **server** — serves the built viewer app, DIR/viewer.json and DIR's RDF files over node:http, and nothing else.
// Requests are matched against a list of known files (never joined onto a path), so `..` and encoded tricks find nothing.
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, relative, sep } from 'node:path';

export interface ViewerServerOptions {
  /** The built graph: holds viewer.json and the RDF files. */
  dataDir: string;
  /** The built app (viewer/dist). */
  appDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Interface to bind; 127.0.0.1 unless asked otherwise. */
  host?: string;
}

export interface ViewerServer {
  url: string;
  port: number;
  host: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttl': 'text/turtle; charset=utf-8',
  '.nt': 'application/n-triples; charset=utf-8',
  '.nq': 'application/n-quads; charset=utf-8',
  '.trig': 'application/trig; charset=utf-8',
  '.jsonld': 'application/ld+json; charset=utf-8',
  '.rdf': 'application/rdf+xml; charset=utf-8',
  '.owl': 'application/rdf+xml; charset=utf-8',
};

/** Files in the data directory offered for download: the RDF serializations (compressed or not). */
const DOWNLOADABLE = /\.(ttl|nt|nq|trig|jsonld|rdf|owl)(\.gz)?$/i;

/**
 * Defence in depth behind the escaping in the app: no inline script, no foreign origin. The layout runs in a worker
 * created from a blob: URL (graphology's FA2 supervisor), and the PNG export downloads a blob: URL.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export async function startViewerServer(options: ViewerServerOptions): Promise<ViewerServer> {
  const host = options.host ?? '127.0.0.1';
  let appFiles = listFiles(options.appDir);

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (err) {
      if (!res.headersSent) send(res, 500, 'internal error\n');
      else res.destroy(err as Error);
    }
  });

  function handle(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return send(res, 405, 'method not allowed\n');
    }
    if (!hostAllowed(req.headers.host, host)) return send(res, 421, 'unexpected Host header\n');
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      return send(res, 400, 'bad request\n');
    }

    if (path === '/viewer.json') return sendFile(req, res, join(options.dataDir, 'viewer.json'), { cache: false });
    if (path === '/files.json') {
      const files = downloads(options.dataDir).map((name) => ({ name, size: statSync(join(options.dataDir, name)).size }));
      return send(res, 200, JSON.stringify(files), 'application/json; charset=utf-8');
    }
    if (path.startsWith('/files/')) {
      const name = path.slice('/files/'.length);
      if (!downloads(options.dataDir).includes(name)) return send(res, 404, 'not found\n');
      return sendFile(req, res, join(options.dataDir, name), { cache: false, attachment: name });
    }
    const rel = path === '/' ? 'index.html' : path.slice(1);
    // A rebuild of the app while serving renames its assets: look again before answering 404.
    if (!appFiles.has(rel)) appFiles = listFiles(options.appDir);
    const file = appFiles.get(rel);
    if (!file) return send(res, 404, 'not found\n');
    // Hashed asset names never change content; index.html must be re-read to pick up a rebuild.
    return sendFile(req, res, file, { cache: rel.startsWith('assets/') });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  return {
    url: `http://${urlHost}:${port}/`,
    port,
    host,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** Every regular file under `dir`, keyed by its URL path relative to `dir` (always with `/`). */
function listFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files.set(relative(dir, full).split(sep).join('/'), full);
    }
  };
  if (existsSync(dir)) walk(dir);
  return files;
}

/** Read at request time: a rebuild of the graph adds or replaces files while the server runs. */
function downloads(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && DOWNLOADABLE.test(e.name)).map((e) => e.name).sort();
}

/**
 * Bound to a loopback address, answer only requests addressed to loopback names: a web page elsewhere cannot point
 * its own domain at 127.0.0.1 (DNS rebinding) and read the graph. Bound to another interface, any name goes.
 */
function hostAllowed(header: string | undefined, bound: string): boolean {
  const loopback = bound === '127.0.0.1' || bound === 'localhost' || bound === '::1';
  if (!loopback) return true;
  if (!header) return false;
  const name = header.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return name === '127.0.0.1' || name === 'localhost' || name === '::1';
}

function securityHeaders(res: ServerResponse) {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8') {
  securityHeaders(res);
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

function sendFile(req: IncomingMessage, res: ServerResponse, file: string, opts: { cache: boolean; attachment?: string }) {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) return send(res, 404, 'not found\n');
    size = st.size;
  } catch {
    return send(res, 404, 'not found\n');
  }
  securityHeaders(res);
  const name = file.replace(/\.gz$/i, '');
  const headers: Record<string, string | number> = {
    'Content-Type': TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': size,
    'Cache-Control': opts.cache ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
  if (opts.attachment) {
    if (/\.gz$/i.test(file)) headers['Content-Type'] = 'application/gzip';
    headers['Content-Disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(opts.attachment)}`;
  }
  res.writeHead(200, headers);
  if (req.method === 'HEAD') return res.end();
  createReadStream(file).on('error', () => res.destroy()).pipe(res);
}
