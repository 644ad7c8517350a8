// A path on this origin, as a Location or form action: "/x", never "//host" or "/\host", which
// browsers resolve to another host (WHATWG URL §4.4, backslash as slash in special schemes), and
// no whitespace or control characters that some agents strip before resolving.
const SAME_ORIGIN_PATH = /^\/(?![/\\])[^\s\\\p{Cc}]*$/u

export const isSameOriginPath = (value: string): boolean =>
  typeof value === 'string' && SAME_ORIGIN_PATH.test(value)
