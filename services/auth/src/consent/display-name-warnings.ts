// Spoofing checks on a client-supplied display name (ATTACKS B14). A DCR or CIMD registrant picks
// `client_name` freely (RFC 7591 §2, §5: "the authorization server SHOULD … display information
// about the client" and RFC 9700 §4.11 on impersonating clients), so the consent page flags names
// that could pass for another: bidi controls that reorder text (CVE-2021-42574 "Trojan Source"),
// invisible and control characters, unusual spaces, compatibility forms (NFKC, UAX #15), scripts
// mixed outside UTS #39 §5.2 "Highly Restrictive", and whole-script confusables (UTS #39 §4).
import { LATIN_LOOKALIKES, scriptOf } from './unicode-scripts.js'

export type DisplayNameWarningCode =
  | 'bidi-control'
  | 'invisible'
  | 'control'
  | 'unusual-space'
  | 'compatibility-form'
  | 'mixed-script'
  | 'whole-script-confusable'

export interface DisplayNameWarning {
  readonly code: DisplayNameWarningCode
  /** Public text shown on the consent page. */
  readonly message: string
  /** The offending code points, `U+XXXX`, in order of first appearance. */
  readonly codePoints: readonly string[]
}

const BIDI = /\p{Bidi_Control}/u
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u
const CONTROL = /[\p{Cc}\p{Co}\p{Cs}]/u
const SPACE = /[\p{White_Space}\p{Zs}]/u
const LETTER = /\p{L}/u

/** UTS #39 §5.2 Highly Restrictive: a single script, or Latin with one of these CJK sets. */
const ALLOWED_SETS: readonly ReadonlySet<string>[] = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Bopomofo']),
  new Set(['Latin', 'Han', 'Hangul']),
]

const MESSAGES: Readonly<Record<DisplayNameWarningCode, string>> = {
  'bidi-control': 'contains bidirectional control characters that can reorder how the name reads',
  invisible: 'contains invisible characters',
  control: 'contains control or private-use characters',
  'unusual-space': 'contains spaces other than the ordinary space',
  'compatibility-form': 'contains stylised letters (full-width, mathematical or similar forms)',
  'mixed-script': 'mixes letters from different alphabets, for example Latin with Cyrillic or Greek',
  'whole-script-confusable': 'is written only with letters that imitate Latin letters',
}

export const codePointLabel = (ch: string): string =>
  `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`

/** Warnings for `name`, none for an ordinary name; each lists the code points to reveal. */
export function inspectDisplayName(name: string): DisplayNameWarning[] {
  const chars = Array.from(name)
  const found = new Map<DisplayNameWarningCode, Set<string>>()
  const flag = (code: DisplayNameWarningCode, ch: string) => {
    const set = found.get(code) ?? new Set<string>()
    found.set(code, set.add(codePointLabel(ch)))
  }

  const letters: Array<{ ch: string; script: string }> = []
  for (const ch of chars) {
    if (BIDI.test(ch)) flag('bidi-control', ch)
    else if (INVISIBLE.test(ch)) flag('invisible', ch)
    else if (CONTROL.test(ch)) flag('control', ch)
    else if (SPACE.test(ch) && ch !== ' ') flag('unusual-space', ch)
    else if (ch.normalize('NFKC') !== ch) flag('compatibility-form', ch)
    else if (LETTER.test(ch)) letters.push({ ch, script: scriptOf(ch) })
  }

  const counts = new Map<string, number>()
  for (const { script } of letters) counts.set(script, (counts.get(script) ?? 0) + 1)
  const scripts = new Set(counts.keys())
  if (scripts.size > 1 && !ALLOWED_SETS.some((set) => [...scripts].every((s) => set.has(s)))) {
    // Reveal the letters doing the disguising: the non-Latin ones when Latin is present (brand names
    // imitated are Latin: "Pаypal" with a Cyrillic а), otherwise every script but the commonest.
    const keep = scripts.has('Latin') ? 'Latin' : [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0]
    for (const { ch, script } of letters) if (script !== keep) flag('mixed-script', ch)
  } else if (
    scripts.size === 1 &&
    !scripts.has('Latin') &&
    letters.every(({ ch }) => LATIN_LOOKALIKES.has(ch))
  ) {
    for (const { ch } of letters) flag('whole-script-confusable', ch)
  }

  return [...found.entries()].map(([code, points]) => ({
    code,
    message: MESSAGES[code],
    codePoints: [...points],
  }))
}
