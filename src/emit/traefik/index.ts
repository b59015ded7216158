// renderTraefik: the route model → a Traefik v3 bundle: traefik.yml (static), dynamic/routes.yml
// (routers, services, middlewares, TLS) and certs/, runnable as `cd DIR && traefik --configFile=traefik.yml`.
import { planTarget } from '../plan.js';
import type { Emitter } from '../types.js';
import { FindingSink } from './findings.js';
import { Middlewares } from './middlewares.js';
import { traefikYaml } from './quote.js';
import { routers, type RouterContext } from './routers.js';
import { Services } from './services.js';
import { staticConfig } from './static.js';
import { planTls } from './tls.js';
import type { DynamicConfig } from './types.js';

export const renderTraefik: Emitter = (model, options) => {
  const sink = new FindingSink();
  const plan = planTarget(model, 'traefik', options);
  const ctx: RouterContext = { model, plan, httpsPort: options.httpsPort, services: new Services(sink), middlewares: new Middlewares(sink), sink };
  const web = routers('http', ctx);
  const websecure = routers('https', ctx);
  const { tls, files: certs } = planTls(model, sink);
  const dynamic: DynamicConfig = {
    http: {
      routers: { ...web, ...websecure },
      services: ctx.services.services,
      ...(Object.keys(ctx.middlewares.all).length ? { middlewares: ctx.middlewares.all } : {}),
      ...(Object.keys(ctx.services.transports).length ? { serversTransports: ctx.services.transports } : {}),
    },
    tls,
  };
  if (ctx.services.usesDns) {
    sink.add('target-approximate', 'info', `Service DNS names are resolved by Traefik with the system resolver: --resolver ${options.resolver} cannot be given to Traefik`, undefined, 'Run Traefik where the cluster DNS names resolve, or pass --upstream SVC=HOST:PORT.');
  }
  sink.add(
    'target-approximate',
    'info',
    'Traefik drops ".." above the root instead of refusing it ("/../x" is routed as "/x", the model answers 400), sends the upstream the normalised path rather than the path as sent, answers the HTTPS redirect with 301 to GET (308 to other methods) and keeps the Host as sent in its Location, chooses a certificate by the names it covers rather than by the Ingress\'s tls hosts, and matches regex paths against the path with escapes of other than reserved characters decoded ("%20" as a space), where the model keeps them encoded',
    undefined,
    'Only unusual requests are affected; routes, hosts and backends are otherwise exact.',
  );
  // basicAuth users carry password hashes: the file is 0600 and printed without them
  const auth = Object.values(ctx.middlewares.all).some((m) => 'basicAuth' in m);
  const masked = auth ? { ...dynamic, http: { ...dynamic.http, middlewares: Object.fromEntries(Object.entries(ctx.middlewares.all).map(([k, m]) => [k, 'basicAuth' in m ? { basicAuth: { ...m.basicAuth, users: m.basicAuth.users.map((u) => `${u.slice(0, u.indexOf(':'))}:(hash not printed)`) } } : m])) } } : undefined;
  return {
    mainFile: 'dynamic/routes.yml',
    ...(masked ? { printable: traefikYaml(masked) } : {}),
    files: [
      { path: 'traefik.yml', content: traefikYaml(staticConfig(options, plan.listenAddress)) },
      { path: 'dynamic/routes.yml', content: traefikYaml(dynamic), ...(auth ? { mode: 0o600 } : {}) },
      ...certs,
    ],
    findings: [...plan.findings, ...sink.findings],
  };
};
