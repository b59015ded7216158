// ignorePaths globs: "**" any depth, "*" within one path segment, "?" one character.
// A pattern without "/" matches a name at any depth (as .gitignore does).

export function globToRegExp(glob: string): RegExp {
  let g = glob.replace(/^\.\//, '');
  if (g.endsWith('/')) g += '**';
  const anyDepth = !g.includes('/');
  let re = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*' && g[i + 1] === '*') {
      const slash = g[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${anyDepth ? '(?:.*/)?' : ''}${re}(?:/.*)?$`);
}

/** Does `relativePath` (forward slashes, relative to the config's directory) match any glob? */
export function matchesAny(relativePath: string, globs: readonly RegExp[]): boolean {
  return globs.some((g) => g.test(relativePath));
}
