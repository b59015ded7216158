// Runs a real proxy (nginx or HAProxy) on a rendered bundle, as an Ingress controller
// does: render into a private working folder, check (`nginx -t` / `haproxy -c`), start the
// engine as a foreground child, and on every new model render, check and reload it (HAProxy's
// master checks a reload itself: see reloadHaproxy). A model that fails the render or the
// check leaves the running configuration alone.
//
// Layout of the working folder: `live/` is what the engine runs (its prefix / cwd, never
// renamed: HAProxy's master keeps it as its cwd across reloads); `next/` is where a new
// bundle is rendered and checked. A checked bundle is moved into `live/` file by file
// (each a rename), then the engine is told to reload.
import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, constants, existsSync, mkdirSync, mkdtempSync, openSync, renameSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { writeBundle } from '../emit/bundle.js';
import { emitters } from '../emit/index.js';
import type { EmitResult } from '../emit/types.js';
import type { Finding } from '../findings/finding.js';
import type { RouteModel } from '../model/types.js';
import { ACCESS_MARK, engineAccessLine } from './access-log.js';
import { logOffset, nginxReloadVerdict } from './nginx-verdict.js';
import { freePort, waitForPort } from './ports.js';

export type EngineTarget = 'nginx' | 'haproxy';

/** The Debian package that installs each engine (named when the binary is missing). */
export const ENGINE_PACKAGES: Record<EngineTarget, string> = { nginx: 'nginx', haproxy: 'haproxy' };

const SEARCH = ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin'];

/** The engine's binary, or undefined when it is not installed. */
export function engineBinary(target: EngineTarget): string | undefined {
  const fromEnv = process.env[target === 'nginx' ? 'INGRESSCTL_NGINX' : 'INGRESSCTL_HAPROXY'];
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return SEARCH.map((d) => join(d, target)).find((p) => existsSync(p));
}

export class EngineMissing extends Error {
  constructor(readonly target: EngineTarget) {
    super(`${target} is not installed (looked in ${SEARCH.join(', ')}); install it with: apt-get install ${ENGINE_PACKAGES[target]}`);
  }
}

/** The bundle was not accepted: the render threw, or the engine's check refused it. */
export class EngineRejected extends Error {}

/** The engine could not bind a listening port: another process holds it. */
export class PortTaken extends Error {}

/** How long an engine's master may take to say whether a reload loaded. */
const RELOAD_VERDICT_MS = 30_000;
/** How often the reload signal is sent again until HAProxy's master acknowledges it. */
const RESIGNAL_MS = 200;

/** How many times an engine is started on newly picked ports after losing one to another process. */
const BIND_ATTEMPTS = 5;

// nginx: "bind() to 127.0.0.1:8080 failed (98: Address already in use)";
// HAProxy: "Starting frontend http: cannot bind socket (Address already in use) [127.0.0.1:8080]"
const BIND_FAILED = /Address already in use|cannot bind socket|bind\(\) to \S+ failed/;

export interface RunnerOptions {
  /**
   * 0 picks a free port. A picked port can be taken by another process between the pick and
   * the engine's bind: then the engine is started again on newly picked ports (bounded).
   */
  httpPort: number;
  httpsPort: number;
  /** how a free port is picked (tests give one that returns a port they hold) */
  pickPort?: () => Promise<number>;
  listenAddress?: string;
  /** add x-ingressctl-route to every answer of a route */
  routeHeader?: boolean;
  /** one line of the engine's own output (already prefixed with its name) */
  log?: (line: string) => void;
  /** the engine's access log, one line per request in serve's format; none when absent */
  accessLog?: (line: string) => void;
  /** names an upstream address in the access log (serve's echo servers are "echo") */
  upstreamName?: (address: string) => string;
}

/** What one render and check produced. */
export interface Generation {
  findings: Finding[];
}

// the check resolves names with the system resolver (HAProxy's init-addr): a lost packet
// would cost glibc's 5 s timeout; ingressctl's bundles for local runs use addresses anyway
const CHECK_ENV = { ...process.env, RES_OPTIONS: 'timeout:1 attempts:1' };

export class EngineRunner {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private queue: Promise<unknown> = Promise.resolve();
  private stopped = false;
  /** how many reloads were sent (the next generation's number) */
  generation = 0;
  /** the ports the engine listens on (picked ones, when the options said 0) */
  private ports = { http: 0, https: 0 };

  private constructor(
    readonly target: EngineTarget,
    private readonly binary: string,
    /** the private working folder */
    readonly dir: string,
    private readonly options: RunnerOptions,
  ) {}

  get live(): string {
    return join(this.dir, 'live');
  }

  get httpPort(): number {
    return this.ports.http;
  }

  get httpsPort(): number {
    return this.ports.https;
  }

  /** Renders and checks `model`, starts the engine and waits until both ports accept connections. */
  static async start(target: EngineTarget, model: RouteModel, options: RunnerOptions): Promise<{ runner: EngineRunner } & Generation> {
    const binary = engineBinary(target);
    if (!binary) throw new EngineMissing(target);
    const dir = mkdtempSync(join(tmpdir(), `ingressctl-${target}-`));
    chmodSync(dir, 0o755); // nginx workers run unprivileged when nginx starts as root
    const runner = new EngineRunner(target, binary, dir, options);
    const pick = options.pickPort ?? freePort;
    // only ports this process picked can be picked again; a port the user named stays
    const attempts = options.httpPort === 0 || options.httpsPort === 0 ? BIND_ATTEMPTS : 1;
    try {
      if (options.accessLog) runner.readAccessLog();
      for (let attempt = 1; ; attempt++) {
        runner.ports = { http: options.httpPort || (await pick()), https: options.httpsPort || (await pick()) };
        const gen = await runner.prepare(model);
        runner.promote();
        try {
          await runner.spawn();
          return { runner, ...gen };
        } catch (err) {
          const named = [options.httpPort, options.httpsPort].filter((p) => p !== 0);
          const namedTaken = err instanceof PortTaken && named.some((p) => new RegExp(`:${p}\\b`).test(err.message));
          if (!(err instanceof PortTaken) || namedTaken || attempt >= attempts) throw err;
          await runner.stopChild(0);
          options.log?.(`${err.message.split('\n')[0]}; starting again on other free ports`);
        }
      }
    } catch (err) {
      await runner.stop(0);
      throw err;
    }
  }

  /**
   * Renders and checks `model`; when both pass, installs it and reloads the engine.
   * Throws EngineRejected (the running configuration is kept). Reloads run one at a time.
   * nginx: `nginx -t`, then SIGHUP, and the master's word in its error log (reloadNginx).
   * HAProxy: its master checks the configuration itself when it reloads (reloadHaproxy).
   * Either way the call returns once new workers run the new configuration.
   */
  reload(model: RouteModel): Promise<Generation> {
    const next = this.queue.then(async () => {
      if (this.stopped) throw new EngineRejected('the engine is stopping');
      if (this.target === 'haproxy') return this.reloadHaproxy(model);
      return this.reloadNginx(model);
    });
    this.queue = next.catch(() => {});
    return next;
  }

  /**
   * nginx: the bundle checked (`nginx -t`) and installed, SIGHUP, then the master's verdict
   * from its error log. Returns once new workers run the new configuration; when nginx keeps
   * the old one after all, the last good bundle goes back into live/ and EngineRejected says why.
   */
  private async reloadNginx(model: RouteModel): Promise<Generation> {
    const previous = this.lastGood;
    const gen = await this.prepare(model);
    this.promote();
    const log = join(this.live, 'error.log');
    const from = logOffset(log);
    this.generation++;
    this.signalReload();
    const { ok, lines } = await nginxReloadVerdict(log, from, RELOAD_VERDICT_MS, this.exited);
    if (ok) return gen;
    if (ok === undefined) {
      this.options.log?.(`nginx: no word from the master on the reload within ${RELOAD_VERDICT_MS / 1000} s (see error.log)`);
      return gen;
    }
    this.restore(previous);
    const why = lines.filter((l) => /\[(emerg|alert|crit)\]/.test(l)).join('\n') || 'nginx stopped';
    throw new EngineRejected(`nginx refused the configuration (the running one is kept):\n${why.replaceAll(this.live + '/', '')}`);
  }

  /** Puts a bundle the engine accepted before back into live/ (and as the last good one). */
  private restore(files: EmitResult['files']): void {
    const next = join(this.dir, 'next');
    rmSync(next, { recursive: true, force: true });
    writeBundle(next, files);
    this.bundleFiles = files.map((f) => f.path);
    this.promote();
    this.lastGood = files;
  }

  /**
   * HAProxy's master reads the whole configuration again on SIGUSR2 and keeps the old worker
   * when it fails ("Loading failure!"; "Loading success." once the new worker runs). A
   * separate `haproxy -c` before it parsed everything (certificates included) a second time:
   * under load that check was most of the time from an edit to the new route answering. So
   * the bundle is installed and the master's own verdict awaited; on a failure the last good
   * bundle goes back into live/, so the next reload (or a restart) starts from it.
   */
  private async reloadHaproxy(model: RouteModel): Promise<Generation> {
    const result = this.stage(model);
    const previous = this.lastGood;
    this.promote();
    const verdict = this.masterVerdict(RELOAD_VERDICT_MS);
    this.generation++;
    this.signalReload();
    // the master executes itself again after a reload and when an old worker exits; a signal
    // that arrives meanwhile is lost, so it is sent again until the master says "Reloading"
    const again = setInterval(() => verdict.acknowledged() || this.signalReload(), RESIGNAL_MS);
    const { ok, lines } = await verdict.result.finally(() => clearInterval(again));
    if (ok) {
      this.lastGood = result.files;
      return { findings: result.findings };
    }
    this.restore(previous);
    const why = lines.filter((l) => /ALERT|error/i.test(l)).join('\n') || lines.join('\n') || `no answer from the master within ${RELOAD_VERDICT_MS / 1000} s`;
    throw new EngineRejected(`haproxy refused the configuration (the running one is kept):\n${why.replaceAll(this.live + '/', '')}`);
  }

  /** The lines HAProxy's master prints after a reload signal, up to its verdict on the reload it acknowledged. */
  private masterVerdict(timeoutMs: number): { result: Promise<{ ok: boolean; lines: string[] }>; acknowledged(): boolean } {
    let acked = false;
    const result = new Promise<{ ok: boolean; lines: string[] }>((resolve) => {
      const lines: string[] = [];
      let timer: NodeJS.Timeout | undefined = undefined;
      const done = (ok: boolean) => {
        if (this.onEngineLine !== watch) return;
        clearTimeout(timer);
        this.onEngineLine = undefined;
        resolve({ ok, lines });
      };
      const watch = (line: string) => {
        lines.push(line);
        if (/Reloading HAProxy/.test(line)) acked = true;
        else if (acked && /Loading success/.test(line)) done(true);
        else if (acked && /Loading failure/.test(line)) done(false);
      };
      this.onEngineLine = watch;
      timer = setTimeout(() => done(false), timeoutMs);
      void this.exited.then(() => done(false));
    });
    return { result, acknowledged: () => acked };
  }

  /** told of every line of the engine's own output (not access-log lines) */
  private onEngineLine: ((line: string) => void) | undefined;
  /** the files of the bundle the engine last accepted */
  private lastGood: EmitResult['files'] = [];

  /** Graceful stop (nginx SIGQUIT, HAProxy SIGUSR1), cut after `graceMs`; the working folder is removed. */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopped = true;
    await this.queue;
    await this.stopChild(graceMs);
    this.accessFifo?.destroy();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Stops the engine process (gracefully, cut after `graceMs`). */
  private async stopChild(graceMs: number): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill(this.target === 'nginx' ? 'SIGQUIT' : 'SIGUSR1');
      let timer: NodeJS.Timeout | undefined;
      const cut = new Promise<void>((r) => (timer = setTimeout(r, graceMs)));
      await Promise.race([this.exited, cut]);
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const kill = setTimeout(() => child.kill('SIGKILL'), 2000);
        await this.exited;
        clearTimeout(kill);
      }
    }
  }

  /** Whether the engine is still running. */
  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves when the engine exits (also when it was never started). */
  whenExited(): Promise<void> {
    return this.exited;
  }

  private render(model: RouteModel): EmitResult {
    const emitter = emitters[this.target]!;
    try {
      return emitter(model, {
        httpPort: this.ports.http,
        httpsPort: this.ports.https,
        listenAddress: this.options.listenAddress ?? '127.0.0.1',
        resolver: '127.0.0.1',
        routeHeader: this.options.routeHeader ?? false,
        reloads: true,
        ...(this.options.accessLog ? { serveAccessLog: { path: join(this.dir, 'access.fifo') } } : {}),
      });
    } catch (err) {
      throw new EngineRejected(`rendering for ${this.target} failed: ${(err as Error).message}`);
    }
  }

  /** Renders into next/. */
  private stage(model: RouteModel): EmitResult {
    const result = this.render(model);
    const next = join(this.dir, 'next');
    rmSync(next, { recursive: true, force: true });
    writeBundle(next, result.files);
    this.bundleFiles = result.files.map((f) => f.path);
    return result;
  }

  /** Renders into next/ and checks it there (the check runs beside serve's event loop, not in it). */
  private async prepare(model: RouteModel): Promise<Generation> {
    const result = this.stage(model);
    const next = join(this.dir, 'next');
    const check = this.target === 'nginx'
      ? await run(this.binary, ['-t', '-q', '-p', next + '/', '-c', 'nginx.conf', '-g', 'daemon off;'], { timeout: 20_000 })
      : await run(this.binary, ['-c', '-f', 'haproxy.cfg'], { cwd: next, timeout: 20_000, env: CHECK_ENV });
    if (check.status !== 0) {
      const output = check.output.trim();
      throw new EngineRejected(`${this.target} refused the configuration:\n${output.replaceAll(next + '/', '').replaceAll(next, '.')}`);
    }
    this.lastGood = result.files;
    return { findings: result.findings };
  }

  private bundleFiles: string[] = [];
  private liveFiles = new Set<string>();

  /** Moves the checked bundle from next/ into live/: each file a rename; files the new bundle lacks are removed. */
  private promote(): void {
    const next = join(this.dir, 'next');
    const live = this.live;
    mkdirSync(live, { recursive: true, mode: 0o755 });
    chmodSync(live, 0o755);
    for (const path of this.bundleFiles) {
      const to = join(live, path);
      mkdirSync(dirname(to), { recursive: true, mode: 0o755 });
      renameSync(join(next, path), to);
    }
    const now = new Set(this.bundleFiles);
    for (const old of this.liveFiles) if (!now.has(old)) rmSync(join(live, old), { force: true });
    this.liveFiles = now;
    rmSync(next, { recursive: true, force: true });
  }

  private accessFifo: Socket | undefined;

  /**
   * nginx writes its access log to a FIFO in the working folder, read here (it cannot open
   * its stderr by name: Node gives a child sockets, not pipes). Opened read-write, so that
   * nginx's open for writing never waits and the reader never sees an end.
   */
  private readAccessLog(): void {
    if (this.target !== 'nginx') return;
    const fifo = join(this.dir, 'access.fifo');
    const made = spawnSync('mkfifo', ['-m', '0622', fifo], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`cannot make the access-log FIFO ${fifo}: ${made.stderr || made.error?.message}`);
    const socket = new Socket({ fd: openSync(fifo, constants.O_RDWR | constants.O_NONBLOCK), readable: true, writable: false });
    socket.on('error', () => {});
    // nginx writes whole lines (up to 4 KB at once): split here, not by readline, whose
    // per-line machinery was a good part of serve's own CPU per request
    socket.setEncoding('utf8');
    let rest = '';
    socket.on('data', (text: string) => {
      let start = 0;
      for (let end = text.indexOf('\n'); end !== -1; start = end + 1, end = text.indexOf('\n', start)) {
        let line = text.slice(start, end);
        if (rest) {
          line = rest + line;
          rest = '';
        }
        this.accessLine(line.endsWith('\r') ? line.slice(0, -1) : line);
      }
      rest += text.slice(start);
    });
    this.accessFifo = socket;
  }

  private accessLine(line: string): boolean {
    if (!line.startsWith(ACCESS_MARK)) return false;
    const access = engineAccessLine(line, this.options.upstreamName);
    if (access) this.options.accessLog?.(access);
    return true;
  }

  private async spawn(): Promise<void> {
    const args = this.target === 'nginx'
      ? ['-p', this.live + '/', '-c', 'nginx.conf', '-g', 'daemon off; error_log stderr warn;']
      // master-worker: the master stays, reloads on SIGUSR2 and hands the listening sockets to the new worker
      : ['-W', '-db', '-f', 'haproxy.cfg'];
    const pidFile = join(this.live, 'nginx.pid');
    rmSync(pidFile, { force: true });
    const child = spawn(this.binary, args, { cwd: this.live, stdio: ['ignore', 'pipe', 'pipe'], env: CHECK_ENV });
    this.child = child;
    this.exited = new Promise((r) => child.once('exit', () => r()));
    let early = '';
    let loaded = false; // HAProxy's master names its new worker (and says "Loading success.") once it bound the ports
    let bindFailed: (line: string) => void = () => {};
    const taken = new Promise<never>((_, reject) => (bindFailed = (line) => reject(new PortTaken(line))));
    taken.catch(() => {});
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        if (this.accessLine(line)) return;
        this.onEngineLine?.(line);
        if (!this.running || early.length < 8192) early += line + '\n';
        if (BIND_FAILED.test(line)) bindFailed(line);
        if (/New worker .*forked|Loading success/.test(line)) loaded = true;
        this.options.log?.(`${this.target}: ${line}`);
      });
    }
    // the ports accepting is not enough: another process may hold one of them; the engine's
    // own sign that it bound them (nginx writes its pid file after binding) must come too
    const ours = () => (this.target === 'nginx' ? existsSync(pidFile) : loaded);
    let settled = false; // the waits below end with the race (their timers would keep the process up)
    const ready = async () => {
      await Promise.all([waitForPort(this.ports.http, 10_000, () => settled), waitForPort(this.ports.https, 10_000, () => settled)]);
      const deadline = Date.now() + 10_000;
      while (!ours() && !settled) {
        if (Date.now() > deadline) throw new Error(`${this.target} did not say it was ready within 10 s`);
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    try {
      await Promise.race([
        ready(),
        taken,
        this.exited.then(async () => {
          await new Promise((r) => setImmediate(r)); // the last lines of its output first
          throw new Error(`exited with ${child.exitCode ?? child.signalCode}`);
        }),
      ]);
    } catch (err) {
      settled = true;
      const bindLine = early.split('\n').find((l) => BIND_FAILED.test(l));
      if (bindLine !== undefined) throw new PortTaken(`${this.target} could not bind a port: ${bindLine.trim()}\n${early}`.trim());
      throw new Error(`${this.target} did not start: ${(err as Error).message}\n${early}`.trim());
    }
  }

  private signalReload(): void {
    // nginx: SIGHUP to the master (= nginx -s reload); HAProxy master-worker: SIGUSR2
    if (this.running) this.child!.kill(this.target === 'nginx' ? 'SIGHUP' : 'SIGUSR2');
  }
}

/** A command's exit status and its output (stdout and stderr), or the error that kept it from running. */
function run(cmd: string, args: string[], options: { cwd?: string; timeout: number; env?: NodeJS.ProcessEnv }): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { ...options, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as NodeJS.ErrnoException).code === 'number' ? Number((err as NodeJS.ErrnoException).code) : null) : 0;
      resolve({ status: code, output: `${stdout}${stderr}${err && code === null ? err.message : ''}` });
    });
  });
}
