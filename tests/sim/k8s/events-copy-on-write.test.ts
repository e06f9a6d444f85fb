/**
 * The EKS event list is copied only when a step records an event (src/sim/k8s/draft.ts): a quiet
 * step hands the same list on, and a step that records one never changes the list an older state
 * holds (snapshots stay immutable for undo, the canvas and the Events panel).
 */
import { describe, expect, it } from 'vitest';
import { advanceK8s } from '../../../src/sim/k8s/index.ts';
import { cluster, deployment, run } from './helpers.ts';

describe('EKS events: copy on write', () => {
  it('a step without events keeps the list; one with events copies it and leaves the old one alone', () => {
    let s = cluster();
    s = run(s, { type: 'SET_IMAGE_BEHAVIOUR', image: 'bad:1', crashAfterSeconds: 1, exitCode: 1 });
    s = run(s, { type: 'APPLY', objects: [deployment('crashy', { image: 'bad:1' })] });
    let quiet = 0;
    let loud = 0;
    for (let t = 0; t < 400; t++) {
      const before = s.events;
      const frozen = JSON.stringify(before);
      const next = advanceK8s(s, 1000);
      if (next.version === s.version) {
        expect(next.events).toBe(before);
        quiet++;
      } else if (JSON.stringify(next.events) !== frozen) {
        expect(next.events).not.toBe(before);
        loud++;
      }
      // Whatever the step recorded (a new event or a repeat's count), the older list is unchanged.
      expect(JSON.stringify(before)).toBe(frozen);
      s = next;
    }
    // The crash loop's back-off leaves quiet seconds between its events.
    expect(quiet).toBeGreaterThan(0);
    expect(loud).toBeGreaterThan(0);
  });
});
