// A tagged template that escapes every interpolated value unless it is already `SafeHtml`, so a
// page cannot forget to escape (house style: security rules carried by types). Only this module
// and `trustedHtml` below mint `SafeHtml`; nothing derived from a request may go through them.
import { escapeHtml } from './escape-html.js'

declare const safeHtmlBrand: unique symbol

/** Markup that is safe to emit as is: built by `html` from escaped parts. */
export type SafeHtml = { readonly [safeHtmlBrand]: true; readonly markup: string }

/** What may be interpolated: text (escaped), numbers, SafeHtml, lists of these; null/false render nothing. */
export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[]

// Minted values are remembered by identity: an object that merely looks like SafeHtml (a parsed
// JSON body, say) is refused, never emitted as markup.
const minted = new WeakSet<object>()

function mint(markup: string): SafeHtml {
  const value = Object.freeze({ markup }) as SafeHtml
  minted.add(value)
  return value
}

const isSafe = (value: unknown): value is SafeHtml =>
  typeof value === 'object' && value !== null && minted.has(value)

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return ''
  if (typeof value === 'number') return escapeHtml(String(value))
  if (typeof value === 'string') return escapeHtml(value)
  if (isSafe(value)) return value.markup
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('')
  // Fail closed: anything else (a forged look-alike, a stray object) is a bug, not markup.
  throw new TypeError('html: only text, numbers, SafeHtml and lists of them can be interpolated')
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? ''
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '')
  })
  return mint(out)
}

/** Constant markup written in this folder (the stylesheet). Never pass request-derived text. */
export const trustedHtml = (constant: string): SafeHtml => mint(constant)
