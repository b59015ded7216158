// ingress-nginx's canary as the features an HTTPRoute has (issue 13), and the one definition
// of what a canary does: its header and cookie decisions as sibling routes with conditions,
// in precedence order right before the base route, and its weight as the base route's
// weighted backends. Route.canary stays the compact record these are derived from; the
// Matcher (serve, explain, test, diff) decides a canary'd route by evaluating them, the
// Gateway API output writes them as rules. ingress-nginx's order: header ("always",
// "never", a value or a pattern; anything else falls through), then cookie ("always",
// "never"), then the weight.
import { conditionsText } from '../gateway/routes.js';
import type { Canary, RequestConditions, Route, WeightedBackend } from './types.js';

export interface CanaryFeatures {
  /** in precedence order, before the base route: each has its match, policy and filters */
  siblings: Route[];
  /**
   * The base route's backends. The canary's share comes first: a draw of `random() * total`
   * then picks it exactly when ingress-nginx's `math.random(total) <= weight` does.
   */
  backends: WeightedBackend[];
  /** header names as the annotation spelled them (conditions hold them lower-case), for explain and the Gateway API output */
  names: Record<string, string>;
}

export function canaryFeatures(base: Route, c: Canary): CanaryFeatures {
  const siblings: Route[] = [];
  const names: Record<string, string> = {};
  // the siblings are routes of their own, without the canary record
  const { canary: _record, ...route } = base;
  const sibling = (conditions: RequestConditions, to: 'canary' | 'main') =>
    siblings.push({ ...route, id: `${base.id} ${to} when ${conditionsText(conditions)}`, backend: to === 'canary' ? c.backend : base.backend, origin: to === 'canary' ? c.origin : base.origin, conditions });
  const h = c.header;
  if (h) {
    const name = h.name.toLowerCase();
    names[name] = h.name;
    if (h.kind === 'always-never') {
      sibling({ headers: [{ name, type: 'Exact', value: 'always' }] }, 'canary');
      sibling({ headers: [{ name, type: 'Exact', value: 'never' }] }, 'main');
    } else if (h.kind === 'value') sibling({ headers: [{ name, type: 'Exact', value: h.value }] }, 'canary');
    // a RegularExpression holds for the whole value; the pattern may match anywhere in it
    else sibling({ headers: [{ name, type: 'RegularExpression', value: `.*(?:${h.pattern}).*` }] }, 'canary');
  }
  if (c.cookie) {
    sibling({ cookies: [{ name: c.cookie, type: 'Exact', value: 'always' }] }, 'canary');
    sibling({ cookies: [{ name: c.cookie, type: 'Exact', value: 'never' }] }, 'main');
  }
  const weight = Math.min(Math.max(c.weight, 0), c.weightTotal);
  const backends: WeightedBackend[] = [];
  if (weight > 0) backends.push({ backend: c.backend, weight, origin: c.origin });
  if (c.weightTotal - weight > 0) backends.push({ backend: base.backend, weight: c.weightTotal - weight, origin: base.origin });
  return { siblings, backends, names };
}
