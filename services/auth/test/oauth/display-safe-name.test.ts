import t from 'tap'
import { displaySafeName } from '../../src/oauth/display-safe-name.js'

t.test('B14: an ordinary client name passes unchanged and unflagged', async (t) => {
  for (const name of [
    'Claude',
    'Cursor',
    'Visual Studio Code',
    'MCP Inspector 0.16',
    'Müller GmbH',
    'クロード Claude',
    '微软 Copilot',
  ]) {
    t.same(displaySafeName(name), { text: name, warnings: [] }, name)
  }
})

t.test('B14: a right-to-left override is removed and flagged', async (t) => {
  // "Claude" + RLO + "exe.tneilc": would render as "Claudeclient.exe".
  const result = displaySafeName('Claude\u202eexe.tneilc')
  t.equal(result.text, 'Claudeexe.tneilc')
  t.same(result.warnings, ['bidi_control'])
  for (const mark of ['\u200e', '\u200f', '\u2066', '\u2069', '\u061c']) {
    t.ok(
      displaySafeName(`a${mark}b`).warnings.includes('bidi_control'),
      `U+${mark.codePointAt(0)?.toString(16)}`,
    )
  }
})

t.test('B14: invisible characters are removed and flagged', async (t) => {
  const result = displaySafeName('Cl\u200baude')
  t.equal(result.text, 'Claude')
  t.same(result.warnings, ['invisible'])
  for (const mark of ['\u200d', '\u2060', '\ufeff', '\u00ad', '\u{e0041}']) {
    t.ok(
      displaySafeName(`a${mark}b`).warnings.includes('invisible'),
      `U+${mark.codePointAt(0)?.toString(16)}`,
    )
  }
})

t.test('B14: control characters become spaces and are flagged', async (t) => {
  const result = displaySafeName('Claude\nApprove all')
  t.equal(result.text, 'Claude Approve all')
  t.same(result.warnings, ['control'])
})

t.test('B14: a Cyrillic or Greek homoglyph inside a Latin name is flagged mixed_script', async (t) => {
  t.same(displaySafeName('Сlaude').warnings, ['mixed_script'], 'Cyrillic С')
  t.same(displaySafeName('Curs\u03bfr').warnings, ['mixed_script'], 'Greek omicron')
  t.same(displaySafeName('My Сlaude helper').warnings, ['mixed_script'], 'in one word of several')
  t.same(displaySafeName('Привет').warnings, [], 'single-script Cyrillic is not flagged')
  t.same(displaySafeName('Привет Claude').warnings, [], 'scripts in separate words are not flagged')
})

t.test('B14: HTML in a name is kept as text for the renderer to escape', async (t) => {
  t.same(displaySafeName('<script>alert(1)</script>'), { text: '<script>alert(1)</script>', warnings: [] })
})

t.test('B14: a name made only of invisible characters is flagged empty', async (t) => {
  t.same(displaySafeName('\u200b\u200b'), { text: '', warnings: ['invisible', 'empty'] })
})
