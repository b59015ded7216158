// A request to a Gateway: the listener first (the port the client connected to, the
// scheme, then the most specific listener hostname), then the model's own Matcher over
// that listener's routes, so explain, test and serve decide alike. An HTTPS request whose
// SNI chose another listener than its Host names answers 421 (Misdirected Request).
import { Matcher, type Decision, type MatchOptions, type Request } from '../model/match.js';
import { requestHost } from '../model/hosts.js';
import type { GatewayListener, GatewayModel, RouteModel } from '../model/types.js';
import { hostMatches, specificity, wildcardLabels } from './hostnames.js';

export interface GatewayRequest extends Request {
  /** the listener port the client connected to (production port: 80/443 by default) */
  port: number;
  /** HTTPS: the server name the client sent; the Host's name when absent */
  sni?: string;
}

export type GatewayDecision = Decision & { listener?: GatewayListener; gateway: GatewayModel };

/** A listener's routes as a model of their own: what the one Matcher reads. */
export function listenerModel(l: GatewayListener): RouteModel {
  return { hosts: l.hosts, findings: [], gatewayListener: { port: l.port, wildcards: 'one-or-more' } };
}

/** The listener on `port` for `scheme` whose hostname is the most specific match of `host`. */
export function chooseListener(g: GatewayModel, port: number, scheme: 'http' | 'https', host: string): GatewayListener | undefined {
  const protocol = scheme === 'https' ? 'HTTPS' : 'HTTP';
  let best: GatewayListener | undefined;
  for (const l of g.listeners) {
    if (l.port !== port || l.protocol !== protocol) continue;
    if (l.hostname && !hostMatches(l.hostname, host)) continue;
    if (!best || specificity(l.hostname) > specificity(best.hostname)) best = l;
  }
  return best;
}

export class GatewayMatcher {
  private readonly matchers = new Map<GatewayListener, Matcher>();

  constructor(
    readonly gateway: GatewayModel,
    private readonly options: MatchOptions = {},
  ) {
    for (const l of gateway.listeners) this.matchers.set(l, new Matcher(listenerModel(l), options));
  }

  matcherFor(l: GatewayListener): Matcher {
    return this.matchers.get(l)!;
  }

  match(req: GatewayRequest, explain = false): GatewayDecision {
    const gateway = this.gateway;
    const host = requestHost(req.host);
    if (host === undefined) return { status: 400, reason: `the Host ${JSON.stringify(req.host)} is not a valid host name`, candidates: [], gateway };
    const listener = chooseListener(gateway, req.port, req.scheme, host);
    const gw = `Gateway ${gateway.namespace}/${gateway.name}`;
    if (!listener) return { status: 404, reason: `no ${req.scheme === 'https' ? 'HTTPS' : 'HTTP'} listener of ${gw} on port ${req.port} accepts host ${host}`, path: req.target.replace(/\?.*$/, ''), candidates: [], gateway };
    if (req.scheme === 'https' && req.sni !== undefined) {
      const bySni = chooseListener(gateway, req.port, 'https', req.sni.toLowerCase());
      if (bySni && bySni !== listener) {
        return { status: 421, reason: `the TLS server name ${req.sni} chose listener ${bySni.name}, but Host ${host} belongs to listener ${listener.name}: 421 Misdirected Request`, candidates: [], gateway, listener };
      }
    }
    const d = this.matchers.get(listener)!.match(req, explain);
    const wild = 'vhost' in d && d.vhost?.kind === 'wildcard' && wildcardLabels(d.vhost.host, host) > 1 ? `; Gateway API wildcard ${d.vhost.host} matched ${wildcardLabels(d.vhost.host, host)} labels of ${host} (an Ingress wildcard matches exactly one)` : '';
    const lw = listener.hostname?.startsWith('*.') && wildcardLabels(listener.hostname, host) > 1 ? `; listener hostname ${listener.hostname} matched ${wildcardLabels(listener.hostname, host)} labels` : '';
    return { ...d, reason: `${gw} listener ${listener.name} (port ${listener.port}${listener.hostname ? `, hostname ${listener.hostname}` : ''}); ${d.reason}${wild}${lw}`, gateway, listener };
  }
}
