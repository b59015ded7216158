// Scale, measured as users run it: each command as its own process (wall time, and peak
// RSS from /usr/bin/time), beside a bare js-yaml `loadAll` of the same file (also its own
// process: read the file, parse every document) in the same run, interleaved so drift on a
// shared machine falls on each alike. CPU time (user + system, all threads) is printed
// beside wall time: on a machine shared with other work it drifts less. Two inputs (bench/generate.mjs):
// - git-like: N Ingresses × 10 paths with TLS entries, no Secrets or Services;
// - complete: the same with a Service each and one TLS Secret per namespace.
// N = 1,000 and 10,000, for growth. And Gateway API input beside Ingresses: `routes -o json` on
// 1,000 HTTPRoutes × 10 rules (bench/generate.mjs --gateway: the same hosts, namespaces, paths
// and TLS as the Ingresses) ÷ the same command on the git-like 1,000 Ingresses × 10 paths,
// interleaved in the same rounds (`--shapes gateway`: this comparison alone; `--no-gateway`:
// without it). `--baseline DIR` also runs DIR/bin/ingressctl (another checkout, built) in the
// same rounds, for before/after comparisons. `--runs N`: N rounds instead of 3 (a busy machine).
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { benchDir, benchGatewayInput, benchInput, fmt, mb, root, timeInterleaved } from './util.mjs';

const TIMEOUT_MS = 300_000;
const PEAK_GOAL_MB = 600;
const GROWTH_GOAL = 11;
/** routes -o json on N HTTPRoutes × 10 rules ÷ the same on N Ingresses × 10 paths (issue 13) */
const GATEWAY_GOAL = 1.2;

/** The commands, each with its goal as a multiple of the bare parse; `--commands routes,nginx` keeps some (keys: routes, lint, nginx, haproxy, envoy). */
function commands(cli, file, out, argv = process.argv) {
  const at = argv.indexOf('--commands');
  const keep = at === -1 ? undefined : argv[at + 1].split(',');
  return allCommands(cli, file, out).filter((c) => !keep || keep.includes(c.key));
}

function allCommands(cli, file, out) {
  const node = process.execPath;
  const fresh = { before: () => rmSync(out, { recursive: true, force: true }), after: () => rmSync(out, { recursive: true, force: true }) };
  return [
    { key: 'routes', name: 'routes FILE -o json', argv: [node, cli, 'routes', file, '-o', 'json'], goal: 2 },
    { key: 'lint', name: 'lint FILE --format json', argv: [node, cli, 'lint', file, '--format', 'json'], goal: 2 },
    { key: 'nginx', name: 'render FILE --target nginx -o DIR', argv: [node, cli, 'render', file, '--target', 'nginx', '-o', out], goal: 2, ...fresh },
    { key: 'haproxy', name: 'render FILE --target haproxy -o DIR', argv: [node, cli, 'render', file, '--target', 'haproxy', '-o', out], goal: 2, ...fresh },
    { key: 'envoy', name: 'render FILE --target envoy -o DIR', argv: [node, cli, 'render', file, '--target', 'envoy', '-o', out], goal: 3, ...fresh },
  ];
}

export function benchScale({ quick = false, argv = process.argv } = {}) {
  const at = argv.indexOf('--baseline');
  const baseline = at === -1 ? undefined : resolve(argv[at + 1]);
  const cli = join(root, 'bin/ingressctl');
  const runsAt = argv.indexOf('--runs');
  const runs = runsAt !== -1 ? Math.max(1, Number(argv[runsAt + 1]) || 3) : quick ? 1 : 3;
  const rows = [];
  const ratios = [];
  const verdict = (ok) => (ok ? 'met' : 'NOT MET');
  // --quick: the git-like input only, unless --shapes names others (git-like,complete)
  const shapesAt = argv.indexOf('--shapes');
  const shapes = shapesAt !== -1 ? argv[shapesAt + 1].split(',') : quick ? ['git-like'] : ['git-like', 'complete'];
  for (const gitLike of [true, false]) {
    if (!shapes.includes(gitLike ? 'git-like' : 'complete')) continue;
    const shape = gitLike ? 'git-like' : 'complete';
    const byN = {};
    // `--sizes 10000`: one input size only (no growth figure)
    const sizesAt = argv.indexOf('--sizes');
    const sizes = sizesAt !== -1 ? argv[sizesAt + 1].split(',').map(Number) : [1000, 10000];
    for (const n of sizes) {
      const { file, mb: size } = benchInput(n, { gitLike });
      // this process's own output folder: benches of two checkouts may run at once
      const out = join(benchDir, `render-out-${process.pid}`);
      const cmds = commands(cli, file, out, argv);
      const all = [{ name: 'bare js-yaml loadAll (node bench/stage.mjs js-yaml FILE)', argv: [process.execPath, join(root, 'bench/stage.mjs'), 'js-yaml', file] }, ...cmds];
      if (baseline) all.push(...commands(join(baseline, 'bin/ingressctl'), file, out, argv).map((c) => ({ ...c, name: `baseline: ${c.name}`, baseline: true })));
      const measured = timeInterleaved(all, runs, TIMEOUT_MS);
      const bare = measured[0];
      if (bare.error) throw new Error(`scale bench: bare parse ${bare.error}`);
      byN[n] = measured;
      const input = `${n.toLocaleString('en-US')} Ingresses, ${shape} (${size.toFixed(1)} MB)`;
      all.forEach((c, i) => {
        const r = measured[i];
        const rel = r.error ? '' : `${(r.ms / bare.ms).toFixed(2)}×`;
        const cpuRel = r.error ? '' : `${(r.cpuMs / bare.cpuMs).toFixed(2)}×`;
        rows.push([input, c.name, r.error ? `failed: ${r.error}` : fmt(r.ms), rel, r.error ? '' : fmt(r.cpuMs), cpuRel, r.error ? '' : mb(r.peakMb)]);
      });
      cmds.forEach((c, i) => {
        const r = measured[i + 1];
        if (r.error) return ratios.push([`${c.name} ÷ bare parse, ${input}`, 'failed', `≤ ${c.goal}×`, 'NOT MET']);
        const x = r.ms / bare.ms;
        ratios.push([`${c.name} ÷ bare parse, ${input}`, `${x.toFixed(2)}× wall (${(r.cpuMs / bare.cpuMs).toFixed(2)}× CPU)`, `≤ ${c.goal}×`, gitLike ? verdict(x <= c.goal) : '(must not regress)']);
        ratios.push([`${c.name}: peak RSS, ${input}`, mb(r.peakMb), `≤ ${PEAK_GOAL_MB} MB`, verdict(r.peakMb <= PEAK_GOAL_MB)]);
        if (baseline) {
          const b = measured[1 + cmds.length + i];
          if (!b.error) ratios.push([`${c.name}: this build ÷ baseline, ${input}`, `${(r.ms / b.ms).toFixed(2)}× wall, ${(r.cpuMs / b.cpuMs).toFixed(2)}× CPU, ${(r.peakMb / b.peakMb).toFixed(2)}× peak RSS`, '—', '']);
        }
      });
    }
    if (byN[1000] && byN[10000]) {
      const names = ['bare js-yaml loadAll', ...commands(cli, '', '', argv).map((c) => c.name)];
      names.forEach((name, i) => {
        const a = byN[1000][i];
        const b = byN[10000][i];
        if (a.error || b.error) return;
        const g = b.ms / a.ms;
        ratios.push([`growth 1k → 10k, ${name}, ${shape}`, `${g.toFixed(1)}× wall (${(b.cpuMs / a.cpuMs).toFixed(1)}× CPU)`, `≤ ${GROWTH_GOAL}×`, i === 0 ? '(reference)' : verdict(g <= GROWTH_GOAL)]);
      });
    }
  }
  if (!argv.includes('--no-gateway')) {
    const gw = benchGatewayInput(1000);
    const ing = benchInput(1000, { gitLike: true });
    // the pair for this build, and with --baseline for the other build too, all in the same rounds
    const builds = [{ label: '', cli }, ...(baseline ? [{ label: 'baseline: ', cli: join(baseline, 'bin/ingressctl') }] : [])];
    const pairs = builds.map((b) => [
      { name: `${b.label}routes FILE -o json, 1,000 Ingresses × 10 paths (git-like)`, argv: [process.execPath, b.cli, 'routes', ing.file, '-o', 'json'], input: `1,000 Ingresses × 10 paths, git-like (${ing.mb.toFixed(1)} MB)` },
      { name: `${b.label}routes FILE -o json, 1,000 HTTPRoutes × 10 rules`, argv: [process.execPath, b.cli, 'routes', gw.file, '-o', 'json'], input: `1,000 HTTPRoutes × 10 rules, HTTPS (${gw.mb.toFixed(1)} MB)` },
    ]);
    const measured = timeInterleaved(pairs.flat(), runs, TIMEOUT_MS);
    pairs.forEach((pair, k) => {
      const [a, b] = [measured[2 * k], measured[2 * k + 1]];
      pair.forEach((c, i) => {
        const r = [a, b][i];
        rows.push([c.input, c.name, r.error ? `failed: ${r.error}` : fmt(r.ms), '', r.error ? '' : fmt(r.cpuMs), '', r.error ? '' : mb(r.peakMb)]);
      });
      const name = `${builds[k].label}routes -o json: HTTPRoutes ÷ Ingresses (1,000 × 10)`;
      if (a.error || b.error) ratios.push([name, 'failed', `≤ ${GATEWAY_GOAL}×`, 'NOT MET']);
      else ratios.push([name, `${(b.ms / a.ms).toFixed(2)}× wall (${(b.cpuMs / a.cpuMs).toFixed(2)}× CPU)`, `≤ ${GATEWAY_GOAL}×`, k ? '' : verdict(b.ms / a.ms <= GATEWAY_GOAL)]);
    });
  }
  return {
    title: `Scale: commands as processes on N Ingresses × 10 paths (${runs === 1 ? 'one run' : `medians of ${runs}`} each, interleaved)`,
    columns: ['input', 'command', 'wall time', 'wall ÷ bare parse', 'CPU time (user+sys)', 'CPU ÷ bare parse', 'peak RSS'],
    rows,
    ratioColumns: ['ratio', 'measured', 'goal', 'verdict'],
    ratios,
  };
}
