import { parsePath, type AnnotationSpec } from './types.js';

export const xForwardedPrefix: AnnotationSpec<string> = {
  name: 'x-forwarded-prefix',
  description: 'Sends this path upstream in the X-Forwarded-Prefix header.',
  parse: parsePath,
  apply(t, v) {
    t.policy.forwardedPrefix = v;
  },
};
