// Closes an HTTP listener gracefully: stop accepting connections, answer requests already in flight,
// and close keep-alive sockets as soon as they fall idle. Node's server.close() closes the sockets
// idle at that moment only (Node >= 19); a socket whose request finishes afterwards would stay open
// until keepAliveTimeout (65-72 s here), holding close() past any grace period. So the idle ones
// are swept again every sweepMs until the listener has closed.
export interface ClosableListener {
  close(): PromiseLike<unknown>
  server: { closeIdleConnections(): void; listening: boolean }
}

export async function closeListener(listener: ClosableListener, sweepMs = 100): Promise<void> {
  const closing = Promise.resolve(listener.close())
  const sweep = setInterval(() => listener.server.closeIdleConnections(), sweepMs)
  try {
    await closing
  } finally {
    clearInterval(sweep)
  }
}
