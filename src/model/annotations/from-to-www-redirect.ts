import { parseBoolean, type AnnotationSpec } from './types.js';

export const fromToWwwRedirect: AnnotationSpec<boolean> = {
  name: 'from-to-www-redirect',
  description: 'www.HOST redirects (308) to HOST, or HOST to www.HOST, for the hosts of this Ingress, unless a rule names the other host.',
  parse: parseBoolean,
  apply(t, v) {
    t.fromToWww = v;
  },
};
