import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'gateway-unsupported',
    severity: STAGE_RULES['gateway-unsupported'],
    category: 'input',
    description: 'A Gateway API kind, version, listener protocol, filter or rule field ingressctl does not implement; it is left out of the route model.',
    details: 'ingressctl reads GatewayClass, Gateway, HTTPRoute and ReferenceGrant (gateway.networking.k8s.io/v1 and v1beta1, standard channel) with HTTP and HTTPS (TLS Terminate) listeners. TCPRoute, UDPRoute, TLSRoute, ListenerSet, BackendTLSPolicy, RequestMirror and ExtensionRef filters, rule timeouts, retries and session persistence are reported here at their line, never silently ignored: what routes locally is what remains.',
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
