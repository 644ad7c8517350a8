// `node --import` this file to run the conformance CLI on Node 20: a module resolve hook
// (node:module register) that gives the package ./node20-fs-glob.mjs where it imports 'fs'.
import { register } from 'node:module'

const shim = new URL('./node20-fs-glob.mjs', import.meta.url).href
const hook = `
export async function resolve(specifier, context, next) {
  if ((specifier === 'fs' || specifier === 'node:fs') && context.parentURL?.includes('/@modelcontextprotocol/conformance/'))
    return { url: ${JSON.stringify(shim)}, shortCircuit: true }
  return next(specifier, context)
}`
register(`data:text/javascript,${encodeURIComponent(hook)}`)
