/**
 * kubectl's printing rules: tab-aligned tables (tabwriter padding 3), AGE via apimachinery's
 * HumanDuration, the pod STATUS column algorithm, and simulated wall-clock timestamps
 * [reference B2, B11; K8S-SRC duration.go, printers.go].
 */
import type { K8sState, Pod } from './model.ts';

/**
 * Pure: a table as kubectl prints it: each column padded to its widest cell + `padding` spaces
 * (3 for `get`, 2 inside `describe`, as kubectl's tabwriters are configured).
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  padding = 3,
): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all
    .map((r) =>
      r
        .map((cell, i) =>
          i === r.length - 1 ? cell : cell.padEnd((widths[i] as number) + padding),
        )
        .join(''),
    )
    .join('\n');
}

/** Pure: apimachinery HumanDuration (what the AGE column shows) [B11]. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8)
    return hours % 24 === 0
      ? `${Math.floor(hours / 24)}d`
      : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.floor(hours / 24) % 365;
    return dy === 0 ? `${Math.floor(hours / 24 / 365)}y` : `${Math.floor(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

/** Pure: AGE of an object created at `created` (simulated ms). */
export function age(state: Pick<K8sState, 'now'>, created: number): string {
  return humanDuration(state.now - created);
}

const DAYS = ['Wed', 'Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Pure: simulated time as `kubectl describe` prints timestamps (RFC 1123 with zone). The simulation
 * starts at Wed, 01 Jan 2025 00:00:00 +0000 (no wall clock in the core); good for one year.
 */
export function formatTimestamp(ms: number): string {
  const total = Math.floor(ms / 1000);
  let day = Math.floor(total / 86400);
  const dow = DAYS[day % 7] as string;
  let month = 0;
  while (month < 11 && day >= (MONTH_DAYS[month] as number)) day -= MONTH_DAYS[month++] as number;
  const p = (n: number): string => String(n).padStart(2, '0');
  const s = total % 86400;
  return `${dow}, ${p(day + 1)} ${MONTHS[month]} 2025 ${p(Math.floor(s / 3600))}:${p(Math.floor(s / 60) % 60)}:${p(s % 60)} +0000`;
}

/** Pure: the READY column: ready/total containers. */
export function podReady(pod: Pod): string {
  return `${pod.containerStatuses.filter((c) => c.ready).length}/${pod.spec.containers.length}`;
}

/** Pure: the RESTARTS column: total restarts, with "(Xm ago)" since the last one (kubectl ≥ 1.22). */
export function podRestarts(state: Pick<K8sState, 'now'>, pod: Pod): string {
  const total = pod.containerStatuses.reduce((s, c) => s + c.restartCount, 0);
  if (total === 0) return '0';
  const last = Math.max(
    ...pod.containerStatuses.map((c) =>
      c.lastState?.kind === 'terminated' ? c.lastState.finishedAt : -1,
    ),
  );
  return last >= 0 ? `${total} (${humanDuration(state.now - last)} ago)` : String(total);
}

/**
 * Pure: the STATUS column (kubectl printPod): starts from the phase; the first container (walking
 * last → first) that is waiting or terminated gives its reason; deletion shows Terminating [B2].
 */
export function podStatus(pod: Pod): string {
  let reason: string = pod.phase;
  if (pod.nodeName && pod.startTime !== undefined) {
    let hasRunning = false;
    for (let i = pod.containerStatuses.length - 1; i >= 0; i--) {
      const c = pod.containerStatuses[i];
      if (!c) continue;
      if (c.state.kind === 'waiting' && c.state.reason) reason = c.state.reason;
      else if (c.state.kind === 'terminated')
        reason = c.state.reason || `ExitCode:${c.state.exitCode}`;
      else if (c.state.kind === 'running' && c.ready) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning)
      reason = pod.conditions.some((c) => c.type === 'Ready' && c.status === 'True')
        ? 'Running'
        : 'NotReady';
  }
  if (pod.meta.deletionTimestamp !== undefined) reason = 'Terminating';
  return reason;
}

/** Pure: labels as "a=b,c=d" (or "<none>"). */
export function labelString(labels: Readonly<Record<string, string>>): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  return parts.length ? parts.join(',') : '<none>';
}

/**
 * Pure: a tiny YAML emitter for plain JSON data (what `-o yaml` prints); keys in insertion order,
 * strings quoted only when YAML would misread them.
 */
export function toYaml(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return value
      .map((v) => `\n${indent}- ${toYaml(v, indent + '  ').replace(/^\n\s*/, '')}`)
      .join('');
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(
      ([, v]) => v !== undefined,
    );
    if (entries.length === 0) return '{}';
    return entries
      .map(([k, v]) => {
        // Sequences sit at their key's indentation, as kubectl (go-yaml) prints them.
        const inner = toYaml(v, Array.isArray(v) ? indent : indent + '  ');
        const block =
          (Array.isArray(v) && v.length) ||
          (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length);
        return `\n${indent}${scalar(k)}:${block ? inner : ` ${inner}`}`;
      })
      .join('');
  }
  return scalar(value);
}

function scalar(v: unknown): string {
  if (typeof v === 'string') {
    // Quote what YAML would read as something else: numbers, booleans, null, timestamps, specials.
    const ambiguous =
      v === '' ||
      /^[-+]?(\d[\d_]*)?\.?\d*([eE][-+]?\d+)?$/.test(v) ||
      /^(true|false|null|yes|no|on|off|y|n|~)$/i.test(v) ||
      /^\d{4}-\d\d-\d\d/.test(v) ||
      !/^[A-Za-z0-9_./][\w./:@-]*$/.test(v) ||
      /:$/.test(v);
    return ambiguous ? JSON.stringify(v) : v;
  }
  return v === null ? 'null' : String(v);
}
