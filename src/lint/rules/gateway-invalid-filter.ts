import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'gateway-invalid-filter',
    severity: STAGE_RULES['gateway-invalid-filter'],
    category: 'cross-object',
    description: 'A Gateway API filter value cannot be applied safely (header name or value, hostname, path, redirect status); the filter is left out.',
    details: 'Every value of a filter reaches generated configurations and response headers: header names must be HTTP tokens, values printable ASCII, hostnames DNS names, paths absolute URL paths, redirect codes 301, 302, 303, 307 or 308. ReplacePrefixMatch needs a PathPrefix match.',
    bad: `- type: RequestRedirect
  requestRedirect: { statusCode: 200 }`,
    good: `- type: RequestRedirect
  requestRedirect: { statusCode: 301, scheme: https }`,
    fromModel: true,
  },
};
