// ipaddr.js is CommonJS with `export =` typings; under NodeNext without esModuleInterop it cannot be
// default-imported, so it is loaded through require once, here, with its own types.
import { createRequire } from 'node:module'
import type * as Ipaddr from 'ipaddr.js'

export type IPv4 = Ipaddr.IPv4
export type IPv6 = Ipaddr.IPv6
export type IPAddress = IPv4 | IPv6

export const ipaddr = createRequire(import.meta.url)('ipaddr.js') as typeof Ipaddr
