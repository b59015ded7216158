import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'template-file',
    severity: STAGE_RULES['template-file'].named,
    category: 'input',
    description: 'A Go or Helm template ({{ … }}) was given where manifests are read.',
    details: 'Templates are not YAML until rendered. Found while walking a directory, the file is skipped with a warning and the rest is read; named on the command line, it is an error. Lint what the template renders to instead.',
    bad: `metadata:
  name: {{ .Release.Name }}-web`,
    good: `helm template my-release ./chart | ingressctl lint -`,
    fromModel: true,
  },
};
