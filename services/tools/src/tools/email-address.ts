// Email address inputs: zod's email check (a practical subset of RFC 5322 addr-spec), bounded, and
// the Graph recipient shape built from them.
import { z } from 'zod'

export const emailAddress = z.email().max(254)

export function recipients(addresses: readonly string[]) {
  return addresses.map((address) => ({ emailAddress: { address } }))
}
