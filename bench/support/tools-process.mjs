// Runs the built tools service (services/tools/dist/server.js) in this process, unchanged, and
// announces readiness on stdout once its /readyz answers 200 (the service logs nothing the bench
// could wait for at LOG_LEVEL silent). Its configuration comes from the environment, as in
// production; it stops on SIGTERM through its own graceful shutdown.
const port = process.env.TOOLS_PORT
await import('../../services/tools/dist/server.js')
for (let attempt = 0; ; attempt++) {
  const res = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined)
  if (res?.status === 200) break
  if (attempt > 300) throw new Error('the tools replica never became ready')
  await new Promise((resolve) => setTimeout(resolve, 100))
}
console.log(`tools-ready ${port}`)
