// Backends → Traefik services: one loadBalancer per backend, protocol, timeouts and
// affinity cookie; a serversTransport per set of timeouts (and TLS to the upstream).
import { isIP } from 'node:net';
import { formatBackend } from '../../model/backends.js';
import type { RoutePolicy } from '../../model/policy.js';
import type { Backend, Origin } from '../../model/types.js';
import type { AffinityDecision } from '../plan.js';
import type { FindingSink } from './findings.js';
import type { Service, ServersTransport } from './types.js';

const LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_NAME = /^(?=.{1,253}\.?$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*\.?$/i;

/** The service a router names when its middlewares always answer (redirects, refusals): never reached. */
export const NO_BACKEND = 'no-backend';

export class Services {
  readonly services: Record<string, Service> = {};
  readonly transports: Record<string, ServersTransport> = {};
  private readonly byKey = new Map<string, string>();
  /** a DNS name is resolved by Traefik's own resolver (the system's): --resolver cannot be applied */
  usesDns = false;

  constructor(private readonly sink: FindingSink) {
    // an address nothing listens on (port 9, discard) for routers that never forward
    this.services[NO_BACKEND] = { loadBalancer: { servers: [{ url: 'http://127.0.0.1:9' }] } };
  }

  /**
   * The service a route sends `backend` to, or undefined when there is nowhere to send it
   * (the router then answers 503). Names start "<namespace>_<service>_<port>" ("_" is in
   * neither), so a reader (and the test evaluator) sees the backend in the name.
   */
  refFor(backend: Backend, policy: RoutePolicy, origin: Origin | undefined, affinity?: AffinityDecision): string | undefined {
    const u = backend.upstream;
    if (u.kind === 'unresolved') return undefined;
    if (!LABEL.test(backend.namespace) || !LABEL.test(backend.service)) {
      this.sink.add('target-unsupported', 'error', `backend ${JSON.stringify(`${backend.namespace}/${backend.service}`)} is not a valid Service name; its route answers 503`, origin);
      return undefined;
    }
    const addresses = u.kind === 'dns' ? [{ ip: u.host, port: u.port }] : u.endpoints;
    const bad = addresses.find((a) => !(isIP(a.ip) || DNS_NAME.test(a.ip)) || !Number.isInteger(a.port) || a.port < 1 || a.port > 65535);
    if (bad || !addresses.length) {
      this.sink.add('target-unsupported', 'error', `upstream address ${bad ? JSON.stringify(`${bad.ip}:${bad.port}`) : '(none)'} of ${formatBackend(backend)} is not an IP address or DNS name with a port; its route answers 503`, origin);
      return undefined;
    }
    if (addresses.some((a) => !isIP(a.ip))) this.usesDns = true;
    const tls = backend.protocol === 'https' || backend.protocol === 'grpcs';
    const scheme = backend.protocol === 'grpc' ? 'h2c' : tls ? 'https' : 'http';
    const transport = this.transport(policy, tls, origin);
    let sticky: Extract<Service, { loadBalancer: unknown }>['loadBalancer']['sticky'];
    // the plan validated the cookie's name and Path (src/emit/plan.ts)
    if (affinity) sticky = { cookie: { name: affinity.cookieName, httpOnly: true, path: affinity.path, ...(affinity.maxAge !== undefined ? { maxAge: affinity.maxAge } : {}) } };
    const servers = addresses.map((a) => ({ url: `${scheme}://${isIP(a.ip) === 6 ? `[${a.ip}]` : a.ip}:${a.port}` }));
    const service: Service = { loadBalancer: { servers, serversTransport: transport, ...(sticky ? { sticky } : {}) } };
    const key = JSON.stringify(service);
    const known = this.byKey.get(key);
    if (known) return known;
    const base = `${backend.namespace}_${backend.service}_${backend.port ?? 'x'}`;
    let name = base;
    for (let n = 2; this.services[name]; n++) name = `${base}_${n}`;
    this.services[name] = service;
    this.byKey.set(key, name);
    return name;
  }

  /** A canary's weighted split of two services. */
  weighted(canary: string, main: string, weight: number, total: number): string {
    const name = `split_${canary}_${weight}_${main}_${total - weight}`;
    this.services[name] ??= { weighted: { services: [{ name: canary, weight }, { name: main, weight: total - weight }] } };
    return name;
  }

  /**
   * proxy-connect-timeout → dialTimeout; proxy-read-timeout → responseHeaderTimeout (Traefik
   * times the wait for the response headers, not each read); TLS to upstreams unverified,
   * as ingress-nginx does by default.
   */
  private transport(policy: RoutePolicy, tls: boolean, origin: Origin | undefined): string {
    const { connect, read, send } = policy.timeouts;
    if (read !== send || read === 0) this.sink.add('target-approximate', 'warning', `proxy-read-timeout ${read}s / proxy-send-timeout ${send}s: Traefik times only the wait for the response headers (${read}s${read === 0 ? ', that is none' : ''}); sending is not timed`, origin);
    const name = `timeouts-${connect}s-${read}s${tls ? '-tls' : ''}`;
    this.transports[name] ??= { ...(tls ? { insecureSkipVerify: true } : {}), forwardingTimeouts: { dialTimeout: `${connect}s`, responseHeaderTimeout: `${read}s` } };
    return name;
  }
}
