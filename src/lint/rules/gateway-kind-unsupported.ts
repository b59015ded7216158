import { unsupportedReason } from '../../gateway/kinds.js';
import { gatewayObjectsOf } from '../gateway.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'gateway-kind-unsupported',
    severity: 'info',
    category: 'input',
    description: 'A Gateway API object of a kind or version ingressctl does not read (TCPRoute, TLSRoute, UDPRoute, ListenerSet, BackendTLSPolicy…), or a route parentRef to something other than a Gateway, or backendRef to something other than a Service.',
    details:
      'ingressctl reads GatewayClass, Gateway, HTTPRoute, GRPCRoute and ReferenceGrant of the Gateway API standard channel (v1.6.1), in the versions that release serves. Other Gateway API objects are named here, at their kind, so that nothing in the input is ignored without a word; they are not checked and take no part in routing. A parentRef to another kind than a Gateway (a ListenerSet; a Service, for mesh routing) is named too: the route attaches to nothing here. A backendRef to another kind than a core Service (a ServiceImport, an implementation\'s own backend) is named too: its share of the traffic is answered with 500 here.',
    bad: `apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TCPRoute`,
    good: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute`,
  },
  check(ctx) {
    for (const doc of ctx.documents) {
      const reason = unsupportedReason(doc);
      if (reason) ctx.report(doc, { path: ['kind'], message: reason, hint: 'Remove it from the input, or turn this rule off if the objects are expected here.' });
    }
    for (const route of gatewayObjectsOf(ctx).routes) {
      for (const ref of route.parentRefs) {
        if (ref.group === 'gateway.networking.k8s.io' && ref.kind === 'Gateway') continue;
        ctx.report(route.doc, { path: [...ref.path, 'kind'], message: `parentRef kind ${ref.group ? `${ref.kind}.${ref.group}` : ref.kind} is not supported: only Gateways are attached to here (a ListenerSet, or a Service for mesh routing, is not read)`, hint: 'Attach the route to a Gateway to route it offline.' });
      }
      for (const rule of route.rules) {
        for (const ref of rule.backendRefs) {
          if (ref.group === '' && ref.kind === 'Service') continue;
          ctx.report(route.doc, { path: [...ref.path, 'kind'], message: `backendRef kind ${ref.group ? `${ref.kind}.${ref.group}` : ref.kind} is not supported: only core Services are routed to (this share of traffic answers 500 here)`, hint: 'Point the backendRef at a Service (group "", kind Service) to route it offline.' });
        }
      }
    }
  },
};
