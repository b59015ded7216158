import type { BackendProtocol } from '../types.js';
import type { AnnotationSpec } from './types.js';

const PROTOCOLS: Record<string, BackendProtocol> = { HTTP: 'http', HTTPS: 'https', GRPC: 'grpc', GRPCS: 'grpcs' };

export const backendProtocol: AnnotationSpec<BackendProtocol> = {
  name: 'backend-protocol',
  description: 'What the upstream speaks: HTTP (default), HTTPS, GRPC or GRPCS.',
  parse(value) {
    const p = PROTOCOLS[value.toUpperCase()];
    return p ? { ok: true, value: p } : { ok: false, message: `must be one of HTTP, HTTPS, GRPC, GRPCS, not ${JSON.stringify(value)}` };
  },
  apply(t, v) {
    t.protocol = v;
  },
};
