import { randomUUID } from 'node:crypto'
import t from 'tap'
import * as client from 'openid-client'
import { createRemoteJWKSet, jwtVerify } from 'jose'
import { CONTOSO, FABRIKAM, GRAPH_AUDIENCE } from '../../src/entra/tenants.js'
import { authorize, codeFlow, discover, testApp } from './support/flow.js'
import { CLIENT_SECRET, startIdentityServer } from './support/identity-server.js'
import type { IdentityServer } from './support/identity-server.js'

const ENTRA_DESCRIPTION = (code: number) =>
  new RegExp(
    `^AADSTS${code}: .+\\r\\nTrace ID: [0-9a-f-]{36}\\r\\nCorrelation ID: [0-9a-f-]{36}\\r\\nTimestamp: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ$`,
    's',
  )

let server: IdentityServer
t.before(async () => {
  server = await startIdentityServer()
})
t.teardown(() => server.close())

async function rawToken(
  tenantId: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${server.origin}/${tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  })
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  }
}

t.test('token: authorization code + PKCE S256 + state + nonce yields an Entra token response', async (t) => {
  const app = await testApp(server)
  const authorized = await authorize(server, app)
  t.ok(authorized.callbackUrl.searchParams.get('code'), 'code in the callback')
  t.equal(authorized.callbackUrl.searchParams.get('state'), authorized.state, 'state echoed')
  t.notOk(authorized.callbackUrl.searchParams.has('iss'), 'no iss parameter, as Entra')
  const { status, body, headers } = await rawToken(CONTOSO.id, {
    grant_type: 'authorization_code',
    code: authorized.callbackUrl.searchParams.get('code') ?? '',
    redirect_uri: app.redirectUri,
    code_verifier: authorized.verifier,
    client_id: app.registration.clientId,
    client_secret: CLIENT_SECRET,
  })
  t.equal(status, 200)
  t.equal(body.token_type, 'Bearer')
  t.equal(body.scope, 'User.Read profile openid email')
  t.equal(body.expires_in, 3600)
  t.equal(body.ext_expires_in, 3600)
  t.type(body.access_token, 'string')
  t.type(body.refresh_token, 'string')
  t.type(body.id_token, 'string')
  t.equal(headers.get('cache-control'), 'no-store')
})

t.test(
  'token: the ID token carries oid, tid, preferred_username, name, email, nonce, ver and a pairwise sub',
  async (t) => {
    const user = server.seed.demoUsers[1]
    if (!user) throw new Error('seed has no second demo user')
    const app = await testApp(server)
    const { tokens, authorized } = await codeFlow(server, app, { username: user.userPrincipalName })
    const claims = tokens.claims()
    t.ok(claims)
    t.equal(claims?.iss, server.issuer(CONTOSO.id))
    t.equal(claims?.aud, app.registration.clientId)
    t.equal(claims?.oid, user.id)
    t.equal(claims?.tid, CONTOSO.id)
    t.equal(claims?.preferred_username, user.userPrincipalName)
    t.equal(claims?.name, user.displayName)
    t.equal(claims?.email, user.mail)
    t.equal(claims?.nonce, authorized.nonce)
    t.equal(claims?.ver, '2.0')
    t.not(claims?.sub, user.id, 'sub is not the object id')

    // Same user, another app in the same browser (SSO): another subject, same oid.
    const other = await testApp(server)
    const second = await codeFlow(server, other, {
      username: user.userPrincipalName,
      browser: authorized.browser,
    })
    t.equal(second.tokens.claims()?.oid, user.id)
    t.not(second.tokens.claims()?.sub, claims?.sub, 'sub is pairwise per application')
    const again = await codeFlow(server, app, { browser: authorized.browser })
    t.equal(again.tokens.claims()?.sub, claims?.sub, 'sub is stable for the same application')
  },
)

t.test(
  'token: the Graph access token is a JWT with aud, scp, oid, tid verifiable with /discovery/v2.0/keys',
  async (t) => {
    const user = server.seed.demoUsers[0]
    if (!user) throw new Error('seed has no demo user')
    const app = await testApp(server)
    const { tokens } = await codeFlow(server, app, {
      scope: 'openid profile offline_access User.Read Mail.Read',
    })
    const jwksUri = app.config.serverMetadata().jwks_uri ?? ''
    t.equal(jwksUri, `${server.origin}/${CONTOSO.id}/discovery/v2.0/keys`)
    const { payload, protectedHeader } = await jwtVerify(
      tokens.access_token,
      createRemoteJWKSet(new URL(jwksUri)),
      {
        issuer: server.issuer(CONTOSO.id),
        audience: GRAPH_AUDIENCE,
        algorithms: ['RS256'],
      },
    )
    t.equal(protectedHeader.typ, 'JWT')
    t.type(protectedHeader.kid, 'string')
    t.equal(payload.scp, 'User.Read Mail.Read profile openid')
    t.equal(payload.oid, user.id)
    t.equal(payload.tid, CONTOSO.id)
    t.equal(payload.appid, app.registration.clientId)
    t.equal(payload.idtyp, 'user')
    t.equal(payload.ver, '2.0')
    t.equal(payload.upn, user.userPrincipalName)
    t.equal(payload.preferred_username, user.userPrincipalName)
    t.equal(payload.name, user.displayName)
    t.equal(payload.nbf, payload.iat)
    t.equal(Number(payload.exp) - Number(payload.iat), 3600)
    t.type(payload.uti, 'string')
    t.notOk('scope' in payload, 'no RFC 9068 scope claim')
    t.equal(tokens.scope, 'User.Read Mail.Read profile openid')
  },
)

t.test('token: client_secret_basic authenticates the app like client_secret_post', async (t) => {
  const app = await testApp(server, {}, client.ClientSecretBasic(CLIENT_SECRET))
  const { tokens } = await codeFlow(server, app)
  t.type(tokens.access_token, 'string')
  const refreshed = await client.refreshTokenGrant(app.config, tokens.refresh_token ?? '')
  t.type(refreshed.access_token, 'string')
})

t.test(
  "token: a wrong client secret is 401 invalid_client AADSTS7000215 in Entra's error body",
  async (t) => {
    const app = await testApp(server)
    const authorized = await authorize(server, app)
    const correlationId = randomUUID()
    const { status, body, headers } = await rawToken(
      CONTOSO.id,
      {
        grant_type: 'authorization_code',
        code: authorized.callbackUrl.searchParams.get('code') ?? '',
        redirect_uri: app.redirectUri,
        code_verifier: authorized.verifier,
        client_id: app.registration.clientId,
        client_secret: 'not-the-secret',
      },
      { 'client-request-id': correlationId },
    )
    t.equal(status, 401)
    t.equal(body.error, 'invalid_client')
    t.match(body.error_description, ENTRA_DESCRIPTION(7000215))
    t.same(body.error_codes, [7000215])
    t.match(body.timestamp, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/)
    t.match(body.trace_id, /^[0-9a-f-]{36}$/)
    t.equal(body.correlation_id, correlationId, 'client-request-id becomes the correlation id')
    t.equal(body.error_uri, 'https://login.microsoftonline.com/error?code=7000215')
    t.equal(headers.get('x-ms-request-id'), body.trace_id)

    const wrong = await discover(server, app.registration, client.ClientSecretPost('still-wrong'))
    const again = await authorize(server, app)
    const refused = await client
      .authorizationCodeGrant(wrong, again.callbackUrl, {
        pkceCodeVerifier: again.verifier,
        expectedState: again.state,
        expectedNonce: again.nonce,
      })
      .catch((err: unknown) => err)
    t.ok(refused instanceof client.ResponseBodyError)
    t.equal((refused as client.ResponseBodyError).error, 'invalid_client')
  },
)

t.test('token: an unknown client is AADSTS700016 and a missing credential AADSTS7000218', async (t) => {
  const unknown = await rawToken(CONTOSO.id, {
    grant_type: 'authorization_code',
    code: 'x',
    client_id: randomUUID(),
    client_secret: 's',
  })
  t.equal(unknown.status, 400)
  t.equal(unknown.body.error, 'unauthorized_client')
  t.same(unknown.body.error_codes, [700016])
  const app = server.client()
  const missing = await rawToken(CONTOSO.id, {
    grant_type: 'authorization_code',
    code: 'x',
    client_id: app.clientId,
  })
  t.equal(missing.status, 401)
  t.same(missing.body.error_codes, [7000218])
})

t.test('token: the resource parameter is refused with AADSTS901002 (Entra v2 has no RFC 8707)', async (t) => {
  const app = await testApp(server)
  const authorized = await authorize(server, app)
  const err = await client
    .authorizationCodeGrant(
      app.config,
      authorized.callbackUrl,
      {
        pkceCodeVerifier: authorized.verifier,
        expectedState: authorized.state,
        expectedNonce: authorized.nonce,
      },
      { resource: GRAPH_AUDIENCE },
    )
    .catch((e: unknown) => e)
  t.ok(err instanceof client.ResponseBodyError)
  t.equal((err as client.ResponseBodyError).error, 'invalid_request')
  t.match(
    (err as client.ResponseBodyError).error_description,
    /^AADSTS901002: The 'resource' request parameter is not supported\./,
  )
})

t.test(
  'token: a PKCE verifier that does not match the challenge is invalid_grant AADSTS501481',
  async (t) => {
    const app = await testApp(server)
    const authorized = await authorize(server, app)
    const err = await client
      .authorizationCodeGrant(app.config, authorized.callbackUrl, {
        pkceCodeVerifier: client.randomPKCECodeVerifier(),
        expectedState: authorized.state,
        expectedNonce: authorized.nonce,
      })
      .catch((e: unknown) => e)
    t.ok(err instanceof client.ResponseBodyError)
    t.equal((err as client.ResponseBodyError).error, 'invalid_grant')
    t.match((err as client.ResponseBodyError).error_description, /^AADSTS501481: /)
  },
)

t.test('token: an authorization code is single use (AADSTS54005 on the second redemption)', async (t) => {
  const app = await testApp(server)
  const authorized = await authorize(server, app)
  const form = {
    grant_type: 'authorization_code',
    code: authorized.callbackUrl.searchParams.get('code') ?? '',
    redirect_uri: app.redirectUri,
    code_verifier: authorized.verifier,
    client_id: app.registration.clientId,
    client_secret: CLIENT_SECRET,
  }
  t.equal((await rawToken(CONTOSO.id, form)).status, 200)
  const second = await rawToken(CONTOSO.id, form)
  t.equal(second.status, 400)
  t.equal(second.body.error, 'invalid_grant')
  t.same(second.body.error_codes, [54005])
})

t.test('token: without offline_access there is no refresh token', async (t) => {
  const app = await testApp(server)
  const { tokens } = await codeFlow(server, app, { scope: 'openid profile User.Read' })
  t.type(tokens.access_token, 'string')
  t.equal(tokens.refresh_token, undefined)
})

t.test(
  'token: tokens of another tenant fail the issuer check of a client configured for this tenant',
  async (t) => {
    const contoso = await testApp(server)
    // The same application id registered in Fabrikam too (a multi-tenant app's second service principal).
    server.client({ clientId: contoso.registration.clientId, tenantId: FABRIKAM.id })
    const fabrikamConfig = await discover(server, contoso.registration, undefined, FABRIKAM.id)
    const fabrikamUser = server.seed.users.find((u) => u.tenantId === FABRIKAM.id && u.demo)
    if (!fabrikamUser) throw new Error('seed has no Fabrikam demo user')
    const fabrikam = { ...contoso, config: fabrikamConfig }
    const authorized = await authorize(server, fabrikam, { username: fabrikamUser.userPrincipalName })

    // Contoso's configuration, whose token request is answered by Fabrikam's token endpoint.
    const mixed = new client.Configuration(
      {
        issuer: server.issuer(CONTOSO.id),
        jwks_uri: contoso.config.serverMetadata().jwks_uri,
        token_endpoint: fabrikamConfig.serverMetadata().token_endpoint,
      },
      contoso.registration.clientId,
      undefined,
      client.ClientSecretPost(CLIENT_SECRET),
    )
    client.allowInsecureRequests(mixed)
    const err = await client
      .authorizationCodeGrant(mixed, authorized.callbackUrl, {
        pkceCodeVerifier: authorized.verifier,
        expectedState: authorized.state,
        expectedNonce: authorized.nonce,
      })
      .catch((e: unknown) => e)
    t.ok(err instanceof Error, 'openid-client refuses the ID token')
    t.match((err as { cause?: Error }).cause?.message, /"iss" \(issuer\)/)

    const wrongTenant = await rawToken(FABRIKAM.id, {
      grant_type: 'authorization_code',
      code: 'x',
      client_id: server.client().clientId,
      client_secret: CLIENT_SECRET,
    })
    t.same(wrongTenant.body.error_codes, [700016], 'an app registered in Contoso is unknown in Fabrikam')
  },
)
