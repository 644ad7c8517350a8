// Parser for the `$filter` subset the emulator evaluates (OData v4.01 URL conventions §5.1.1):
// comparisons (eq ne gt ge lt le), `in`, startsWith/endsWith/contains, `and`, `or`, `not`,
// parentheses, and string ('' escapes a quote), boolean, null, number and DateTimeOffset literals.
// Lambda operators (any/all) and arithmetic parse as unsupported functions or syntax errors.

export type FilterLiteral =
  | { type: 'string'; value: string }
  | { type: 'boolean'; value: boolean }
  | { type: 'null' }
  | { type: 'number'; value: number }
  | { type: 'dateTime'; value: number; raw: string }

export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le'

export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'compare'; op: CompareOp; path: string; value: FilterLiteral }
  | { kind: 'in'; path: string; values: FilterLiteral[] }
  | { kind: 'call'; fn: string; path: string; value: FilterLiteral }

export class FilterSyntaxError extends Error {
  constructor(readonly position: number) {
    super(`Syntax error at position ${position}`)
  }
}

/** A call to a function the parser knows is not supported here (lambda operators, functions). */
export class FilterUnsupportedError extends Error {}

type Token =
  | { t: 'punct'; v: '(' | ')' | ',' | ':'; pos: number }
  | { t: 'string'; v: string; pos: number }
  | { t: 'word'; v: string; pos: number }
  | { t: 'atom'; v: string; pos: number } // numbers and date-time literals

const COMPARE_OPS = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le'])
export const FILTER_FUNCTIONS = new Set(['startswith', 'endswith', 'contains'])

function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < text.length) {
    const c = text[i] as string
    if (c === ' ' || c === '\t') {
      i++
    } else if (c === '(' || c === ')' || c === ',' || c === ':') {
      // ':' only occurs in lambda expressions (any/all), which are refused as unsupported.
      tokens.push({ t: 'punct', v: c, pos: i })
      i++
    } else if (c === "'") {
      const start = i
      let value = ''
      i++
      for (;;) {
        if (i >= text.length) throw new FilterSyntaxError(start)
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'"
            i += 2
            continue
          }
          i++
          break
        }
        value += text[i]
        i++
      }
      tokens.push({ t: 'string', v: value, pos: start })
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*/.exec(text.slice(i)) as RegExpExecArray
      tokens.push({ t: 'word', v: m[0], pos: i })
      i += m[0].length
    } else if (/[0-9-]/.test(c)) {
      const m = /^-?[0-9][0-9A-Za-z:.+-]*/.exec(text.slice(i))
      if (!m) throw new FilterSyntaxError(i)
      tokens.push({ t: 'atom', v: m[0], pos: i })
      i += m[0].length
    } else {
      throw new FilterSyntaxError(i)
    }
  }
  return tokens
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/

export function parseFilter(text: string): FilterNode {
  const tokens = tokenize(text)
  let at = 0
  const peek = () => tokens[at]
  const end = () => text.length
  const fail = (tok?: Token): never => {
    throw new FilterSyntaxError(tok ? tok.pos : end())
  }
  const isWord = (tok: Token | undefined, v: string): boolean => tok?.t === 'word' && tok.v === v
  const expectPunct = (v: '(' | ')' | ','): void => {
    const tok = tokens[at]
    if (tok?.t !== 'punct' || tok.v !== v) fail(tok)
    at++
  }

  function literal(): FilterLiteral {
    const tok = tokens[at++]
    if (!tok) return fail()
    if (tok.t === 'string') return { type: 'string', value: tok.v }
    if (tok.t === 'word') {
      if (tok.v === 'true' || tok.v === 'false') return { type: 'boolean', value: tok.v === 'true' }
      if (tok.v === 'null') return { type: 'null' }
      return fail(tok)
    }
    if (tok.t === 'atom') {
      if (/^-?\d+(\.\d+)?$/.test(tok.v)) return { type: 'number', value: Number(tok.v) }
      const ms = DATE_TIME.test(tok.v) ? Date.parse(tok.v) : NaN
      if (!Number.isNaN(ms)) return { type: 'dateTime', value: ms, raw: tok.v }
    }
    return fail(tok)
  }

  function primary(): FilterNode {
    const tok = peek()
    if (!tok) return fail()
    if (tok.t === 'punct' && tok.v === '(') {
      at++
      const inner = orExpr()
      expectPunct(')')
      return inner
    }
    if (isWord(tok, 'not')) {
      at++
      return { kind: 'not', operand: primary() }
    }
    if (tok.t !== 'word') return fail(tok)
    at++
    const next = peek()
    if (next?.t === 'punct' && next.v === '(') {
      // A function call: name(path, literal).
      const fn = tok.v.toLowerCase()
      if (!FILTER_FUNCTIONS.has(fn)) throw new FilterUnsupportedError(tok.v)
      at++
      const pathTok = tokens[at++]
      if (pathTok?.t !== 'word') return fail(pathTok)
      expectPunct(',')
      const value = literal()
      expectPunct(')')
      return { kind: 'call', fn, path: pathTok.v, value }
    }
    const opTok = tokens[at++]
    if (opTok?.t === 'word' && COMPARE_OPS.has(opTok.v)) {
      return { kind: 'compare', op: opTok.v as CompareOp, path: tok.v, value: literal() }
    }
    if (isWord(opTok, 'in')) {
      expectPunct('(')
      const values = [literal()]
      while (peek()?.t === 'punct' && (peek() as Token).v === ',') {
        at++
        values.push(literal())
      }
      expectPunct(')')
      return { kind: 'in', path: tok.v, values }
    }
    return fail(opTok)
  }

  function andExpr(): FilterNode {
    let left = primary()
    while (isWord(peek(), 'and')) {
      at++
      left = { kind: 'and', left, right: primary() }
    }
    return left
  }

  function orExpr(): FilterNode {
    let left = andExpr()
    while (isWord(peek(), 'or')) {
      at++
      left = { kind: 'or', left, right: andExpr() }
    }
    return left
  }

  if (tokens.length === 0) fail()
  const tree = orExpr()
  if (at < tokens.length) fail(tokens[at])
  return tree
}
