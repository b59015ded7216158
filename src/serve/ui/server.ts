// serve --ui: the page and the little API behind it, on a listener of its own (never the
// proxy's). GET only; a Host header with a domain name is refused, so a web page elsewhere
// cannot reach this one through DNS rebinding.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import { requestText } from '../../diff/behaviour.js';
import { buildGraph } from '../../graph/build.js';
import { renderSvg } from '../../graph/svg.js';
import type { Document } from '../../load/document.js';
import { decisionJson, explainUrl, RequestUrlError } from '../../model/explain.js';
import type { Finding } from '../../findings/finding.js';
import { modelJson } from '../../model/serialize.js';
import type { RouteModel } from '../../model/types.js';
import type { LiveEvent, LiveLog } from './live.js';
import { pageHtml } from './page.js';

/** What the page shows of the configuration serve runs now. */
export interface UiSource {
  model(): RouteModel;
  /** the findings of the model now served, and the documents they point into */
  findings(): { findings: readonly Finding[]; documents: readonly Document[] };
  /** the HTTPS port redirect locations name */
  httpsPort: number;
  /** "http://127.0.0.1:8080 and https://…", shown at the top */
  where: string;
}

const HEARTBEAT_MS = 15_000;

export class UiServer {
  private readonly server: Server;
  private readonly streams = new Set<ServerResponse>();
  private svg?: { model: RouteModel; text: string };
  private heartbeat?: NodeJS.Timeout;

  private constructor(
    private readonly source: UiSource,
    private readonly live: LiveLog,
    private readonly address: string,
  ) {
    this.server = createServer((req, res) => this.handle(req, res));
  }

  static async start(source: UiSource, live: LiveLog, address: string, port: number): Promise<UiServer> {
    const ui = new UiServer(source, live, address);
    await new Promise<void>((resolve, reject) => {
      ui.server.once('error', reject);
      ui.server.listen(port, address, () => {
        ui.server.off('error', reject);
        resolve();
      });
    });
    ui.heartbeat = setInterval(() => {
      for (const s of ui.streams) s.write(': keep-alive\n\n');
    }, HEARTBEAT_MS);
    ui.heartbeat.unref();
    return ui;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const s of this.streams) s.end();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  /**
   * Host must be an address (or localhost): DNS rebinding needs a name of the attacker's
   * that resolves here, and such a name is refused.
   */
  private hostAllowed(req: IncomingMessage): boolean {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
    return host === 'localhost' || isIP(host) !== 0 || host === this.address.toLowerCase();
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('cache-control', 'no-store');
    if (!this.hostAllowed(req)) return send(res, 421, 'text/plain', 'this page answers only to its own address\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'GET only\n', { allow: 'GET, HEAD' });
    const url = new URL(req.url ?? '/', 'http://ui.invalid');
    try {
      switch (url.pathname) {
        case '/':
          res.setHeader('content-security-policy', "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:");
          return send(res, 200, 'text/html; charset=utf-8', pageHtml(this.source.where));
        case '/api/routes':
          return send(res, 200, 'application/json', JSON.stringify(modelJson(this.source.model()), null, 2) + '\n');
        case '/api/graph.svg':
          return send(res, 200, 'image/svg+xml', this.graph());
        case '/api/explain':
          return this.explain(url, res);
        case '/api/events':
          return this.events(res);
        default:
          return send(res, 404, 'text/plain', 'not found\n');
      }
    } catch (err) {
      return send(res, 500, 'text/plain', `internal error: ${(err as Error).message}\n`);
    }
  }

  /** The graph of the model served now, made once per configuration. */
  private graph(): string {
    const model = this.source.model();
    if (this.svg?.model !== model) {
      const { findings, documents } = this.source.findings();
      this.svg = { model, text: renderSvg(buildGraph(model, { findings, documents })) };
    }
    return this.svg.text;
  }

  private explain(url: URL, res: ServerResponse): void {
    const target = url.searchParams.get('url') ?? '';
    if (!target) return send(res, 400, 'application/json', JSON.stringify({ error: 'give a URL, e.g. https://cafe.example.com/tea' }) + '\n');
    try {
      const { request, decision } = explainUrl(this.source.model(), { url: target, method: url.searchParams.get('method') ?? 'GET', httpsPort: this.source.httpsPort });
      send(res, 200, 'application/json', JSON.stringify({ request: requestText(request), ...decisionJson(decision) }) + '\n');
    } catch (err) {
      if (!(err instanceof RequestUrlError)) throw err;
      send(res, 400, 'application/json', JSON.stringify({ error: err.message }) + '\n');
    }
  }

  /** Server-Sent Events: what is kept so far, then every new request and reload. */
  private events(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive' });
    const write = (e: LiveEvent) => res.write(`event: ${e.type}\ndata: ${JSON.stringify(e.data)}\n\n`);
    for (const r of this.live.reloads) write({ type: 'reload', data: r });
    for (const q of this.live.requests.slice(-100)) write({ type: 'request', data: q });
    const stop = this.live.listen(write);
    this.streams.add(res);
    res.on('close', () => {
      stop();
      this.streams.delete(res);
    });
  }
}

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  const data = Buffer.from(body);
  res.writeHead(status, { 'content-type': type, 'content-length': data.length, ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : data);
}
