// RFC 9728 protected resource metadata, one document per MCP resource: `/mcp` (Streamable HTTP) and
// `/sse` (legacy), plus the root document, which describes `/mcp` (RFC 9728 §3.1: the well-known
// URI for a resource with a path inserts the path after the suffix; clients that drop the path
// still find the main endpoint). `resource` is exactly the URL clients call (§3.3: clients compare
// it with the URL they used); `authorization_servers` holds the issuer (the public origin, RFC 8414).
import type { McpResourcePath } from '@m365mcp/access-token'
import type { FastifyInstance } from 'fastify'

export interface ProtectedResourceMetadata {
  resource: string
  authorization_servers: string[]
  scopes_supported: string[]
  bearer_methods_supported: string[]
  resource_name: string
}

const WELL_KNOWN = '/.well-known/oauth-protected-resource'

export function protectedResourceMetadata(
  publicUrl: string,
  path: McpResourcePath,
  scope: string,
): ProtectedResourceMetadata {
  const issuer = new URL(publicUrl).origin
  return {
    resource: `${issuer}${path}`,
    authorization_servers: [issuer],
    scopes_supported: [scope],
    bearer_methods_supported: ['header'],
    resource_name: path === '/sse' ? 'Microsoft 365 MCP server (legacy SSE)' : 'Microsoft 365 MCP server',
  }
}

export function protectedResourceMetadataRoutes(
  app: FastifyInstance,
  publicUrl: string,
  scope: string,
): void {
  const documents: [string, ProtectedResourceMetadata][] = [
    [WELL_KNOWN, protectedResourceMetadata(publicUrl, '/mcp', scope)],
    [`${WELL_KNOWN}/mcp`, protectedResourceMetadata(publicUrl, '/mcp', scope)],
    [`${WELL_KNOWN}/sse`, protectedResourceMetadata(publicUrl, '/sse', scope)],
  ]
  for (const [url, document] of documents) {
    // Public, cacheable documents that browser-based clients fetch cross-origin.
    app.get(url, (_request, reply) =>
      reply
        .header('access-control-allow-origin', '*')
        .header('cache-control', 'public, max-age=300')
        .send(document),
    )
    app.options(url, (_request, reply) =>
      reply
        .code(204)
        .header('access-control-allow-origin', '*')
        .header('access-control-allow-methods', 'GET, OPTIONS')
        .header('access-control-allow-headers', 'MCP-Protocol-Version')
        .header('access-control-max-age', '600')
        .send(),
    )
  }
}
