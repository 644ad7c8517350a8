// The real emulator with two app registrations: one granted every permission the tools use, one
// granted only User.Read (for 403s). Builds a real GraphClient and a ToolContext for a demo user,
// and runs a tool the way the MCP layer will: input parsed by its zod schema, output checked.
import * as client from 'openid-client'
import pino from 'pino'
import type { z } from 'zod'
import { CONTOSO, DEMO_PASSWORD, startEmulator, type RunningEmulator } from '@m365mcp/entra-emulator'
import { createGraphClientFactory } from '../../../src/graph/graph-client.js'
import type { ToolContext, ToolDefinition, ToolResult } from '../../../src/tools/tool-definition.js'
import { createBrowser } from '@m365mcp/testing'

const REDIRECT = 'http://localhost:8799/callback'
const FULL = [
  'User.Read',
  'User.Read.All',
  'People.Read',
  'Calendars.ReadWrite',
  'Mail.Read',
  'Mail.Send',
  'Files.Read',
]
const APPS = {
  full: { clientId: '7a1b2c3d-4e5f-4a6b-8c9d-0e1f2a3b4c5d', permissions: FULL },
  basic: { clientId: '8b2c3d4e-5f6a-4b7c-9d0e-1f2a3b4c5d6e', permissions: ['User.Read'] },
} as const
const SECRET = 'tools-defs-test-secret'

export type AppKind = keyof typeof APPS

export interface ToolsHarness {
  emulator: RunningEmulator
  /** A ToolContext for a Contoso demo user (by UPN local part, e.g. "zoe.fischer"). */
  context(
    user: string,
    options?: { app?: AppKind; maxResultBytes?: number; cursorKeys?: string[] },
  ): Promise<ToolContext>
  userId(user: string): string
}

type Teardown = (fn: () => Promise<void> | void) => void

export async function startToolsHarness(teardown: Teardown): Promise<ToolsHarness> {
  const emulator = await startEmulator({
    port: 0,
    graphPort: 0,
    logger: pino({ level: 'silent' }),
    clients: Object.values(APPS).map((app) => ({
      clientId: app.clientId,
      clientSecret: SECRET,
      tenantId: CONTOSO.id,
      redirectUris: [REDIRECT],
      permissions: [...app.permissions],
    })),
  })
  teardown(() => emulator.close())
  const factory = createGraphClientFactory({
    baseUrl: emulator.graphBaseUrl,
    caPem: emulator.caPem,
    logger: pino({ level: 'silent' }),
    retry: { defaultDelaySeconds: 0 },
  })
  teardown(() => factory.close())
  const tokens = new Map<string, Promise<string>>()

  function demoUser(name: string) {
    const user = emulator.seed.demoUsers.find((u) => u.userPrincipalName === `${name}@contoso.example`)
    if (!user) throw new Error(`no Contoso demo user ${name}`)
    return user
  }

  async function signIn(name: string, app: AppKind): Promise<string> {
    const user = demoUser(name)
    const config = await client.discovery(
      new URL(emulator.issuer(CONTOSO.id)),
      APPS[app].clientId,
      undefined,
      client.ClientSecretBasic(SECRET),
      { execute: [client.allowInsecureRequests] },
    )
    const verifier = client.randomPKCECodeVerifier()
    const state = client.randomState()
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid profile offline_access https://graph.microsoft.com/.default',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    })
    const browser = createBrowser()
    const atApp = (u: string) => u.startsWith(REDIRECT)
    const start = await browser.follow(url.href, atApp)
    let end = start
    if (!atApp(start.url)) {
      await start.response.text()
      const posted = await browser.post(start.url, { login: user.userPrincipalName, password: DEMO_PASSWORD })
      end = await browser.follow(start.url, atApp, posted)
    }
    if (!atApp(end.url)) throw new Error(`sign-in ended at ${end.url} (${end.response.status})`)
    const result = await client.authorizationCodeGrant(config, new URL(end.url), {
      pkceCodeVerifier: verifier,
      expectedState: state,
    })
    return result.access_token
  }

  async function context(
    name: string,
    options: { app?: AppKind; maxResultBytes?: number; cursorKeys?: string[] } = {},
  ): Promise<ToolContext> {
    const app = options.app ?? 'full'
    const key = `${app}:${name}`
    let token = tokens.get(key)
    if (!token) {
      token = signIn(name, app)
      tokens.set(key, token)
    }
    const accessToken = await token
    const user = demoUser(name)
    return {
      graph: factory.forUser({ accessToken: () => Promise.resolve(accessToken) }),
      user: { sub: `sub-${user.id}`, grantId: `grant-${name}` },
      grantedScopes: [...APPS[app].permissions],
      cursorKeys: options.cursorKeys ?? ['tools-defs-cursor-key-1'],
      graphBaseUrl: emulator.graphBaseUrl,
      maxResultBytes: options.maxResultBytes ?? 64_000,
      logger: pino({ level: 'silent' }),
      now: Date.now,
    }
  }

  return { emulator, context, userId: (name) => demoUser(name).id }
}

/** Parses `raw` with the tool's input schema, runs it, and checks the structured result. */
export async function runTool<I extends ToolDefinition['input'], O extends ToolDefinition['output'] & object>(
  tool: ToolDefinition<I, O>,
  raw: unknown,
  context: ToolContext,
): Promise<ToolResult<z.output<O>>> {
  const result = await tool.handler(tool.input.parse(raw), context)
  if (tool.output !== undefined) tool.output.parse(result.structured)
  return result
}
