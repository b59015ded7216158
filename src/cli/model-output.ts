// `routes -o json|yaml` written host by host: the same text as serialising modelJson whole,
// without building the whole model as data and as one string (10k Ingresses: 120 MB).
import { dump } from 'js-yaml';
import { modelJson, modelTailJson, vhostJson } from '../model/serialize.js';
import type { RouteModel } from '../model/types.js';

/** JSON.stringify(modelJson(model), null, 2) + '\n', in pieces. */
export function writeModelJson(model: RouteModel, write: (text: string) => void): void {
  if (!model.hosts.length) return write(JSON.stringify(modelJson(model), null, 2) + '\n');
  write('{\n  "hosts": [\n');
  const last = model.hosts.length - 1;
  model.hosts.forEach((v, i) => {
    // one level deeper than alone: JSON strings hold no raw newline, so every "\n" starts a line
    write('    ' + JSON.stringify(vhostJson(v), null, 2).replace(/\n/g, '\n    ') + (i < last ? ',\n' : '\n'));
  });
  write('  ]');
  const tail = modelTailJson(model);
  for (const k of Object.keys(tail) as (keyof typeof tail)[]) write(`,\n  ${JSON.stringify(k)}: ${JSON.stringify(tail[k], null, 2).replace(/\n/g, '\n  ')}`);
  write('\n}\n');
}

/** dump(modelJson(model), { noRefs: true }), in pieces: each host dumped as the only item of `hosts`, its first line left out. */
export function writeModelYaml(model: RouteModel, write: (text: string) => void): void {
  if (!model.hosts.length) return write(dump(modelJson(model), { noRefs: true }));
  write('hosts:\n');
  for (const v of model.hosts) {
    const one = dump({ hosts: [vhostJson(v)] }, { noRefs: true });
    write(one.slice(one.indexOf('\n') + 1));
  }
  write(dump(modelTailJson(model), { noRefs: true }));
}
