// **digest** — HTTP Digest access authentication (RFC 7616) with MD5 and qop=auth, the scheme Virtuoso's
// /sparql-graph-crud-auth asks for: parse a server's challenge, answer it for one request.
import { createHash, randomBytes } from 'node:crypto';

export interface DigestChallenge {
  realm: string;
  nonce: string;
  qop?: string;
  opaque?: string;
  algorithm?: string;
}

/** The Digest challenge in a WWW-Authenticate header (which may hold several schemes), or undefined. */
export function parseDigestChallenge(header: string | null): DigestChallenge | undefined {
  if (!header) return undefined;
  const at = header.search(/\bDigest\s/i);
  if (at < 0) return undefined;
  const params: Record<string, string> = {};
  // key=value or key="quoted, with commas" pairs; stops being ours at the next scheme name.
  const re = /([a-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/gi;
  re.lastIndex = at + 'Digest'.length;
  for (let m; (m = re.exec(header)); ) params[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
  if (params.realm === undefined || params.nonce === undefined) return undefined;
  return { realm: params.realm, nonce: params.nonce, qop: params.qop, opaque: params.opaque, algorithm: params.algorithm };
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/**
 * The Authorization header answering `challenge` for one request. `nc` counts the requests made with the same
 * nonce (the server rejects a repeated count). Only MD5 is offered: it is what Virtuoso and most stores use.
 */
export function digestAuthorization(
  challenge: DigestChallenge,
  request: { method: string; uri: string; user: string; password: string; nc: number; cnonce?: string },
): string {
  const algorithm = challenge.algorithm ?? 'MD5';
  if (!/^MD5$/i.test(algorithm)) throw new Error(`the server wants digest algorithm ${algorithm}; only MD5 is supported`);
  const ha1 = md5(`${request.user}:${challenge.realm}:${request.password}`);
  const ha2 = md5(`${request.method}:${request.uri}`);
  const qops = (challenge.qop ?? '').split(',').map((q) => q.trim());
  const quote = (s: string) => `"${s.replace(/(["\\])/g, '\\$1')}"`;
  const fields = [`username=${quote(request.user)}`, `realm=${quote(challenge.realm)}`, `nonce=${quote(challenge.nonce)}`, `uri=${quote(request.uri)}`, `algorithm=${algorithm}`];
  if (qops.includes('auth')) {
    const nc = request.nc.toString(16).padStart(8, '0');
    const cnonce = request.cnonce ?? randomBytes(8).toString('hex');
    fields.push(`response=${quote(md5(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:auth:${ha2}`))}`, 'qop=auth', `nc=${nc}`, `cnonce=${quote(cnonce)}`);
  } else {
    // RFC 2069 style, for servers that offer no qop.
    fields.push(`response=${quote(md5(`${ha1}:${challenge.nonce}:${ha2}`))}`);
  }
  if (challenge.opaque !== undefined) fields.push(`opaque=${quote(challenge.opaque)}`);
  return `Digest ${fields.join(', ')}`;
}
