// How scalars are read: as kubectl reads them. kubectl decodes YAML with go-yaml v2
// (YAML 1.1): unquoted yes/no/on/off/y/n are booleans, 0755 is octal, 1_000 is 1000.
// Timestamps stay strings (go-yaml keeps them as strings when decoding into JSON).
import {
  Schema,
  FAILSAFE_SCHEMA,
  nullYaml11Tag,
  boolYaml11Tag,
  intYaml11Tag,
  floatYaml11Tag,
  mergeTag,
  binaryTag,
} from 'js-yaml';

export const kubectlSchema = new Schema([
  ...FAILSAFE_SCHEMA.tags,
  nullYaml11Tag,
  boolYaml11Tag,
  intYaml11Tag,
  floatYaml11Tag,
  mergeTag,
  binaryTag,
]);

/** Plain scalars YAML 1.1 reads as a boolean but YAML 1.2 (and most editors) as a string. */
const yaml11OnlyBool = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
/** Plain scalars YAML 1.1 reads as a number but YAML 1.2 differently (octal 0755, 1_000, 1:30). */
const yaml11OnlyNumber = /^[-+]?(?:0[0-7]+|[0-9][0-9_]*_[0-9_]*|[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;

/** First characters those two can start with (by character code): other scalars need neither test. */
const AMBIGUOUS_START = new Uint8Array(128);
for (const c of 'yYnNoO0123456789+-') AMBIGUOUS_START[c.charCodeAt(0)] = 1;

/** Whether a plain scalar starting with character code `c` may be ambiguous (cheap, before the text is sliced). */
export function mayBeAmbiguous(c: number): boolean {
  return AMBIGUOUS_START[c] === 1;
}

export function yaml11Ambiguity(plain: string): 'boolean' | 'number' | undefined {
  if (!mayBeAmbiguous(plain.charCodeAt(0))) return undefined;
  if (yaml11OnlyBool.test(plain)) return 'boolean';
  if (yaml11OnlyNumber.test(plain)) return 'number';
  return undefined;
}
