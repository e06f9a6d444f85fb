import { describe, expect, it } from 'vitest';
import {
  formatCpu,
  formatMemory,
  parseCpuMillicores,
  parseMemoryBytes,
} from '../../../src/sim/k8s/quantity.ts';

describe('Kubernetes resource quantities', () => {
  it('parses CPU in cores and millicores', () => {
    expect(parseCpuMillicores('250m')).toBe(250);
    expect(parseCpuMillicores('0.5')).toBe(500);
    expect(parseCpuMillicores('2')).toBe(2000);
    expect(parseCpuMillicores(1)).toBe(1000);
    expect(parseCpuMillicores('1e3')).toBe(1_000_000);
    expect(parseCpuMillicores('100u')).toBe(1); // sub-milli precision rounds up
  });

  it('parses memory with binary and decimal suffixes', () => {
    expect(parseMemoryBytes('1Gi')).toBe(2 ** 30);
    expect(parseMemoryBytes('512Mi')).toBe(512 * 2 ** 20);
    expect(parseMemoryBytes('1G')).toBe(1e9);
    expect(parseMemoryBytes('128974848')).toBe(128974848);
    expect(parseMemoryBytes('129e6')).toBe(129e6);
  });

  it('rejects malformed quantities', () => {
    for (const bad of ['abc', '1GB', '', '1.2.3', 'Mi', '--1'])
      expect(parseMemoryBytes(bad)).toBeUndefined();
  });

  it('formats canonically', () => {
    expect([formatCpu(250), formatCpu(2000)]).toEqual(['250m', '2']);
    expect([formatMemory(64 * 2 ** 20), formatMemory(2 ** 30), formatMemory(1000)]).toEqual([
      '64Mi',
      '1Gi',
      '1000',
    ]);
  });
});
