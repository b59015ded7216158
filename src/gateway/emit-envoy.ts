// render --target envoy for a Gateway: one Envoy listener per listener port (mapped as
// serve maps them), HTTPS listeners with one filter chain per listener hostname (chosen by
// SNI, 421 for a Host of another listener), and the routes of each listener in the model's
// order with Envoy's own matchers and actions: headers, query parameters and method,
// weighted clusters (an invalid backendRef's share answers 500 through a cluster that does
// not exist), redirects, rewrites, header modifiers and CORS (the Ingress emitter's CORS
// routes). What Envoy cannot express is reported at its file:line.
import { certBaseName } from '../emit/cert-names.js';
import { Clusters } from '../emit/envoy/clusters.js';
import { FindingSink } from '../emit/envoy/findings.js';
import { planGatewayRedirect, planListenAddress } from '../emit/plan.js';
import { socketAddress } from '../emit/envoy/clusters.js';
import { routeMatch } from '../emit/envoy/paths.js';
import { envoyYaml } from '../emit/envoy/quote.js';
import { MAX_PROGRAM_SIZE } from '../emit/envoy/re2.js';
import { header } from '../emit/envoy/access.js';
import { corsPlan, OPTIONS } from '../emit/envoy/cors.js';
import type { HeaderMatcher } from '../emit/envoy/types.js';
import type { Bootstrap, TransportSocket } from '../emit/envoy/types.js';
import type { EmitResult, EmittedFile } from '../emit/types.js';
import { selfSignedCertificate } from '../emit/self-signed.js';
import { trimTrailingSlash } from '../model/path.js';
import type { GatewayListener, GatewayModel, HeaderModifier, PathModifier, Route, RouteModel, VirtualHost } from '../model/types.js';
import { corsModifiedHeaders, modifiedNames, urlRewritePath } from './filters-apply.js';
import { localPorts, type PortOptions } from './local-ports.js';

type Obj = Record<string, unknown>;
const CODES: Record<number, string> = { 301: 'MOVED_PERMANENTLY', 302: 'FOUND', 303: 'SEE_OTHER', 307: 'TEMPORARY_REDIRECT', 308: 'PERMANENT_REDIRECT' };
const escapeRe2 = (s: string) => s.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');

export interface GatewayEnvoyOptions extends PortOptions {
  listenAddress?: string;
  resolver: string;
}

export function renderGatewayEnvoy(model: RouteModel, gateway: GatewayModel, options: GatewayEnvoyOptions): EmitResult {
  const sink = new FindingSink();
  // --listen-address checked by the shared plan, as for HAProxy and nginx
  const listen = planListenAddress('envoy', options.listenAddress);
  sink.findings.push(...listen.findings);
  const address = listen.address ?? '0.0.0.0';
  const clusters = new Clusters(options.resolver, sink);
  const files: EmittedFile[] = [];
  const listeners: Obj[] = [];
  for (const [port, { local, protocol }] of localPorts(gateway, options)) {
    const on = gateway.listeners.filter((l) => l.port === port);
    if (protocol === 'HTTP') {
      listeners.push({ name: `port-${port}`, address: socketAddress(address, local), filter_chains: [{ filters: [hcm(`port-${port}`, routeConfig(`port-${port}`, on, [], clusters, sink))] }] });
      continue;
    }
    // HTTPS: the listener whose hostname the SNI names answers; a Host of another listener on the port: 421
    const chains = on.map((l) => ({
      name: l.name,
      ...(l.hostname ? { filter_chain_match: { server_names: [l.hostname] } } : {}),
      filters: [hcm(`${l.name}`, routeConfig(l.name, [l], on.filter((o) => o !== l && o.hostname).map((o) => o.hostname!), clusters, sink))],
      transport_socket: tlsFor(l, files),
    }));
    const catchAll = chains.find((c) => !('filter_chain_match' in c));
    listeners.push({
      name: `port-${port}`,
      address: socketAddress(address, local),
      listener_filters: [{ name: 'envoy.filters.listener.tls_inspector', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector' } }],
      filter_chains: chains.filter((c) => c !== catchAll),
      ...(catchAll ? { default_filter_chain: catchAll } : {}),
    });
  }
  const bootstrap = {
    static_resources: { listeners, clusters: clusters.list() },
    layered_runtime: { layers: [{ name: 'static', static_layer: { 're2.max_program_size.error_level': MAX_PROGRAM_SIZE } }] },
  } as unknown as Bootstrap;
  void model;
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { mainFile: 'envoy.yaml', files: [{ path: 'envoy.yaml', content: envoyYaml(bootstrap) }, ...files], findings: sink.findings };
}

function hcm(statPrefix: string, routeConfiguration: Obj): Obj {
  return {
    name: 'envoy.filters.network.http_connection_manager',
    typed_config: {
      '@type': 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
      stat_prefix: statPrefix,
      codec_type: 'AUTO',
      use_remote_address: true,
      normalize_path: true,
      merge_slashes: true,
      path_with_escaped_slashes_action: 'REJECT_REQUEST',
      strip_any_host_port: true,
      route_config: routeConfiguration,
      http_filters: [{ name: 'envoy.filters.http.router', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router' } }],
    },
  };
}

function tlsFor(l: GatewayListener, files: EmittedFile[]): TransportSocket {
  let base: string;
  if (l.tls?.usable && l.tls.certPem && l.tls.keyPem) {
    base = `certs/${certBaseName(l.tls.secretNamespace, l.tls.secretName)}`;
    if (!files.some((f) => f.path === `${base}.crt`)) files.push({ path: `${base}.crt`, content: l.tls.certPem }, { path: `${base}.key`, content: l.tls.keyPem, mode: 0o600 });
  } else {
    base = 'certs/fallback';
    if (!files.some((f) => f.path === `${base}.crt`)) {
      const c = selfSignedCertificate('ingressctl fallback certificate', ['ingress.local']);
      files.push({ path: `${base}.crt`, content: c.certPem }, { path: `${base}.key`, content: c.keyPem, mode: 0o600 });
    }
  }
  return {
    name: 'envoy.transport_sockets.tls',
    typed_config: {
      '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext',
      common_tls_context: { tls_certificates: [{ certificate_chain: { filename: `${base}.crt` }, private_key: { filename: `${base}.key` } }], alpn_protocols: ['h2', 'http/1.1'] },
    },
  };
}

/**
 * The virtual hosts of the listeners on one port. Envoy picks a domain across all of them,
 * the Gateway picks the listener first: each listener hostname without a route of its own
 * answers 404, so a request never falls through to another listener's routes.
 */
function routeConfig(name: string, listeners: readonly GatewayListener[], misdirected: readonly string[], clusters: Clusters, sink: FindingSink): Obj {
  const vhosts: Obj[] = [];
  const domains = new Set<string>();
  const add = (domain: string, routes: Obj[]) => {
    if (domains.has(domain)) return;
    domains.add(domain);
    vhosts.push({ name: domain, domains: [domain], routes });
  };
  const ordered = listeners.flatMap((l) => l.hosts.map((v) => ({ l, v }))).sort((a, b) => rank(b.v) - rank(a.v));
  for (const { l, v } of ordered) add(v.host || '*', v.routes.flatMap((r) => envoyRoute(r, l, clusters, sink)));
  for (const host of misdirected) add(host, [{ name: `misdirected ${host}`, match: { prefix: '/' }, direct_response: { status: 421 } }]);
  for (const l of listeners) if (l.hostname) add(l.hostname, [{ name: `${l.name} (no route)`, match: { prefix: '/' }, direct_response: { status: 404 } }]);
  add('*', [{ name: 'no route', match: { prefix: '/' }, direct_response: { status: 404 } }]);
  // validate_clusters off: an invalid backendRef's share goes to a cluster that does not exist (500)
  return { name, validate_clusters: false, virtual_hosts: vhosts };
}

const rank = (v: VirtualHost) => (v.kind === 'exact' ? 2 : v.kind === 'wildcard' ? 1 : 0);

function headerOptions(m: HeaderModifier | undefined): Obj {
  if (!m) return {};
  const add = [
    // header() writes the value as literal text: Envoy reads header values as formatter strings
    ...m.set.map((h) => header(h.name.toLowerCase(), h.value)),
    ...m.add.map((h) => ({ ...header(h.name.toLowerCase(), h.value), append_action: 'APPEND_IF_EXISTS_OR_ADD' })),
  ];
  return { ...(add.length ? { headers_to_add: add } : {}), ...(m.remove.length ? { headers_to_remove: m.remove.map((n) => n.toLowerCase()) } : {}) };
}

/** Prefix header options as a route (request_…/response_…) or weighted cluster entry takes them. */
function prefixed(kind: 'request' | 'response', m: HeaderModifier | undefined): Obj {
  const o = headerOptions(m);
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [`${kind}_${k}`, v]));
}

/** A path modifier as Envoy's regex_rewrite (the whole path, or the matched PathPrefix with exactly one "/" after it). */
function pathRewrite(p: PathModifier, r: Route): Obj {
  if (p.type === 'ReplaceFullPath' || r.match.kind !== 'Prefix') return { pattern: { regex: '.*' }, substitution: p.value };
  const prefix = escapeRe2(trimTrailingSlash(r.match.value));
  return p.value.endsWith('/') ? { pattern: { regex: `${prefix}/?(.*)` }, substitution: `${p.value}\\1` } : { pattern: { regex: `${prefix}(/.*)?` }, substitution: `${p.value}\\1` };
}

function envoyRoute(r: Route, l: GatewayListener, clusters: Clusters, sink: FindingSink): Obj[] {
  const m = routeMatch(r.match);
  if ('problem' in m) {
    sink.add('target-unsafe-value', 'error', `${m.problem}; the route ${r.id} is left out`, r.origin);
    return [];
  }
  const c = r.conditions ?? {};
  const headers = [
    ...(c.method ? [{ name: ':method', string_match: { exact: c.method } }] : []),
    ...(c.headers ?? []).map((h) => ({ name: h.name, string_match: h.type === 'Exact' ? { exact: h.value } : { safe_regex: { regex: h.value } } })),
  ];
  const query = (c.query ?? []).map((q) => ({ name: q.name, string_match: q.type === 'Exact' ? { exact: q.value } : { safe_regex: { regex: q.value } } }));
  const match = { ...m.match, ...(headers.length ? { headers } : {}), ...(query.length ? { query_parameters: query } : {}) };
  const base = { name: r.id, match, ...prefixed('request', r.filters?.requestHeaders), ...prefixed('response', r.filters?.responseHeaders) };
  const answer = routeAnswer(r, l, base, clusters, sink);
  const cors = r.policy.cors && corsPlan(r.policy.cors, { values: r.origin, origins: r.origin }, sink);
  if (!cors) return [answer];
  // the Ingress emitter's CORS plan (src/emit/envoy/cors.ts): the preflight for an allowed origin
  // answered first (before a redirect, as the model answers it), then the route with the headers,
  // then without them. The CORS headers come before the rule's ResponseHeaderModifier
  // (answerHeaders' order): its set and add follow them in the list; Envoy removes before it
  // adds, so a CORS header the modifier removes is left out of the list here
  const removed = new Set(r.filters?.responseHeaders?.remove.map((n) => n.toLowerCase()));
  const corsHeaders = cors.headers.filter((h) => !removed.has(h.header.key.toLowerCase()));
  const withCors = { ...answer, name: `${r.id} (CORS)`, match: withHeaders(match, cors.when), response_headers_to_add: [...corsHeaders, ...((answer.response_headers_to_add as unknown[]) ?? [])] };
  // a backendRef's modifiers sit on its weighted cluster, whose headers Envoy applies before the route's
  const byBackend = new Set((r.backends ?? []).flatMap((b) => modifiedNames(b.filters?.responseHeaders)));
  const late = corsModifiedHeaders(r).filter((n) => byBackend.has(n));
  if (late.length) sink.add('target-approximate', 'warning', `${late.join(', ')} of ${r.id}: a backendRef's ResponseHeaderModifier does not change the CORS value here (Envoy applies a weighted cluster's headers before the route's)`, r.origin);
  return [
    { name: `${r.id} (CORS preflight)`, match: withHeaders(match, [...cors.when, OPTIONS]), direct_response: { status: 204 }, response_headers_to_add: cors.preflight },
    withCors,
    ...(cors.when.length ? [answer] : []),
  ];
}

const withHeaders = (m: Obj, extra: readonly HeaderMatcher[]): Obj => (extra.length ? { ...m, headers: [...((m.headers as HeaderMatcher[]) ?? []), ...extra] } : m);

/** What the route answers: a redirect, a 500, or the weighted backends. */
function routeAnswer(r: Route, l: GatewayListener, base: Obj, clusters: Clusters, sink: FindingSink): Obj {
  const f = r.filters ?? {};
  if (f.redirect) {
    // the Location's scheme, host and port as the shared plan decides them for every target
    const d = planGatewayRedirect(f.redirect, l);
    if (d.problem) {
      sink.add('target-unsafe-value', 'error', `${d.problem}; the route ${r.id} answers 500`, r.origin);
      return { ...base, direct_response: { status: 500 } };
    }
    const redirect: Obj = {
      ...(f.redirect.scheme ? { scheme_redirect: f.redirect.scheme } : {}),
      ...(d.hostname ? { host_redirect: d.hostname } : {}),
      ...(d.port !== undefined ? { port_redirect: d.port } : {}),
      ...(d.path ? { regex_rewrite: pathRewrite(d.path, r) } : {}),
      response_code: CODES[d.statusCode as 301],
    };
    return { ...base, redirect };
  }
  const backends = r.backends ?? [];
  if (!backends.length || backends.every((b) => b.weight === 0)) return { ...base, direct_response: { status: 500 } };
  const entries = backends
    .filter((b) => b.weight > 0)
    .map((b, i) => {
      const ref = b.backend && !b.invalid ? clusters.refFor(b.backend, r.policy, b.origin) : undefined;
      const cluster = ref && 'cluster' in ref ? ref.cluster : `invalid-backendref-${i}`;
      return { name: cluster, weight: b.weight, ...prefixed('request', b.filters?.requestHeaders), ...prefixed('response', b.filters?.responseHeaders) };
    });
  const single = entries.length === 1 && Object.keys(entries[0]).length === 2;
  const action: Obj = {
    ...(single ? { cluster: entries[0].name } : { weighted_clusters: { clusters: entries } }),
    cluster_not_found_response_code: 'INTERNAL_SERVER_ERROR',
    timeout: '0s',
    ...(f.rewrite?.path ? { regex_rewrite: pathRewrite(urlRewritePath(f.rewrite)!, r) } : {}),
    ...(f.rewrite?.hostname ? { host_rewrite_literal: f.rewrite.hostname } : {}),
  };
  return { ...base, route: action };
}
