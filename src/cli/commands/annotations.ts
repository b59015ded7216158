// ingressctl annotations: the support matrix, annotation × target.
import { Command, Option } from 'commander';
import { palette } from '../palette.js';
import { SUPPORT_TARGETS, type SupportTarget } from '../../support/targets.js';
import { EXIT } from '../exit.js';
import { useColor, type IO } from '../io.js';
import { table } from '../table.js';

// Loaded when the command runs, not at the start-up of every command.
/* eslint-disable @typescript-eslint/no-require-imports */
const formatLib = () => require('../../support/format.js') as typeof import('../../support/format.js');
/* eslint-enable @typescript-eslint/no-require-imports */

interface AnnotationsOptions {
  target?: SupportTarget;
  output: 'table' | 'json' | 'markdown';
  color?: boolean;
}

export function annotationsCommand(io: IO, done: (code: number) => void): Command {
  return new Command('annotations')
    .description('show how each target honours each ingress-nginx annotation: exact, approximate (with the difference) or unsupported')
    .addOption(new Option('--target <target>', 'one target only (with the notes)').choices([...SUPPORT_TARGETS]))
    .addOption(new Option('-o, --output <format>', 'output format').choices(['table', 'json', 'markdown']).default('table'))
    .option('--no-color', 'no colour in output')
    .action((opts: AnnotationsOptions) => {
      const targets: SupportTarget[] = opts.target ? [opts.target] : [...SUPPORT_TARGETS];
      if (opts.output === 'json') io.stdout.write(JSON.stringify(formatLib().matrixJson(targets), null, 2) + '\n');
      else if (opts.output === 'markdown') io.stdout.write(`${formatLib().matrixMarkdown(targets)}\n${formatLib().hashesMarkdown(targets)}`);
      else {
        const c = palette(useColor(io.stdout, io.env, opts.color));
        const paint = (s: string) => (s.startsWith('exact') ? c.green(s) : s.startsWith('approximate') ? c.yellow(s) : s.startsWith('unsupported') ? c.red(s) : s);
        const rows = formatLib().matrixRows(targets).map(([name, ...cells]) => [name, ...cells.map(paint)]);
        const notes = formatLib().matrixNotes(targets);
        io.stdout.write(table(['ANNOTATION', ...(targets.length === 1 ? ['SUPPORT'] : targets.map((t) => t.toUpperCase()))], rows, c.bold));
        if (notes.length) io.stdout.write(`\nnotes:\n${notes.map((n) => `  ${n}\n`).join('')}`);
        io.stdout.write(`\npassword hashes (auth-secret):\n${table(['HASH', ...targets.map((t) => t.toUpperCase()), 'WRITTEN AS'], formatLib().hashRows(targets), c.bold)}`);
      }
      done(EXIT.OK);
    });
}
