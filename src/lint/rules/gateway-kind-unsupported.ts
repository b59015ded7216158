import { GATEWAY_GROUP, groupOf, unsupportedReason } from '../../gateway/kinds.js';
import { GATEWAY_VERSIONS, SUPPORTED_KINDS } from '../../gateway/read.js';
import { gatewayObjectsOf } from '../gateway.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'gateway-kind-unsupported',
    severity: 'warning',
    category: 'input',
    description: 'A Gateway API object the route model does not report itself (an experimental-channel kind, a version the release does not serve), or a route parentRef to something other than a Gateway, or backendRef to something other than a Service.',
    details:
      'ingressctl reads GatewayClass, Gateway, HTTPRoute, GRPCRoute and ReferenceGrant of the Gateway API standard channel (v1.6.1). The route model names the other kinds and versions of gateway.networking.k8s.io (gateway-unsupported); this rule names what it does not: kinds of the experimental group gateway.networking.x-k8s.io (XListenerSet, XBackendTrafficPolicy…) and versions the release does not serve (GRPCRoute v1beta1). A parentRef to another kind than a Gateway (a ListenerSet; a Service, for mesh routing) attaches the route to nothing here, and a backendRef to another kind than a core Service (a ServiceImport, an implementation\'s own backend) answers 500 for its share of the traffic: both are named at their kind.',
    bad: `apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TCPRoute`,
    good: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute`,
  },
  check(ctx) {
    for (const doc of ctx.documents) {
      // gateway-unsupported (the route model) names the other kinds and versions of the standard group
      if (groupOf(doc.apiVersion) === GATEWAY_GROUP && (!GATEWAY_VERSIONS.has(doc.apiVersion) || !SUPPORTED_KINDS.has(doc.kind))) continue;
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
