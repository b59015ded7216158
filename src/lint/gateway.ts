// The Gateway API objects of one lint run, read once for every rule that needs them.
import type { Document } from '../load/document.js';
import { readGatewayObjects, type GatewayObjects, type GatewayShape, type ListenerShape, type ParentRefShape } from '../gateway/read.js';
import type { RuleContext } from './types.js';

const cache = new WeakMap<readonly Document[], GatewayObjects>();

export function gatewayObjectsOf(ctx: RuleContext): GatewayObjects {
  let g = cache.get(ctx.documents);
  if (!g) {
    g = readGatewayObjects(ctx.documents);
    cache.set(ctx.documents, g);
  }
  return g;
}

/** The parent Gateway of a parentRef that names a Gateway (group gateway.networking.k8s.io). */
export function parentGateway(g: GatewayObjects, ref: ParentRefShape): GatewayShape | undefined {
  if (ref.group !== 'gateway.networking.k8s.io' || ref.kind !== 'Gateway') return undefined;
  return g.gateways.get(`${ref.namespace}/${ref.name}`);
}

/** The listeners a parentRef selects by sectionName and port (all when it names neither). */
export function selectedListeners(gw: GatewayShape, ref: ParentRefShape): ListenerShape[] {
  return gw.listeners.filter((l) => (ref.sectionName === undefined || l.name === ref.sectionName) && (ref.port === undefined || l.port === ref.port));
}
