import { parseRedirectUrl, type AnnotationSpec } from './types.js';

export const permanentRedirect: AnnotationSpec<string> = {
  name: 'permanent-redirect',
  description: 'Answers every request of the Ingress with a redirect to this URL (301 unless permanent-redirect-code says otherwise).',
  parse: parseRedirectUrl,
  apply(t, v) {
    t.redirect.permanent = v;
  },
};
