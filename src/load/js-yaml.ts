// js-yaml, loaded when first needed: most manifests are read without it (plain-yaml.ts), and
// a command that never meets other YAML starts faster without loading it (about 10 ms).
type JsYaml = typeof import('js-yaml');

let loaded: JsYaml | undefined;

export function jsYaml(): JsYaml {
  return (loaded ??= require('js-yaml') as JsYaml);
}
