// Types of wiring-rules.mjs for the TypeScript tests.
export function checkWiring(
  objects: unknown[],
  options: { namespace: string; clusterDomain?: string; metricsEnabled?: boolean },
): string[]
export function allowedSources(policies: unknown[]): Record<string, Record<string, string[]>>
