// Makes the characters a warning names visible: each becomes a boxed "U+202E" label, so a
// disguised name reads as what it is (the consent page shows this form whenever a warning exists).
import { codePointLabel, type DisplayNameWarning } from './display-name-warnings.js'
import { html, type SafeHtml } from './html.js'

/** Longest name shown, in code points: a page must stay readable whatever a registrant sends. */
export const MAX_DISPLAY_NAME = 120

/** `name` as markup, flagged code points shown as labels, cut at MAX_DISPLAY_NAME code points. */
export function revealDisplayName(name: string, warnings: readonly DisplayNameWarning[]): SafeHtml {
  const flagged = new Set(warnings.flatMap((w) => w.codePoints))
  const chars = Array.from(name)
  const shown = chars.slice(0, MAX_DISPLAY_NAME).map((ch) => {
    const label = codePointLabel(ch)
    return flagged.has(label) ? html`<span class="cp" title="${label}">${label}</span>` : ch
  })
  return html`<bdi>${shown}${chars.length > MAX_DISPLAY_NAME ? '…' : ''}</bdi>`
}
