import { NGINX_PREFIX } from '../../model/annotations/index.js';
import { HASHES, MATRIX } from '../../support/matrix.js';
import { NGINX_ANNOTATIONS } from '../annotations/catalog.js';
import { annotationsOf, originDoc } from '../helpers.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'target-unsupported-annotation',
    severity: 'warning',
    category: 'annotations',
    description: 'With --target nginx|haproxy|envoy|traefik: an ingress-nginx annotation the configuration ingressctl renders for that target does not honour, or auth-secret users whose password hash that target cannot check.',
    details: 'What each target honours is the support matrix (docs/annotations.md, `ingressctl annotations`). An annotation ingressctl does not read at all is left out on every target. Without --target this rule is silent; annotations a target honours only approximately are reported by target-approximate-annotation.',
    bad: `# ingressctl lint --target envoy
nginx.ingress.kubernetes.io/limit-connections: "10"`,
    good: `# limit concurrency in the application, or use a target that supports it`,
  },
  check(ctx) {
    const target = ctx.options.target;
    if (!target) return;
    for (const ing of ctx.ingresses) {
      for (const k of Object.keys(annotationsOf(ing.doc))) {
        const name = k.startsWith(NGINX_PREFIX) ? k.slice(NGINX_PREFIX.length) : undefined;
        if (name === undefined || !NGINX_ANNOTATIONS.includes(name) || /-snippet$/.test(name)) continue;
        const support = MATRIX[name]?.[target];
        if (support && support.level !== 'unsupported') continue;
        const why = support ? (support.note ? `: ${support.note}` : '') : ': ingressctl does not read it';
        ctx.report(ing.doc, { path: ['metadata', 'annotations', k], at: 'key', message: `${k} is not honoured by the ${target} configuration ingressctl renders${why}; it is left out`, hint: 'See docs/annotations.md (ingressctl annotations --target ' + target + ') for what this target supports.' });
      }
    }
    const seen = new Set<string>();
    for (const v of ctx.model.hosts) {
      for (const r of v.routes) {
        const auth = r.policy.basicAuth;
        if (!auth || seen.has(`${auth.origin.namespace}/${auth.origin.name}`)) continue;
        seen.add(`${auth.origin.namespace}/${auth.origin.name}`);
        const lost = auth.users.filter((u) => !HASHES[u.format][target]);
        const doc = originDoc(ctx, auth.origin);
        if (!lost.length || !doc) continue;
        ctx.report(doc, { path: ['metadata', 'annotations', `${NGINX_PREFIX}auth-secret`], message: `${target} cannot check ${[...new Set(lost.map((u) => u.format))].join(', ')} password hashes: ${lost.map((u) => u.name).join(', ')} of Secret ${auth.secret.namespace}/${auth.secret.name} cannot log in there`, hint: 'Hash the passwords in a format the target checks (see docs/annotations.md).' });
      }
    }
  },
};
