import { expect, html } from '@open-wc/testing';
import '../../../src/ui/cp-inspector.ts';
import type { CpInspector } from '../../../src/ui/cp-inspector.ts';
import { dropCommands } from '../../../src/machine/index.ts';
import { mountWithActor, settle, shadow, startHarness } from '../ui/ui-harness.ts';

describe('rolling deployments in the inspector', () => {
  it('shows PRIMARY and ACTIVE side by side with their running tasks, then the circuit breaker rollback', async () => {
    const h = startHarness();
    for (let i = 0; i < 150; i++) h.actor.send({ type: 'STEP' });
    const drop = dropCommands(
      h.sim(),
      { kind: 'fault', fault: 'brokenRevision' },
      { kind: 'service', name: 'web' },
    );
    if (!drop.ok) throw new Error(drop.reason);
    h.actor.send({ type: 'COMMANDS', commands: drop.commands });
    h.actor.send({ type: 'SELECT', ref: { kind: 'service', id: 'web' } });
    const el = await mountWithActor<CpInspector>(html`<cp-inspector></cp-inspector>`, h.actor);
    await settle(el);
    const rows = () =>
      [...shadow(el).querySelectorAll('ul.deployments li')].map(
        (li) => li.textContent?.replace(/\s+/g, ' ').trim() ?? '',
      );
    expect(rows()[0]).to.match(/^PRIMARY web:2: 0\/3 running, rolloutState IN_PROGRESS/);
    expect(rows()[1]).to.match(/^ACTIVE web:1: 3\/3 running, rolloutState COMPLETED/);
    expect(
      shadow(el).querySelector('.deployment-config')?.textContent?.replace(/\s+/g, ' '),
    ).to.contain(
      'minimumHealthyPercent 100, maximumPercent 200, circuit breaker on (rollback on, threshold 3)',
    );
    for (let i = 0; i < 600; i++) h.actor.send({ type: 'STEP' });
    await settle(el);
    const failed = shadow(el).querySelector('ul.deployments li[data-rollout="FAILED"]');
    // After the rollback the failed deployment may have left the list; the events say what happened.
    const text = shadow(el).textContent ?? '';
    expect(failed !== null || text.includes('deployment failed: tasks failed to start')).to.equal(
      true,
    );
    expect(rows()[0]).to.match(/^PRIMARY web:1: 3\/3 running/);
  });
});
