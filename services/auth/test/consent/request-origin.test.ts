import t from 'tap'
import { checkRequestOrigin } from '../../src/consent/request-origin.js'

const ORIGIN = 'https://mcp.example.com'

t.test('B12: a same-origin POST passes (Origin and Sec-Fetch-Site agree)', async (t) => {
  t.same(checkRequestOrigin({ origin: ORIGIN, 'sec-fetch-site': 'same-origin' }, ORIGIN), { ok: true })
  t.same(checkRequestOrigin({ origin: ORIGIN }, `${ORIGIN}/some/path`), { ok: true }, 'expected given as URL')
  t.same(checkRequestOrigin({ origin: 'http://localhost:8788' }, 'http://localhost:8788'), { ok: true })
})

t.test('B12: a cross-site Origin is refused', async (t) => {
  for (const origin of [
    'https://evil.example',
    'https://mcp.example.com.evil.example',
    'http://mcp.example.com',
    'https://mcp.example.com:444',
    'https://sub.mcp.example.com',
  ]) {
    t.same(checkRequestOrigin({ origin }, ORIGIN), { ok: false, reason: 'foreign-origin' }, origin)
  }
  t.same(checkRequestOrigin({ origin: [ORIGIN, ORIGIN] }, ORIGIN), { ok: false, reason: 'foreign-origin' })
})

t.test(
  'B12: Origin null (sandboxed or privacy redirect) is refused unless the fetch is same-origin',
  async (t) => {
    t.same(checkRequestOrigin({ origin: 'null' }, ORIGIN), { ok: false, reason: 'opaque-origin' })
    for (const site of ['cross-site', 'same-site', 'none']) {
      t.same(
        checkRequestOrigin({ origin: 'null', 'sec-fetch-site': site }, ORIGIN),
        { ok: false, reason: 'opaque-origin' },
        site,
      )
    }
    // Our consent page's Referrer-Policy: no-referrer makes a real browser send Origin: null on the
    // form POST, with Sec-Fetch-Site: same-origin (seen from Chromium in test/e2e/browser-consent).
    t.same(checkRequestOrigin({ origin: 'null', 'sec-fetch-site': 'same-origin' }, ORIGIN), { ok: true })
  },
)

t.test('B12: Sec-Fetch-Site other than same-origin is refused, even with our Origin', async (t) => {
  for (const site of ['cross-site', 'same-site', 'none']) {
    t.same(
      checkRequestOrigin({ 'sec-fetch-site': site }, ORIGIN),
      { ok: false, reason: 'cross-site-fetch' },
      site,
    )
    t.same(checkRequestOrigin({ origin: ORIGIN, 'sec-fetch-site': site }, ORIGIN), {
      ok: false,
      reason: 'cross-site-fetch',
    })
  }
})

t.test('B12: neither header (non-browser agent) passes; the CSRF token still decides', async (t) => {
  t.same(checkRequestOrigin({}, ORIGIN), { ok: true })
  t.same(checkRequestOrigin({ 'sec-fetch-site': 'same-origin' }, ORIGIN), { ok: true })
})
