// OpenID Provider discovery (OIDC Discovery 1.0 §4) of the Entra authority, through our transport.
// openid-client checks that the discovered issuer is the authority (§4.3), or, for Entra's
// multi-tenant authorities, the `{tenantid}` template it then fills from each ID token's `tid`.
import * as oidc from 'openid-client'
import { isLocalDevHost } from './authority.js'
import { createClientAuth } from './client-auth.js'
import type { EntraConfig } from './entra-config.js'
import type { EntraFetch } from './entra-fetch.js'
import { EntraError } from './errors.js'

const ENDPOINTS = ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const

/** Discovered endpoints must be https; plain http only to loopback in the dev/test allowance. */
function checkEndpoints(metadata: oidc.ServerMetadata, insecureLoopback: boolean): void {
  for (const name of ENDPOINTS) {
    const url = typeof metadata[name] === 'string' ? URL.parse(metadata[name]) : null
    const ok =
      url !== null &&
      (url.protocol === 'https:' ||
        (insecureLoopback && url.protocol === 'http:' && isLocalDevHost(url.hostname)))
    if (!ok) throw new EntraError('upstream_error', `discovery: ${name} missing or not https`)
  }
}

export async function discoverEntra(config: EntraConfig, fetch: EntraFetch): Promise<oidc.Configuration> {
  const auth = await createClientAuth(config.credential)
  const configuration = await oidc.discovery(config.authority, config.clientId, undefined, auth, {
    [oidc.customFetch]: (url, options) => fetch(url, options),
    timeout: config.timeoutMs / 1000,
    // Signatures of ID tokens from the token endpoint are optional to check under TLS (OIDC Core
    // §3.1.3.7 step 6); we check them anyway (ATTACKS C22: unknown kid, forged signature). The JWKS
    // is cached per Configuration and refetched on an unknown kid at most once per 60 s (ATTACKS C25).
    execute: [
      oidc.enableNonRepudiationChecks,
      ...(config.insecureLoopback ? [oidc.allowInsecureRequests] : []),
    ],
  })
  checkEndpoints(configuration.serverMetadata(), config.insecureLoopback)
  return configuration
}
