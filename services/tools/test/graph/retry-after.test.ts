// Retry-After in seconds (fractional, as Graph sends) or as an HTTP-date (RFC 9110 §10.2.3).
import t from 'tap'
import { parseRetryAfter } from '../../src/graph/retry-after.js'

t.test('parseRetryAfter: seconds, fractional seconds, HTTP-date, garbage', async (t) => {
  const now = Date.parse('2026-01-01T00:00:00Z')
  t.equal(parseRetryAfter('3', now), 3)
  t.equal(parseRetryAfter('0.2', now), 0.2)
  t.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now), 30)
  t.equal(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now), 0, 'a past date means now')
  t.equal(parseRetryAfter(null, now), undefined)
  t.equal(parseRetryAfter('', now), undefined)
  t.equal(parseRetryAfter('-1', now), undefined)
  t.equal(parseRetryAfter('soon', now), undefined)
})
