// The CLI as a function: run(argv, io) → exit code. Tests drive it in-process.
import { Command, CommanderError } from 'commander';
import { InputError } from '../load/errors.js';
import { EXIT, UsageError } from './exit.js';
import type { IO } from './io.js';
import { versionText } from './commands/version.js';
import { withHelp } from './help.js';

export { VERSION } from '../version.js';

type Define = (io: IO, done: (code: number) => void) => Command;
/**
 * Every command, by name, in the order help lists them (test/cli checks the names). Each
 * command's module is required when the command is defined: the modules another command
 * imports (and the node: modules under them) are not part of this one's start-up.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
export const COMMANDS: readonly (readonly [string, Define])[] = [
  ['routes', (io, done) => (require('./commands/routes.js') as typeof import('./commands/routes.js')).routesCommand(io, done)],
  ['explain', (io, done) => (require('./commands/explain.js') as typeof import('./commands/explain.js')).explainCommand(io, done)],
  ['diff', (io, done) => (require('./commands/diff.js') as typeof import('./commands/diff.js')).diffCommand(io, done)],
  ['test', (io, done) => (require('./commands/test.js') as typeof import('./commands/test.js')).testCommand(io, done)],
  ['serve', (io, done) => (require('./commands/serve.js') as typeof import('./commands/serve.js')).serveCommand(io, done)],
  ['lint', (io, done) => (require('./commands/lint.js') as typeof import('./commands/lint.js')).lintCommand(io, done)],
  ['render', (io, done) => (require('./commands/render.js') as typeof import('./commands/render.js')).renderCommand(io, done)],
  ['annotations', (io, done) => (require('./commands/annotations.js') as typeof import('./commands/annotations.js')).annotationsCommand(io, done)],
  ['graph', (io, done) => (require('./commands/graph.js') as typeof import('./commands/graph.js')).graphCommand(io, done)],
  ['describe', (io, done) => (require('./commands/describe.js') as typeof import('./commands/describe.js')).describeCommand(io, done)],
  ['version', (io, done) => (require('./commands/version.js') as typeof import('./commands/version.js')).versionCommand(io, done)],
  ['completion', (io, done) => (require('./commands/completion.js') as typeof import('./commands/completion.js')).completionCommand(io, done)],
];
/* eslint-enable @typescript-eslint/no-require-imports */

export async function run(argv: readonly string[], streams: IO): Promise<number> {
  // standard input can be read once: a command that reads it twice (diff - -, diff --from-compat
  // -, test - -, serve's rebuilds) gets the same text both times, never an empty second read
  let stdinText: string | Buffer | undefined;
  const io: IO = { ...streams, stdin: () => (stdinText ??= streams.stdin()) };
  let code: number = EXIT.OK;
  const done = (c: number) => {
    code = c;
  };
  const program = new Command('ingressctl')
    .description('Kubernetes Ingress, offline: lint manifests, render nginx/HAProxy/Envoy/Traefik configs, serve them locally, explain routing')
    .version(versionText().trimEnd(), '-V, --version', 'show the version and the Kubernetes release lint assumes')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  // `ingressctl routes …` defines routes alone: defining every command's options is a
  // measurable part of a start-up. Help, completion, a mistyped command: all of them.
  const named = COMMANDS.find(([name]) => name === argv.find((a) => !a.startsWith('-')) && name !== 'completion');
  for (const [, define] of named ? [named] : COMMANDS) program.addCommand(define(io, done));
  const commands = [program, ...program.commands];
  for (const c of commands) {
    withHelp(c)
      .exitOverride()
      .configureOutput({
        writeOut: (s) => io.stdout.write(s),
        writeErr: (s) => io.stderr.write(s),
        // one prefix for every error, commander's own included ("error: unknown option" → "ingressctl: unknown option")
        outputError: (s, write) => write(s.replace(/^error: /, 'ingressctl: ')),
      });
  }

  const debug = argv.includes('--debug');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version exit 0; every other parse failure is a usage error
      return err.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    if (err instanceof InputError) {
      io.stderr.write(`ingressctl: ${err.describe()}\n`);
      if (debug) io.stderr.write(`${err.stack}\n`);
      return EXIT.USAGE;
    }
    if (err instanceof UsageError) {
      io.stderr.write(`ingressctl: ${err.message}\n`);
      if (debug) io.stderr.write(`${err.stack}\n`);
      return EXIT.USAGE;
    }
    const e = err as Error;
    io.stderr.write(`ingressctl: internal error: ${e?.message ?? String(err)}\n`);
    io.stderr.write(debug ? `${e?.stack}\n` : 'Run again with --debug for the stack trace, and please report it.\n');
    return 70;
  }
}
