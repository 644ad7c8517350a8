// How this server names itself in `initialize` (serverInfo); the version is the package's.
import { createRequire } from 'node:module'

const pkg = createRequire(import.meta.url)('../package.json') as { version: string }

export const serverInfo = { name: 'm365-mcp', version: pkg.version } as const
