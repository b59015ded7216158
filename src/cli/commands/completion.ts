// ingressctl completion bash|zsh|fish: shell completion generated from the commands and
// their options as defined (never a second list to keep in step).
import { Command, Option as CommanderOption } from 'commander';
import { EXIT, UsageError } from '../exit.js';
import type { IO } from '../io.js';

interface Flag {
  short?: string;
  long?: string;
  description: string;
  /** takes a value */
  value: boolean;
  choices?: readonly string[];
}

interface Sub {
  name: string;
  description: string;
  flags: Flag[];
}

const NAMES = ['ingressctl', 'kubectl-ingressctl'];

function flagsOf(cmd: Command): Flag[] {
  const flags: Flag[] = (cmd.options as readonly CommanderOption[])
    .filter((o) => !o.hidden)
    .map((o) => ({ short: o.short, long: o.long, description: o.description, value: o.required || o.optional, choices: o.argChoices }));
  return [...flags, { short: '-h', long: '--help', description: 'show help', value: false }];
}

function subsOf(program: Command): Sub[] {
  return program.commands.map((c) => ({ name: c.name(), description: c.description(), flags: flagsOf(c) }));
}

const shellWords = (f: Flag) => [f.short, f.long].filter((x): x is string => !!x);

export function bashCompletion(program: Command): string {
  const subs = subsOf(program);
  const cases = subs.map((s) => {
    const values = s.flags.filter((f) => f.choices).map((f) => `      ${shellWords(f).join('|')}) COMPREPLY=( $(compgen -W "${f.choices!.join(' ')}" -- "$cur") ); return ;;`);
    const files = s.flags.filter((f) => f.value && !f.choices).flatMap(shellWords);
    return `    ${s.name})
      case "$prev" in
${values.join('\n')}${values.length ? '\n' : ''}${files.length ? `      ${files.join('|')}) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;\n` : ''}      esac
      opts="${s.flags.flatMap(shellWords).join(' ')}" ;;`;
  });
  return `# bash completion for ingressctl: source <(ingressctl completion bash)
_ingressctl() {
  local cur prev cmd opts
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  cmd="\${COMP_WORDS[1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "${subs.map((s) => s.name).join(' ')} --help --version" -- "$cur") )
    return
  fi
  case "$cmd" in
${cases.join('\n')}
    *) opts="" ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
  else
    COMPREPLY=( $(compgen -f -- "$cur") )
  fi
}
complete -o filenames -F _ingressctl ${NAMES.join(' ')}
`;
}

const zshQuote = (s: string) => s.replace(/[[\]:'\\]/g, (c) => (c === "'" ? "'\\''" : `\\${c}`));

export function zshCompletion(program: Command): string {
  const subs = subsOf(program);
  const cases = subs.map((s) => {
    const specs = s.flags.flatMap((f) =>
      shellWords(f).map((w) => `'${w}[${zshQuote(f.description)}]${f.value ? (f.choices ? `:value:(${f.choices.join(' ')})` : ':value:_files') : ''}'`),
    );
    return `    ${s.name}) _arguments ${specs.join(' ')} '*:file:_files' ;;`;
  });
  return `#compdef ${NAMES.join(' ')}
# zsh completion for ingressctl: ingressctl completion zsh > "\${fpath[1]}/_ingressctl"
_ingressctl() {
  local -a commands
  commands=(
${subs.map((s) => `    '${s.name}:${zshQuote(s.description)}'`).join('\n')}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  case $words[2] in
${cases.join('\n')}
  esac
}
_ingressctl "$@"
`;
}

const fishQuote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export function fishCompletion(program: Command): string {
  const subs = subsOf(program);
  const lines = [`# fish completion for ingressctl: ingressctl completion fish > ~/.config/fish/completions/ingressctl.fish`];
  for (const name of NAMES) {
    for (const s of subs) lines.push(`complete -c ${name} -f -n '__fish_use_subcommand' -a ${s.name} -d ${fishQuote(s.description)}`);
    for (const s of subs) {
      for (const f of s.flags) {
        const parts = [`complete -c ${name} -n '__fish_seen_subcommand_from ${s.name}'`];
        if (f.short) parts.push(`-s ${f.short.slice(1)}`);
        if (f.long) parts.push(`-l ${f.long.slice(2)}`);
        if (f.choices) parts.push(`-x -a ${fishQuote(f.choices.join(' '))}`);
        else if (f.value) parts.push('-r');
        parts.push(`-d ${fishQuote(f.description)}`);
        lines.push(parts.join(' '));
      }
    }
  }
  return lines.join('\n') + '\n';
}

const SHELLS = { bash: bashCompletion, zsh: zshCompletion, fish: fishCompletion } as const;

export function completionCommand(io: IO, done: (code: number) => void): Command {
  return new Command('completion')
    .description('print a shell completion script for bash, zsh or fish')
    .argument('<shell>', 'bash, zsh or fish')
    .action((shell: string, _opts: unknown, cmd: Command) => {
      if (!(shell in SHELLS)) throw new UsageError(`completion: the shell must be bash, zsh or fish, not ${JSON.stringify(shell)}`);
      io.stdout.write(SHELLS[shell as keyof typeof SHELLS](cmd.parent!));
      done(EXIT.OK);
    });
}
