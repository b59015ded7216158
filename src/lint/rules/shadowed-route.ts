import { compilePathRegex, hasTopLevelAlternation } from '../../model/regex.js';
import { trimTrailingSlash } from '../../model/path.js';
import type { Route } from '../../model/types.js';
import { originDoc, parseFieldPath } from '../helpers.js';
import type { Rule } from '../types.js';

/** The literal start of a regex path: every path it matches begins with it. */
function literalPrefix(pattern: string): string {
  if (hasTopLevelAlternation(pattern)) return '';
  const m = /^[^\\^$.|?*+()[\]{}]*/.exec(pattern)![0];
  // a quantifier may make the last literal character optional
  return /^[?*{]/.test(pattern.slice(m.length)) ? m.slice(0, -1) : m;
}

/** Paths a route can match all start with this (case-insensitively for regex routes). */
function startOf(r: Route): string {
  if (r.match.kind === 'Regex') return literalPrefix(r.match.value);
  if (r.match.kind === 'Prefix') return trimTrailingSlash(r.match.value) || '/';
  return r.match.value;
}

export const rule: Rule = {
  meta: {
    id: 'shadowed-route',
    severity: 'warning',
    category: 'cross-object',
    description: 'A route no request can reach: a regex route tried before it matches every path it would match.',
    details: 'Routes of a host are tried longest path first, regex routes included. A regex path is anchored only at its start, so once it matches the beginning of a path it matches every longer path too: /(.*) or /api.* tried before /api/v1 takes all of its requests. Regex paths with "$" are not judged.',
    bad: `# use-regex: "true"
- path: /api/(.*)
  pathType: ImplementationSpecific
- path: /api/v1
  pathType: ImplementationSpecific`,
    good: `- path: /api/v1(/|$)(.*)
  pathType: ImplementationSpecific
- path: /api/(.*)
  pathType: ImplementationSpecific`,
  },
  check(ctx) {
    for (const vhost of ctx.model.hosts) {
      const earlier: { route: Route; re: RegExp }[] = [];
      for (const r of vhost.routes) {
        const start = startOf(r);
        const winner = start.startsWith('/') ? earlier.find((e) => e.re.test(start)) : undefined;
        if (winner) {
          const doc = originDoc(ctx, r.origin);
          const w = winner.route;
          if (doc) ctx.report(doc, { path: [...parseFieldPath(r.origin.field), 'path'], message: `${vhost.host || '(any host)'} ${r.match.value} (${r.match.kind}) is never reached: the regex ${w.match.value} of Ingress ${w.origin.namespace}/${w.origin.name} is tried first and matches every path it would`, hint: 'Make the regex more specific (end it with $ or a segment boundary), or remove one of the two.' });
        }
        if (r.match.kind === 'Regex' && !/\$|\\[bB]/.test(r.match.value)) earlier.push({ route: r, re: compilePathRegex(r.match.value) });
      }
    }
  },
};
