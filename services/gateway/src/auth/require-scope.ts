// A token that verified but lacks the scope the MCP endpoints need gets 403 insufficient_scope with
// the scope to ask for (RFC 6750 §3.1; MCP 2025-11-25 "Authorization", scope challenge handling),
// so a client can step up instead of looping on 401.
import type { McpResourcePath } from '@m365mcp/access-token'

export interface ScopeRefusal {
  status: 403
  headers: Record<string, string>
  body: { error: 'insufficient_scope'; error_description: string }
}

export function requireScope(
  granted: readonly string[],
  needed: string,
  metadataUrl: (path: McpResourcePath) => string,
  path: McpResourcePath,
): ScopeRefusal | undefined {
  if (granted.includes(needed)) return undefined
  const description = `The access token lacks the "${needed}" scope`
  return {
    status: 403,
    headers: {
      'www-authenticate': `Bearer error="insufficient_scope", scope="${needed}", resource_metadata="${metadataUrl(path)}", error_description="${description.replace(/"/g, '')}"`,
    },
    body: { error: 'insufficient_scope', error_description: description },
  }
}
