import { parseRedirectUrl, type AnnotationSpec } from './types.js';

export const temporalRedirect: AnnotationSpec<string> = {
  name: 'temporal-redirect',
  description: 'Answers every request of the Ingress with a redirect to this URL (302 unless temporal-redirect-code says otherwise); temporal-redirect wins over permanent-redirect.',
  parse: parseRedirectUrl,
  apply(t, v) {
    t.redirect.temporal = v;
  },
};
