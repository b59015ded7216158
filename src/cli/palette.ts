// Colours for text bound for a terminal. chalk is required only when colour is on: a run
// whose output goes to a file or a pipe (or with NO_COLOR) does not load it at all.
import type { ChalkInstance } from 'chalk';

/** A style: text in, text out; `.bold` adds bold to it (c.red.bold). */
export interface Paint {
  (text: string): string;
  readonly bold: Paint;
}

/** The styles ingressctl uses (a chalk instance has them all). */
export interface Palette {
  readonly bold: Paint;
  readonly dim: Paint;
  readonly underline: Paint;
  readonly red: Paint;
  readonly green: Paint;
  readonly yellow: Paint;
  readonly cyan: Paint;
}

/** Every style as chalk at level 0 does it: the text as it is (String(text), as chalk makes it). */
const plain: Paint = Object.defineProperty((text: string) => String(text), 'bold', { get: () => plain }) as Paint;
const PLAIN: Palette = { bold: plain, dim: plain, underline: plain, red: plain, green: plain, yellow: plain, cyan: plain };

/** Colours (chalk, 16 colours: level 1) or none. */
export function palette(color: boolean): Palette {
  if (!color) return PLAIN;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Chalk } = require('chalk') as typeof import('chalk');
  const c: ChalkInstance = new Chalk({ level: 1 });
  return c;
}
