import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'gateway-route-conflict',
    severity: STAGE_RULES['gateway-route-conflict'],
    category: 'cross-object',
    description: 'An HTTPRoute and a GRPCRoute claim an intersecting hostname on one listener; only the older route (then the first by namespace/name) is attached.',
    details: 'The Gateway API does not merge HTTPRoutes and GRPCRoutes: on a listener where both kinds claim intersecting hostnames, exactly one is accepted, the oldest by creationTimestamp, then the first by namespace/name, and the other gets Accepted=False. ingressctl attaches the winner only and reports the loser here.',
    bad: `# HTTPRoute web (older) and GRPCRoute api, both with hostnames: [api.example.com] on one listener`,
    good: `# HTTPRoute hostnames: [www.example.com]; GRPCRoute hostnames: [grpc.example.com]`,
    fromModel: true,
  },
};
