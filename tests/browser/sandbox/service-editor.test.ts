import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/ui/cp-app.ts';
import type { CpApp } from '../../../src/ui/cp-app.ts';
import type { CpInspector } from '../../../src/ui/cp-inspector.ts';
import type { CpServiceEditor } from '../../../src/ui/cp-service-editor.ts';
import type { SimState } from '../../../src/sim/index.ts';
import { part, settle, startHarness } from '../ui/ui-harness.ts';

const same = (s: SimState): string => JSON.stringify({ ...s, version: 0 });

async function editorFor(service: string) {
  const h = startHarness();
  const app = await fixture<CpApp>(
    html`<cp-app style="width: 1400px; height: 900px" no-ticker .actor=${h.actor}></cp-app>`,
  );
  await settle(app);
  h.actor.send({ type: 'SELECT', ref: { kind: 'service', id: service } });
  const inspector = part<CpInspector>(app, 'cp-inspector');
  await settle(inspector);
  part<HTMLDetailsElement>(inspector, 'details.edit-service').open = true;
  const editor = part<CpServiceEditor>(inspector, 'cp-service-editor');
  await settle(editor);
  return { h, editor };
}

/** Types into a field as a user: focus, select all, type. */
async function typeInto(input: HTMLInputElement, text: string): Promise<void> {
  input.focus();
  input.select();
  await sendKeys({ type: text });
}

const result = (editor: CpServiceEditor, section: string) =>
  part(editor, `.result[data-section="${section}"]`);

describe('inspector: editing a service (events → commands, undoable)', () => {
  it('deployment configuration: an invalid maximumPercent is refused in ECS words; a valid one applies and undoes', async () => {
    const { h, editor } = await editorFor('api');
    const before = same(h.sim());
    await typeInto(part<HTMLInputElement>(editor, 'input.max-percent'), '90');
    part<HTMLButtonElement>(editor, 'button.apply-deployment').click();
    await settle(editor);
    expect(result(editor, 'deployment').getAttribute('role')).to.equal('alert');
    expect(result(editor, 'deployment').textContent).to.contain(
      'InvalidParameterException: maximumPercent must be at least 100 for REPLICA services.',
    );
    expect(same(h.sim())).to.equal(before);

    await typeInto(part<HTMLInputElement>(editor, 'input.max-percent'), '150');
    await typeInto(part<HTMLInputElement>(editor, 'input.min-healthy'), '50');
    part<HTMLInputElement>(editor, 'input.breaker').click();
    part<HTMLInputElement>(editor, 'input.rollback').click();
    part<HTMLButtonElement>(editor, 'button.apply-deployment').click();
    await settle(editor);
    expect(h.sim().services.api!.deploymentConfiguration).to.deep.equal({
      minimumHealthyPercent: 50,
      maximumPercent: 150,
      deploymentCircuitBreaker: { enable: true, rollback: true },
    });
    expect(result(editor, 'deployment').getAttribute('role')).to.equal('status');
    h.actor.send({ type: 'UNDO' });
    await settle(editor);
    expect(h.sim().services.api!.deploymentConfiguration.maximumPercent).to.equal(200);
    // The form follows the undo.
    expect(part<HTMLInputElement>(editor, 'input.max-percent').value).to.equal('200');
  });

  it('placement on EC2: binpack + distinctInstance starts a new deployment; Fargate has it disabled with the reason', async () => {
    const { h, editor } = await editorFor('api');
    const select = part<HTMLSelectElement>(editor, 'select.strategy');
    select.value = 'binpack-memory';
    select.dispatchEvent(new Event('change'));
    part<HTMLInputElement>(editor, 'input.distinct').click();
    part<HTMLButtonElement>(editor, 'button.apply-placement').click();
    await settle(editor);
    const svc = h.sim().services.api!;
    expect(svc.placementStrategy).to.deep.equal([{ type: 'binpack', field: 'memory' }]);
    expect(svc.placementConstraints).to.deep.equal([{ type: 'distinctInstance' }]);
    expect(svc.deployments[0]!.status).to.equal('PRIMARY');
    expect(svc.deployments).to.have.length(2);

    const fargate = await editorFor('web');
    expect(part<HTMLButtonElement>(fargate.editor, 'button.apply-placement').disabled).to.equal(
      true,
    );
    expect(part(fargate.editor, '.placement .note').textContent!.replace(/\s+/g, ' ')).to.contain(
      'not supported with FARGATE launch type',
    );
  });

  it('scaling: min > max refused with the Application Auto Scaling message; a policy applies; one undo removes both calls', async () => {
    const { h, editor } = await editorFor('web');
    part<HTMLInputElement>(editor, 'input.scaling-on').click();
    await settle(editor);
    await typeInto(part<HTMLInputElement>(editor, 'input.min-capacity'), '5');
    await typeInto(part<HTMLInputElement>(editor, 'input.max-capacity'), '2');
    part<HTMLButtonElement>(editor, 'button.apply-scaling').click();
    await settle(editor);
    expect(result(editor, 'scaling').textContent).to.contain(
      'ValidationException: Minimum capacity cannot be greater than maximum capacity',
    );
    expect(h.sim().traffic?.scaling.web).to.equal(undefined);
    await typeInto(part<HTMLInputElement>(editor, 'input.min-capacity'), '2');
    await typeInto(part<HTMLInputElement>(editor, 'input.max-capacity'), '6');
    await typeInto(part<HTMLInputElement>(editor, 'input.target-value'), '60');
    part<HTMLButtonElement>(editor, 'button.apply-scaling').click();
    await settle(editor);
    const scaling = h.sim().traffic!.scaling.web!;
    expect([scaling.target.minCapacity, scaling.target.maxCapacity]).to.deep.equal([2, 6]);
    expect(scaling.policies.map((p) => p.policyType)).to.deep.equal(['TargetTrackingScaling']);
    h.actor.send({ type: 'UNDO' });
    expect(h.sim().traffic?.scaling.web).to.equal(undefined);
  });
});
