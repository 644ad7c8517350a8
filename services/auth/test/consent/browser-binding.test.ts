import t from 'tap'
import { sha256 } from '@m365mcp/crypto'
import {
  BROWSER_BINDING_COOKIE,
  clearBrowserBinding,
  ensureBrowserBinding,
  matchesBrowserBinding,
  readBrowserBinding,
} from '../../src/consent/browser-binding.js'

t.test(
  'C20/B15: attributes exactly __Host-mcp-tx, Max-Age=600, Path=/, Secure, HttpOnly, SameSite=Lax',
  async (t) => {
    const binding = ensureBrowserBinding({})
    t.match(binding.value, /^[A-Za-z0-9_-]{43}$/, '256 random bits')
    t.equal(
      binding.setCookie,
      `${BROWSER_BINDING_COOKIE}=${binding.value}; Max-Age=600; Path=/; Secure; HttpOnly; SameSite=Lax`,
    )
    t.equal(binding.hash, sha256(binding.value), 'only the hash is for storage')
    t.equal(
      clearBrowserBinding(),
      `${BROWSER_BINDING_COOKIE}=; Max-Age=0; Path=/; Secure; HttpOnly; SameSite=Lax`,
    )
  },
)

t.test('C20/B15: the stored hash matches only the browser that holds the cookie', async (t) => {
  const victim = ensureBrowserBinding({})
  const attacker = ensureBrowserBinding({})
  t.not(victim.value, attacker.value)
  t.ok(matchesBrowserBinding({ [BROWSER_BINDING_COOKIE]: victim.value }, victim.hash))
  t.notOk(matchesBrowserBinding({ [BROWSER_BINDING_COOKIE]: attacker.value }, victim.hash), 'other browser')
  t.notOk(matchesBrowserBinding({}, victim.hash), 'no cookie')
  t.notOk(
    matchesBrowserBinding({ [BROWSER_BINDING_COOKIE]: victim.hash }, victim.hash),
    'the hash itself is not a key',
  )
})

t.test(
  'browser binding: a well-formed cookie is reused (parallel tabs), a malformed one replaced',
  async (t) => {
    const first = ensureBrowserBinding({})
    const again = ensureBrowserBinding({ [BROWSER_BINDING_COOKIE]: first.value })
    t.equal(again.value, first.value)
    t.equal(again.hash, first.hash)
    for (const bad of ['short', `${first.value}x`, `${first.value.slice(0, 42)}!`, '']) {
      t.equal(readBrowserBinding({ [BROWSER_BINDING_COOKIE]: bad }), null, bad)
      t.not(ensureBrowserBinding({ [BROWSER_BINDING_COOKIE]: bad }).value, bad)
    }
  },
)
