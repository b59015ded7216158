// `ingressctl test` engines for a Gateway: the model (GatewayMatcher) and serve
// (GatewayProxy on free local ports for every listener). A request's port is the listener
// port (its URL's, else 80/443 by scheme), as in explain.
import { formatBackend } from '../model/backends.js';
import { isRedirect, type Decision, type Request } from '../model/match.js';
import type { GatewayModel } from '../model/types.js';
import { sendSpecRequest } from '../serve/spec-send.js';
import type { Engine, Observed } from '../spec/types.js';
import { answerHeaders } from './filters-apply.js';
import { GatewayMatcher } from './match.js';
import { GatewayProxy } from './serve.js';

/** serve: how many requests a weights expectation samples, and how far a share may stray */
const SAMPLES = 400;
const TOLERANCE = 0.1;

/** The listener port a spec request goes to: its Host's port, else the scheme's. */
export function requestPort(r: Request): number {
  const m = /:(\d{1,5})$/.exec(r.host);
  return m ? Number(m[1]) : r.scheme === 'https' ? 443 : 80;
}

function shares(d: Decision): Record<string, number> | undefined {
  if (d.status !== 200 || !d.weights) return undefined;
  const total = d.weights.reduce((n, w) => n + w.weight, 0);
  const out: Record<string, number> = {};
  for (const w of d.weights) {
    const k = w.backend && !w.invalid ? formatBackend(w.backend) : '500';
    out[k] = (out[k] ?? 0) + w.weight / total;
  }
  return out;
}

export function gatewayModelEngine(gateway: GatewayModel): Engine {
  const matcher = new GatewayMatcher(gateway);
  return {
    name: 'model',
    checks: new Set(['backend', 'status', 'location', 'path', 'host', 'headers', 'weights']),
    async send(request) {
      const d = matcher.match({ ...request, port: requestPort(request) });
      const seen: Observed = { status: d.status };
      if (isRedirect(d)) seen.location = d.location;
      // the answer's own headers (the backend's are not known here): CORS, then the modifiers (answerHeaders)
      if (d.headers || (d.status === 200 && d.responseHeaders)) seen.headers = answerHeaders(d.headers, d.status === 200 ? d.responseHeaders : []);
      if (d.status === 200) {
        seen.backend = { namespace: d.backend.namespace, service: d.backend.service, port: d.backend.port };
        if (d.upstream) {
          seen.path = d.upstream.path.replace(/\?.*$/, '');
          seen.host = d.upstream.host;
        }
        const w = shares(d);
        if (w) seen.weights = w;
      }
      return seen;
    },
    async close() {},
  };
}

export async function gatewayServeEngine(gateway: GatewayModel): Promise<Engine> {
  const mapPorts = new Map(gateway.listeners.map((l) => [l.port, 0]));
  const proxy = await GatewayProxy.start(gateway, { httpPort: 0, httpsPort: 0, mapPorts, routeHeader: false });
  return {
    name: 'serve',
    checks: new Set(['backend', 'status', 'location', 'path', 'host', 'headers', 'weights']),
    async send(request) {
      const port = proxy.ports.get(requestPort(request));
      if (port === undefined) throw new Error(`Gateway ${gateway.namespace}/${gateway.name} has no listener on port ${requestPort(request)}`);
      const first = await sendSpecRequest(port, request, { headers: true });
      if (first.status !== 200 && first.status !== 500) return first;
      // a weighted split: sample it
      const counts = new Map<string, number>();
      for (let i = 0; i < SAMPLES; i++) {
        const o = i === 0 ? first : await sendSpecRequest(port, request, { headers: true });
        const k = o.status === 200 && o.backend ? formatBackend(o.backend) : String(o.status);
        counts.set(k, (counts.get(k) ?? 0) + 1);
        if (i === 20 && counts.size === 1) break; // no split: every answer the same
      }
      if (counts.size > 1) {
        first.weights = Object.fromEntries([...counts].map(([k, n]) => [k, n / [...counts.values()].reduce((a, b) => a + b, 0)]));
        first.weightTolerance = TOLERANCE;
      }
      return first;
    },
    close: () => proxy.stop(),
  };
}
