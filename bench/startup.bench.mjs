// Cold start: `ingressctl routes fixtures/cafe` beside `node -e 0`, run in turn, medians.
// `--baseline DIR` also runs DIR/bin/ingressctl (another checkout, built) in the same rounds.
//
// Each command runs twice a round: without NODE_EXTRA_CA_CERTS, and with it when this
// environment sets it. With it, node parses that CA bundle at every start (hundreds of
// millions of instructions), which `node -e 0` pays as much as ingressctl: the ratio then says
// more about the CA bundle than about ingressctl. The goal is judged without it; the ratio
// with it is printed beside.
//
// Two reference rows say where cafe's start-up goes: `node -e "require('node:crypto')"` (what
// loading node:crypto costs Node itself; routes needs it to check cafe's certificate and key for
// the TLS column), and routes on cafe with its Secret left out (no certificate to check, no
// long base64 values to parse).
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { coldStarts, fmt, ratio, root } from './util.mjs';

const GOAL = 1.5;

export function benchStartup({ quick = false, argv = process.argv } = {}) {
  const runs = quick ? 7 : 21;
  const at = argv.indexOf('--baseline');
  const baseline = at === -1 ? undefined : resolve(argv[at + 1]);
  if (baseline && !existsSync(join(baseline, 'dist', 'ingressctl.js'))) throw new Error(`startup bench: --baseline ${baseline} has no build (run node scripts/build.mjs there)`);
  const cli = join(root, 'bin/ingressctl');
  const cafe = join(root, 'fixtures/cafe');
  const noSecret = mkdtempSync(join(tmpdir(), 'ingressctl-bench-cafe-'));
  for (const f of ['cafe.yaml', 'cafe-ingress.yaml']) copyFileSync(join(cafe, f), join(noSecret, f));
  const named = [
    ['node -e 0', [process.execPath, '-e', '0']],
    ["node -e \"require('node:crypto')\"", [process.execPath, '-e', "require('node:crypto')"]],
    ['ingressctl routes fixtures/cafe', [process.execPath, cli, 'routes', cafe]],
    ['ingressctl routes fixtures/cafe without its Secret', [process.execPath, cli, 'routes', noSecret]],
    ['ingressctl lint fixtures/cafe', [process.execPath, cli, 'lint', cafe]],
  ];
  if (baseline) named.push(['baseline: ingressctl routes fixtures/cafe', [process.execPath, join(baseline, 'bin/ingressctl'), 'routes', cafe]], ['baseline: ingressctl lint fixtures/cafe', [process.execPath, join(baseline, 'bin/ingressctl'), 'lint', cafe]]);
  const ca = process.env.NODE_EXTRA_CA_CERTS;
  const { NODE_EXTRA_CA_CERTS: _, ...withoutCa } = process.env;
  const modes = [{ label: 'without NODE_EXTRA_CA_CERTS', env: withoutCa }, ...(ca ? [{ label: `with NODE_EXTRA_CA_CERTS=${ca}`, env: process.env }] : [])];
  let times;
  try {
    times = coldStarts(
      modes.flatMap(({ env }) => named.map(([, command]) => ({ argv: command, env }))),
      runs,
    );
  } finally {
    rmSync(noSecret, { recursive: true, force: true });
  }
  const ms = (mode, name) => times[mode * named.length + named.findIndex(([n]) => n === name)];
  const rows = modes.flatMap(({ label }, m) => named.map(([name]) => [`${name} (${label})`, fmt(ms(m, name)), '']));
  const ratioOf = (m, name) => ms(m, name) / ms(m, 'node -e 0');
  const withCa = (name) => (modes.length > 1 ? `${ratio(ms(1, name), ms(1, 'node -e 0'))} with the CA bundle` : 'NODE_EXTRA_CA_CERTS not set');
  const ratios = [
    ['cold routes fixtures/cafe ÷ node -e 0 (without the CA bundle)', ratio(ms(0, 'ingressctl routes fixtures/cafe'), ms(0, 'node -e 0')), `≤ ${GOAL}×`, ratioOf(0, 'ingressctl routes fixtures/cafe') <= GOAL ? 'met' : 'NOT MET', withCa('ingressctl routes fixtures/cafe')],
    ['cold lint fixtures/cafe ÷ node -e 0 (without the CA bundle)', ratio(ms(0, 'ingressctl lint fixtures/cafe'), ms(0, 'node -e 0')), '—', '', withCa('ingressctl lint fixtures/cafe')],
    ['for reference: cold routes of cafe without its Secret ÷ node -e 0', ratio(ms(0, 'ingressctl routes fixtures/cafe without its Secret'), ms(0, 'node -e 0')), '—', '', withCa('ingressctl routes fixtures/cafe without its Secret')],
    ["for reference: node:crypto alone, node -e \"require('node:crypto')\" ÷ node -e 0", ratio(ms(0, "node -e \"require('node:crypto')\""), ms(0, 'node -e 0')), '—', '', withCa("node -e \"require('node:crypto')\"")],
  ];
  if (baseline) {
    for (const name of ['baseline: ingressctl routes fixtures/cafe', 'baseline: ingressctl lint fixtures/cafe']) {
      ratios.push([`${name.replace('baseline: ', 'baseline: cold ')} ÷ node -e 0 (without the CA bundle)`, ratio(ms(0, name), ms(0, 'node -e 0')), '—', '', withCa(name)]);
    }
  }
  return {
    title: `Cold start (medians of ${runs}, run in turn${baseline ? `, baseline ${baseline} in the same rounds` : ''}; each command without${ca ? ' and with' : ''} NODE_EXTRA_CA_CERTS)`,
    rows,
    ratioColumns: ['ratio', 'measured', 'goal', 'verdict', 'with the CA bundle'],
    ratios,
  };
}
