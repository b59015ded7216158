import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'invalid-path',
    severity: STAGE_RULES['invalid-path'],
    category: 'paths',
    description: 'A path cannot be rendered safely for every target (characters outside URL syntax, or a regex not every engine reads alike); its route is left out.',
    details: 'The API server accepts such paths, but ingressctl cannot render them safely for every target: the route model refuses them and leaves the route out of routes, explain, render and serve, so it is an error, as there. Exact and Prefix paths may hold RFC 3986 path characters only: whitespace, quotes, braces, backslashes and control characters would change the meaning of a generated configuration. Regex paths may use only the syntax PCRE, RE2 and JavaScript share: no lookaround, backreferences, possessive quantifiers or inline flags.',
    bad: `- path: /a b
  pathType: Prefix`,
    good: `- path: /a%20b
  pathType: Prefix`,
    fromModel: true,
    // one finding for one path: the other path rules would describe a route that does not exist
    supersedes: ['path-characters', 'regex-in-plain-path'],
  },
};
