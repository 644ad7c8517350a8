import { createHash } from 'node:crypto'
import t from 'tap'
import { checkCodeVerifier, parseCodeChallenge, verifyPkce } from '../../src/oauth/pkce.js'
import { throwsOAuthError } from './throws-oauth-error.js'

// RFC 7636 Appendix B test vector.
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'

t.test('PKCE: an S256 challenge of 43 base64url characters is accepted (RFC 7636 §4.3)', async (t) => {
  t.same(parseCodeChallenge(CHALLENGE, 'S256'), { challenge: CHALLENGE, method: 'S256' })
})

t.test('A4: a missing code_challenge is refused', async (t) => {
  throwsOAuthError(t, () => parseCodeChallenge(undefined, 'S256'), 'invalid_request', 'no challenge')
  throwsOAuthError(t, () => parseCodeChallenge(undefined, undefined), 'invalid_request', 'no PKCE at all')
})

t.test('A4: code_challenge_method=plain is refused', async (t) => {
  throwsOAuthError(t, () => parseCodeChallenge(CHALLENGE, 'plain'), 'invalid_request', 'plain')
})

t.test('A4: a missing code_challenge_method (defaults to plain, RFC 7636 §4.3) is refused', async (t) => {
  throwsOAuthError(t, () => parseCodeChallenge(CHALLENGE, undefined), 'invalid_request', 'no method')
})

t.test('A4: other methods and malformed challenges are refused', async (t) => {
  throwsOAuthError(t, () => parseCodeChallenge(CHALLENGE, 's256'), 'invalid_request', 'lower-case s256')
  throwsOAuthError(t, () => parseCodeChallenge(CHALLENGE, 'S512'), 'invalid_request', 'S512')
  throwsOAuthError(t, () => parseCodeChallenge(CHALLENGE.slice(1), 'S256'), 'invalid_request', '42 chars')
  throwsOAuthError(t, () => parseCodeChallenge(`${CHALLENGE}A`, 'S256'), 'invalid_request', '44 chars')
  throwsOAuthError(
    t,
    () => parseCodeChallenge(`${CHALLENGE.slice(1)}=`, 'S256'),
    'invalid_request',
    'padding',
  )
  throwsOAuthError(
    t,
    () => parseCodeChallenge(`${CHALLENGE.slice(1)}+`, 'S256'),
    'invalid_request',
    'base64 +',
  )
})

t.test('PKCE: the RFC 7636 Appendix B verifier matches its challenge', async (t) => {
  t.equal(verifyPkce(VERIFIER, CHALLENGE), true)
  t.doesNotThrow(() => checkCodeVerifier(VERIFIER, CHALLENGE))
})

t.test('PKCE: verifiers of 43 and 128 unreserved characters verify (RFC 7636 §4.1)', async (t) => {
  for (const verifier of ['a'.repeat(43), `${'A1-._~'.repeat(21)}zz`]) {
    const challenge = createHash('sha256').update(verifier).digest('base64url')
    t.equal(verifyPkce(verifier, challenge), true, `${verifier.length} chars`)
  }
})

t.test('A5: a code_verifier for a code issued without code_challenge is invalid_grant', async (t) => {
  throwsOAuthError(t, () => checkCodeVerifier(VERIFIER, undefined), 'invalid_grant', 'downgrade')
  throwsOAuthError(t, () => checkCodeVerifier(undefined, undefined), 'invalid_grant', 'code without PKCE')
})

t.test('A6: a wrong, short, long or illegal-charset verifier is invalid_grant', async (t) => {
  const wrong = VERIFIER.replace('d', 'e')
  throwsOAuthError(t, () => checkCodeVerifier(wrong, CHALLENGE), 'invalid_grant', 'wrong')
  throwsOAuthError(t, () => checkCodeVerifier(undefined, CHALLENGE), 'invalid_grant', 'missing')
  const short = 'a'.repeat(42)
  const shortChallenge = createHash('sha256').update(short).digest('base64url')
  throwsOAuthError(
    t,
    () => checkCodeVerifier(short, shortChallenge),
    'invalid_grant',
    '42 chars, even if it hashes right',
  )
  const long = 'a'.repeat(129)
  const longChallenge = createHash('sha256').update(long).digest('base64url')
  throwsOAuthError(t, () => checkCodeVerifier(long, longChallenge), 'invalid_grant', '129 chars')
  const illegal = `${'a'.repeat(42)}+`
  const illegalChallenge = createHash('sha256').update(illegal).digest('base64url')
  throwsOAuthError(t, () => checkCodeVerifier(illegal, illegalChallenge), 'invalid_grant', 'illegal charset')
  throwsOAuthError(
    t,
    () => checkCodeVerifier(CHALLENGE, CHALLENGE),
    'invalid_grant',
    'challenge sent as verifier (plain)',
  )
})
