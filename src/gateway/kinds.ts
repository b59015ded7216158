// Which Gateway API objects ingressctl reads: the standard channel's GatewayClass, Gateway,
// HTTPRoute, GRPCRoute and ReferenceGrant in the versions the pinned release serves.
import type { Document } from '../load/document.js';

export const GATEWAY_GROUP = 'gateway.networking.k8s.io';
/** the experimental channel's own group (XListenerSet, XBackendTrafficPolicy…) */
export const GATEWAY_X_GROUP = 'gateway.networking.x-k8s.io';
/** the release whose CRDs schemas/gateway-api/ holds */
export const GATEWAY_API_VERSION = 'v1.6.1';
export const GATEWAY_API_CHANNEL = 'standard';

export const SUPPORTED_VERSIONS: Readonly<Record<string, readonly string[]>> = {
  GatewayClass: ['v1', 'v1beta1'],
  Gateway: ['v1', 'v1beta1'],
  HTTPRoute: ['v1', 'v1beta1'],
  GRPCRoute: ['v1'],
  ReferenceGrant: ['v1', 'v1beta1'],
};

export function groupOf(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

export function isGatewayApi(doc: Document): boolean {
  const g = groupOf(doc.apiVersion);
  return g === GATEWAY_GROUP || g === GATEWAY_X_GROUP;
}

/** A supported kind in a served version: the objects every Gateway API reader takes. */
export function isSupportedGatewayObject(doc: Document): boolean {
  if (groupOf(doc.apiVersion) !== GATEWAY_GROUP) return false;
  return SUPPORTED_VERSIONS[doc.kind]?.includes(doc.apiVersion.slice(GATEWAY_GROUP.length + 1)) ?? false;
}

/** Why a Gateway API object is not read (undefined: it is read, or it is not a Gateway API object). */
export function unsupportedReason(doc: Document): string | undefined {
  if (!isGatewayApi(doc) || isSupportedGatewayObject(doc)) return undefined;
  const versions = SUPPORTED_VERSIONS[doc.kind];
  if (versions && groupOf(doc.apiVersion) === GATEWAY_GROUP) {
    return `${doc.apiVersion} ${doc.kind} is not served by Gateway API ${GATEWAY_API_VERSION} (${GATEWAY_API_CHANNEL} channel); use ${versions.map((v) => `${GATEWAY_GROUP}/${v}`).join(' or ')}`;
  }
  return `${doc.kind} (${doc.apiVersion}) is not supported: ingressctl reads ${Object.keys(SUPPORTED_VERSIONS).join(', ')}; this object is not checked and routes nothing here`;
}
