// describe for Gateway API input: each Gateway and each route as `kubectl describe` shows
// them, with the status conditions a controller would write (computed by the model).
import { tabbed } from '../cli/tabwriter.js';
import type { Condition, GatewayModel, RouteModel, RouteStatus } from '../model/types.js';

function conditions(list: readonly Condition[], indent: string): string[] {
  if (!list.length) return [`${indent}Conditions:\t<none>`];
  return [`${indent}Conditions:`, `${indent}  Type\tStatus\tReason\tMessage`, `${indent}  ----\t------\t------\t-------`, ...list.map((c) => `${indent}  ${c.type}\t${c.status}\t${c.reason}\t${c.message}`)];
}

function describeGateway(g: GatewayModel): string {
  const lines = [`Name:\t${g.name}`, `Namespace:\t${g.namespace}`, 'Kind:\tGateway', `Gateway Class:\t${g.className || '<none>'}`, 'Listeners:'];
  for (const l of g.listeners) {
    const routes = new Set(l.hosts.flatMap((v) => v.routes.map((r) => `${r.origin.kind} ${r.origin.namespace}/${r.origin.name}`)));
    lines.push(`  Name:\t${l.name}`, `  Port:\t${l.port}`, `  Protocol:\t${l.protocol}`, `  Hostname:\t${l.hostname ?? '*'}`);
    if (l.tls) lines.push(`  TLS:\t${l.tls.secretNamespace}/${l.tls.secretName}${l.tls.usable ? '' : ' (not usable: a self-signed certificate is served)'}`);
    lines.push(`  Attached Routes:\t${routes.size}${routes.size ? ` (${[...routes].sort().join(', ')})` : ''}`, ...conditions(l.conditions, '  '));
  }
  lines.push('Status:', ...conditions(g.conditions, '  '), 'Events:\t<none>');
  return tabbed(lines.join('\n')) + '\n';
}

function describeRoute(s: RouteStatus, model: RouteModel): string {
  const hostnames = new Set<string>();
  const rules = new Set<string>();
  for (const g of model.gateways ?? []) {
    for (const l of g.listeners) {
      for (const v of l.hosts) {
        for (const r of v.routes) {
          if (r.origin.kind !== s.kind || r.origin.namespace !== s.namespace || r.origin.name !== s.name) continue;
          hostnames.add(v.host || '*');
          rules.add(r.origin.field.replace(/^spec\./, '').replace(/\.matches\[\d+\]$/, ''));
        }
      }
    }
  }
  const lines = [`Name:\t${s.name}`, `Namespace:\t${s.namespace}`, `Kind:\t${s.kind}`, `Hostnames:\t${hostnames.size ? [...hostnames].join(', ') : '<none attached>'}`, `Rules attached:\t${rules.size}`, 'Status:', '  Parents:'];
  if (!s.parents.length) lines.push('    <none>: no parentRef names a Gateway of the input');
  for (const p of s.parents) lines.push(`    Parent Ref:\t${p.parentRef}`, ...conditions(p.conditions, '    '));
  lines.push('Events:\t<none>');
  return tabbed(lines.join('\n')) + '\n';
}

/** Every Gateway, then every route (in the model's order: oldest first), separated as kubectl separates them. */
export function describeGatewayApi(model: RouteModel): string {
  return [...(model.gateways ?? []).map(describeGateway), ...(model.routeStatus ?? []).map((s) => describeRoute(s, model))].join('\n');
}
