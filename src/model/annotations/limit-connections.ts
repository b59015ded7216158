import { parseInteger, type AnnotationSpec } from './types.js';

export const limitConnections: AnnotationSpec<number> = {
  name: 'limit-connections',
  description: 'Requests one client address may have open at once (503 beyond); 0 means no limit.',
  parse: (value) => parseInteger(value, 0, 1_000_000),
  apply(t, v) {
    t.limits.connections = v;
  },
};
