// Store keys of the client registry, built in one place (house style §9) so the lead can merge them
// into src/store/keys.ts. URLs are hashed so a key stays short and free of client-chosen text.
//   <prefix>client:<client_id>           DCR registration JSON, TTL = unused-registration lifetime
//   <prefix>cimd:<sha256(url)>           cached CIMD metadata JSON, TTL from Cache-Control (bounded)
//   <prefix>cimd-fail:<sha256(url)>      recent CIMD failure marker, short TTL
//   <prefix>dcr-rate:ip:<bucket>:<win>   registrations per source (IPv4, or IPv6 /64) per window
//   <prefix>dcr-rate:global:<win>        registrations per window, all sources
import { sha256 } from '@m365mcp/crypto'

export interface ClientKeys {
  dcrClient(clientId: string): string
  cimdDocument(url: string): string
  cimdFailure(url: string): string
  registrationsBySource(bucket: string, window: number): string
  registrationsGlobal(window: number): string
}

export function createClientKeys(prefix = ''): ClientKeys {
  return {
    dcrClient: (clientId) => `${prefix}client:${clientId}`,
    cimdDocument: (url) => `${prefix}cimd:${sha256(url)}`,
    cimdFailure: (url) => `${prefix}cimd-fail:${sha256(url)}`,
    registrationsBySource: (bucket, window) => `${prefix}dcr-rate:ip:${bucket}:${window}`,
    registrationsGlobal: (window) => `${prefix}dcr-rate:global:${window}`,
  }
}
