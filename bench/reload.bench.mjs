// Reload without drops, per engine (builtin, nginx, HAProxy): 50 rewrites of a served folder
// under keep-alive load (bench/reload-drops.mjs). Failed requests, resets on reused
// keep-alive connections (each sent again once, as HTTP/1.1 allows for idempotent
// requests) and the time from the write to the new route answering; then again with a
// new connection per request (which a reload must never refuse).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { reloadUnderLoad } from './reload-drops.mjs';
import { fmt, median } from './util.mjs';

const installed = {
  builtin: true,
  nginx: ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx', '/usr/local/bin/nginx'].some((p) => existsSync(p)),
  haproxy: spawnSync('haproxy', ['-v'], { stdio: 'ignore' }).status === 0 || existsSync('/usr/sbin/haproxy'),
};
const GOAL_MS = { builtin: 250, nginx: 1000, haproxy: 1000 };

export async function benchReload({ quick = false } = {}) {
  const rewrites = quick ? 12 : 50;
  const rows = [];
  const ratios = [];
  for (const engine of ['builtin', 'nginx', 'haproxy']) {
    if (!installed[engine]) {
      rows.push([`serve --engine ${engine}`, 'n/a (not installed)', '', '', '']);
      continue;
    }
    for (const fresh of [false, true]) {
      const r = await reloadUnderLoad({ engine, rewrites, fresh });
      const p95 = [...r.liveMs].sort((a, b) => a - b)[Math.floor(r.liveMs.length * 0.95)];
      rows.push([
        `serve --engine ${engine}, ${fresh ? 'a new connection per request' : 'keep-alive'}: ${rewrites} rewrites (${r.liveMs.length} routes added, 1 broken edit ${r.brokenRefused ? 'refused' : 'NOT refused'})`,
        `${r.requests.toLocaleString('en-US')}`,
        `${r.failed}${r.failed ? ` (${r.failures.slice(0, 3).join('; ')})` : ''}`,
        fresh ? '—' : `${r.resetsOnReusedConnections}`,
        `${fmt(median(r.liveMs))} / ${fmt(p95)} / ${fmt(Math.max(...r.liveMs))}`,
      ]);
      ratios.push([`${engine}, ${fresh ? 'new connections' : 'keep-alive'}: failed requests`, String(r.failed), '0']);
      ratios.push([`${engine}, ${fresh ? 'new connections' : 'keep-alive'}: write → new route live, max`, fmt(Math.max(...r.liveMs)), `≤ ${fmt(GOAL_MS[engine])}`]);
    }
  }
  return { title: 'Reload under load', columns: ['engine and run', 'requests', 'failed', 'resets on reused keep-alive connections (sent again)', 'write → new route live: median / p95 / max'], rows, ratios };
}
