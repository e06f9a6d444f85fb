/**
 * A subset of the ECS cluster query language used by `memberOf` constraints [ECS-DG
 * cluster-query-language] (reference A4.2): `subject operator [argument]` joined by `&&`/`and`,
 * `||`/`or`, `!`/`not` and parentheses. Subjects: `attribute:<name>`, `ec2InstanceId`,
 * `agentConnected`, `runningTasksCount`, `task:group`. Operators: ==/equals, !=/not_equals, > >= < <=,
 * exists, !exists/not_exists, in [..], !in/not_in, =~/matches, !~/not_matches (full-match regex, like
 * Java's `matches`).
 */

/** A parsed expression tree. */
export type QueryExpr =
  | { readonly kind: 'and' | 'or'; readonly left: QueryExpr; readonly right: QueryExpr }
  | { readonly kind: 'not'; readonly inner: QueryExpr }
  | {
      readonly kind: 'cmp';
      readonly subject: string;
      readonly op: string;
      readonly args: readonly string[];
    };

/** What an expression is evaluated against: one container instance and the task groups on it. */
export interface QueryTarget {
  readonly ec2InstanceId: string;
  readonly agentConnected: boolean;
  readonly attributes: Readonly<Record<string, string>>;
  readonly runningTasksCount: number;
  readonly taskGroups: readonly string[];
}

const OPS: Readonly<Record<string, string>> = {
  '==': '==',
  equals: '==',
  '!=': '!=',
  not_equals: '!=',
  '>': '>',
  '>=': '>=',
  '<': '<',
  '<=': '<=',
  exists: 'exists',
  '!exists': '!exists',
  not_exists: '!exists',
  in: 'in',
  '!in': '!in',
  not_in: '!in',
  '=~': '=~',
  matches: '=~',
  '!~': '!~',
  not_matches: '!~',
};

function tokenize(src: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (['==', '!=', '>=', '<=', '=~', '!~', '&&', '||'].includes(two)) {
      out.push(two);
      i += 2;
      continue;
    }
    if ('()[],!<>'.includes(ch)) {
      out.push(ch);
      i++;
      continue;
    }
    let j = i;
    while (j < src.length && !/[\s()[\],!<>=&|~]/.test(src[j] as string)) j++;
    if (j === i) throw new Error(`unexpected character '${ch}'`);
    out.push(src.slice(i, j));
    i = j;
  }
  return out;
}

/** Parses an expression; throws Error with a short message when it is malformed. */
export function parseQuery(src: string): QueryExpr {
  const toks = tokenize(src);
  let pos = 0;
  const peek = (): string | undefined => toks[pos];
  const take = (): string => {
    const t = toks[pos++];
    if (t === undefined) throw new Error('unexpected end of expression');
    return t;
  };
  const isWord = (t: string | undefined, ...words: string[]): boolean =>
    t !== undefined && words.includes(t.toLowerCase());

  const parseOr = (): QueryExpr => {
    let left = parseAnd();
    while (peek() === '||' || isWord(peek(), 'or')) {
      take();
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): QueryExpr => {
    let left = parseUnary();
    while (peek() === '&&' || isWord(peek(), 'and')) {
      take();
      left = { kind: 'and', left, right: parseUnary() };
    }
    return left;
  };
  const parseUnary = (): QueryExpr => {
    if (peek() === '!' || isWord(peek(), 'not')) {
      take();
      return { kind: 'not', inner: parseUnary() };
    }
    if (peek() === '(') {
      take();
      const inner = parseOr();
      if (take() !== ')') throw new Error("expected ')'");
      return inner;
    }
    return parseComparison();
  };
  const parseComparison = (): QueryExpr => {
    const subject = take();
    if (OPS[subject] || '()[],'.includes(subject))
      throw new Error(`expected a subject, got '${subject}'`);
    let opTok = take();
    if (opTok === '!') opTok = '!' + take();
    // "not in [..]" (two words) is accepted as not_in.
    else if (opTok.toLowerCase() === 'not' && isWord(peek(), 'in', 'exists')) opTok = '!' + take();
    const op = OPS[opTok.toLowerCase()];
    if (!op) throw new Error(`unknown operator '${opTok}'`);
    if (op === 'exists' || op === '!exists') return { kind: 'cmp', subject, op, args: [] };
    if (op === 'in' || op === '!in') {
      if (take() !== '[') throw new Error("expected '[' after in");
      const args: string[] = [];
      while (peek() !== ']') {
        args.push(take());
        if (peek() === ',') take();
      }
      take();
      return { kind: 'cmp', subject, op, args };
    }
    const arg = take();
    if (op === '=~' || op === '!~') new RegExp(`^(?:${arg})$`); // throws on a bad pattern
    return { kind: 'cmp', subject, op, args: [arg] };
  };

  const expr = parseOr();
  if (pos !== toks.length) throw new Error(`unexpected '${toks[pos]}'`);
  return expr;
}

function subjectValues(subject: string, t: QueryTarget): readonly string[] | undefined {
  if (subject.startsWith('attribute:')) {
    const v = t.attributes[subject.slice('attribute:'.length)];
    return v === undefined ? undefined : [v];
  }
  switch (subject) {
    case 'ec2InstanceId':
      return [t.ec2InstanceId];
    case 'agentConnected':
      return [String(t.agentConnected)];
    case 'runningTasksCount':
      return [String(t.runningTasksCount)];
    case 'task:group':
      return t.taskGroups.length ? t.taskGroups : undefined;
    default:
      return undefined;
  }
}

function compareOne(v: string, op: string, args: readonly string[]): boolean {
  const a = args[0] ?? '';
  switch (op) {
    case '==':
      return v === a;
    case '!=':
      return v !== a;
    case 'in':
      return args.includes(v);
    case '!in':
      return !args.includes(v);
    case '=~':
      return new RegExp(`^(?:${a})$`).test(v);
    case '!~':
      return !new RegExp(`^(?:${a})$`).test(v);
    default: {
      const x = Number(v),
        y = Number(a);
      if (Number.isNaN(x) || Number.isNaN(y)) return false;
      return op === '>' ? x > y : op === '>=' ? x >= y : op === '<' ? x < y : x <= y;
    }
  }
}

/** Pure: whether an instance satisfies the expression. */
export function evaluateQuery(expr: QueryExpr, t: QueryTarget): boolean {
  switch (expr.kind) {
    case 'and':
      return evaluateQuery(expr.left, t) && evaluateQuery(expr.right, t);
    case 'or':
      return evaluateQuery(expr.left, t) || evaluateQuery(expr.right, t);
    case 'not':
      return !evaluateQuery(expr.inner, t);
    case 'cmp': {
      const values = subjectValues(expr.subject, t);
      if (expr.op === 'exists') return values !== undefined;
      if (expr.op === '!exists') return values === undefined;
      // Negative operators hold when no value matches (e.g. task:group != x: no task of group x here).
      if (expr.op === '!=' || expr.op === '!in' || expr.op === '!~') {
        return (values ?? []).every((v) => compareOne(v, expr.op, expr.args));
      }
      return (values ?? []).some((v) => compareOne(v, expr.op, expr.args));
    }
  }
}
