// Backends → where a location sends traffic: an `upstream` block for fixed endpoints, or a
// variable in proxy_pass for DNS names, resolved by nginx at run time through `resolver`
// (so `nginx -t` passes offline, without cluster DNS).
import type { Finding } from '../../findings/finding.js';
import { defaultPolicy, type RoutePolicy } from '../../model/policy.js';
import type { Backend, Origin } from '../../model/types.js';
import { block, d, type Directive } from './config.js';
import { findingFor } from './findings.js';
import { text } from './quote.js';
import { addressProblem, isDnsLabel } from '../../model/validate-values.js';


/** host:port as nginx reads it, or undefined when the host is not a plain IP address or DNS name. */
export function address(host: string, port: number): string | undefined {
  if (addressProblem(host, port)) return undefined;
  // checked: a DNS name or an IP address, so a ":" is an IPv6 address's (no second isIP)
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** nginx size syntax for a byte count: 1m, 512k or plain bytes. */
export function size(bytes: number): string {
  if (bytes > 0 && bytes % 1024 ** 2 === 0) return `${bytes / 1024 ** 2}m`;
  if (bytes > 0 && bytes % 1024 === 0) return `${bytes / 1024}k`;
  return String(bytes);
}

/** The per-route policy directives that differ from the http-level defaults. */
export function policyDirectives(policy: RoutePolicy, prefix: 'proxy' | 'grpc'): Directive[] {
  const base = defaultPolicy();
  const out: Directive[] = [];
  if (policy.bodySizeLimit !== base.bodySizeLimit) out.push(d('client_max_body_size', size(policy.bodySizeLimit)));
  for (const k of ['connect', 'read', 'send'] as const) {
    if (prefix === 'grpc' || policy.timeouts[k] !== base.timeouts[k]) out.push(d(`${prefix}_${k}_timeout`, `${policy.timeouts[k]}s`));
  }
  return out;
}

/** Collects one `upstream` block per distinct endpoint set, named after its backend. */
export class Upstreams {
  readonly blocks: Directive[] = [];
  readonly findings: Finding[] = [];
  usesResolver = false;
  private readonly names = new Map<string, string>();
  private readonly taken = new Set<string>();

  /** Notes a backend before any location is written, so upstream blocks and `resolver` come first in the file. */
  register(backend: Backend, affinityKey?: string): void {
    const u = backend.upstream;
    if (u.kind === 'dns') this.usesResolver = true;
    if (u.kind !== 'endpoints') return;
    const servers = u.endpoints.map((e) => address(e.ip, e.port));
    if (servers.every((s): s is string => s !== undefined)) this.upstreamName(backend, servers, affinityKey);
  }

  /**
   * Where `backend`'s requests go: an upstream block's name, or host:port that nginx resolves
   * at run time; undefined (with a finding) when it cannot be written safely. `affinityKey`:
   * a variable to hash the endpoints on (affinity: cookie).
   */
  target(backend: Backend, origin: Origin | undefined, affinityKey?: string): { address: string; dns: boolean } | undefined {
    const u = backend.upstream;
    if (u.kind === 'unresolved') return undefined;
    if (u.kind === 'dns') {
      const addr = address(u.host, u.port);
      if (!addr) return this.refuse(backend, origin, `host ${JSON.stringify(u.host)}`);
      return { address: addr, dns: true };
    }
    const servers: string[] = [];
    for (const e of u.endpoints) {
      const addr = address(e.ip, e.port);
      if (!addr) return this.refuse(backend, origin, `endpoint ${JSON.stringify(e.ip)}`);
      servers.push(addr);
    }
    return { address: this.upstreamName(backend, servers, affinityKey), dns: false };
  }

  /**
   * The directives that send a request to `backend` (or, with `via`, to the address a variable
   * holds: a canary's choice), then `headers`; undefined when it cannot be written safely.
   */
  pass(backend: Backend, policy: RoutePolicy, origin: Origin | undefined, opts: { affinityKey?: string; via?: string; headers?: Directive[] } = {}): Directive[] | undefined {
    const grpc = backend.protocol === 'grpc' || backend.protocol === 'grpcs';
    const scheme = backend.protocol === 'grpcs' ? 'grpcs' : grpc ? 'grpc' : backend.protocol;
    const passName = grpc ? 'grpc_pass' : 'proxy_pass';
    const extra = [...(grpc && !opts.headers?.length ? [d('grpc_set_header', 'Host', '$http_host')] : []), ...(opts.headers ?? []), ...(backend.protocol === 'https' || backend.protocol === 'grpcs' ? [d(`${grpc ? 'grpc' : 'proxy'}_ssl_server_name`, 'on')] : []), ...policyDirectives(policy, grpc ? 'grpc' : 'proxy')];
    if (opts.via) return [d(passName, `${scheme}://${opts.via}`), ...extra];
    if (backend.upstream.kind === 'unresolved') return [d('return', 503)];
    const t = this.target(backend, origin, opts.affinityKey);
    if (!t) return undefined;
    if (t.dns) return [d('set', '$ingressctl_upstream', text(t.address)), d(passName, `${scheme}://$ingressctl_upstream`), ...extra];
    return [d(passName, `${scheme}://${t.address}`), ...extra];
  }

  private upstreamName(b: Backend, servers: string[], affinityKey?: string): string {
    const id = `${b.namespace}/${b.service}/${b.port}|${servers.join(',')}|${affinityKey ?? ''}`;
    let name = this.names.get(id);
    if (name) return name;
    // namespace and service are DNS labels, so "." keeps different backends apart
    const parts = ([b.namespace, b.service].every(isDnsLabel) ? `${b.namespace}.${b.service}.${b.port ?? 'unknown'}` : 'backend') + (affinityKey ? '.affinity' : '');
    name = parts;
    for (let n = 2; this.taken.has(name); n++) name = `${parts}.${n}`;
    this.taken.add(name);
    this.names.set(id, name);
    // affinity: a consistent hash of the cookie (or, for a new client, of the request id its cookie will carry)
    this.blocks.push(block('upstream', [name], [...(affinityKey ? [d('hash', affinityKey, 'consistent')] : []), ...servers.map((s) => d('server', s)), d('keepalive', 32)]));
    return name;
  }

  private refuse(b: Backend, origin: Origin | undefined, what: string): undefined {
    this.findings.push(findingFor(origin, 'target-unsafe-value', 'error', `backend ${b.namespace}/${b.service}: ${what} is not an IP address or DNS name; not written to nginx.conf, so this route answers 502`, 'Fix the Service (externalName) or the --upstream address.'));
    return undefined;
  }
}

