// The emulator's directories. Two tenants so tenant allowlists and cross-tenant (nOAuth) cases can be tested.
import type { SeedTenant } from '../seed/types.js'

export const CONTOSO: SeedTenant = {
  id: '4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  name: 'Contoso',
  domain: 'contoso.example',
}

export const FABRIKAM: SeedTenant = {
  id: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  name: 'Fabrikam',
  domain: 'fabrikam.example',
}

export const TENANTS: readonly SeedTenant[] = [CONTOSO, FABRIKAM]

/** The password every demo user signs in with on the emulator's login page (documented in the README). */
export const DEMO_PASSWORD = 'demo-password'

/** Audience of Graph access tokens, as in Entra v2 tokens minted for Microsoft Graph. */
export const GRAPH_AUDIENCE = 'https://graph.microsoft.com'
