// The whole authorization server against real Redis and the emulator: DCR → /authorize → consent
// → Entra login → /callback → /token → refresh → token exchange → revoke.
import t from 'tap'
import { decodeJwt, decodeProtectedHeader } from 'jose'
import { Agent, fetch as undiciFetch } from 'undici'
import { INTERNAL_SECRET, startAuth } from '../support/auth-harness.js'
import { registerPublicClient, signInThroughConsent, token } from '../support/mcp-client.js'

const REDIRECT = 'http://127.0.0.1:33418/callback'

t.test('flow: an MCP client signs a user in and gets tokens bound to the /mcp resource', async (t) => {
  const auth = await startAuth((fn) => t.teardown(fn))
  const user = auth.emulator.seed.demoUsers[0]
  if (!user) throw new Error('no demo user')

  const metadata = (await (
    await fetch(`${auth.publicUrl}/.well-known/oauth-authorization-server`)
  ).json()) as Record<string, unknown>
  t.equal(metadata.issuer, auth.publicUrl, 'A10: the issuer is the URL used')
  t.equal(metadata.authorization_response_iss_parameter_supported, true)

  const client = await registerPublicClient(auth.publicUrl, REDIRECT)
  t.notOk(client.client_secret, 'a public client gets no secret')
  const signed = await signInThroughConsent(auth.publicUrl, {
    clientId: client.client_id,
    redirectUri: REDIRECT,
    username: user.userPrincipalName,
  })
  t.equal(signed.callback.searchParams.get('state'), signed.state, 'state echoed')
  t.equal(
    signed.callback.searchParams.get('iss'),
    auth.publicUrl,
    'A10: iss in the authorization response (RFC 9207)',
  )

  const issued = await token(auth.publicUrl, {
    grant_type: 'authorization_code',
    code: signed.code,
    redirect_uri: REDIRECT,
    client_id: client.client_id,
    code_verifier: signed.verifier,
  })
  t.equal(issued.status, 200, JSON.stringify(issued.body))
  t.equal(issued.headers.get('cache-control'), 'no-store', 'D34: no-store on token responses')
  const accessToken = String(issued.body.access_token)
  t.equal(decodeProtectedHeader(accessToken).typ, 'at+jwt')
  t.equal(decodeProtectedHeader(accessToken).alg, 'ES256')
  const claims = decodeJwt(accessToken)
  t.equal(claims.aud, `${auth.publicUrl}/mcp`, 'A9: a missing resource binds the default /mcp resource')
  t.equal(claims.client_id, client.client_id)
  t.match(String(claims.sub), /^usr_/, 'sub is our user id, never an email')
  t.ok(issued.body.refresh_token, 'a refresh token is always issued')

  const exchange = await fetch(`${auth.internalUrl}/internal/token-exchange`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${INTERNAL_SECRET}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: accessToken,
      subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
    }),
  })
  t.equal(exchange.status, 200)
  const graph = (await exchange.json()) as { access_token: string; scope: string }
  t.match(graph.scope, /User\.Read/)
  const dispatcher = new Agent({ connect: { ca: auth.emulator.caPem } })
  t.teardown(() => dispatcher.close())
  const me = await undiciFetch(`${auth.emulator.graphBaseUrl}/me`, {
    headers: { authorization: `Bearer ${graph.access_token}` },
    dispatcher,
  })
  t.equal(me.status, 200, 'the exchanged token reads Graph as the signed-in user')
  t.equal(((await me.json()) as { id: string }).id, user.id)

  const refreshed = await token(auth.publicUrl, {
    grant_type: 'refresh_token',
    refresh_token: String(issued.body.refresh_token),
    client_id: client.client_id,
  })
  t.equal(refreshed.status, 200)
  t.not(
    refreshed.body.refresh_token,
    issued.body.refresh_token,
    'D30: every refresh rotates the refresh token',
  )

  const revoked = await fetch(`${auth.publicUrl}/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: String(refreshed.body.refresh_token), client_id: client.client_id }),
  })
  t.equal(revoked.status, 200)
  const after = await token(auth.publicUrl, {
    grant_type: 'refresh_token',
    refresh_token: String(refreshed.body.refresh_token),
    client_id: client.client_id,
  })
  t.equal(after.status, 400)
  t.equal(after.body.error, 'invalid_grant', 'a revoked grant cannot refresh')
  const exchangeAfter = await fetch(`${auth.internalUrl}/internal/token-exchange`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${INTERNAL_SECRET}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: accessToken,
      subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
    }),
  })
  t.equal(
    exchangeAfter.status,
    401,
    'F42: the token exchange refuses an access token of a revoked grant at once',
  )
})
