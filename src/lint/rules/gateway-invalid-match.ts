import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'gateway-invalid-match',
    severity: STAGE_RULES['gateway-invalid-match'],
    category: 'paths',
    description: 'An HTTPRoute match cannot be routed on safely (path type or characters, a regular expression not every engine reads alike, a header or query name); the match is left out.',
    details: 'Paths are absolute URL paths of RFC 3986 characters; RegularExpression paths, headers and query values use only the syntax RE2, PCRE and JavaScript share, and must match the whole value. Header names are HTTP tokens.',
    bad: `- path: { type: RegularExpression, value: "/(?=x)" }`,
    good: `- path: { type: RegularExpression, value: "/v[0-9]+" }`,
    fromModel: true,
  },
};
