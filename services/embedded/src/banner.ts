// What `npm start` prints once every listener is up: where to point an MCP client, how to sign in,
// and how to connect the common clients (the README's "two commands" say the same).
import { CONTOSO, DEMO_PASSWORD, type RunningEmulator } from '@m365mcp/entra-emulator'

export const READY_LINE = 'M365 MCP is running'

export interface BannerInput {
  publicUrl: string
  emulator: RunningEmulator | undefined
  storeKind: 'memory' | 'redis'
  /** Set when METRICS_PORT opted in to the metrics listener. */
  metricsUrl?: string | undefined
}

export function renderBanner({ publicUrl, emulator, storeKind, metricsUrl }: BannerInput): string {
  const mcp = `${publicUrl}/mcp`
  const signIn = emulator
    ? [
        `Sign in (Entra emulator, tenant Contoso) as one of these demo users, password ${DEMO_PASSWORD}:`,
        ...emulator.seed.demoUsers
          .filter((user) => user.tenantId === CONTOSO.id)
          .map((user) => `  ${user.userPrincipalName.padEnd(32)} ${user.displayName}`),
      ]
    : ['Sign in with an account of your Entra tenant.']
  const store =
    storeKind === 'memory'
      ? 'Store: in memory (sign-ins and registrations are forgotten on exit; set REDIS_URL to keep them).'
      : 'Store: Redis (REDIS_URL).'
  return [
    '',
    `${READY_LINE} (embedded: gateway, auth, tools${emulator ? ', Entra + Graph emulator' : ''} in one process).`,
    '',
    `  MCP (Streamable HTTP): ${mcp}`,
    `  MCP (legacy SSE):      ${publicUrl}/sse`,
    '',
    ...signIn,
    '',
    'Connect a client:',
    `  MCP Inspector   npx @modelcontextprotocol/inspector  → Transport "Streamable HTTP", URL ${mcp}`,
    `  Claude Code     claude mcp add --transport http m365 ${mcp}`,
    // Claude's custom connectors connect from Anthropic's cloud (a public https URL); a local demo
    // reaches Claude Desktop through the mcp-remote stdio bridge.
    `  Claude Desktop  claude_desktop_config.json: { "mcpServers": { "m365": { "command": "npx", "args": ["mcp-remote", "${mcp}"] } } }`,
    `  Cursor          mcp.json: { "mcpServers": { "m365": { "url": "${mcp}" } } }`,
    '',
    store,
    ...(metricsUrl ? [`Metrics (Prometheus): ${metricsUrl}`] : []),
    'Press Ctrl-C to stop.',
    '',
  ].join('\n')
}
