// Escaping for HTML text and quoted attribute values (HTML Living Standard §13.1.2.3, OWASP XSS
// Prevention Cheat Sheet rules #1 and #2). Every attribute we emit is double-quoted, so escaping
// & < > " ' (and ` for legacy attribute parsing) is sufficient in both contexts. NUL and lone
// surrogates become U+FFFD, as the HTML parser would make them, so the output is always valid UTF-8.

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
}

const SPECIAL = /[&<>"'`]/g
const UNSAFE_CODE_UNITS = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** `value` safe to place in HTML text or in a quoted attribute value. */
export function escapeHtml(value: string): string {
  return String(value)
    .replace(UNSAFE_CODE_UNITS, '\uFFFD')
    .replace(SPECIAL, (ch) => ENTITIES[ch] ?? '\uFFFD')
}
