import type { Document } from '../../load/document.js';
import type { PathSeg } from '../../findings/finding.js';
import { arr, rec } from '../../model/objects.js';
import { pathFieldPath } from '../../model/ingress-shape.js';
import { apiError, nameErrors } from '../k8s/field-error.js';
import { dns1035Label, dns1123Subdomain, ianaPortName, pathSegmentName, portNumber } from '../k8s/names.js';
import { isRecord, v1Ingresses } from '../helpers.js';
import type { Rule, RuleContext } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'ingress-backend',
    severity: 'error',
    category: 'api-server',
    supersedes: ['invalid-backend'],
    description: 'A backend is a service or a resource (not both); a service has a DNS-1035 name and a port name or number (not both).',
    details: 'service.name is a DNS-1035 label (lower case, starting with a letter, at most 63 characters). The port is either number (1-65535) or name (an IANA service name: at most 15 characters, a-z, 0-9 and "-", with a letter, no "--", no leading or trailing "-"). A resource backend needs kind and name without "/" or "%"; its apiGroup, when present, must be a DNS subdomain (leave it out for the core group).',
    bad: `backend:
  service:
    name: Web_Svc
    port:
      number: 80
      name: http`,
    good: `backend:
  service:
    name: web-svc
    port:
      number: 80`,
  },
  check(ctx) {
    for (const ing of v1Ingresses(ctx)) {
      const { doc } = ing;
      const spec = rec(doc.obj.spec);
      if (spec?.defaultBackend !== undefined) checkBackend(ctx, doc, spec.defaultBackend, DEFAULT_BACKEND);
      // plain loops and own-site reads; each path's field path is the shared one (ingress-shape.ts)
      const rules = arr(spec?.rules);
      for (let i = 0; i < rules.length; i++) {
        const paths = arr(rec(rec(rules[i])?.http)?.paths);
        for (let j = 0; j < paths.length; j++) {
          const p = rec(paths[j]);
          if (p?.pathType === undefined || p.backend === undefined) continue; // the API server stops at the missing field
          checkBackend(ctx, doc, p.backend, pathFieldPath(i, j).backend);
        }
      }
    }
  },
};

const DEFAULT_BACKEND: readonly PathSeg[] = Object.freeze(['spec', 'defaultBackend']);

/** The problems of a name check, remembered for the name checked last (the paths of an Ingress mostly name one Service). */
function lastOf(check: (v: string) => string[]): (v: string) => string[] {
  let last: string | undefined;
  let problems: string[] = [];
  return (v) => {
    if (v !== last) {
      last = v;
      problems = check(v);
    }
    return problems;
  };
}
const serviceNameProblems = lastOf(dns1035Label);

/** `backend`: the value at field path `b` of `doc`. */
function checkBackend(ctx: RuleContext, doc: Document, backend: unknown, b: readonly PathSeg[]): void {
  if (!isRecord(backend)) return; // the schema reports the type
  const service = backend.service;
  const resource = backend.resource;
  if (service !== undefined && resource !== undefined) {
    apiError(ctx, doc, b, 'Invalid value', { value: '', detail: 'cannot set both resource and service backends', hint: 'Keep either service or resource.' });
    return;
  }
  if (isRecord(resource)) {
    if (resource.apiGroup !== undefined && typeof resource.apiGroup === 'string') nameErrors(ctx, doc, [...b, 'resource', 'apiGroup'], resource.apiGroup, dns1123Subdomain(resource.apiGroup), 'Leave apiGroup out for the core group.');
    for (const k of ['kind', 'name'] as const) {
      const v = resource[k];
      if (v === '') apiError(ctx, doc, [...b, 'resource', k], 'Required value', { at: [...b, 'resource', k] });
      else if (typeof v === 'string') nameErrors(ctx, doc, [...b, 'resource', k], v, pathSegmentName(v));
    }
    return;
  }
  if (isRecord(service)) {
    const name = service.name;
    if (name === '') apiError(ctx, doc, [...b, 'service', 'name'], 'Required value', { at: [...b, 'service', 'name'] });
    else if (typeof name === 'string') {
      const problems = serviceNameProblems(name);
      if (problems.length) nameErrors(ctx, doc, [...b, 'service', 'name'], name, problems, 'Service names are lower case, start with a letter and have at most 63 characters.');
    }
    const port = isRecord(service.port) ? service.port : {};
    const number = port.number;
    const pname = port.name;
    const hasNumber = typeof number === 'number' && number !== 0;
    const hasName = typeof pname === 'string' && pname !== '';
    const portPath = () => [...b, 'service', 'port'];
    if (hasNumber && hasName) apiError(ctx, doc, b, 'Invalid value', { value: '', detail: 'cannot set both port name & port number', hint: 'Keep either port.number or port.name.', at: portPath() });
    else if (hasName) nameErrors(ctx, doc, [...portPath(), 'name'], pname, ianaPortName(pname));
    else if (hasNumber) {
      for (const p of portNumber(number)) apiError(ctx, doc, [...portPath(), 'number'], 'Invalid value', { value: number, detail: p });
    } else if (typeof number !== 'string' && typeof pname !== 'number') {
      apiError(ctx, doc, b, 'Required value', { detail: 'port name or number is required', hint: 'Add service.port.number or service.port.name.', at: service.port === undefined ? [...b, 'service'] : portPath() });
    }
    return;
  }
  if (service === undefined && resource === undefined) apiError(ctx, doc, b, 'Invalid value', { value: '', detail: 'resource or service backend is required', hint: 'Add backend.service with name and port.', at: b });
}
