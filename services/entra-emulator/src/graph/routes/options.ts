// Options every Graph route plugin receives from buildGraphApp.
import type { GraphContext } from '../context.js'

export interface GraphRouteOptions {
  ctx: GraphContext
}
