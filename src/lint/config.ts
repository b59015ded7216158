// .ingressctl.yaml: rule severities, ignored paths, snippets allowed. Found from the
// working directory upward, or named with --config. A bad config is a usage error (exit 2).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { load } from 'js-yaml';
import type { Severity } from '../findings/finding.js';
import { closest } from '../util/did-you-mean.js';
import { InputError } from '../load/errors.js';
import { parsePortRange } from './k8s/node-ports.js';

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

/** Reads and checks a config file; every problem is an InputError naming the file. */
export function loadConfig(file: string, ruleIds: readonly string[]): LintConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read config: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, file);
  }
  let raw: unknown;
  try {
    raw = load(text) ?? {};
  } catch (err) {
    throw new InputError(`config is not valid YAML: ${(err as Error).message.split('\n')[0]}`, file);
  }
  return checkConfig(raw, file, ruleIds);
}

export function checkConfig(raw: unknown, file: string, ruleIds: readonly string[]): LintConfig {
  const bad = (msg: string) => new InputError(`config: ${msg}`, file);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw bad('must be a mapping with rules, ignorePaths, allowSnippets and serviceNodePortRange');
  const cfg = emptyConfig(dirname(resolve(file)));
  cfg.file = file;
  for (const [k, v] of Object.entries(raw)) {
    if (!KEYS.includes(k)) {
      const guess = closest(k, KEYS);
      throw bad(`unknown key "${k}"${guess ? ` (did you mean "${guess}"?)` : ''}; known keys: ${KEYS.join(', ')}`);
    }
    if (k === 'serviceNodePortRange') {
      const range = typeof v === 'string' ? parsePortRange(v) : undefined;
      if (!range) throw bad(`serviceNodePortRange must be a port range such as "30000-32767", not ${JSON.stringify(v)}`);
      cfg.serviceNodePortRange = range;
    } else if (k === 'allowSnippets') {
      if (typeof v !== 'boolean') throw bad('allowSnippets must be true or false');
      cfg.allowSnippets = v;
    } else if (k === 'ignorePaths') {
      if (!Array.isArray(v) || !v.every((p) => typeof p === 'string' && p !== '')) throw bad('ignorePaths must be a list of path globs');
      cfg.ignorePaths = v;
    } else if (v !== null) {
      if (typeof v !== 'object' || Array.isArray(v)) throw bad('rules must map rule ids to off, info, warn or error');
      for (const [id, s] of Object.entries(v as Record<string, unknown>)) {
        if (!ruleIds.includes(id)) {
          const guess = closest(id, ruleIds);
          throw bad(`unknown rule "${id}"${guess ? ` (did you mean "${guess}"?)` : ''}`);
        }
        const setting = typeof s === 'string' ? SETTINGS[s] : undefined;
        if (!setting) throw bad(`rule "${id}": severity must be off, info, warn or error, not ${JSON.stringify(s)}`);
        cfg.rules[id] = setting;
      }
    }
  }
  return cfg;
}
