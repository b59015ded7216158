// Backends and the resolvers section: endpoints → server lines; a DNS name (ExternalName
// or the Service's cluster name) → a server resolved at run time through `resolvers`
// with init-addr last,libc,none, so `haproxy -c` passes offline; nowhere to go → 503.
import { isIP } from 'node:net';
import { formatBackend } from '../../model/backends.js';
import type { Upstream } from '../../model/types.js';
import { line, note, quoted, when, type Line, type Quoted, type Section } from './config.js';
import type { BackendPlan } from './plan.js';

export const RESOLVERS = 'cluster_dns';

function address(host: string, port: number): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}

/** What a server speaks, from the backend-protocol annotation; upstream certificates are not verified, as in ingress-nginx. */
function protocolWords(p: BackendPlan['backend']['protocol']): string[] {
  if (p === 'https') return ['ssl', 'verify', 'none'];
  if (p === 'grpc') return ['proto', 'h2'];
  if (p === 'grpcs') return ['ssl', 'verify', 'none', 'alpn', 'h2'];
  return [];
}

/** With affinity, each server's name is also its cookie value. */
function serverLines(u: Upstream, protocol: string[], resolvers: boolean, sticky: boolean): Line[] {
  const cookie = (name: string) => (sticky ? ['cookie', name] : []);
  if (u.kind === 'endpoints') return u.endpoints.map((e, i) => line(['server', `ep${i + 1}`, address(e.ip, e.port), ...protocol, ...cookie(`ep${i + 1}`)]));
  if (u.kind === 'dns') return [line(['server', 'dns', address(u.host, u.port), ...(resolvers ? ['resolvers', RESOLVERS] : []), 'init-addr', 'last,libc,none', ...protocol, ...cookie('dns')])];
  return [];
}

/**
 * affinity: cookie → HAProxy inserts the cookie naming the server, and a client that
 * brings it goes back there. HAProxy writes its own "path=/" first; the Path added here
 * comes last, and the last Path attribute is the one a browser keeps (RFC 6265 5.3).
 * Over HTTPS the cookie is Secure (the model's cookie, src/model/affinity.ts).
 */
function cookieLines(a: NonNullable<BackendPlan['affinity']>): Line[] {
  const escaped = a.cookie.replace(/\./g, '\\.');
  return [
    line(['cookie', a.cookie, 'insert', 'indirect', 'httponly', 'attr', `Path=${a.path}`, ...(a.maxAge !== undefined ? ['attr', `Max-Age=${a.maxAge}`] : [])]),
    line(['http-after-response', 'replace-header', 'Set-Cookie', `^(${escaped}=.*)$`, '\\1; Secure'], when({ fetch: 'ssl_fc' })),
  ];
}

/** `timeout connect|server Ns`, quoted once per value (10,000 backends share a few). */
const timeoutLines = new Map<string, Quoted>();
function timeoutLine(which: 'connect' | 'server', seconds: number): Quoted {
  const key = `${which} ${seconds}`;
  let text = timeoutLines.get(key);
  if (text === undefined) timeoutLines.set(key, (text = quoted(['timeout', which, `${seconds}s`])));
  return text;
}

/** `resolvers`: the resolvers section exists (a valid --resolver was given). Its lines are written as the file is (10,000 backends). */
export function backendSection(b: BackendPlan, resolvers: boolean): Section {
  const { backend } = b;
  const u = backend.upstream;
  const about = `${formatBackend(backend)} (${backend.protocol})`;
  if (b.refused || u.kind === 'unresolved') {
    const lines: Line[] = [note(about), note(`nowhere to send requests: ${b.refused ?? (u.kind === 'unresolved' ? u.reason : '')}`), line(['http-request', 'return', 'status', '503'])];
    return { head: ['backend', b.name], lines };
  }
  return {
    head: ['backend', b.name],
    writeLines: (out) => {
      out.note(about);
      out.quotedLine(timeoutLine('connect', b.connect));
      out.quotedLine(timeoutLine('server', b.server));
      if (b.affinity) out.lines(cookieLines(b.affinity));
      out.lines(serverLines(u, protocolWords(backend.protocol), resolvers, Boolean(b.affinity)));
    },
  };
}

/** Only when some upstream is a DNS name. */
export function resolversSection(nameserver: string): Section {
  return {
    head: ['resolvers', RESOLVERS],
    lines: [
      note('Service and ExternalName names, resolved at run time (--resolver)'),
      line(['nameserver', 'dns1', nameserver]),
      line(['accepted_payload_size', '8192']),
      line(['hold', 'valid', '10s']),
      line(['timeout', 'resolve', '1s']),
      line(['timeout', 'retry', '1s']),
    ],
  };
}
