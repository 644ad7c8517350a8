// Types of render.mjs for the TypeScript tests.
export const repoRoot: string
export const chartDir: string
export class GoMissingError extends Error {}
export type Values = Record<string, unknown>
export interface Manifest {
  name: string
  content: string
}
export interface RenderResult {
  manifests: Manifest[]
  notes: string
  error?: undefined
}
export interface RenderFailure {
  error: string
  manifests?: undefined
  notes?: undefined
}
export function loadChart(dir?: string): {
  dir: string
  chart: Values
  values: Values
  schema: Values
}
export function ciValuesFiles(dir?: string): string[]
export function readValuesFile(file: string): Values
export function mergeValues(base: Values, override: Values | undefined): Values
export function validateValues(schema: Values, values: Values): string[]
export function goAvailable(): boolean
export function ensureRenderer(): string
export function renderChart(options: {
  values: Values
  release?: Record<string, unknown>
  dir?: string
  chart?: Values
  kubeVersion?: string
}): RenderResult | RenderFailure
export function parseManifests(manifests: Manifest[]): {
  objects: { source: string; index: number; object: unknown }[]
  errors: { source: string; message: string }[]
}
export function toYamlStream(manifests: Manifest[]): string
