import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'gateway-invalid-filter',
    severity: STAGE_RULES['gateway-invalid-filter'],
    category: 'cross-object',
    description: 'A Gateway API filter value cannot be applied safely (header name or value, hostname, path, redirect status, CORS origin or name); the filter is left out.',
    details: 'Every value of a filter reaches generated configurations and response headers: header names must be HTTP tokens, values printable ASCII, hostnames DNS names, paths absolute URL paths, redirect codes 301, 302, 303, 307 or 308, CORS origins scheme://host[:port] and CORS method and header names HTTP tokens. ReplacePrefixMatch needs a PathPrefix match. With allowCredentials, an exposeHeaders "*" is left out (the spec forbids sending it), the rest of the filter kept.',
    bad: `- type: RequestRedirect
  requestRedirect: { statusCode: 200 }`,
    good: `- type: RequestRedirect
  requestRedirect: { statusCode: 301, scheme: https }`,
    fromModel: true,
  },
};
