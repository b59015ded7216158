// renderEnvoy: the route model → envoy.yaml, a v3 bootstrap with static listeners,
// routes and clusters (+ certificate files), runnable as `cd DIR && envoy -c envoy.yaml`.
import { defaultPolicy } from '../../model/policy.js';
import type { Emitter } from '../types.js';
import { Clusters } from './clusters.js';
import { FindingSink } from './findings.js';
import { connectionManager, httpListener, httpsListener } from './listeners.js';
import { planTarget } from '../plan.js';
import { envoyYamlWriter } from './quote.js';
import { streamedFile } from '../chunks.js';
import { routeConfiguration, type RouteContext } from './routes.js';
import { MAX_PROGRAM_SIZE } from './re2.js';
import { planTls } from './tls.js';
import type { Bootstrap, Listener } from './types.js';

export const renderEnvoy: Emitter = (model, options) => {
  const sink = new FindingSink();
  const plan = planTarget(model, 'envoy', options);
  const address = plan.listenAddress ?? '0.0.0.0';
  const ctx: RouteContext = {
    model,
    plan,
    httpsPort: options.httpsPort,
    httpPort: options.httpPort,
    clusters: new Clusters(options.resolver, sink),
    sink,
    defaultBodyLimit: defaultPolicy().bodySizeLimit,
  };
  const limit = ctx.defaultBodyLimit;
  const listeners: Listener[] = [httpListener(address, options.httpPort, connectionManager('http', routeConfiguration('http', ctx), limit))];
  const tls = planTls(model, sink);
  if (tls) listeners.push(httpsListener(address, options.httpsPort, connectionManager('https', routeConfiguration('https', ctx), limit), tls));
  sink.add(
    'target-approximate',
    'info',
    'Envoy resolves dot segments before it merges slashes ("/a//../b" is routed as "/a/b", the model says "/b"), drops ".." above the root instead of refusing it ("/../x" is routed as "/x", the model answers 400), and keeps the Host as sent (letter case, trailing dot) in the HTTPS redirect',
    undefined,
    'Only unusual requests are affected; routes, hosts and redirects are otherwise exact.',
  );
  const bootstrap: Bootstrap = {
    static_resources: { listeners, clusters: ctx.clusters.list() },
    // Envoy refuses regexes above 100 RE2 instructions unless told otherwise; re2.ts keeps each below this
    layered_runtime: { layers: [{ name: 'static', static_layer: { 're2.max_program_size.error_level': MAX_PROGRAM_SIZE } }] },
  };
  return {
    mainFile: 'envoy.yaml',
    files: [streamedFile('envoy.yaml', envoyYamlWriter(bootstrap)), ...(tls?.files ?? [])],
    findings: [...plan.findings, ...sink.findings],
  };
};
