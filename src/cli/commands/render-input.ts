// The start of every render: the model built from the input, its findings on stderr, and
// nothing more when the input could not be read whole (the config would silently lack routes).
import type { WriteResult } from '../../emit/bundle.js';
import { findingLines } from '../findings-text.js';
import { useColor, type IO } from '../io.js';
import { buildModel, type InputOptions, type LoadedModel } from '../options.js';

export interface RenderInput extends LoadedModel {
  color: boolean;
}

/** The model to render, or undefined (already reported) when the input is unusable: exit 2. */
export function renderInput(paths: string[], opts: InputOptions, io: IO): RenderInput | undefined {
  const color = useColor(io.stderr, io.env, opts.color);
  const built = buildModel(paths, opts, io);
  io.stderr.write(findingLines(built.findings, color));
  if (built.unusable) {
    io.stderr.write('ingressctl: nothing rendered: the input could not be read\n');
    return undefined;
  }
  return { ...built, color };
}

/** What `-o DIR --force` must never delete with an old DIR: the working directory and every input named. */
export function protectedPaths(paths: readonly string[], opts: InputOptions, io: IO): { path: string; name: string }[] {
  const inputs = [...paths, ...(opts.filename ?? [])].filter((p) => p !== '-');
  return [{ path: io.cwd, name: 'the working directory' }, ...inputs.map((p) => ({ path: p, name: `the input ${p}` }))];
}

/** Says where the old bundle was left when --force could not delete it (the new one is in place). */
export function noteOldBundle(dir: string, written: WriteResult, io: IO): void {
  if (written.oldLeftAt) io.stderr.write(`ingressctl: note: the old ${dir} could not be deleted (${written.reason}); it is left at ${written.oldLeftAt}\n`);
}
