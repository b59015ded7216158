// Go / Helm templates are not manifests: `{{ … }}` breaks YAML in ways whose syntax errors
// (a flow mapping missing a comma) say nothing useful. One finding says what the file is.
import { stageFinding, type Finding } from '../findings/finding.js';

const TEMPLATE = /\{\{-?\s*[-.$\w(/"]/;

/** A template finding for a file that failed to parse and holds `{{ … }}`, else undefined. */
export function templateFinding(file: string, text: string, parseFindings: readonly Finding[], walked: boolean): Finding | undefined {
  if (!parseFindings.some((f) => f.ruleId === 'yaml-syntax')) return undefined;
  const m = TEMPLATE.exec(text);
  if (!m) return undefined;
  const before = text.slice(0, m.index);
  const line = before.split('\n').length;
  const column = m.index - before.lastIndexOf('\n');
  return stageFinding('template-file', {
    file, line, column,
    message: walked
      ? 'this is a Go/Helm template, not a manifest ({{ … }} is not YAML); skipped'
      : 'this is a Go/Helm template, not a manifest ({{ … }} is not YAML)',
    hint: 'Render it first and lint the result: helm template RELEASE CHART | ingressctl lint -',
  }, walked ? 'walked' : 'named');
}
