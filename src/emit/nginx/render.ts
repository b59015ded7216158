// renderNginx: RouteModel → a self-contained nginx bundle (nginx.conf + certs/), runnable
// as `nginx -p DIR/ -c nginx.conf -g 'daemon off;'`. Relative paths below are read from
// the prefix DIR: pid, logs and the five temp folders stay inside the bundle (nginx
// creates the temp folders itself, owned by the worker user when started as root).
import type { Finding } from '../../findings/finding.js';
import { defaultPolicy } from '../../model/policy.js';
import type { RouteModel, VirtualHost } from '../../model/types.js';
import { certFiles } from '../cert-names.js';
import { selfSignedCertificate } from '../self-signed.js';
import { lazyFile, type EmitOptions, type EmitResult, type EmittedFile, type Emitter } from '../types.js';
import { block, d, entry, serializePieces, type Directive } from './config.js';
import { streamedFile } from '../chunks.js';
import { findingFor } from './findings.js';
import { DOLLAR_VARIABLE, join, text, word } from './quote.js';
import { forgetPasses, hostRedirectServer, newMemo, serverBlocks, type ServerContext } from './server.js';
import { HttpExtras } from './extras.js';
import { Snippets } from './snippets.js';
import { usedIngresses } from '../../support/findings.js';
import { size, Upstreams } from './upstreams.js';
import { proxyHeaders } from './headers.js';
import { planTarget } from '../plan.js';
import { hostDecisions } from './host-decisions.js';
import { isDnsLabel, isDnsSubdomain } from '../../model/validate-values.js';


/** Request paths every target refuses with 400 (docs/routing.md): nginx would decode %2F and %5C into the path it routes on. */
const BAD_PATH = '~^[^?#]*(?:%2[Ff]|%5[Cc]|%00|\\\\)';
/** Host headers the model refuses; nginx sends them to the default server, which answers 400. */
const GOOD_HOST = ['~^[a-z0-9_.-]*\\z', '~^\\[[^\\]]*\\]\\z'];

/** The plan's listen address (an IP address, checked; undefined for every address) with a port. */
export function listenAddress(address: string | undefined, port: number): string {
  if (address === undefined) return String(port);
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

export const renderNginx: Emitter = (model: RouteModel, options: EmitOptions): EmitResult => {
  const findings: Finding[] = [];
  const files: EmittedFile[] = [];
  const upstreams = new Upstreams();

  // made on first read: `render` to stdout prints no certificate
  let made: ReturnType<typeof selfSignedCertificate> | undefined;
  const fallback = () => (made ??= selfSignedCertificate('ingressctl default certificate'));
  files.push(lazyFile('certs/default.crt', () => fallback().certPem, 0o644), lazyFile('certs/default.key', () => fallback().keyPem, 0o600));
  const secretFiles = certFiles(files);
  const certificate = (v: VirtualHost) => {
    const tls = v.tls;
    if (!tls) return undefined;
    if (!tls.usable || !tls.certPem || !tls.keyPem) {
      findings.push(findingFor(tls.origin, 'self-signed-certificate', 'warning', `host ${v.host}: TLS Secret ${tls.secretNamespace}/${tls.secretName} is missing or unusable; nginx serves a generated self-signed certificate`, 'Add a valid kubernetes.io/tls Secret.'));
      return undefined;
    }
    if (!isDnsLabel(tls.secretNamespace) || !isDnsSubdomain(tls.secretName)) {
      findings.push(findingFor(tls.origin, 'target-unsafe-value', 'error', `TLS Secret name ${JSON.stringify(`${tls.secretNamespace}/${tls.secretName}`)} cannot name a file safely; host ${v.host} is served with the self-signed certificate`));
      return undefined;
    }
    return secretFiles(tls, tls.certPem, tls.keyPem);
  };

  const plan = planTarget(model, 'nginx', options);
  const extras = new HttpExtras();
  // which Ingresses the model uses: asked only when snippets are copied
  const snippets = new Snippets(options.documents, !!options.allowSnippets, options.allowSnippets && options.documents ? usedIngresses(model) : new Set());
  const ctx: ServerContext = {
    extras,
    snippets,
    model,
    plan,
    upstreams,
    findings,
    listen: { http: listenAddress(plan.listenAddress, options.httpPort), https: listenAddress(plan.listenAddress, options.httpsPort) },
    httpsPort: options.httpsPort,
    routeHeader: !!options.routeHeader,
    certificate,
    defaultCertificate: { cert: 'certs/default.crt', key: 'certs/default.key' },
    memo: newMemo(),
  };
  extras.prepare(plan, upstreams);
  for (const [v, dec] of plan.hostDefaults) upstreams.register(v.defaultBackend!.backend, extras.affinityKey(dec.affinity));
  if (plan.catchAll) upstreams.register(plan.catchAll.backend, extras.affinityKey(plan.catchAll.affinity));
  // built while written: one server's tree at a time
  const servers = function* () {
    for (let i = 0; i < model.hosts.length; i++) {
      yield* serverBlocks(ctx, hostDecisions(plan, model, i), model.hosts[i].kind === 'any');
      forgetPasses(ctx.memo);
    }
    for (const r of model.hostRedirects ?? []) yield hostRedirectServer(ctx, r);
    if (!model.hosts.some((v) => v.kind === 'any')) yield* serverBlocks(ctx, hostDecisions(plan, model, undefined), true);
  };

  const policy = defaultPolicy();
  const http: Directive[] = [
    ...accessLog(options),
    d('client_body_temp_path', 'client_body_temp'),
    d('proxy_temp_path', 'proxy_temp'),
    d('fastcgi_temp_path', 'fastcgi_temp'),
    d('uwsgi_temp_path', 'uwsgi_temp'),
    d('scgi_temp_path', 'scgi_temp'),
    d('server_tokens', 'off'),
    ...serverNamesHash(model),
    d('merge_slashes', 'on'),
    ...(upstreams.usesResolver ? [{ ...d('resolver', options.resolver, 'valid=30s'), comment: 'Service DNS names are resolved when a request needs them' }, d('resolver_timeout', '5s')] : []),
    block('geo', [DOLLAR_VARIABLE], [entry(word('default'), text('$'))], 'a "$" for input text where nginx expands variables (quote.ts): geo values are never expanded'),
    block('map', ['$request_uri', '$ingressctl_bad_path'], [entry(word('default'), 0), entry(text(BAD_PATH), 1)], 'paths every target refuses with 400: an encoded slash or backslash, a raw backslash, %00'),
    block('map', ['$host', '$ingressctl_bad_host'], [entry(word('default'), 1), ...GOOD_HOST.map((h) => entry(text(h), 0))], 'Host headers the model refuses with 400'),
    block('map', ['$http_upgrade', '$connection_upgrade'], [entry(word('default'), 'upgrade'), entry(text(''), text(''))], 'keep-alive to upstreams; WebSocket upgrades passed on'),
    { ...d('client_max_body_size', size(policy.bodySizeLimit)), comment: 'the model\'s defaults (ingress-nginx\'s), set explicitly' },
    d('proxy_connect_timeout', `${policy.timeouts.connect}s`),
    d('proxy_read_timeout', `${policy.timeouts.read}s`),
    d('proxy_send_timeout', `${policy.timeouts.send}s`),
    d('grpc_connect_timeout', `${policy.timeouts.connect}s`),
    d('grpc_read_timeout', `${policy.timeouts.read}s`),
    d('grpc_send_timeout', `${policy.timeouts.send}s`),
    d('proxy_http_version', policy.upstreamHttpVersion),
    ...proxyHeaders(),
    d('ssl_protocols', 'TLSv1.2', 'TLSv1.3'),
    ...upstreams.blocks,
    ...extras.blocks,
  ];
  const conf: Directive[] = [
    d('pid', 'nginx.pid'),
    d('error_log', 'error.log', 'notice'),
    d('worker_processes', 'auto'),
    block('events', [], [d('worker_connections', 1024)]),
    block('http', [], function* () {
      yield* http;
      yield* servers();
    }),
  ];
  const header = '# Generated by ingressctl render. Run: nginx -p DIR/ -c nginx.conf -g \'daemon off;\'\n';
  // serialised now, before the findings and files are read: writing the servers produces them;
  // kept in pieces (one per server block) and written out piece by piece
  const pieces = serializePieces(conf);
  const main = streamedFile('nginx.conf', (write) => {
    write(header);
    for (const p of pieces) write(p);
  }, 0o644);
  files.unshift(main, ...extras.files);
  return { mainFile: 'nginx.conf', files, findings: unique([...plan.findings, ...findings, ...upstreams.findings, ...extras.findings, ...snippets.findings]) };
};

/** A route written as two locations reports a problem once. */
function unique(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.ruleId}|${f.file}|${f.line}|${f.column}|${f.message}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
};

const pow2 = (n: number) => 2 ** Math.ceil(Math.log2(n));

/**
 * Room for every exact host name in nginx's server-name hash, so that many hosts or long
 * names start without a warning: a bucket holds a pointer, the name (aligned to 8) and an
 * end marker; nginx then needs about as many buckets as names.
 */
function serverNamesHash(model: RouteModel): Directive[] {
  // one loop: no array of 10,000 lengths spread into Math.max
  let longest = 0;
  let count = 0;
  for (const v of model.hosts) {
    if (v.kind !== 'exact') continue;
    count++;
    if (v.host.length > longest) longest = v.host.length;
  }
  const bucket = pow2(Math.max(64, 16 + Math.ceil((longest + 2) / 8) * 8));
  const max = Math.max(512, pow2(count * 2));
  return [d('server_names_hash_bucket_size', bucket), d('server_names_hash_max_size', max)];
}

/**
 * access.log in the bundle; for serve --engine, the fields serve's access log needs, each
 * JSON-escaped in double quotes, to the FIFO serve reads (src/engines/access-log.ts).
 * Buffered: a line per write woke serve for every request, and serve then competed with
 * nginx for the CPU; 4k keeps each write within PIPE_BUF, so the lines of two workers never
 * interleave, and no line waits more than 100 ms.
 */
function accessLog(options: EmitOptions): Directive[] {
  if (!options.serveAccessLog) return [d('access_log', 'access.log')];
  // seven double-quoted fields: the quotes and spaces are text, the variables emitter words
  const vars = ['$request_method', '$http_host', '$request_uri', '$status', '$sent_http_x_ingressctl_route', '$upstream_addr', '$request_time'];
  const format = join(text('ingressctl-access "'), ...vars.flatMap((v, i) => [v, text(i === vars.length - 1 ? '"' : '" "')]));
  return [d('log_format', 'ingressctl_serve', 'escape=json', format), d('access_log', text(options.serveAccessLog.path), 'ingressctl_serve', 'buffer=4k', 'flush=100ms')];
}
