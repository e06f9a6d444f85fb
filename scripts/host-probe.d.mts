export function hostProbe(size?: { loop?: number; tableMiB?: number; steps?: number }): {
  cpuMs: number;
  memoryMs: number;
  check: number;
};
