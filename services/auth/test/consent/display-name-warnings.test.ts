import t from 'tap'
import { inspectDisplayName } from '../../src/consent/display-name-warnings.js'

const codes = (name: string) => inspectDisplayName(name).map((w) => w.code)

t.test('B14: an RTL override (U+202E) is flagged as a bidi control (Trojan Source)', async (t) => {
  const [warning] = inspectDisplayName('Cursor \u202Etfosorci\u202CM')
  t.equal(warning?.code, 'bidi-control')
  t.same(warning?.codePoints, ['U+202E', 'U+202C'])
  t.same(codes('a\u2066b\u2069'), ['bidi-control'], 'isolates too')
})

t.test('B14: a Cyrillic homoglyph in a Latin name is flagged, the Cyrillic letter named', async (t) => {
  const [warning] = inspectDisplayName('P\u0430ypal') // Cyrillic а
  t.equal(warning?.code, 'mixed-script')
  t.same(warning?.codePoints, ['U+0430'])
  t.same(codes('Micr\u043Esoft'), ['mixed-script'])
  t.same(codes('G\u03BFogle'), ['mixed-script'], 'Greek omicron')
})

t.test(
  'B14: a name written only in Latin-lookalike letters is a whole-script confusable (UTS #39 §4)',
  async (t) => {
    t.same(codes('\u0430\u0440\u0440\u04CF\u0435'), ['whole-script-confusable']) // "аррӏе"
  },
)

t.test('B14: invisible, control, space and compatibility characters are flagged', async (t) => {
  t.same(codes('Clau\u200Bde'), ['invisible'])
  t.same(codes('Clau\uFEFFde'), ['invisible'])
  t.same(codes('Claude\u{E0041}'), ['invisible'], 'tag characters')
  t.same(codes('Claude\nCode'), ['control'])
  t.same(codes('Claude\u00A0Code'), ['unusual-space'])
  t.same(codes('\uFF2D\uFF33 Office'), ['compatibility-form'], 'full-width letters')
  t.same(codes('\u{1D40C}icrosoft'), ['compatibility-form'], 'mathematical bold')
})

t.test('B14: ordinary names in one script, or Latin with CJK (UTS #39 §5.2), raise nothing', async (t) => {
  for (const name of [
    'Claude',
    'Visual Studio Code',
    'Cursor 2.0',
    'Почта',
    'Ελληνικά',
    'Café',
    'Claude 日本語 カタカナ',
    '한국어 App',
  ]) {
    t.same(inspectDisplayName(name), [], name)
  }
})
