import { regexSyntaxProblem } from '../regex.js';
import { show, type AnnotationSpec } from './types.js';

export const canaryByHeaderPattern: AnnotationSpec<string> = {
  name: 'canary-by-header-pattern',
  description: 'With canary-by-header: a value matching this regex anywhere (case-sensitive) sends to the canary; ignored when canary-by-header-value is set.',
  // a regex needs "\", "{", "}" and "$": checked here instead
  ownCharacters: true,
  parse(value) {
    if (!/^[\x20-\x7e]{1,256}$/.test(value) || /["'`]/.test(value)) return { ok: false, message: `must be up to 256 printable characters without quotes, not ${show(value)}` };
    const problem = regexSyntaxProblem(value);
    if (problem) return { ok: false, message: `${show(value)}: ${problem}`, hint: 'Use regex syntax common to PCRE, RE2 and JavaScript.' };
    return { ok: true, value };
  },
  apply(t, v) {
    t.canary.headerPattern = v;
  },
};
