import t from 'tap'
import { redactUrl } from '../src/index.js'

t.test(
  'redactUrl: code, state and token query values are replaced, names kept (RFC 6749 §4.1.2)',
  async (t) => {
    t.equal(
      redactUrl('/callback?code=AuthC0de&state=St4te&iss=https%3A%2F%2Flogin'),
      '/callback?code=[redacted]&state=[redacted]&iss=https%3A%2F%2Flogin',
    )
    t.equal(redactUrl('/mcp?access_token=abc'), '/mcp?access_token=[redacted]')
    t.equal(
      redactUrl('/x?client_secret=s&api_key=k&session_state=q'),
      '/x?client_secret=[redacted]&api_key=[redacted]&session_state=[redacted]',
    )
    t.equal(redactUrl('/x?%63ode=encoded-name'), '/x?%63ode=[redacted]')
  },
)

t.test('redactUrl: ordinary parameters and paths stay readable', async (t) => {
  t.equal(
    redactUrl(
      '/authorize?response_type=code&client_id=abc&redirect_uri=https%3A%2F%2Fclaude.ai%2Fcb&scope=openid',
    ),
    '/authorize?response_type=code&client_id=abc&redirect_uri=https%3A%2F%2Fclaude.ai%2Fcb&scope=openid',
  )
  t.equal(redactUrl('/health'), '/health')
  t.equal(redactUrl('/x?flag&empty='), '/x?flag&empty=')
})

t.test('redactUrl: fragments of absolute URLs are redacted', async (t) => {
  t.equal(redactUrl('https://app.example/cb?ok=1#access_token=abc'), 'https://app.example/cb?ok=1#[redacted]')
})
