import { envString } from './env-string.js'
import { parseInteger } from './int.js'

/** A TCP port, 1–65535. */
export function port() {
  return envString('port', (raw) => parseInteger(raw, { min: 1, max: 65535 }))
}
