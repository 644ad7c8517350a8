// Issue 3 acceptance: two auth replicas on one Redis. A sign-in started on one replica finishes on
// the other: every piece of state between the steps (pending consent, CSRF, Entra transaction,
// code) lives in the shared store, and the browser binding (RFC 9700 §4.7.1) travels with the
// browser's cookie, not with the instance.
import t from 'tap'
import { decodeJwt } from 'jose'
import { BROWSER_BINDING_COOKIE } from '../../src/consent/browser-binding.js'
import { createBrowser } from '@m365mcp/testing'
import { registerPublicClient } from '../support/mcp-client.js'
import { startReplicas, type ReplicaHarness } from '../support/replica-harness.js'
import { signInAcross, tokenAt } from '../support/replica-flows.js'

const REDIRECT = 'http://127.0.0.1:33418/callback'
let h: ReplicaHarness

t.before(async () => {
  h = await startReplicas((fn) => t.teardown(fn))
})

t.test(
  'replicas: /authorize on A, consent and /callback on B, code redeemed on A gives tokens',
  async (t) => {
    const client = await registerPublicClient(h.a.url, REDIRECT)
    const signed = await signInAcross(h, {
      clientId: client.client_id,
      redirectUri: REDIRECT,
      authorizeOn: h.a,
      consentOn: h.b,
      callbackOn: h.b,
    })
    t.ok(
      signed.cookiesAtCallback.some((c) => c.name === BROWSER_BINDING_COOKIE),
      'the binding cookie set on A is sent by the browser to B',
    )
    t.notOk(
      signed.browser.cookies().some((c) => c.name === BROWSER_BINDING_COOKIE),
      'B cleared the binding cookie once the callback was done',
    )
    t.equal(signed.callback.status, 303, `B completed the callback: ${signed.callbackBody.slice(0, 200)}`)
    if (!signed.redirect) throw new Error('no redirect to the client')
    t.equal(signed.redirect.searchParams.get('state'), signed.state, 'the client state is echoed')
    t.equal(signed.redirect.searchParams.get('iss'), h.publicUrl, 'B answers as the one issuer (RFC 9207)')
    const issued = await tokenAt(h.a, {
      grant_type: 'authorization_code',
      code: signed.redirect.searchParams.get('code') ?? '',
      redirect_uri: REDIRECT,
      client_id: client.client_id,
      code_verifier: signed.verifier,
    })
    t.equal(issued.status, 200, JSON.stringify(issued.body))
    const claims = decodeJwt(String(issued.body.access_token))
    t.equal(claims.iss, h.publicUrl)
    t.equal(claims.client_id, client.client_id)
    t.type(issued.body.refresh_token, 'string')
    const refreshed = await tokenAt(h.b, {
      grant_type: 'refresh_token',
      refresh_token: String(issued.body.refresh_token),
      client_id: client.client_id,
    })
    t.equal(refreshed.status, 200, 'the refresh token issued by A is rotated by B')
  },
)

t.test(
  'replicas: C20 across instances: the callback on B from a browser without the binding cookie is refused',
  async (t) => {
    const client = await registerPublicClient(h.b.url, REDIRECT)
    const signed = await signInAcross(h, {
      clientId: client.client_id,
      redirectUri: REDIRECT,
      authorizeOn: h.a,
      consentOn: h.a,
      callbackOn: h.b,
      callbackBrowser: createBrowser(),
    })
    t.notOk(
      signed.cookiesAtCallback.some((c) => c.name === BROWSER_BINDING_COOKIE),
      'the other browser has no binding',
    )
    t.equal(signed.redirect, null, 'no code reaches the client')
    t.equal(signed.callback.status, 403, 'refused on our own page (access_denied)')
    t.match(signed.callbackBody, /another browser/, 'because it was started in another browser')
    t.equal(signed.callback.headers.get('location'), null, 'no redirect')
  },
)
