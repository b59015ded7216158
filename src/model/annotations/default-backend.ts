import { show, type AnnotationSpec } from './types.js';

export const defaultBackend: AnnotationSpec<string> = {
  name: 'default-backend',
  description: 'A Service in the Ingress\'s namespace (its first port) that answers when a route\'s own backend has nowhere to send the request.',
  parse(value) {
    if (!/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(value)) return { ok: false, message: `must be the name of a Service in the same namespace, not ${show(value)}` };
    return { ok: true, value };
  },
  apply(t, v) {
    t.defaultBackendService = v;
  },
};
