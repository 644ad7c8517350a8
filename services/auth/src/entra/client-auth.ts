// How we authenticate to Entra's token endpoint: the client secret in the body
// (client_secret_post, RFC 6749 §2.3.1) or a JWT signed with the certificate's key
// (private_key_jwt, RFC 7523 §2.2, OIDC Core §9). Entra wants the assertion's `aud` to be the token
// endpoint (openid-client defaults to the issuer, which Entra refuses with AADSTS700023) and the
// certificate named by `x5t` / `x5t#S256`.
// https://learn.microsoft.com/entra/identity-platform/certificate-credentials
import { createPrivateKey, webcrypto } from 'node:crypto'
import * as oidc from 'openid-client'
import type { EntraConfig } from './entra-config.js'

async function importSigningKey(pem: string): Promise<webcrypto.CryptoKey> {
  // PKCS#1 and PKCS#8 PEMs both go through Node's parser; WebCrypto wants PKCS#8 DER.
  const der = createPrivateKey(pem).export({ type: 'pkcs8', format: 'der' })
  return await webcrypto.subtle.importKey(
    'pkcs8',
    der,
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    false,
    ['sign'],
  )
}

export async function createClientAuth(credential: EntraConfig['credential']): Promise<oidc.ClientAuth> {
  if (credential.kind === 'secret') return oidc.ClientSecretPost(credential.secret)
  const key = await importSigningKey(credential.privateKeyPem)
  const { kid, ...thumbprints } = credential.header
  return (as, client, body, headers) =>
    oidc.PrivateKeyJwt(
      { key, ...(kid === undefined ? {} : { kid }) },
      {
        [oidc.modifyAssertion]: (header, payload) => {
          Object.assign(header, thumbprints)
          payload.aud = as.token_endpoint
        },
      },
    )(as, client, body, headers)
}
