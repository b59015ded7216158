import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'yaml-syntax',
    severity: STAGE_RULES['yaml-syntax'],
    category: 'input',
    description: 'A file or document is not valid YAML, or a document is not a mapping.',
    details: 'The loader reports the position of the syntax error and reads the other documents of the file around it, so one broken document does not hide the findings of the rest. Documents whose aliases expand beyond a million nodes are refused as alias bombs.',
    bad: `metadata:
  name: web
   labels: {}   # indented wrongly`,
    good: `metadata:
  name: web
  labels: {}`,
    fromModel: true,
  },
};
