import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'gateway-unsupported',
    severity: STAGE_RULES['gateway-unsupported'],
    category: 'input',
    description: 'A Gateway API kind, version, group, listener protocol, filter, rule field or reference kind ingressctl does not implement; it is left out of the route model.',
    details:
      'ingressctl reads GatewayClass, Gateway, HTTPRoute, GRPCRoute and ReferenceGrant (gateway.networking.k8s.io/v1 and v1beta1, standard channel of Gateway API v1.6.1, which serves GRPCRoute as v1 only) with HTTP and HTTPS (TLS Terminate) listeners. TCPRoute, UDPRoute, TLSRoute, ListenerSet, BackendTLSPolicy, kinds of the experimental group gateway.networking.x-k8s.io (XListenerSet, XBackendTrafficPolicy…), versions the release does not serve, RequestMirror and ExtensionRef filters, rule timeouts, retries and session persistence are reported here at their line, never silently ignored: what routes locally is what remains. A parentRef to another kind than a Gateway (a ListenerSet; a Service, for mesh routing) attaches the route to nothing here, and a backendRef to another kind than a core Service (a ServiceImport, an implementation\'s own backend) answers 500 for its share of the traffic: both are named at their kind.',
    bad: `filters:
  - type: RequestMirror
    requestMirror:
      backendRef: { name: mirror, port: 80 }`,
    good: `filters:
  - type: RequestHeaderModifier
    requestHeaderModifier:
      set: [{ name: X-Env, value: prod }]`,
    fromModel: true,
  },
};
