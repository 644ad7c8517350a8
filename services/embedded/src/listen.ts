// Binds a Fastify app to its loopback port, turning "address in use" into a message that names the
// port and the variable that moves it.
import type { FastifyInstance } from 'fastify'
import { portInUse } from './startup-error.js'

export async function listenOn(
  app: FastifyInstance,
  where: { host: string; port: number; variable: string },
): Promise<void> {
  try {
    await app.listen({ host: where.host, port: where.port })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw portInUse(where.port, where.variable)
    throw error
  }
}
