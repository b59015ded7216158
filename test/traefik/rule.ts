// Traefik's router rule language, as its documentation describes it ("Rules & Priority"):
// matcher calls whose arguments are Go string literals (between backticks, nothing
// interpreted; or between double quotes, with Go's escapes), combined with && and ||
// (&& binds tighter), ! and parentheses. parseRule gives the syntax tree; a rule that does
// not parse throws, as Traefik refuses the router.

export type RuleNode =
  | { op: 'and' | 'or'; left: RuleNode; right: RuleNode }
  | { op: 'not'; inner: RuleNode }
  | { op: 'call'; name: string; args: string[] };

const MATCHERS: Record<string, number[]> = {
  Host: [1], HostRegexp: [1], Path: [1], PathPrefix: [1], PathRegexp: [1], Method: [1], ClientIP: [1],
  Header: [2], HeaderRegexp: [2], Query: [1, 2], QueryRegexp: [1, 2],
};

type Token = { kind: 'ident' | 'string' | 'punct'; text: string; at: number };

function tokenize(rule: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < rule.length) {
    const c = rule[i];
    if (c === ' ' || c === '\t' || c === '\n') i++;
    else if (rule.startsWith('&&', i) || rule.startsWith('||', i)) out.push({ kind: 'punct', text: rule.slice(i, i + 2), at: (i += 2) - 2 });
    else if ('()!,'.includes(c)) out.push({ kind: 'punct', text: c, at: i++ });
    else if (c === '`') {
      const end = rule.indexOf('`', i + 1);
      if (end === -1) throw new Error(`unterminated raw string at ${i}`);
      out.push({ kind: 'string', text: rule.slice(i + 1, end), at: i });
      i = end + 1;
    } else if (c === '"') {
      let text = '';
      let j = i + 1;
      for (; j < rule.length && rule[j] !== '"'; j++) {
        if (rule[j] === '\n') throw new Error('newline in a string');
        if (rule[j] !== '\\') {
          text += rule[j];
          continue;
        }
        const e = rule[++j];
        const simple: Record<string, string> = { '\\': '\\', '"': '"', n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v' };
        if (e in simple) text += simple[e];
        else if (e === 'x' && /^[0-9A-Fa-f]{2}$/.test(rule.slice(j + 1, j + 3))) {
          text += String.fromCharCode(parseInt(rule.slice(j + 1, j + 3), 16));
          j += 2;
        } else throw new Error(`unknown escape \\${e} at ${j}`);
      }
      if (j >= rule.length) throw new Error(`unterminated string at ${i}`);
      out.push({ kind: 'string', text, at: i });
      i = j + 1;
    } else if (/[A-Za-z]/.test(c)) {
      const m = /^[A-Za-z][A-Za-z0-9]*/.exec(rule.slice(i))!;
      out.push({ kind: 'ident', text: m[0], at: i });
      i += m[0].length;
    } else throw new Error(`unexpected ${JSON.stringify(c)} at ${i}`);
  }
  return out;
}

export function parseRule(rule: string): RuleNode {
  const tokens = tokenize(rule);
  let p = 0;
  const peek = () => tokens[p];
  const expect = (text: string) => {
    const t = tokens[p++];
    if (!t || t.text !== text || t.kind !== 'punct') throw new Error(`expected ${text} at ${t ? t.at : 'the end'}`);
  };
  const or = (): RuleNode => {
    let left = and();
    while (peek()?.text === '||' && peek().kind === 'punct') {
      p++;
      left = { op: 'or', left, right: and() };
    }
    return left;
  };
  const and = (): RuleNode => {
    let left = unary();
    while (peek()?.text === '&&' && peek().kind === 'punct') {
      p++;
      left = { op: 'and', left, right: unary() };
    }
    return left;
  };
  const unary = (): RuleNode => {
    const t = tokens[p];
    if (!t) throw new Error('unexpected end of the rule');
    if (t.kind === 'punct' && t.text === '!') {
      p++;
      return { op: 'not', inner: unary() };
    }
    if (t.kind === 'punct' && t.text === '(') {
      p++;
      const inner = or();
      expect(')');
      return inner;
    }
    if (t.kind !== 'ident') throw new Error(`unexpected ${JSON.stringify(t.text)} at ${t.at}`);
    p++;
    const counts = MATCHERS[t.text];
    if (!counts) throw new Error(`unknown matcher ${t.text}`);
    expect('(');
    const args: string[] = [];
    for (;;) {
      const a = tokens[p++];
      if (!a || a.kind !== 'string') throw new Error(`expected a string argument of ${t.text}`);
      args.push(a.text);
      if (peek()?.text === ',' && peek().kind === 'punct') p++;
      else break;
    }
    expect(')');
    if (!counts.includes(args.length)) throw new Error(`${t.text} takes ${counts.join(' or ')} arguments, not ${args.length}`);
    return { op: 'call', name: t.text, args };
  };
  const tree = or();
  if (p !== tokens.length) throw new Error(`unexpected ${JSON.stringify(tokens[p].text)} at ${tokens[p].at}`);
  return tree;
}
