// Ids of Outlook and OneDrive items as tool inputs: URL-safe base64-like tokens. Anything else is
// refused before a path is built from it.
import { z } from 'zod'

export function graphId(description: string) {
  return z
    .string()
    .trim()
    .min(1)
    .max(512)
    .regex(/^[A-Za-z0-9_=+!-]+$/, 'must be an id returned by another tool')
    .describe(description)
}
