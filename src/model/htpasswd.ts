// htpasswd files (auth-secret): users, the format of each hash, and verification of the
// formats serve can check. Which target verifies which format is in the support matrix.
// node:crypto is loaded when a password is first checked (serve), not at every start-up
/* eslint-disable @typescript-eslint/no-require-imports */
const createHash: typeof import('node:crypto').createHash = (...a) => (require('node:crypto') as typeof import('node:crypto')).createHash(...a);
const timingSafeEqual: typeof import('node:crypto').timingSafeEqual = (a, b) => (require('node:crypto') as typeof import('node:crypto')).timingSafeEqual(a, b);
/* eslint-enable @typescript-eslint/no-require-imports */
import type { HashFormat, HtpasswdUser } from './policy.js';

export interface ParsedHtpasswd {
  users: HtpasswdUser[];
  /** 1-based line numbers of lines that are not `user:hash` with a known hash format, and why */
  problems: { line: number; reason: string }[];
}

const B64 = '[A-Za-z0-9+/]+={0,2}';
const CRYPT64 = '[./0-9A-Za-z]';

/** The format of one hash, or undefined when no target reads it. */
export function hashFormat(hash: string): HashFormat | undefined {
  if (new RegExp(`^\\$apr1\\$[^$]{1,8}\\$${CRYPT64}{22}$`).test(hash)) return 'apr1';
  if (new RegExp(`^\\$1\\$[^$]{1,8}\\$${CRYPT64}{22}$`).test(hash)) return 'md5-crypt';
  if (new RegExp(`^\\$5\\$(?:rounds=\\d{1,9}\\$)?[^$]{1,16}\\$${CRYPT64}{43}$`).test(hash)) return 'sha256-crypt';
  if (new RegExp(`^\\$6\\$(?:rounds=\\d{1,9}\\$)?[^$]{1,16}\\$${CRYPT64}{86}$`).test(hash)) return 'sha512-crypt';
  if (new RegExp(`^\\$2[aby]\\$\\d\\d\\$${CRYPT64}{53}$`).test(hash)) return 'bcrypt';
  if (new RegExp(`^\\{SHA\\}${B64}$`).test(hash)) return 'sha1';
  if (new RegExp(`^\\{SSHA\\}${B64}$`).test(hash)) return 'ssha';
  if (/^\{PLAIN\}[\x20-\x7e]*$/.test(hash)) return 'plain';
  if (new RegExp(`^${CRYPT64}{13}$`).test(hash)) return 'des-crypt';
  return undefined;
}

/** `user:hash` lines; blank lines and "#" comments skipped. The first entry of a name counts, as in nginx. */
export function parseHtpasswd(text: string): ParsedHtpasswd {
  const users: HtpasswdUser[] = [];
  const problems: ParsedHtpasswd['problems'] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon) : '';
    // nginx reads a hash up to the next ":" (htpasswd files may carry a comment field)
    const hash = colon > 0 ? line.slice(colon + 1).split(':')[0] : '';
    if (!/^[\x21-\x7e]+$/.test(name)) return problems.push({ line: i + 1, reason: 'not a "user:hash" line' });
    const format = hashFormat(hash);
    if (!format) return problems.push({ line: i + 1, reason: `the hash of user ${JSON.stringify(name)} is in no known format` });
    if (seen.has(name)) return problems.push({ line: i + 1, reason: `user ${JSON.stringify(name)} appears again; the first entry counts` });
    seen.add(name);
    users.push({ name, format, hash });
  });
  return { users, problems };
}

/** Formats `verifyPassword` can check (what serve verifies). */
export const VERIFIABLE: ReadonlySet<HashFormat> = new Set(['apr1', 'md5-crypt', 'sha256-crypt', 'sha512-crypt', 'sha1', 'ssha', 'plain']);

/** Does `password` match `user`'s hash? Undefined when this format cannot be checked here. */
export function verifyPassword(user: HtpasswdUser, password: string): boolean | undefined {
  const pw = Buffer.from(password, 'utf8');
  const h = user.hash;
  switch (user.format) {
    case 'apr1':
    case 'md5-crypt': {
      const magic = user.format === 'apr1' ? '$apr1$' : '$1$';
      const salt = h.slice(magic.length, h.indexOf('$', magic.length));
      return same(md5Crypt(pw, salt, magic), h);
    }
    case 'sha256-crypt':
    case 'sha512-crypt':
      return same(shaCrypt(pw, h, user.format === 'sha256-crypt' ? 'sha256' : 'sha512'), h);
    case 'sha1':
      return same(`{SHA}${createHash('sha1').update(pw).digest('base64')}`, h);
    case 'ssha': {
      const raw = Buffer.from(h.slice(6), 'base64');
      if (raw.length <= 20) return false;
      const salt = raw.subarray(20);
      const digest = createHash('sha1').update(pw).update(salt).digest();
      return timingSafeEqual(digest, raw.subarray(0, 20));
    }
    case 'plain':
      return same(`{PLAIN}${password}`, h);
    default:
      return undefined;
  }
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const ITOA64 = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function to64(v: number, n: number): string {
  let out = '';
  for (; n > 0; n--, v >>= 6) out += ITOA64[v & 0x3f];
  return out;
}

const md5 = (...parts: (Buffer | string)[]) => {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** Poul-Henning Kamp's MD5 crypt: "$1$" (glibc) and Apache's "$apr1$" differ only in the magic. */
export function md5Crypt(pw: Buffer, salt: string, magic: string): string {
  const s = Buffer.from(salt.slice(0, 8));
  const ctx = createHash('md5').update(pw).update(magic).update(s);
  let fin = md5(pw, s, pw);
  for (let pl = pw.length; pl > 0; pl -= 16) ctx.update(fin.subarray(0, Math.min(pl, 16)));
  for (let i = pw.length; i; i >>= 1) ctx.update(i & 1 ? Buffer.from([0]) : pw.subarray(0, 1));
  fin = ctx.digest();
  for (let i = 0; i < 1000; i++) {
    const c = createHash('md5');
    c.update(i & 1 ? pw : fin);
    if (i % 3) c.update(s);
    if (i % 7) c.update(pw);
    c.update(i & 1 ? fin : pw);
    fin = c.digest();
  }
  const f = fin;
  const enc =
    to64((f[0] << 16) | (f[6] << 8) | f[12], 4) +
    to64((f[1] << 16) | (f[7] << 8) | f[13], 4) +
    to64((f[2] << 16) | (f[8] << 8) | f[14], 4) +
    to64((f[3] << 16) | (f[9] << 8) | f[15], 4) +
    to64((f[4] << 16) | (f[10] << 8) | f[5], 4) +
    to64(f[11], 2);
  return `${magic}${s.toString()}$${enc}`;
}

// Byte order of the final encoding (Drepper's SHA-crypt specification), three bytes a group.
const ORDER_256 = [[0, 10, 20], [21, 1, 11], [12, 22, 2], [3, 13, 23], [24, 4, 14], [15, 25, 5], [6, 16, 26], [27, 7, 17], [18, 28, 8], [9, 19, 29]];
const ORDER_512 = [[0, 21, 42], [22, 43, 1], [44, 2, 23], [3, 24, 45], [25, 46, 4], [47, 5, 26], [6, 27, 48], [28, 49, 7], [50, 8, 29], [9, 30, 51], [31, 52, 10], [53, 11, 32], [12, 33, 54], [34, 55, 13], [56, 14, 35], [15, 36, 57], [37, 58, 16], [59, 17, 38], [18, 39, 60], [40, 61, 19], [62, 20, 41]];

/** SHA-256/512 crypt ("$5$", "$6$"), reading salt and rounds from `setting` (a full hash is fine). */
export function shaCrypt(pw: Buffer, setting: string, alg: 'sha256' | 'sha512'): string {
  const magic = alg === 'sha256' ? '$5$' : '$6$';
  let rest = setting.slice(3);
  let rounds = 5000;
  let custom = false;
  const r = /^rounds=(\d+)\$/.exec(rest);
  if (r) {
    rounds = Math.min(999_999_999, Math.max(1000, Number(r[1])));
    custom = true;
    rest = rest.slice(r[0].length);
  }
  const end = rest.indexOf('$');
  const salt = Buffer.from((end === -1 ? rest : rest.slice(0, end)).slice(0, 16));
  const H = (...parts: Buffer[]) => {
    const h = createHash(alg);
    for (const p of parts) h.update(p);
    return h.digest();
  };
  const size = alg === 'sha256' ? 32 : 64;
  const repeat = (block: Buffer, len: number) => Buffer.concat(Array.from({ length: Math.ceil(len / size) }, () => block)).subarray(0, len);
  const B = H(pw, salt, pw);
  const a = createHash(alg).update(pw).update(salt).update(repeat(B, pw.length));
  for (let i = pw.length; i > 0; i >>= 1) a.update(i & 1 ? B : pw);
  const A = a.digest();
  const dp = createHash(alg);
  for (let i = 0; i < pw.length; i++) dp.update(pw);
  const P = repeat(dp.digest(), pw.length);
  const ds = createHash(alg);
  for (let i = 0; i < 16 + A[0]; i++) ds.update(salt);
  const S = repeat(ds.digest(), salt.length);
  let C = A;
  for (let i = 0; i < rounds; i++) {
    const c = createHash(alg);
    c.update(i & 1 ? P : C);
    if (i % 3) c.update(S);
    if (i % 7) c.update(P);
    c.update(i & 1 ? C : P);
    C = c.digest();
  }
  let enc = '';
  for (const [x, y, z] of alg === 'sha256' ? ORDER_256 : ORDER_512) enc += to64((C[x] << 16) | (C[y] << 8) | C[z], 4);
  enc += alg === 'sha256' ? to64((C[31] << 8) | C[30], 3) : to64(C[63], 2);
  return `${magic}${custom ? `rounds=${rounds}$` : ''}${salt.toString()}$${enc}`;
}
