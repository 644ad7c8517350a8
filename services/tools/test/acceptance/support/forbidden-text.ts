// What a tool result shown to the model must never carry (graph-errors.ts: raw Graph text, URLs,
// request ids and tokens go to the log only).
const FORBIDDEN: readonly [string, RegExp][] = [
  ['a URL', /https?:\/\//i],
  ['the Graph host', /graph\.microsoft/i],
  ['a request id (GUID)', /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i],
  ['a JWT', /eyJ/],
  ['a stack trace', /\n\s+at\s|\.ts:\d+|\.js:\d+/],
]

/** The names of the forbidden things `text` contains (empty when clean). */
export function leaks(text: string): string[] {
  return FORBIDDEN.filter(([, pattern]) => pattern.test(text)).map(([name]) => name)
}
