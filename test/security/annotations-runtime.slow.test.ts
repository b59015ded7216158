// The slow runtime injection run (npm run test:slow, never `node test/run.mjs`): random
// values built from the fuzz's hostile pieces and the probe variables of every engine, for
// every annotation copied into a header and for rule paths with affinity, sent through real
// nginx, real HAProxy and serve. SLOW_RUNTIME_VALUES values per kind (default 200), seed
// SLOW_RUNTIME_SEED (default 20261202).
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { HOSTILE_PIECES } from '../fuzz/hostile.js';
import { testNeeding } from '../needs.js';
import { ingress, modelOf } from '../helpers.js';
import { annotationCases, casesModel, caseProblems, KINDS, requestsFor, HOSTILE_SUFFIXES, type Kind } from './annotation-cases.js';
import { answerProblems, available, PROBE_HEADER, PROBE_HOST, PROBE_VALUE, RUNTIME_TARGETS, startRuntime } from './runtime.js';

const count = Number(process.env.SLOW_RUNTIME_VALUES ?? 200);
const seed = Number(process.env.SLOW_RUNTIME_SEED ?? 20_261_202);
const BASE: Record<Kind, string> = { 'session-cookie-path': '/c', 'x-forwarded-prefix': '/p', 'app-root': '/a', 'permanent-redirect': 'https://r.example/', 'temporal-redirect': 'https://r.example/t', 'cors-allow-origin': 'https://o.example', 'upstream-vhost': 'in.example', 'rewrite-target': '/r/$1' };
const pieces = fc.constantFrom(...HOSTILE_PIECES.filter((p) => p.length < 40), ...HOSTILE_SUFFIXES);
const tail = fc.array(pieces, { minLength: 1, maxLength: 5 }).map((a) => a.join(''));

function values(kind: Kind): string[] {
  return fc.sample(tail, { seed: seed + KINDS.indexOf(kind), numRuns: count }).map((v) => BASE[kind] + v);
}

const t = suite(`slow: runtime injection, ${count} random values per annotation and for paths (seed ${seed})`);
const cases = annotationCases(KINDS, values);
// paths: mostly what RFC 3986 allows in a path (so the model keeps the route), with the probes
const pathPieces = fc.constantFrom(';', '=', '$', '$host', '$http_x_probe', '&', "'", '(', ')', '*', '+', ',', ':', '@', '!', '/', '%0d%0aX-Injected:%201', '%3B', '%24', 'Domain=evil.example', '%', '"', ' ', '{', '\\', '#', '?', '\r\n');
const paths = fc.sample(fc.array(pathPieces, { minLength: 1, maxLength: 6 }).map((a) => a.join('')), { seed, numRuns: count }).map((v, i) => `/p${i}${v}`);

for (const target of RUNTIME_TARGETS) {
  testNeeding(t, target, available(target), `${target}: ${cases.length} annotation values and ${paths.length} rule paths`, async () => {
    const model = casesModel(cases);
    const problems: string[] = [];
    let run = await startRuntime(target, model);
    try {
      for (const c of cases) for (const [path, headers] of requestsFor(c)) problems.push(...caseProblems(model, c, await run.send('http', c.host, path, headers)).map((p) => `${c.kind} ${JSON.stringify(c.value)}: ${p}`));
    } finally {
      await run.close();
    }
    const pathModel = modelOf(ingress('sticky', PROBE_HOST, paths.map((p) => [p, 'Prefix', 'app'] as [string, string, string]), { annotations: { 'nginx.ingress.kubernetes.io/affinity': 'cookie' } }));
    const routed = new Set(pathModel.hosts[0]?.routes.map((r) => r.match.value) ?? []);
    run = await startRuntime(target, pathModel);
    let sent = 0;
    try {
      for (const p of paths) {
        if (!routed.has(p) || /[^\x21-\x7e]/.test(p)) continue; // refused by the model (invalid-path), or not sendable as a request line
        const a = await run.send('http', PROBE_HOST, p, { [PROBE_HEADER]: PROBE_VALUE });
        sent++;
        problems.push(...answerProblems(a).map((x) => `path ${JSON.stringify(p)}: ${x}`));
      }
    } finally {
      await run.close();
    }
    console.log(`${target}: ${cases.length} annotation cases, ${sent} of ${paths.length} random paths routed and sent`);
    assert.equal(problems, [], problems.join('\n'));
  });
}

t.run();
