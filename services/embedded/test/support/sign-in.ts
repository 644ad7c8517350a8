// Signs a demo user in through our auth service exactly as an MCP client does (DCR, /authorize with
// PKCE S256 and a resource, consent, the emulator's login page, /token): @m365mcp/testing's flow
// with the emulator's demo password.
import { DEMO_PASSWORD } from '@m365mcp/entra-emulator'
import { signIn as signInWithPassword, type SignedIn } from '@m365mcp/testing'

export { REDIRECT, registerPublicClient } from '@m365mcp/testing'
export type { SignedIn } from '@m365mcp/testing'

export function signIn(options: {
  publicUrl: string
  clientId: string
  username: string
  resource: string
}): Promise<SignedIn> {
  return signInWithPassword({ ...options, password: DEMO_PASSWORD })
}
