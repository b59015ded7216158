import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'invalid-path',
    severity: 'warning',
    category: 'paths',
    description: 'A path cannot be rendered safely for every target (characters outside URL syntax, or a regex not every engine reads alike); its route is left out.',
    details: 'A warning, not an error: the API server accepts such paths, but ingressctl cannot render them for every target and leaves the route out (the route model refuses them, never emits them). Exact and Prefix paths may hold RFC 3986 path characters only: whitespace, quotes, braces, backslashes and control characters would change the meaning of a generated configuration. Regex paths may use only the syntax PCRE, RE2 and JavaScript share: no lookaround, backreferences, possessive quantifiers or inline flags.',
    bad: `- path: /a b
  pathType: Prefix`,
    good: `- path: /a%20b
  pathType: Prefix`,
    fromModel: true,
  },
};
