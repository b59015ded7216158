// Shared test helpers: run the CLI in-process, load fixtures, build models from YAML text.
import { join } from 'node:path';
import { run } from '../src/cli/run.js';
import { parseText } from '../src/load/parse.js';
import { resolve, type ResolveOptions } from '../src/model/resolve.js';
import { Matcher, type Request } from '../src/model/match.js';
import type { RouteModel } from '../src/model/types.js';

export const ROOT = join(__dirname, '..');
export const fixture = (...p: string[]) => join('fixtures', ...p);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `ingressctl argv…` in-process with the repository root as working directory. */
export async function cli(argv: string[], stdin = '', env: Record<string, string> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const prev = process.cwd();
  process.chdir(ROOT);
  try {
    const code = await run(argv, {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      stdin: () => stdin,
      env: { NO_COLOR: '1', ...env },
      cwd: ROOT,
    });
    return { code, stdout, stderr };
  } finally {
    process.chdir(prev);
  }
}

/** A model from YAML text (one "file"). */
export function modelOf(yaml: string, options: ResolveOptions = {}, namespace = 'default'): RouteModel {
  const parsed = parseText('test.yaml', yaml);
  for (const d of parsed.documents) {
    const ns = d.obj.metadata?.namespace;
    d.namespace = d.kind === 'IngressClass' ? '' : typeof ns === 'string' ? ns : namespace;
  }
  return resolve(parsed.documents, options);
}

/** The backend "ns/svc:port" a request reaches, or the status when it reaches none. */
export function outcome(model: RouteModel, url: string, extra: Partial<Request> = {}): string {
  const m = /^(https?):\/\/([^/]+)(.*)$/.exec(url)!;
  const d = new Matcher(model).match({ scheme: m[1] as 'http', host: m[2], target: m[3] || '/', ...extra });
  if (d.status === 200) return `${d.backend.namespace}/${d.backend.service}:${d.backend.port}`;
  if (d.status === 308) return `308 ${d.location}`;
  return String(d.status);
}

/** An Ingress with one rule: paths as [path, pathType, service]. */
export function ingress(name: string, host: string | undefined, paths: [string, string, string][], extra: { annotations?: Record<string, string>; created?: string; namespace?: string; tls?: string } = {}): string {
  const ann = extra.annotations ? `  annotations:\n${Object.entries(extra.annotations).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`).join('\n')}\n` : '';
  return `---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
${extra.namespace ? `  namespace: ${extra.namespace}\n` : ''}${extra.created ? `  creationTimestamp: "${extra.created}"\n` : ''}${ann}spec:
${extra.tls ? `  tls:\n    - hosts: [${JSON.stringify(host)}]\n      secretName: ${extra.tls}\n` : ''}  rules:
    - ${host !== undefined ? `host: ${JSON.stringify(host)}\n      ` : ''}http:
        paths:
${paths.map(([p, t, s]) => `          - path: ${JSON.stringify(p)}\n            pathType: ${t}\n            backend:\n              service:\n                name: ${s}\n                port:\n                  number: 80`).join('\n')}
`;
}

/**
 * The frame of a Gateway API test input: GatewayClass `class` (unless false), Gateway
 * `default/gw` with `listeners` (YAML flow maps; default one HTTP listener on 80) and
 * Service `default/app` on port 80, each document ended by "---".
 */
export function gatewayFrame(opts: { className?: string; gatewayClass?: boolean; listeners?: string[] } = {}): string {
  const className = opts.className ?? 'ingressctl';
  const listeners = opts.listeners ?? ['{ name: http, port: 80, protocol: HTTP }'];
  const gatewayClass = opts.gatewayClass ? `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: { name: ${className} }
spec: { controllerName: ingressctl.io/local }
---
` : '';
  return `
${gatewayClass}apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: gw, namespace: default }
spec:
  gatewayClassName: ${className}
  listeners:
${listeners.map((l) => `    - ${l}`).join('\n')}
---
apiVersion: v1
kind: Service
metadata: { name: app, namespace: default }
spec: { ports: [{ port: 80 }] }
---
`;
}

/** Fixture folders that are one manifest set each (specs/ holds test specs, diff/ pairs of old and new sets). */
export function manifestFixtureFolders(): string[] {
  const { readdirSync } = require('node:fs') as typeof import('node:fs');
  const NOT_MANIFEST_SETS = new Set(['specs', 'diff', 'bad']);
  return readdirSync(join(ROOT, 'fixtures'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && !NOT_MANIFEST_SETS.has(d.name) && readdirSync(join(ROOT, 'fixtures', d.name)).some((f) => /\.(ya?ml|json)$/.test(f)))
    .map((d) => d.name)
    .sort();
}

/** A value written out with everything equality must see: types, -0, NaN, key order, prototypes, shared subtrees. */
export function canon(value: unknown): string {
  const seen = new Map<object, number>();
  const walk = (v: unknown): string => {
    if (typeof v === 'number') return Object.is(v, -0) ? 'n:-0' : `n:${v}`;
    if (typeof v !== 'object' || v === null) return `${typeof v}:${JSON.stringify(v)}`;
    const id = seen.get(v);
    if (id !== undefined) return `#${id}`;
    seen.set(v, seen.size);
    if (v instanceof Uint8Array) return `bytes:${[...v].join(',')}`;
    if (Array.isArray(v)) return `[${v.map(walk).join(',')}]`;
    const proto = Object.getPrototypeOf(v) === Object.prototype ? '' : 'proto?';
    return `${proto}{${Object.keys(v).map((k) => `${JSON.stringify(k)}:${walk((v as Record<string, unknown>)[k])}`).join(',')}}`;
  };
  return walk(value);
}
