// private_key_jwt with a certificate credential (RFC 7523 §2.2): Entra finds the certificate by
// x5t / kid and wants the assertion's aud to be the token endpoint (AADSTS700023 otherwise).
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto'
import t from 'tap'
import { EntraError } from '../../src/entra/errors.js'
import { CONTOSO, GRAPH_SCOPES, REDIRECT_URI, browserSignIn, startTestEmulator } from './support/emulator.js'

const env = await startTestEmulator((fn) => t.teardown(fn))
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
const thumbprint = randomBytes(20)
const clientId = randomUUID()
env.emulator.addClient({
  clientId,
  tenantId: CONTOSO.id,
  redirectUris: [REDIRECT_URI],
  permissions: GRAPH_SCOPES,
  jwks: {
    keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'cert-1', x5t: thumbprint.toString('base64url') }],
  },
})

t.test(
  'certificate: sign-in and refresh with private_key_jwt, certificate named by thumbprint (x5t)',
  async (t) => {
    const client = env.client({
      clientId,
      credential: {
        kind: 'certificate',
        privateKeyPem,
        certificateThumbprint: thumbprint.toString('hex').toUpperCase(),
      },
    })
    const { callbackUrl, transaction } = await browserSignIn(client, 'priya.raman@contoso.example')
    const { tokens, identity } = await client.completeAuthorization(callbackUrl, transaction)
    t.equal(identity.tid, CONTOSO.id)
    const refreshed = await client.refresh(tokens.refreshToken)
    t.not(refreshed.refreshToken, tokens.refreshToken)
  },
)

t.test('certificate: the key can be named by kid and given as PKCS#1 PEM', async (t) => {
  const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()
  const client = env.client({
    clientId,
    credential: { kind: 'certificate', privateKeyPem: pkcs1, kid: 'cert-1' },
  })
  const { callbackUrl, transaction } = await browserSignIn(client, 'priya.raman@contoso.example')
  t.ok((await client.completeAuthorization(callbackUrl, transaction)).tokens.refreshToken)
})

t.test(
  'certificate: an assertion signed by another key is refused (invalid_client → upstream_error)',
  async (t) => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString()
    const client = env.client({
      clientId,
      credential: { kind: 'certificate', privateKeyPem: other, kid: 'cert-1' },
    })
    const { callbackUrl, transaction } = await browserSignIn(client, 'priya.raman@contoso.example')
    const err = await client.completeAuthorization(callbackUrl, transaction).catch((e: unknown) => e)
    t.ok(
      err instanceof EntraError && err.code === 'upstream_error' && err.upstream?.error === 'invalid_client',
      String(err),
    )
  },
)
