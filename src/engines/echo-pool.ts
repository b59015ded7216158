// Echo servers for serve --engine: one per backend that has no --upstream, started as
// backends appear in a reloaded model and kept until shutdown (a reload never waits for them
// to close, and a backend that comes back finds its server still there).
import type { Backend, RouteModel } from '../model/types.js';
import { backendKey, modelBackends, startEchoUpstreams, type EchoUpstreams } from './echo-upstreams.js';
import { withLocalUpstreams } from './local-upstreams.js';

export class EchoPool {
  private readonly ports = new Map<string, number>();
  private readonly groups: EchoUpstreams[] = [];

  /** The model with every backend that has no --upstream (and a name to resolve) sent to its echo server. */
  async localize(model: RouteModel): Promise<RouteModel> {
    const missing = modelBackends(model).filter((b) => needsEcho(b) && !this.ports.has(backendKey(b)));
    if (missing.length) {
      const group = await startEchoUpstreams(missing);
      this.groups.push(group);
      for (const [k, p] of group.ports) this.ports.set(k, p);
    }
    return withLocalUpstreams(model, this.ports);
  }

  /** "echo" for the address of one of its servers, else the address */
  name(address: string): string {
    const m = /^127\.0\.0\.1:(\d+)$/.exec(address);
    return m && [...this.ports.values()].includes(Number(m[1])) ? 'echo' : address;
  }

  get size(): number {
    return this.ports.size;
  }

  async close(): Promise<void> {
    await Promise.all(this.groups.map((g) => g.close()));
  }
}

/** --upstream addresses stay; a backend with nothing to resolve answers 503 as the model says. */
function needsEcho(b: Backend): boolean {
  return !(b.upstream.kind === 'endpoints' && b.upstream.source === 'override') && b.upstream.kind !== 'unresolved';
}
