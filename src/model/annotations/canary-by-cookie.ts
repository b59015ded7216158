import { parseCookieName, type AnnotationSpec } from './types.js';

export const canaryByCookie: AnnotationSpec<string> = {
  name: 'canary-by-cookie',
  description: 'A cookie that decides after canary-by-header: "always" sends to the canary, "never" to the main backend, other values fall through to the weight.',
  parse: parseCookieName,
  apply(t, v) {
    t.canary.cookie = v;
  },
};
