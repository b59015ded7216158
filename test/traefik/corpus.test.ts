// The shared corpus of real-world manifests (test/corpus.ts), when present: every file
// renders for Traefik without a crash, to a dynamic file valid against the schema whose
// rules all parse and whose routers of one entry point never share a priority; and the probe
// requests of every file (src/diff/probes.ts) are answered as the model answers them.
import { basename } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { probeRequests } from '../../src/diff/probes.js';
import { loadInputs } from '../../src/load/index.js';
import { Matcher } from '../../src/model/match.js';
import { resolve } from '../../src/model/resolve.js';
import { corpusTest } from '../corpus.js';
import { backendOfService, evaluate } from './evaluate.js';
import { renderedTraefik } from './routing.js';
import { parseRule } from './rule.js';
import { schemaProblems } from './schema.js';

corpusTest(test, 'corpus: every file renders for Traefik to a valid configuration whose rules parse and whose priorities are distinct', (paths) => {
  const problems: string[] = [];
  let routers = 0;
  for (const path of paths) {
    const f = basename(path);
    const { dynamic } = renderedTraefik(resolve(loadInputs([path]).documents));
    problems.push(...schemaProblems(dynamic).map((p) => `${f}: ${p}`));
    const seen = new Set<string>();
    for (const [name, r] of Object.entries<any>(dynamic.http.routers)) {
      try {
        parseRule(r.rule);
      } catch (err) {
        problems.push(`${f}: ${name}: ${(err as Error).message}`);
      }
      const key = `${r.entryPoints} ${r.priority}`;
      if (seen.has(key)) problems.push(`${f}: ${name} shares priority ${r.priority}`);
      seen.add(key);
      routers++;
    }
  }
  console.log(`  traefik corpus: ${routers} routers`);
  assert.equal(problems, []);
  return paths.length;
});

corpusTest(test, 'corpus: the probe requests of every file are answered by the Traefik configuration as by the model', (paths) => {
  const problems: string[] = [];
  let probes = 0;
  for (const path of paths) {
    const f = basename(path);
    const model = resolve(loadInputs([path]).documents);
    const { dynamic } = renderedTraefik(model);
    const matcher = new Matcher(model, { random: () => 0 });
    for (const probe of probeRequests(model)) {
      const req = { ...probe, clientIp: '127.0.0.1' }; // both check source ranges against the same client
      probes++;
      const d = matcher.match(req);
      const t = evaluate(dynamic, req, { random: () => 0 });
      // Traefik's permanent redirect is 301 to GET, 308 otherwise; temporary 302 / 307 (the support matrix)
      const get = (req.method ?? 'GET').toUpperCase() === 'GET';
      const want = 'location' in d ? `${[301, 308].includes(d.status) ? (get ? 301 : 308) : get ? 302 : 307} ${d.location}` : d.status === 200 ? `${d.backend.namespace}/${d.backend.service}:${d.backend.port}` : String(d.status);
      const got = 'location' in t && t.location ? `${t.status} ${t.location}` : t.status === 200 && 'service' in t ? backendOfService(t.service) : String(t.status);
      if (want !== got) problems.push(`${f}: ${req.scheme}://${req.host}${req.target}: model ${want}, traefik ${got}`);
    }
  }
  console.log(`  traefik corpus: ${probes} probe requests`);
  assert.equal(problems.slice(0, 20), []);
  return paths.length;
});

test.run();
