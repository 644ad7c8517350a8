// Client-chosen names on the consent page (ATTACKS B14; RFC 7591 §5 "Security Considerations"
// on misleading client_name; Unicode TR #36 §2, UTS #39 §5.1 mixed-script detection). Bidi
// controls can reverse how a name reads, invisible characters can hide a difference, and letters
// from look-alike scripts ("Аpple" with a Cyrillic А) can imitate a known client. The text
// returned has controls and invisibles removed; HTML escaping stays the page renderer's job.

export type DisplayWarning = 'bidi_control' | 'invisible' | 'control' | 'mixed_script' | 'empty'

export interface DisplaySafeName {
  readonly text: string
  readonly warnings: readonly DisplayWarning[]
}

type Ranges = ReadonlyArray<readonly [number, number]>

const BIDI: Ranges = [
  [0x061c, 0x061c],
  [0x200e, 0x200f],
  [0x202a, 0x202e],
  [0x2066, 0x2069],
]
// Soft hyphen, combining grapheme joiner, Hangul fillers, Mongolian vowel separator, zero-width
// space and joiners, word joiner and invisible operators, variation selectors, BOM, tag characters.
const INVISIBLE: Ranges = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x115f, 0x1160],
  [0x180e, 0x180e],
  [0x200b, 0x200d],
  [0x2060, 0x2064],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0xe0000, 0xe007f],
  [0xe0100, 0xe01ef],
]
const CONTROL: Ranges = [
  [0x0000, 0x001f],
  [0x007f, 0x009f],
]

const inRanges = (char: string, ranges: Ranges): boolean => {
  const code = char.codePointAt(0) ?? 0
  return ranges.some(([low, high]) => code >= low && code <= high)
}

// Scripts whose letters are commonly confused with Latin or with each other.
const SCRIPTS = [
  'Latin',
  'Cyrillic',
  'Greek',
  'Armenian',
  'Cherokee',
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Bopomofo',
]
const SCRIPT_TESTS = SCRIPTS.map((name) => [name, new RegExp(`\\p{Script=${name}}`, 'u')] as const)
// UTS #39 "Highly Restrictive": Latin may combine with these East Asian sets only.
const ALLOWED_MIXES = [
  ['Latin', 'Han', 'Hiragana', 'Katakana'],
  ['Latin', 'Han', 'Bopomofo'],
  ['Latin', 'Han', 'Hangul'],
]

function scriptsOf(word: string): Set<string> {
  const found = new Set<string>()
  for (const char of word) {
    // Shared characters (digits, punctuation, the katakana-hiragana prolonged sound mark) belong
    // to no single script (UTS #24 Common/Inherited) and never make a mix.
    if (/[\p{Script=Common}\p{Script=Inherited}]/u.test(char)) continue
    const script = SCRIPT_TESTS.find(([, test]) => test.test(char))?.[0]
    if (script !== undefined) found.add(script)
    else if (/\p{L}/u.test(char)) found.add('Other')
  }
  return found
}

function isMixedScript(word: string): boolean {
  const scripts = [...scriptsOf(word)]
  if (scripts.length <= 1) return false
  return !ALLOWED_MIXES.some((allowed) => scripts.every((script) => allowed.includes(script)))
}

export function displaySafeName(name: string): DisplaySafeName {
  const found = new Set<DisplayWarning>()
  let text = ''
  for (const char of name.normalize('NFC')) {
    if (inRanges(char, BIDI)) found.add('bidi_control')
    else if (inRanges(char, INVISIBLE)) found.add('invisible')
    else if (inRanges(char, CONTROL)) {
      found.add('control')
      text += ' '
    } else text += char
  }
  text = text.replace(/\s+/gu, ' ').trim()
  if (text.split(' ').some(isMixedScript)) found.add('mixed_script')
  if (text === '') found.add('empty')
  const order: DisplayWarning[] = ['bidi_control', 'invisible', 'control', 'mixed_script', 'empty']
  return { text, warnings: order.filter((warning) => found.has(warning)) }
}
