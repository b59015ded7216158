// A canary route as Envoy routes tried in order: the header decides (always / never, an
// exact value, or a regex found anywhere), then the cookie (always / never), then a
// weighted split of canary-weight out of canary-weight-total.
import type { Canary } from '../../model/types.js';
import type { FindingSink } from './findings.js';
import { re2Problem } from './re2.js';
import type { HeaderMatcher } from './types.js';

export interface CanaryVariant {
  /** what the request must carry besides the route's own match; none for the last variant */
  headers: HeaderMatcher[];
  to: 'main' | 'canary' | 'split';
  /** for route names */
  label: string;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The cookie `name` has `value` in the Cookie header (a cookie sent twice: any of them counts). */
function cookieIs(name: string, value: string): HeaderMatcher {
  return { name: 'cookie', string_match: { safe_regex: { regex: `(?:.*;)?[ \\t]*${escapeRegex(name)}=${value}[ \\t]*(?:;.*)?` } } };
}

export function canaryVariants(c: Canary, sink: FindingSink): CanaryVariant[] {
  const out: CanaryVariant[] = [];
  const h = c.header;
  if (h && /^[A-Za-z0-9-]+$/.test(h.name)) {
    const name = h.name.toLowerCase();
    if (h.kind === 'always-never') {
      out.push({ headers: [{ name, string_match: { exact: 'always' } }], to: 'canary', label: `${h.name}: always` });
      out.push({ headers: [{ name, string_match: { exact: 'never' } }], to: 'main', label: `${h.name}: never` });
    } else if (h.kind === 'value') out.push({ headers: [{ name, string_match: { exact: h.value } }], to: 'canary', label: `${h.name}: ${h.value}` });
    else {
      const regex = `.*(?:${h.pattern}).*`;
      const problem = re2Problem(regex);
      if (problem) sink.add('target-unsafe-value', 'error', `canary-by-header-pattern ${JSON.stringify(h.pattern)} cannot be given to Envoy's RE2 (${problem}); the header is not checked`, c.origin);
      else out.push({ headers: [{ name, string_match: { safe_regex: { regex } } }], to: 'canary', label: `${h.name} ~ ${h.pattern}` });
    }
  } else if (h) sink.add('target-unsafe-value', 'error', `canary-by-header ${JSON.stringify(h.name)} is not a header name; the header is not checked`, c.origin);
  if (c.cookie && /^[A-Za-z0-9_.-]+$/.test(c.cookie)) {
    out.push({ headers: [cookieIs(c.cookie, 'always')], to: 'canary', label: `cookie ${c.cookie}=always` });
    out.push({ headers: [cookieIs(c.cookie, 'never')], to: 'main', label: `cookie ${c.cookie}=never` });
  } else if (c.cookie) sink.add('target-unsafe-value', 'error', `canary-by-cookie ${JSON.stringify(c.cookie)} is not a cookie name; the cookie is not checked`, c.origin);
  const last = c.weight <= 0 ? 'main' : c.weight >= c.weightTotal ? 'canary' : 'split';
  out.push({ headers: [], to: last, label: last === 'split' ? `weight ${c.weight}/${c.weightTotal}` : `weight ${c.weight}/${c.weightTotal}: ${last}` });
  return out;
}
