// Help pages: every command ends with 2–3 examples and where the README explains it; every
// option shows its values and default one way: "(one of: a|b) (default: x)".
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Command, Help, Option } from 'commander';

interface Page {
  examples: [command: string, what: string][];
  /** the README section (its anchor) */
  section: string;
}

const PAGES: Record<string, Page> = {
  routes: {
    examples: [
      ['ingressctl routes fixtures/cafe', 'the route table of a folder'],
      ['ingressctl routes fixtures/cafe -o wide', 'with upstreams, TLS Secrets and policies'],
      ['kubectl get ingress,svc -A -o yaml | ingressctl routes -', 'what a cluster routes, from stdin'],
    ],
    section: 'commands',
  },
  explain: {
    examples: [
      ['ingressctl explain https://cafe.example.com/tea fixtures/cafe', 'which route answers, and why the others lost'],
      ["ingressctl explain /coffee -H 'Host: cafe.example.com' fixtures/cafe", 'the host from a header'],
      ['ingressctl explain https://cafe.example.com/tea fixtures/cafe -o json', 'for scripts'],
    ],
    section: 'commands',
  },
  describe: {
    examples: [
      ['ingressctl describe fixtures/cafe', 'each Ingress as kubectl describe ingress shows it'],
      ['ingressctl describe - < ingress.yaml', 'from stdin'],
    ],
    section: 'commands',
  },
  test: {
    examples: [
      ['ingressctl test fixtures/specs/cafe.yaml fixtures/cafe', 'check the requests of a spec against the model'],
      ['ingressctl test fixtures/specs/cafe.yaml fixtures/cafe --engine all', 'on every engine available here'],
    ],
    section: 'proving-a-migration-test-and-diff',
  },
  diff: {
    examples: [
      ['ingressctl diff base/ head/', 'routes and request outcomes that change'],
      ['ingressctl diff -f base/ -f head/ -o markdown --exit-code', 'a pull-request comment; exit 1 when an outcome changes'],
      ['ingressctl diff --from-compat ingress-nginx manifests/', 'what leaving ingress-nginx changes'],
    ],
    section: 'proving-a-migration-test-and-diff',
  },
  serve: {
    examples: [
      ['ingressctl serve --local fixtures/cafe', 'serve the routes on 127.0.0.1:8080 and :8443, reloaded on every edit'],
      ['curl -k --resolve cafe.example.com:8443:127.0.0.1 https://cafe.example.com:8443/tea', 'then ask it'],
      ['ingressctl serve --local --engine nginx fixtures/cafe --upstream tea-svc=127.0.0.1:3000', 'through real nginx (or haproxy), one backend sent to a real server'],
    ],
    section: 'serve',
  },
  lint: {
    examples: [
      ['ingressctl lint .', 'a repository (dot-folders and node_modules are skipped)'],
      ['ingressctl lint manifests/ --format sarif > lint.sarif', 'for code scanning'],
      ['helm template my-release ./chart | ingressctl lint -', 'a Helm chart, once rendered'],
    ],
    section: 'lint',
  },
  render: {
    examples: [
      ['ingressctl render fixtures/cafe', 'nginx.conf on stdout'],
      ['ingressctl render fixtures/cafe --target haproxy -o cafe-haproxy', 'the whole bundle, with the command that runs it'],
      ['ingressctl render fixtures/cafe --target gateway-api --verify -o gateway', 'Gateway API objects, the losses in gateway/README.md, and the proof (README.md#migrate-to-gateway-api)'],
    ],
    section: 'render',
  },
  annotations: {
    examples: [
      ['ingressctl annotations', 'every ingress-nginx annotation × target'],
      ['ingressctl annotations --target envoy', 'one target, with the notes'],
    ],
    section: 'annotations',
  },
  graph: {
    examples: [
      ['ingressctl graph fixtures/cafe', 'a Mermaid flowchart, for Markdown and pull-request comments'],
      ['ingressctl graph manifests/ -o html > routes.html', 'one page: the SVG and a search box'],
      ['ingressctl graph --diff base/ head/ -o svg > change.svg', 'what a change moves, coloured'],
    ],
    section: 'graph',
  },
  version: {
    examples: [
      ['ingressctl version', 'the version and the Kubernetes release lint assumes'],
      ['ingressctl version -o json', 'for scripts'],
    ],
    section: 'install',
  },
  completion: {
    examples: [
      ['source <(ingressctl completion bash)', 'bash, this shell'],
      ['ingressctl completion zsh > "${fpath[1]}/_ingressctl"', 'zsh'],
      ['ingressctl completion fish > ~/.config/fish/completions/ingressctl.fish', 'fish'],
    ],
    section: 'install',
  },
};

/** The README shipped beside the code (the package root holds package.json and README.md). */
export function readmePath(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'README.md'))) return join(dir, 'README.md');
    if (dirname(dir) === dir) return 'README.md';
  }
}

export function helpPage(name: string): Page | undefined {
  return PAGES[name];
}

/** Values and default of an option, one way: "(one of: a|b) (default: x)". */
function optionDescription(option: Option): string {
  const extra: string[] = [];
  if (option.argChoices) extra.push(`(one of: ${option.argChoices.join('|')})`);
  const shown = option.defaultValueDescription ?? (option.defaultValue !== undefined && !option.negate && typeof option.defaultValue !== 'boolean' ? String(option.defaultValue) : undefined);
  if (shown !== undefined && !/\(default: /.test(option.description)) extra.push(`(default: ${shown})`);
  return [option.description, ...extra].filter(Boolean).join(' ');
}

/** Adds the examples and the README section to a command's help, and the one option format. */
export function withHelp(cmd: Command): Command {
  cmd.configureHelp({ optionDescription } as Partial<Help>);
  const page = PAGES[cmd.name()];
  if (page) {
    const width = Math.max(...page.examples.map(([c]) => c.length));
    const lines = page.examples.map(([c, what]) => `  ${c.padEnd(width)}  # ${what}`);
    cmd.addHelpText('after', () => `\nExamples:\n${lines.join('\n')}\n\nMore: README.md#${page.section} (${readmePath()})\n`);
  }
  return cmd;
}
