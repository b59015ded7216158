// What may reach haproxy.cfg from the model, checked again here (the model validates
// too, but an emitter that trusts its input is one bug away from config injection).
import type { Finding } from '../../findings/finding.js';
import { regexProblem } from '../../model/regex.js';
import type { Origin, PathMatch, Upstream, VirtualHost } from '../../model/types.js';
import { wordProblem } from './quote.js';
import { targetFinding as sharedTargetFinding, type TargetRule } from '../target-findings.js';
import { addressProblem, isDnsName, isDnsSubdomain, isUrlPath, isWildcardHost } from '../../model/validate-values.js';


export function hostProblem(v: Pick<VirtualHost, 'host' | 'kind'>): string | undefined {
  const ok = v.kind === 'any' ? v.host === '' : v.kind === 'wildcard' ? isWildcardHost(v.host) : isDnsSubdomain(v.host);
  return ok ? undefined : `host ${JSON.stringify(v.host)} is not a valid ${v.kind === 'wildcard' ? 'wildcard ' : ''}DNS name`;
}

export function pathProblem(m: PathMatch): string | undefined {
  if (m.kind === 'Regex') return regexProblem(m.value) ?? wordProblem(m.value);
  return isUrlPath(m.value) ? undefined : `path ${JSON.stringify(m.value)} holds characters that are not allowed in a URL path`;
}


export function upstreamProblem(u: Upstream): string | undefined {
  if (u.kind === 'endpoints') {
    if (u.endpoints.length === 0) return 'it has no endpoints';
    for (const e of u.endpoints) {
      const p = addressProblem(e.ip, e.port);
      if (p) return p;
    }
  }
  // a DNS name (the common case) first: the same answer as addressProblem, without its IP tests
  if (u.kind === 'dns') return Number.isInteger(u.port) && u.port >= 1 && u.port <= 65535 && isDnsName(u.host) ? undefined : addressProblem(u.host, u.port);
  return undefined;
}

/** Kubernetes object names as they appear in backend and file names. */
export function isObjectName(s: string): boolean {
  return isDnsSubdomain(s);
}

export type { TargetRule };

/** A finding about a model element HAProxy cannot carry (exactly, or safely), located at its origin. */
export function targetFinding(ruleId: TargetRule, severity: Finding['severity'], origin: Origin | undefined, message: string, hint?: string): Finding {
  return sharedTargetFinding('haproxy', ruleId, severity, origin, message, hint ? { hint } : {});
}
