// ingressctl version (and --version): this build, and the Kubernetes release lint checks against.
import { Command, Option } from 'commander';
import { LATEST_KUBERNETES } from '../../lint/k8s/api-versions.js';
import { VERSION } from '../../version.js';
import { EXIT } from '../exit.js';
import type { IO } from '../io.js';

export function versionInfo() {
  return { version: VERSION, kubernetes: LATEST_KUBERNETES.join('.'), node: process.version };
}

export function versionText(): string {
  const v = versionInfo();
  return `ingressctl ${v.version}\nKubernetes API: ${v.kubernetes} (what lint checks against by default; --kubernetes-version X.Y for another)\nNode.js: ${v.node}\n`;
}

export function versionCommand(io: IO, done: (code: number) => void): Command {
  return new Command('version')
    .description('show the version of ingressctl and the Kubernetes release lint assumes')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((opts: { output: 'text' | 'json' }) => {
      io.stdout.write(opts.output === 'json' ? JSON.stringify(versionInfo(), null, 2) + '\n' : versionText());
      done(EXIT.OK);
    });
}
