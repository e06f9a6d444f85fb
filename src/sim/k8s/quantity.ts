/**
 * Kubernetes resource quantities ("250m", "0.5", "1Gi", "512Mi", "1G", "1e3") parsed the way the
 * API server's `resource.Quantity` does [K8S-SRC staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go].
 * CPU is held as integer millicores, memory as integer bytes.
 */

/** The regular expression the API server quotes when a quantity is malformed. */
export const QUANTITY_PATTERN = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';

/** The API server's message for a malformed quantity (follows the field path and value). */
export const QUANTITY_ERROR = `quantities must match the regular expression '${QUANTITY_PATTERN}'`;

const BINARY: Readonly<Record<string, number>> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Readonly<Record<string, number>> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

// Stricter than QUANTITY_PATTERN (which the server also narrows after matching): one number, then
// one binary/decimal suffix or one exponent.
const STRICT = /^([+-]?(?:\d+\.?\d*|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

/**
 * Pure: the quantity's value in base units (cores for cpu, bytes for memory), or undefined when the
 * text is not a valid quantity. Numbers given in YAML without quotes are accepted too.
 */
export function parseQuantity(input: string | number): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) ? input : undefined;
  const m = STRICT.exec(input.trim());
  if (!m) return undefined;
  const value = Number(m[1]);
  const suffix = m[2] ?? '';
  if (suffix in BINARY) return value * (BINARY[suffix] as number);
  if (suffix in DECIMAL) return value * (DECIMAL[suffix] as number);
  return value * 10 ** Number(suffix.slice(1));
}

/** Pure: a CPU quantity in millicores, rounded up as the API server does for sub-milli precision. */
export function parseCpuMillicores(input: string | number): number | undefined {
  const cores = parseQuantity(input);
  return cores === undefined ? undefined : Math.ceil(Math.round(cores * 1e9) / 1e6);
}

/** Pure: a memory quantity in whole bytes (rounded up). */
export function parseMemoryBytes(input: string | number): number | undefined {
  const bytes = parseQuantity(input);
  return bytes === undefined ? undefined : Math.ceil(bytes);
}

/** Pure: canonical CPU text: whole cores as "2", otherwise millicores as "250m" (kubectl style). */
export function formatCpu(millicores: number): string {
  return millicores % 1000 === 0 ? String(millicores / 1000) : `${millicores}m`;
}

/** Pure: canonical memory text using the largest exact binary suffix ("512Mi", "1Gi"), else bytes. */
export function formatMemory(bytes: number): string {
  for (const suffix of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki']) {
    const unit = BINARY[suffix] as number;
    if (bytes >= unit && bytes % unit === 0) return `${bytes / unit}${suffix}`;
  }
  return String(bytes);
}

/** Pure: memory rounded down to whole MiB with the suffix, as `kubectl top` prints it ("123Mi"). */
export function formatMemoryMi(bytes: number): string {
  return `${Math.floor(bytes / 2 ** 20)}Mi`;
}

/** Bytes in one MiB / GiB, for readable arithmetic elsewhere. */
export const MI = 2 ** 20;
export const GI = 2 ** 30;
