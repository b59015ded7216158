import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadInputs } from './src/load/index.ts';
import { resolve } from './src/model/resolve.ts';
import { readBack, renderGatewayApi, verifyGateway } from './src/emit/gateway-api/index.ts';
import { gatewayOutcome } from './src/emit/gateway-api/verify.ts';
import { probeRequests } from './src/diff/probes.ts';
import { GatewayMatcher } from './src/gateway/match.ts';
const dir = 'fixtures/ingress2gateway/nginx-org';
for (const f of readdirSync(join(dir, 'input')).sort()) {
  const load = loadInputs([join(dir, 'input', f)]);
  const model = resolve(load.documents);
  const out = renderGatewayApi(load.documents, model, { gatewayName: 'ingress' });
  const mine = readBack(load.documents, out.stream, out.gateway);
  const v = verifyGateway(model, mine.gateway!, out.losses);
  const theirs = loadInputs([join(dir, 'output', f)]);
  const tm = resolve([...load.documents.filter((d) => d.kind !== 'Ingress'), ...theirs.documents]);
  const errs = tm.findings.filter((x) => x.severity === 'error').map((x) => x.message);
  const g = tm.gateways?.[0];
  console.log(`== ${f}: ingressctl verify ${v.requests} req, ${v.changes.filter((c) => !c.explainedBy).length} unexplained, losses ${out.losses.length}; i2gw gateways ${tm.gateways?.length} errs ${errs.join(';').slice(0,200)}`);
  if (!g) continue;
  const a = new GatewayMatcher(mine.gateway!);
  const b = new GatewayMatcher(g);
  for (const req of probeRequests(model)) {
    const r = { ...req, port: req.scheme === 'https' ? 443 : 80 };
    const x = gatewayOutcome(a.match(r), req);
    const y = gatewayOutcome(b.match(r), req);
    if (x !== y) console.log(`  ${req.method ?? 'GET'} ${req.scheme}://${req.host}${req.target} ${JSON.stringify(req.headers ?? {})}: ingressctl ${x} | i2gw ${y}`);
  }
}
