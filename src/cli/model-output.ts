// `routes -o json|yaml` written host by host: the same text as serialising modelJson whole,
// without building the whole model as data and as one string (10k Ingresses: 120 MB).
import { dump } from 'js-yaml';
import { backendJson, modelJson, modelTailJson, originJson, policyJson, routeJson, vhostJson } from '../model/serialize.js';
import type { Route, RouteModel } from '../model/types.js';

/** JSON text of `value` as JSON.stringify(…, null, 2) writes it where its first line follows a key at indentation `indent`. */
function jsonAt(value: unknown, indent: string): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, '\n' + indent);
}

/**
 * A route's JSON as it appears in the whole document (its keys at `indent`). Backends and
 * policies are shared by many routes (one per Service port, one per Ingress): their text
 * is made once per object.
 */
class RouteWriter {
  private backends = new Map<object, string>();
  private policies = new Map<object, string>();
  constructor(private readonly indent: string) {}

  text(r: Route): string {
    const ind = this.indent;
    // the common shape (an Ingress path) is written here; any other goes through routeJson whole
    if (r.canary || r.conditions || r.filters || r.backends) return jsonAt(routeJson(r), ind.slice(2));
    let backend = this.backends.get(r.backend);
    if (backend === undefined) this.backends.set(r.backend, (backend = jsonAt(backendJson(r.backend), ind)));
    let policy = this.policies.get(r.policy);
    if (policy === undefined) this.policies.set(r.policy, (policy = jsonAt(policyJson(r.policy), ind)));
    return `{\n${ind}"id": ${JSON.stringify(r.id)},\n${ind}"match": ${jsonAt(r.match, ind)},\n${ind}"backend": ${backend},\n${ind}"policy": ${policy},\n${ind}"origin": ${jsonAt(originJson(r.origin), ind)}\n${ind.slice(2)}}`;
  }
}

/** JSON.stringify(modelJson(model), null, 2) + '\n', in pieces: host by host, route by route. */
export function writeModelJson(model: RouteModel, write: (text: string) => void): void {
  if (!model.hosts.length) return write(JSON.stringify(modelJson(model), null, 2) + '\n');
  write('{\n  "hosts": [\n');
  const last = model.hosts.length - 1;
  // a host is an item of "hosts" (4 spaces), its keys at 6, its routes at 8, their keys at 10
  const routes = new RouteWriter(' '.repeat(10));
  model.hosts.forEach((v, i) => {
    // the host without its routes; JSON strings hold no raw newline, so the one line
    // `\n  "routes": []` at the host's own depth is where the routes go
    const host = '    ' + JSON.stringify(vhostJson({ ...v, routes: [] }), null, 2).replace(/\n/g, '\n    ');
    const at = host.indexOf('\n      "routes": []');
    if (at === -1) throw new Error('internal: routes not found in a host\'s JSON');
    write(host.slice(0, at) + '\n      "routes": [');
    v.routes.forEach((r, j) => write(`${j ? ',' : ''}\n        ${routes.text(r)}`));
    write((v.routes.length ? '\n      ]' : ']') + host.slice(at + '\n      "routes": []'.length) + (i < last ? ',\n' : '\n'));
  });
  write('  ]');
  const tail = modelTailJson(model);
  for (const k of Object.keys(tail) as (keyof typeof tail)[]) write(`,\n  ${JSON.stringify(k)}: ${jsonAt(tail[k], '  ')}`);
  write('\n}\n');
}

/** dump(modelJson(model), { noRefs: true }), in pieces: each host dumped as the only item of `hosts`, its first line left out. */
export function writeModelYaml(model: RouteModel, write: (text: string) => void): void {
  if (!model.hosts.length) return write(dump(modelJson(model), { noRefs: true }));
  write('hosts:\n');
  for (const v of model.hosts) {
    const one = dump({ hosts: [vhostJson(v)] }, { noRefs: true });
    write(one.slice(one.indexOf('\n') + 1));
  }
  write(dump(modelTailJson(model), { noRefs: true }));
}
