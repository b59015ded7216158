// render --target gateway-api: the Ingress model as Gateway API objects, the losses, and the
// model read back from the output (with the input's other objects) for --verify.
import type { Document } from '../../load/document.js';
import { parseText } from '../../load/parse.js';
import { CLUSTER_SCOPED } from '../../load/index.js';
import type { Finding } from '../../findings/finding.js';
import { resolve } from '../../model/resolve.js';
import { validateDocuments } from '../../schema/validate.js';
import type { GatewayModel, RouteModel } from '../../model/types.js';
import { annotationFindings } from '../../support/findings.js';
import type { EmittedFile } from '../types.js';
import { translate, type GatewayOptions, type Loss } from './translate.js';
import { toYaml, yamlStream, type Yaml } from './yaml.js';
import { markdownCell } from '../../util/markdown.js';

export { translate, type GatewayOptions, type Loss } from './translate.js';
export { verifyGateway } from './verify.js';

export interface GatewayRender {
  /** the whole output as one kubectl-appliable stream */
  stream: string;
  /** -o DIR: one file per kind, and README.md of the losses */
  files: EmittedFile[];
  losses: Loss[];
  gateway: { namespace: string; name: string };
}

const FILE_OF: Record<string, string> = { Gateway: 'gateway.yaml', ReferenceGrant: 'referencegrants.yaml', HTTPRoute: 'httproutes.yaml', GRPCRoute: 'grpcroutes.yaml' };

export function renderGatewayApi(documents: readonly Document[], model: RouteModel, options: GatewayOptions): GatewayRender {
  const used = new Set<string>();
  const classes: string[] = [];
  for (const d of documents) {
    if (d.kind !== 'Ingress') continue;
    const c = (d.obj.spec as { ingressClassName?: unknown } | undefined)?.ingressClassName;
    if (typeof c === 'string' && c) classes.push(c);
    used.add(`${d.namespace}/${d.name}`);
  }
  const t = translate(model, { ...options, ingressClasses: options.ingressClasses ?? classes });
  const annotationLosses: Loss[] = annotationFindings(documents, model, 'gateway-api')
    .filter((f) => f.severity !== 'info')
    .map((f) => ({ finding: f, scope: { ingress: f.object?.replace(/^Ingress /, '') ?? '' } }));
  // one finding per cause: a policy shared by several rules is reported once
  const seen = new Set<string>();
  const losses = [...t.losses, ...annotationLosses].filter((l) => {
    const key = `${l.finding.file}:${l.finding.line}:${l.finding.column} ${l.finding.message} ${JSON.stringify(l.scope)}`;
    return !seen.has(key) && !!seen.add(key);
  });
  const byKind = new Map<string, Yaml[]>();
  for (const o of t.objects) {
    const kind = (o as { kind: string }).kind;
    byKind.set(kind, [...(byKind.get(kind) ?? []), o]);
  }
  const files: EmittedFile[] = [...byKind].map(([kind, objs]) => ({ path: FILE_OF[kind], content: yamlStream(objs) }));
  files.push({ path: 'README.md', content: lossesReadme(losses.map((l) => l.finding), t.gateway) });
  return { stream: yamlStream(t.objects), files, losses, gateway: t.gateway };
}

/** The README of the -o folder: how to apply, and every loss with its file:line. */
export function lossesReadme(losses: readonly Finding[], gateway: { namespace: string; name: string }): string {
  const lines = [
    '# Gateway API objects rendered by ingressctl',
    '',
    `Gateway \`${gateway.namespace}/${gateway.name}\` and its routes (standard channel, \`gateway.networking.k8s.io/v1\`).`,
    'Apply with `kubectl apply -f .` once the Ingresses\' Services and Secrets exist.',
    '',
    '## What Gateway API does not express',
    '',
  ];
  if (!losses.length) lines.push('Nothing: every route and annotation was translated.');
  else {
    lines.push('| where | object | what |', '|---|---|---|');
    const cell = markdownCell;
    for (const f of losses) lines.push(`| ${cell(`${f.file ?? ''}:${f.line ?? ''}`)} | ${cell(f.object ?? '')} | ${cell(f.message)} |`);
  }
  return lines.join('\n') + '\n';
}

/** The rendered objects read back, beside the input's objects other than Ingresses (Services, Secrets, …). */
export function readBack(documents: readonly Document[], stream: string, gateway: { namespace: string; name: string }): { model: RouteModel; gateway?: GatewayModel; findings: Finding[] } {
  const parsed = parseText('(gateway-api output)', stream);
  for (const d of parsed.documents) {
    const ns = d.obj.metadata?.namespace;
    d.namespace = CLUSTER_SCOPED.has(d.kind) ? '' : typeof ns === 'string' && ns ? ns : 'default';
  }
  // the input's Services, Secrets, Endpoints…: its own Gateway API objects are not part of the conversion
  const others = documents.filter((d) => d.kind !== 'Ingress' && d.kind !== 'IngressClass' && !String(d.obj.apiVersion ?? '').startsWith('gateway.networking.k8s.io/'));
  // the validate stage, then resolve (load → validate → resolve), as every command reads input
  const invalid = validateDocuments(parsed.documents);
  const model = resolve([...others, ...parsed.documents]);
  const g = model.gateways?.find((x) => x.namespace === gateway.namespace && x.name === gateway.name);
  return { model, findings: [...parsed.findings, ...invalid, ...model.findings], ...(g ? { gateway: g } : {}) };
}

export { toYaml };
