// RFC 8414 authorization server metadata and the JWKS of our access-token signing keys.
import type { FastifyInstance } from 'fastify'
import type { AuthorizationServerMetadata } from '../oauth/metadata.js'
import type { SigningKeys } from '../tokens/signing-keys.js'

export interface MetadataRouteDeps {
  metadata: AuthorizationServerMetadata
  signingKeys: Pick<SigningKeys, 'jwks'>
}

export function metadataRoutes(app: FastifyInstance, deps: MetadataRouteDeps): void {
  // RFC 8414 §3: the issuer has no path, so the document sits at the root well-known URL.
  app.get('/.well-known/oauth-authorization-server', async (_request, reply) =>
    reply
      .header('cache-control', 'public, max-age=300')
      .header('access-control-allow-origin', '*')
      .send(deps.metadata),
  )
  app.get('/jwks.json', async (_request, reply) =>
    reply
      .header('cache-control', 'public, max-age=60')
      .header('access-control-allow-origin', '*')
      .send(deps.signingKeys.jwks()),
  )
}
