// --compat ingress-nginx: reproduce what ingress-nginx really does with paths, so a
// migration can be checked against production. Once any Ingress on a host asks for regex
// paths (use-regex, rewrite-target), every location of that host is written `~* ^PATH`:
// every path of the host becomes a case-insensitive regex anchored at the start, the path
// text read as a regex. (ImplementationSpecific paths without regex are StringPrefix,
// decided where routes are made.)
import { findingAtOrigin, type Finding } from '../findings/finding.js';
import { regexProblem } from './regex.js';
import type { VirtualHost } from './types.js';

export type Compat = 'ingress-nginx';

export function applyCompat(vhosts: ReadonlyMap<string, VirtualHost>, regexHosts: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  for (const host of regexHosts) {
    const v = vhosts.get(host);
    if (!v) continue;
    v.routes = v.routes.filter((r) => {
      if (r.match.kind === 'Regex') return true;
      const problem = regexProblem(r.match.value);
      if (problem) {
        findings.push(findingAtOrigin(r.origin, { ruleId: 'invalid-path', message: `path ${JSON.stringify(r.match.value)} becomes a regex under --compat ingress-nginx (host ${host || '(any host)'} has regex paths), but ${problem}; its route is left out`, field: `${r.origin.field}.path` }));
        return false;
      }
      r.match = { ...r.match, kind: 'Regex' };
      r.id = `${host || '*'}${r.match.value} (Regex)`;
      return true;
    });
  }
  return findings;
}
