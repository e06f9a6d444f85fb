/**
 * Deployment rollout arithmetic: maxSurge/maxUnavailable resolution and the pod-template hash that
 * names ReplicaSets [K8S-WEB deployment.md; reference B5, E7].
 */
import type { DeploymentStrategy, PodTemplateSpec } from './objects.ts';
import { SAFE_ALPHANUMS } from './draft.ts';

/** Defaults: maxSurge 25 %, maxUnavailable 25 % [B5]. */
export const DEFAULT_MAX_SURGE = '25%';
export const DEFAULT_MAX_UNAVAILABLE = '25%';

function resolve(value: number | string, replicas: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const pct = Number(value.replace('%', ''));
  const raw = (replicas * pct) / 100;
  return roundUp ? Math.ceil(raw) : Math.floor(raw);
}

/**
 * Pure: absolute surge and unavailability for `replicas`: surge rounds up, unavailable rounds down;
 * if both come out 0, unavailable becomes 1 so the rollout can progress [K8S-SRC
 * deployment/util ResolveFenceposts]. replicas 10 → 3/2; replicas 1 → 1/0.
 */
export function resolveFenceposts(
  strategy: DeploymentStrategy | undefined,
  replicas: number,
): { maxSurge: number; maxUnavailable: number } {
  const ru = strategy?.rollingUpdate;
  const maxSurge = resolve(ru?.maxSurge ?? DEFAULT_MAX_SURGE, replicas, true);
  let maxUnavailable = resolve(ru?.maxUnavailable ?? DEFAULT_MAX_UNAVAILABLE, replicas, false);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Pure: the pod-template-hash label value. Like Kubernetes: a 32-bit FNV-1a hash of the template,
 * printed in decimal and each digit mapped to the safe alphabet [K8S-SRC controller_utils
 * ComputeHash + rand.SafeEncodeString]. The hashed bytes differ from Kubernetes' (we hash canonical
 * JSON), so values look real but will not equal a real cluster's.
 */
export function podTemplateHash(template: PodTemplateSpec, collisionCount = 0): string {
  const text = canonical(template) + (collisionCount ? String(collisionCount) : '');
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return [...String(h)]
    .map((ch) => SAFE_ALPHANUMS[ch.charCodeAt(0) % SAFE_ALPHANUMS.length])
    .join('');
}

/** Pure: the template without the pod-template-hash label (for comparing templates). */
export function stripHash(template: PodTemplateSpec): PodTemplateSpec {
  const labels = { ...template.metadata.labels };
  delete labels['pod-template-hash'];
  return { ...template, metadata: { ...template.metadata, labels } };
}

/** Pure: structural equality of two pod templates (ignoring the hash label). */
export function sameTemplate(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  return canonical(stripHash(a)) === canonical(stripHash(b));
}
