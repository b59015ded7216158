// Route matching cost in a fresh process: node bench/match.mjs <file> <matches> [<ms>]
// Builds the model of <file>, then times Matcher.match (what serve runs per request) over
// requests drawn from the model itself: a route's own path (Prefix routes one segment
// below it), every tenth request a path no route has. Stops after <matches> or <ms>
// (default 2000), whichever comes first. Prints JSON on its last line.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { loadInputs, resolve, Matcher } = require('../dist/index.js');

const [file, count, limitMs = '2000'] = process.argv.slice(2);
const model = resolve(loadInputs([file]).documents);
const matcher = new Matcher(model, { httpsPort: 443 });
const routes = model.hosts.flatMap((v) => v.routes.map((r) => ({ v, r })));

// a fixed pseudo-random sequence, so every run asks the same requests
let seed = 42;
const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const requests = Array.from({ length: 4096 }, (_, i) => {
  const { v, r } = routes[Math.floor(next() * routes.length)];
  const host = v.kind === 'wildcard' ? 'x' + v.host.slice(1) : v.host || 'any.example.com';
  const path = i % 10 === 9 ? '/no/such/path' : r.match.kind === 'Prefix' ? `${r.match.value.replace(/\/$/, '')}/leaf` : r.match.value;
  return { scheme: 'https', host, target: path, method: 'GET' };
});

const max = Number(count);
let ok = 0;
for (let i = 0; i < Math.min(max, 20000); i++) matcher.match(requests[i % 4096]); // warm up
const t0 = performance.now();
const deadline = t0 + Number(limitMs);
let n = 0;
while (n < max && (n % 1024 !== 0 || performance.now() < deadline)) if (matcher.match(requests[n++ & 4095]).status === 200) ok++;
const ms = performance.now() - t0;
console.log(JSON.stringify({ routes: routes.length, hosts: model.hosts.length, matches: n, nsPerMatch: (ms * 1e6) / n, answered: ok / n }));
