import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'gateway-listener-conflict',
    severity: STAGE_RULES['gateway-listener-conflict'],
    category: 'cross-object',
    description: 'Two listeners of one Gateway share port, protocol and hostname; the later one is left out (Conflicted).',
    details: 'A Gateway API controller marks such a listener Conflicted (HostnameConflict) and does not program it; ingressctl does the same, so its routes do not attach there.',
    bad: `listeners:
  - { name: a, port: 80, protocol: HTTP }
  - { name: b, port: 80, protocol: HTTP }`,
    good: `listeners:
  - { name: a, port: 80, protocol: HTTP }
  - { name: b, port: 80, protocol: HTTP, hostname: b.example.com }`,
    fromModel: true,
  },
};
