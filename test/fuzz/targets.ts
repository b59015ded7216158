// One entry per render target: how its output is parsed, what its structure is, and how
// the real parser is run over it (many cases at once where the tool allows).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RE2 } from 're2-wasm';
import { load as parseYaml } from 'js-yaml';
import { writeBundle } from '../../src/emit/bundle.js';
import { emitters } from '../../src/emit/index.js';
import type { EmitOptions, EmitResult, Target } from '../../src/emit/types.js';
import { validateBootstrap } from '../envoy/validate.js';
import { NGINX } from '../e2e/nginx-engine.js';
import { nginxStructure, parseConf, type ConfDirective } from './nginx-conf.js';
import { haproxyStructure } from './haproxy-conf.js';
import { traefikYaml } from '../../src/emit/traefik/quote.js';
import { parseRule, type RuleNode } from '../traefik/rule.js';
import { schemaProblems } from '../traefik/schema.js';

const HAPROXY_BIN = ['/usr/sbin/haproxy', '/usr/bin/haproxy', '/usr/local/sbin/haproxy'].find((p) => existsSync(p));

export interface FuzzTarget {
  name: Target;
  /** undefined when the target's real parser is not installed (the case is then checked without it) */
  parser?: string;
  /** the structure of the main file; throws when it does not even tokenize */
  structure(result: EmitResult): string;
  /** checks that need no external program (Envoy: the proto validator); problems as text */
  quickCheck(result: EmitResult): string[];
  /** the real parser over many cases at once (or over a sample of them): the indexes of the cases it refused and how many times it ran; throws on a batch it cannot attribute */
  batchCheck?(dir: string, cases: { index: number; result: EmitResult }[]): { bad: number[]; runs: number };
  /** the real parser over one case */
  singleCheck?(dir: string, result: EmitResult): string | undefined;
}

const main = (r: EmitResult) => r.files.find((f) => f.path === r.mainFile)!.content;

export const nginxTarget: FuzzTarget = {
  name: 'nginx',
  parser: NGINX,
  structure: (r) => nginxStructure(parseConf(main(r))),
  quickCheck: () => [],
  singleCheck(dir, result) {
    writeBundle(dir, result.files);
    const r = spawnSync(NGINX!, ['-t', '-q', '-p', dir + '/', '-c', 'nginx.conf'], { encoding: 'utf8', timeout: 20_000 });
    return r.status === 0 ? undefined : `nginx -t: ${r.stderr}${r.stdout}`.trim();
  },
  batchCheck(dir, cases) {
    mkdirSync(join(dir, 'certs'), { recursive: true });
    for (const c of cases) for (const f of c.result.files) if (f.path !== 'nginx.conf' && !existsSync(join(dir, f.path))) writeFileSync(join(dir, f.path), f.content, { mode: f.mode ?? 0o644 });
    writeFileSync(join(dir, 'nginx.conf'), spliceNginx(cases.map((c) => ({ index: c.index, text: main(c.result) }))));
    const r = spawnSync(NGINX!, ['-t', '-q', '-p', dir + '/', '-c', 'nginx.conf'], { encoding: 'utf8', timeout: 60_000 });
    if (r.status === 0) return { bad: [], runs: 1 };
    // attribute the failure: each case on its own
    const bad = cases.filter((c) => this.singleCheck!(join(dir, `case-${c.index}`), c.result) !== undefined).map((c) => c.index);
    if (!bad.length) throw new Error(`nginx -t refused a batch whose cases each pass on their own (a fuzz harness bug): ${r.stderr}`);
    return { bad, runs: 1 + cases.length };
  },
};

/**
 * Many rendered nginx.conf files as one: the http-level settings of the first (they are the
 * same in every render, except the server-name hash sizes, which take the largest), then
 * each case's upstream and server blocks as rendered, byte for byte, except that upstream
 * names (emitter words, never input) get a per-case prefix. Each case is rendered on its
 * own ports, so default servers do not clash.
 */
export function spliceNginx(cases: { index: number; text: string }[]): string {
  let settings = '';
  const hash = { bucket: 0, max: 0 };
  let resolver = '';
  const bodies: string[] = [];
  cases.forEach((c, n) => {
    const http = parseConf(c.text).find((d) => d.name.text === 'http')!.block!;
    const upstreams = new Set(http.filter((d) => d.name.text === 'upstream').map((d) => d.args[0].text));
    const renamed = (d: ConfDirective) => rename(c.text, d, upstreams, `c${c.index}_`);
    for (const d of http) {
      const name = d.name.text;
      if (name === 'server_names_hash_bucket_size') hash.bucket = Math.max(hash.bucket, Number(d.args[0].text));
      else if (name === 'server_names_hash_max_size') hash.max = Math.max(hash.max, Number(d.args[0].text));
      else if (name === 'resolver') resolver = c.text.slice(d.start, d.end);
      else if (name === 'upstream' || name === 'server') bodies.push(renamed(d));
      else if (n === 0) settings += c.text.slice(d.start, d.end) + '\n';
    }
  });
  return `pid nginx.pid;\nerror_log error.log notice;\nevents { worker_connections 1024; }\nhttp {\n${settings}${resolver}\nserver_names_hash_bucket_size ${hash.bucket};\nserver_names_hash_max_size ${hash.max};\n${bodies.join('\n')}\n}\n`;
}

function rename(text: string, d: ConfDirective, upstreams: Set<string>, prefix: string): string {
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (x: ConfDirective) => {
    if (x.name.text === 'upstream' && !x.args[0].quoted) edits.push({ start: x.args[0].start, end: x.args[0].end, text: prefix + x.args[0].text });
    if ((x.name.text === 'proxy_pass' || x.name.text === 'grpc_pass') && !x.args[0].quoted) {
      const m = /^([a-z]+:\/\/)(.+)$/.exec(x.args[0].text);
      if (m && upstreams.has(m[2])) edits.push({ start: x.args[0].start, end: x.args[0].end, text: m[1] + prefix + m[2] });
    }
    x.block?.forEach(visit);
  };
  visit(d);
  let out = text.slice(d.start, d.end);
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start - d.start) + e.text + out.slice(e.end - d.start);
  return out;
}

/** The shape of a YAML value: keys, list lengths and scalar types, not the strings themselves. */
export function yamlShape(v: unknown, indent = ''): string {
  if (Array.isArray(v)) return `[\n${v.map((x) => indent + '  ' + yamlShape(x, indent + '  ')).join('')}${indent}]\n`;
  if (v && typeof v === 'object') return `{\n${Object.entries(v).map(([k, x]) => `${indent}  ${k}: ${yamlShape(x, indent + '  ')}`).join('')}${indent}}\n`;
  return `${typeof v === 'string' ? 'string' : JSON.stringify(v)}\n`;
}

function regexes(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => regexes(v, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) k === 'regex' && typeof v === 'string' ? out.push(v) : regexes(v, out);
  return out;
}

const parsedYaml = new WeakMap<EmitResult, unknown>();
const yamlOf = (r: EmitResult) => {
  if (!parsedYaml.has(r)) parsedYaml.set(r, parseYaml(main(r)));
  return parsedYaml.get(r);
};
/** Regexes RE2 already compiled: most repeat from case to case. */
const compiled = new Set<string>();

export const envoyTarget: FuzzTarget = {
  name: 'envoy',
  parser: 'proto validator',
  structure: (r) => yamlShape(yamlOf(r)),
  quickCheck(r) {
    const text = main(r);
    const problems: string[] = [];
    // Envoy reads UTF-8: a lone surrogate cannot be written as UTF-8 and would be replaced
    if (Buffer.from(text, 'utf8').toString('utf8') !== text) problems.push('envoy.yaml is not valid UTF-8 (a lone surrogate)');
    const bootstrap = yamlOf(r);
    problems.push(...validateBootstrap(bootstrap).map((p) => `envoy proto validation: ${p.path}: ${p.message}`));
    for (const re of regexes(bootstrap)) {
      if (compiled.has(re)) continue;
      if (compiled.size > 10_000) compiled.clear();
      try {
        // re2-wasm never frees its compiled programs by itself: thousands of cases would fill its fixed heap
        (new RE2(re, 'u') as unknown as { wrapper?: { delete?(): void } }).wrapper?.delete?.();
        compiled.add(re);
      } catch (err) {
        problems.push(`RE2 refuses ${JSON.stringify(re)}: ${(err as Error).message}`);
      }
    }
    return problems;
  },
};

/**
 * haproxy -c cannot take many configs at once (every bundle has its own frontend, resolvers
 * and backends of the same names) and takes ~50 ms a run, so a batch is checked on a sample:
 * the cases where hostile values were written (the ones that can break the syntax), at most
 * HAPROXY_SAMPLE of them, spread over the batch. `npm run fuzz -- --haproxy-all` checks every case.
 */
const HAPROXY_SAMPLE = Number(process.env.FUZZ_HAPROXY_SAMPLE ?? 25);

export const haproxyTarget: FuzzTarget = {
  name: 'haproxy',
  parser: HAPROXY_BIN,
  structure: (r) => haproxyStructure(main(r)),
  quickCheck: () => [],
  singleCheck(dir, result) {
    writeBundle(dir, result.files);
    const r = spawnSync(HAPROXY_BIN!, ['-c', '-q', '-f', 'haproxy.cfg'], { cwd: dir, encoding: 'utf8', timeout: 20_000, env: { ...process.env, RES_OPTIONS: 'timeout:1 attempts:1' } });
    return r.status === 0 ? undefined : `haproxy -c: ${r.stderr}${r.stdout}`.trim();
  },
  batchCheck(dir, cases) {
    const hostile = cases.filter((c) => /'|\\/.test(main(c.result)));
    const pool = hostile.length ? hostile : cases;
    const step = HAPROXY_SAMPLE > 0 ? Math.max(1, Math.floor(pool.length / HAPROXY_SAMPLE)) : 1;
    const sample = HAPROXY_SAMPLE > 0 ? pool.filter((_, i) => i % step === 0).slice(0, HAPROXY_SAMPLE) : cases;
    const bad = sample.filter((c) => this.singleCheck!(join(dir, `case-${c.index}`), c.result) !== undefined).map((c) => c.index);
    return { bad, runs: sample.length };
  },
};

/** A rule's syntax tree with its string arguments left out: what must not depend on the values. */
function ruleShape(n: RuleNode): string {
  if (n.op === 'call') return `${n.name}(${n.args.map(() => 's').join(',')})`;
  if (n.op === 'not') return `!${ruleShape(n.inner)}`;
  return `(${ruleShape(n.left)} ${n.op} ${ruleShape(n.right)})`;
}

/**
 * Traefik: no binary here, so structural checks. The structure is the YAML's shape plus each
 * router rule's syntax tree as the test evaluator's parser (Traefik's documented grammar)
 * reads it: a hostile value must stay one argument, never become an operator or a matcher.
 * The quick check: the YAML reads back to the same document (written again, byte for byte),
 * the rule arguments read back to values the writer could have written, and the file is
 * valid against SchemaStore's schema.
 */
export const traefikTarget: FuzzTarget = {
  name: 'traefik',
  parser: 'rule parser and schema',
  structure(r) {
    const doc = yamlOf(r) as { http?: { routers?: Record<string, { rule: string }> } };
    // router names carry a readable slug of the host and path (letters, digits, "-"): numbered here
    const routers = Object.values(doc.http?.routers ?? {});
    const numbered = { ...doc, http: { ...doc.http, routers: Object.fromEntries(routers.map((x, i) => [`router-${i}`, x])) } };
    const rules = routers.map((x, i) => `router-${i}: ${ruleShape(parseRule(x.rule))}`);
    return `${yamlShape(numbered)}${rules.join('\n')}\n`;
  },
  quickCheck(r) {
    const text = main(r);
    const doc = yamlOf(r) as object;
    const problems: string[] = [];
    if (traefikYaml(doc) !== text) problems.push('dynamic/routes.yml does not read back to the document it was written from');
    problems.push(...schemaProblems(doc).map((p) => `schema: ${p}`));
    return problems;
  },
};

/**
 * The targets CI fuzzes: all four (Traefik with structural checks: no binary here). (HAProxy's first runs differed from the twin where a
 * Service name the API server refuses reached the emitter; the model now refuses such
 * names itself, as `invalid-backend`, for every target.)
 */
export const ALL_FUZZ_TARGETS: FuzzTarget[] = [nginxTarget, envoyTarget, haproxyTarget, traefikTarget].filter((t) => emitters[t.name]);
export const FUZZ_TARGETS: FuzzTarget[] = ALL_FUZZ_TARGETS;

export const EMIT_BASE: EmitOptions = { httpPort: 80, httpsPort: 443, resolver: '10.96.0.10' };
