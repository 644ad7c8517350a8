// Script of a letter (Unicode UAX #24 Script property, via RegExp property escapes) and the
// non-Latin letters that render like Latin ones (a subset of UTS #39 confusables.txt covering
// the scripts seen in homograph attacks: Cyrillic, Greek, Armenian, Cherokee).

const SCRIPTS = [
  'Latin',
  'Cyrillic',
  'Greek',
  'Armenian',
  'Cherokee',
  'Georgian',
  'Coptic',
  'Hebrew',
  'Arabic',
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Bopomofo',
  'Thai',
  'Devanagari',
  'Bengali',
  'Gurmukhi',
  'Gujarati',
  'Tamil',
  'Telugu',
  'Kannada',
  'Malayalam',
  'Sinhala',
  'Khmer',
  'Lao',
  'Myanmar',
  'Tibetan',
  'Mongolian',
  'Syriac',
  'Thaana',
  'Ethiopic',
  'Canadian_Aboriginal',
  'Lisu',
  'Tifinagh',
] as const

const TESTS = SCRIPTS.map((name) => ({ name, re: new RegExp(`^\\p{Script=${name}}$`, 'u') }))

/** The script of one letter; letters of scripts outside the list share the name 'Other'. */
export function scriptOf(letter: string): string {
  return TESTS.find(({ re }) => re.test(letter))?.name ?? 'Other'
}

/** Letters of other scripts that are visually confusable with Latin letters (UTS #39 §4). */
export const LATIN_LOOKALIKES: ReadonlySet<string> = new Set(
  Array.from(
    // Cyrillic
    'авеһіјкӏмнорԛсѕтуԝхүԁ' +
      'АВЕНІЈКӀМОРСЅТХҮԚԜ' +
      // Greek
      'αβειικνορτυχϲϳ' +
      'ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ' +
      // Armenian
      'օսոհցաԱՍՕ' +
      // Cherokee
      'ᎪᏴᏟᎬᎻᎫᏦᎷᏚᎢᏔᎳᏞᏢᏒᏙ',
  ),
)
