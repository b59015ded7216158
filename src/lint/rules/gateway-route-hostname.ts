import { intersect } from '../../gateway/hostnames.js';
import { gatewayObjectsOf, parentGateway, selectedListeners } from '../gateway.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'gateway-route-hostname',
    severity: 'warning',
    category: 'cross-object',
    description: 'A route hostname intersects no listener hostname of the Gateways the route attaches to.',
    details:
      'A route serves the intersection of its hostnames with those of the listeners it attaches to; a listener without hostname takes every name. A route hostname outside every listener is never served, and a route none of whose hostnames intersects a listener does not attach to it (Accepted: False, NoMatchingListenerHostname). Gateway API wildcards match one or more labels: *.example.com covers a.example.com and a.b.example.com, not example.com (an Ingress wildcard covers exactly one label). Judged only for parentRefs whose Gateway is in the input.',
    bad: `# listener hostname: "*.example.com"
hostnames: [example.com]`,
    good: `hostnames: [shop.example.com]`,
  },
  check(ctx) {
    const g = gatewayObjectsOf(ctx);
    for (const route of g.routes) {
      if (!route.hostnames.length) continue;
      const listenerHosts: (string | undefined)[] = [];
      let known = route.parentRefs.length > 0;
      for (const ref of route.parentRefs) {
        const gw = parentGateway(g, ref);
        if (!gw) {
          known = false;
          break;
        }
        listenerHosts.push(...selectedListeners(gw, ref).map((l) => l.hostname));
      }
      if (!known || !listenerHosts.length || listenerHosts.some((h) => h === undefined)) continue;
      const hosts = [...new Set(listenerHosts as string[])];
      for (const [i, h] of route.hostnames.entries()) {
        if (hosts.some((l) => intersect(l, h) !== undefined)) continue;
        ctx.report(route.doc, { path: route.hostnamePaths[i], message: `hostname ${h} is outside every listener it attaches to (${hosts.join(', ')})`, hint: 'Gateway API wildcards match one or more labels (*.example.com: a.example.com, a.b.example.com; never example.com). Fix the route hostname or add a listener for it.' });
      }
    }
  },
};
