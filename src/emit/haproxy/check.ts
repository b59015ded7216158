// What may reach haproxy.cfg from the model, checked again here (the model validates
// too, but an emitter that trusts its input is one bug away from config injection).
import { isIP } from 'node:net';
import type { Finding } from '../../findings/finding.js';
import { regexProblem } from '../../model/regex.js';
import type { Origin, PathMatch, Upstream, VirtualHost } from '../../model/types.js';
import { wordProblem } from './quote.js';

const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS_NAME = new RegExp(`^${LABEL}(\\.${LABEL})*$`);
const WILDCARD = new RegExp(`^\\*\\.${LABEL}(\\.${LABEL})*$`);
/** RFC 3986 path characters, as the model accepts for Exact and Prefix paths. */
const SAFE_PATH = /^\/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/;

export function hostProblem(v: Pick<VirtualHost, 'host' | 'kind'>): string | undefined {
  const ok = v.kind === 'any' ? v.host === '' : v.kind === 'wildcard' ? WILDCARD.test(v.host) : DNS_NAME.test(v.host);
  return ok && v.host.length <= 253 ? undefined : `host ${JSON.stringify(v.host)} is not a valid ${v.kind === 'wildcard' ? 'wildcard ' : ''}DNS name`;
}

export function pathProblem(m: PathMatch): string | undefined {
  if (m.kind === 'Regex') return regexProblem(m.value) ?? wordProblem(m.value);
  return SAFE_PATH.test(m.value) ? undefined : `path ${JSON.stringify(m.value)} holds characters that are not allowed in a URL path`;
}

/** A server address: an IP address or a DNS name, and a port. */
export function addressProblem(host: string, port: number): string | undefined {
  if (!Number.isInteger(port) || port < 1 || port > 65535) return `port ${port} is not a port number`;
  if (isIP(host) || (host.length <= 253 && DNS_NAME.test(host.toLowerCase()))) return undefined;
  return `${JSON.stringify(host)} is neither an IP address nor a DNS name`;
}

export function upstreamProblem(u: Upstream): string | undefined {
  if (u.kind === 'endpoints') {
    if (u.endpoints.length === 0) return 'it has no endpoints';
    for (const e of u.endpoints) {
      const p = addressProblem(e.ip, e.port);
      if (p) return p;
    }
  }
  if (u.kind === 'dns') return addressProblem(u.host, u.port);
  return undefined;
}

/** Kubernetes object names as they appear in backend and file names. */
export function isObjectName(s: string): boolean {
  return s.length <= 253 && DNS_NAME.test(s);
}

export type TargetRule = 'target-unsupported' | 'target-approximate';

/** A finding about a model element this target cannot carry (exactly), located at its origin. */
export function targetFinding(ruleId: TargetRule, severity: Finding['severity'], origin: Origin | undefined, message: string, hint?: string): Finding {
  return {
    ruleId,
    severity,
    message: `haproxy: ${message}`,
    ...(hint ? { hint } : {}),
    ...(origin
      ? { file: origin.file, line: origin.line, column: origin.column, path: origin.field, object: `${origin.kind} ${origin.namespace}/${origin.name}` }
      : {}),
  };
}
