import { envString, invalid, ok } from './env-string.js'

const TRUE = new Set(['true', '1', 'yes', 'on'])
const FALSE = new Set(['false', '0', 'no', 'off'])

/** true/false, 1/0, yes/no, on/off (any case); anything else is refused rather than read as false. */
export function bool() {
  return envString('bool', (raw) => {
    const word = raw.toLowerCase()
    if (TRUE.has(word)) return ok(true)
    if (FALSE.has(word)) return ok(false)
    return invalid('must be one of true, false, 1, 0, yes, no, on, off')
  })
}
