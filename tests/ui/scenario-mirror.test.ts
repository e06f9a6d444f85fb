/**
 * The scenario's mirror actor (what the canvas and panels read) follows the player only: nothing a
 * learner does in a panel meant for the free playground may change it. The palette and the traffic
 * panel send COMMANDS (several commands as one action) and the terminal sends TERMINAL lines; before,
 * only COMMAND was refused, so a palette drop, a load slider or `kubectl scale` changed the shown
 * cluster while the palette said it had deployed — until the player's next LOAD threw it away.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/formats/scenario.ts';
import type { Scenario } from '../../src/formats/scenario-types.ts';
import { EKS_RUNTIME } from '../../src/machine/eks.ts';
import { applyCommand } from '../../src/sim/index.ts';
import { ScenarioSession } from '../../src/ui/scenario-session.ts';

function load(name: string): Scenario {
  const text = readFileSync(new URL(`../../scenarios/${name}.yaml`, import.meta.url), 'utf8');
  const r = loadScenario(text, `${name}.yaml`);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.scenario;
}

let sessions: ScenarioSession[] = [];
afterEach(() => {
  for (const s of sessions) s.dispose();
  sessions = [];
});

function open(name: string, step: number): ScenarioSession {
  const s = new ScenarioSession(load(name), { step });
  sessions.push(s);
  s.view.send({ type: 'EKS_RUNTIME', runtime: EKS_RUNTIME });
  return s;
}

const PLAYING = /A scenario is playing/;

describe('the scenario mirror ignores the free playground’s actions', () => {
  it('a palette drop (COMMANDS) leaves the shown cluster as the player has it, and says why', () => {
    const s = open('self-healing', 2);
    const before = s.view.getSnapshot().context.sim;
    const api = Object.values(before.services).find((x) => x.serviceName === 'api')!;
    // The same commands on the free playground would be accepted (so the refusal is the mirror's).
    expect(
      applyCommand(before, { type: 'UPDATE_SERVICE', serviceName: 'api', desiredCount: 9 }).error,
    ).toBeUndefined();
    s.view.send({
      type: 'COMMANDS',
      commands: [{ type: 'UPDATE_SERVICE', serviceName: api.serviceName, desiredCount: 9 }],
    });
    const after = s.view.getSnapshot().context;
    expect(after.sim).toBe(before);
    expect(after.lastError).toMatch(PLAYING);
    expect(after.commandLog).toHaveLength(0);
  });

  it('a terminal line that would change the cluster is refused in the terminal; a read-only one runs', () => {
    const s = open('eks-crashloop-rolling-update', 2);
    const before = s.view.getSnapshot().context.sim;
    expect(before.eks).toBeDefined();
    s.view.send({ type: 'TERMINAL', line: 'kubectl scale deploy/api --replicas=7' });
    let ctx = s.view.getSnapshot().context;
    expect(ctx.sim).toBe(before);
    const refused = ctx.terminal.transcript.at(-1)!;
    expect(refused.line).toBe('kubectl scale deploy/api --replicas=7');
    expect(refused.exitCode).toBe(1);
    expect(refused.output.join('\n')).toMatch(PLAYING);
    s.view.send({ type: 'TERMINAL', line: 'kubectl get deploy api' });
    ctx = s.view.getSnapshot().context;
    expect(ctx.sim).toBe(before);
    const got = ctx.terminal.transcript.at(-1)!;
    expect(got.exitCode).toBe(0);
    expect(got.output[0]).toMatch(/^NAME\s+READY/);
  });
});
