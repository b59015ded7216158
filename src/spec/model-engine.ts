// The model engine: evaluates requests with the route model's Matcher (no processes).
import { formatBackend } from '../model/backends.js';
import { isRedirect, Matcher } from '../model/match.js';
import { canonicalizePath } from '../model/path.js';
import { upstreamPath } from '../model/rewrite.js';
import type { RouteModel } from '../model/types.js';
import type { Engine, Observed } from './types.js';

export function modelEngine(model: RouteModel, options: { httpsPort?: number } = {}): Engine {
  const matcher = new Matcher(model, options);
  return {
    name: 'model',
    checks: new Set(['backend', 'status', 'location', 'path', 'host', 'weights']),
    async send(request) {
      const d = matcher.match(request);
      const observed: Observed = { status: d.status };
      if (isRedirect(d)) observed.location = d.location;
      if (d.status === 200) {
        observed.backend = { namespace: d.backend.namespace, service: d.backend.service, port: d.backend.port };
        const canon = canonicalizePath(request.target);
        const clientPath = request.target.replace(/[?#].*$/, '');
        observed.path = upstreamPath(d.route, canon.ok ? canon.path : clientPath, clientPath);
        observed.host = request.headers?.host ?? request.host;
        // a weighted canary: the shares of the main backend and the canary
        if (d.split) {
          observed.weights = { [formatBackend(d.backend)]: (d.split.total - d.split.weight) / d.split.total, [formatBackend(d.split.canary)]: d.split.weight / d.split.total };
        }
      }
      return observed;
    },
    async close() {},
  };
}
