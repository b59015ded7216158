// Source ranges (403) and HTTP Basic authentication (401), as the model decides them.
import { cidrContains, formatCidr } from './cidr.js';
import { verifyPassword } from './htpasswd.js';
import type { BasicAuth, SourceRanges } from './policy.js';

/** Why `ip` is refused, or undefined when it is allowed: denied networks first, then the allow-list. */
export function sourceRefusal(ranges: SourceRanges, ip: string): string | undefined {
  const denied = ranges.deny.find((c) => cidrContains(c, ip));
  if (denied) return `client ${ip} is in denylist-source-range ${formatCidr(denied)}`;
  if (ranges.allow.length && !ranges.allow.some((c) => cidrContains(c, ip))) return `client ${ip} is not in allowlist-source-range ${ranges.allow.map(formatCidr).join(', ')}`;
  return undefined;
}

/** Why the credentials in `authorization` are refused, or undefined when they name a user with the right password. */
export function authRefusal(auth: BasicAuth, authorization: string | undefined): string | undefined {
  const m = /^Basic[ \t]+([A-Za-z0-9+/]+={0,2})[ \t]*$/i.exec(authorization ?? '');
  if (!m) return authorization ? 'the Authorization header is not Basic credentials' : 'no credentials (Authorization: Basic …) were sent';
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return 'the Basic credentials have no ":"';
  const name = decoded.slice(0, colon);
  const user = auth.users.find((u) => u.name === name);
  if (!user) return `user ${JSON.stringify(name)} is not in Secret ${auth.secret.namespace}/${auth.secret.name}`;
  const ok = verifyPassword(user, decoded.slice(colon + 1));
  if (ok === undefined) return `the password of user ${JSON.stringify(name)} is a ${user.format} hash, which cannot be checked here`;
  return ok ? undefined : `wrong password for user ${JSON.stringify(name)}`;
}
