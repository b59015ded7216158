import { field } from '../../model/objects.js';
import { gatewayObjectsOf } from '../gateway.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'gateway-backend-ref',
    severity: 'error',
    category: 'cross-object',
    description: 'A route backendRef names a Service that is not in the input (reported when any Service is given), or a port the Service does not have.',
    details:
      'backendRefs of HTTPRoute and GRPCRoute rules point at core Services (group "", kind Service; the CRD already requires a port for them). Traffic for an invalid backendRef is answered with 500 for its share only, and the route reports ResolvedRefs: False. Other backend kinds are implementation-specific: gateway-unsupported names them. When the input holds no Service at all, lint cannot know whether the Service exists and says nothing.',
    bad: `backendRefs:
  - name: web
    port: 8080    # the Service web listens on 80`,
    good: `backendRefs:
  - name: web
    port: 80`,
  },
  check(ctx) {
    const g = gatewayObjectsOf(ctx);
    const servicesGiven = ctx.objects.services.size > 0;
    for (const route of g.routes) {
      for (const rule of route.rules) {
        for (const ref of rule.backendRefs) {
          if (ref.group !== '' || ref.kind !== 'Service') continue; // gateway-unsupported (the route model)
          if (!servicesGiven) continue;
          const svc = ctx.objects.services.get(`${ref.namespace}/${ref.name}`);
          if (!svc) {
            ctx.report(route.doc, { path: [...ref.path, 'name'], message: `Service ${ref.namespace}/${ref.name} is not in the input`, hint: 'Check the name and namespace; a backendRef without namespace means the route\'s own namespace.' });
            continue;
          }
          if (ref.port === undefined) continue; // the CRD's CEL rule reports it
          const ports = (Array.isArray(field(svc.obj, 'spec', 'ports')) ? (field(svc.obj, 'spec', 'ports') as unknown[]) : []).map((p) => field(p, 'port')).filter((p): p is number => typeof p === 'number');
          if (ports.length && !ports.includes(ref.port)) {
            ctx.report(route.doc, { path: [...ref.path, 'port'], message: `Service ${ref.namespace}/${ref.name} has no port ${ref.port}`, hint: `Its ports: ${ports.join(', ')}. A backendRef names the Service port, not the container port.` });
          }
        }
      }
    }
  },
};
