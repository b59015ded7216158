// .ingressctl.yaml: rule severities, ignored paths, snippets allowed. Found from the
// working directory upward, or named with --config. A bad config is a usage error (exit 2).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { load } from 'js-yaml';
import type { Severity } from '../findings/finding.js';
import { closest } from '../util/did-you-mean.js';
import { InputError } from '../load/errors.js';
import { parsePortRange } from './k8s/node-ports.js';
import { parseText } from '../load/parse.js';

export type RuleSetting = Severity | 'off';

export interface LintConfig {
  rules: Record<string, RuleSetting>;
  ignorePaths: string[];
  allowSnippets: boolean;
  /** the cluster's --service-node-port-range, as serviceNodePortRange: "30000-32767" */
  serviceNodePortRange?: readonly [number, number];
  /** directory ignorePaths are relative to */
  baseDir: string;
  file?: string;
}

export const CONFIG_NAMES = ['.ingressctl.yaml', '.ingressctl.yml'];
const SETTINGS: Record<string, RuleSetting> = { off: 'off', info: 'info', warn: 'warning', warning: 'warning', error: 'error' };
const KEYS = ['rules', 'ignorePaths', 'allowSnippets', 'serviceNodePortRange'];

export function emptyConfig(baseDir: string): LintConfig {
  return { rules: {}, ignorePaths: [], allowSnippets: false, baseDir };
}

export function findConfig(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_NAMES) if (existsSync(join(dir, name))) return join(dir, name);
    if (dirname(dir) === dir) return undefined;
  }
}

/** Every problem of a config file at once, each with its line:col (one per line on stderr). */
export class ConfigError extends InputError {
  constructor(
    readonly problems: { message: string; line?: number; column?: number }[],
    file: string,
  ) {
    super(problems.map((p) => p.message).join('; '), file, problems[0]?.line, problems[0]?.column);
    this.name = 'ConfigError';
  }

  override describe(): string {
    return this.problems.map((p) => [this.file, p.line, p.column].filter((x) => x !== undefined).join(':') + `: ${p.message}`).join('\ningressctl: ');
  }
}

type Locate = (path: readonly (string | number)[], at: 'key' | 'value') => { line: number; column: number } | undefined;

/** Reads and checks a config file; every problem is reported at once, with its line:col. */
export function loadConfig(file: string, ruleIds: readonly string[]): LintConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'no such lint configuration file' : code === 'EISDIR' ? 'the lint configuration is a directory, not a file' : `cannot read the lint configuration: ${code ?? String(err)}`, file);
  }
  let raw: unknown;
  try {
    raw = load(text) ?? {};
  } catch (err) {
    const mark = (err as { mark?: { line: number; column: number } }).mark;
    const reason = (err as { reason?: string }).reason ?? (err as Error).message.split('\n')[0];
    throw new InputError(`config is not valid YAML: ${reason}`, file, mark ? mark.line + 1 : undefined, mark ? mark.column + 1 : undefined);
  }
  const doc = parseText(file, text).documents[0];
  const locate: Locate = (path, at) => {
    if (!doc) return undefined;
    const l = doc.locate(path, at);
    return { line: l.line, column: l.column };
  };
  return checkConfig(raw, file, ruleIds, locate);
}

export function checkConfig(raw: unknown, file: string, ruleIds: readonly string[], locate: Locate = () => undefined): LintConfig {
  const problems: { message: string; line?: number; column?: number }[] = [];
  const bad = (message: string, path: readonly (string | number)[] = [], at: 'key' | 'value' = 'value') => problems.push({ message: `config: ${message}`, ...(locate(path, at) ?? {}) });
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError([{ message: 'config: must be a mapping with rules, ignorePaths, allowSnippets and serviceNodePortRange' }], file);
  const cfg = emptyConfig(dirname(resolve(file)));
  cfg.file = file;
  for (const [k, v] of Object.entries(raw)) {
    if (!KEYS.includes(k)) {
      const guess = closest(k, KEYS);
      bad(`unknown key "${k}"${guess ? ` (did you mean "${guess}"?)` : ''}; known keys: ${KEYS.join(', ')}`, [k], 'key');
    } else if (k === 'serviceNodePortRange') {
      const range = typeof v === 'string' ? parsePortRange(v) : undefined;
      if (!range) bad(`serviceNodePortRange must be a port range such as "30000-32767", not ${JSON.stringify(v)}`, [k]);
      else cfg.serviceNodePortRange = range;
    } else if (k === 'allowSnippets') {
      if (typeof v !== 'boolean') bad('allowSnippets must be true or false', [k]);
      else cfg.allowSnippets = v;
    } else if (k === 'ignorePaths') {
      if (!Array.isArray(v) || !v.every((p) => typeof p === 'string' && p !== '')) bad('ignorePaths must be a list of path globs', [k]);
      else cfg.ignorePaths = v;
    } else if (v !== null) {
      if (typeof v !== 'object' || Array.isArray(v)) {
        bad('rules must map rule ids to off, info, warn or error', [k]);
        continue;
      }
      for (const [id, s] of Object.entries(v as Record<string, unknown>)) {
        if (!ruleIds.includes(id)) {
          const guess = closest(id, ruleIds);
          bad(`unknown rule "${id}"${guess ? ` (did you mean "${guess}"?)` : ''}`, [k, id], 'key');
          continue;
        }
        const setting = typeof s === 'string' ? SETTINGS[s] : undefined;
        if (!setting) bad(`rule "${id}": severity must be off, info, warn or error, not ${JSON.stringify(s)}`, [k, id]);
        else cfg.rules[id] = setting;
      }
    }
  }
  if (problems.length) throw new ConfigError(problems, file);
  return cfg;
}
