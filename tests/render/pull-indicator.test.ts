/**
 * The image-pull indicator and inspector lines: a task PENDING while its image downloads has a
 * pull progress (0…1) that grows with the clock and ends when the pull does; the inspector shows
 * the pull, the digest the image resolved to, a failing pull, and an EC2 instance's outdated AMI.
 */
import { describe, expect, it } from 'vitest';
import { parseTaskDefinition } from '../../src/formats/task-definition.ts';
import { pullProgress } from '../../src/render/pull-progress.ts';
import { advance } from '../../src/sim/advance.ts';
import { applyCommand } from '../../src/sim/apply-command.ts';
import type { SimCommand } from '../../src/sim/commands.ts';
import { createDefaultCluster } from '../../src/sim/index.ts';
import type { SimState, Task } from '../../src/sim/model.ts';
import { instanceAmiFields, taskImageFields } from '../../src/ui/inspector-image-fields.ts';

function apply(s: SimState, c: SimCommand): SimState {
  const r = applyCommand(s, c);
  if (r.error) throw new Error(r.error);
  return r.state;
}

function withTask(
  image: string,
  launchType: 'EC2' | 'FARGATE' = 'EC2',
): { s: SimState; task: Task } {
  let s = apply(createDefaultCluster(2), { type: 'ENABLE_IMAGE_PULLS' });
  const td = parseTaskDefinition(
    JSON.stringify({
      family: 'pull',
      requiresCompatibilities: [launchType],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'web', image, essential: true }],
    }),
    'td.json',
  );
  if (!td.ok) throw new Error('bad td');
  s = apply(s, { type: 'REGISTER_TASK_DEFINITION', taskDefinition: td.value });
  const before = new Set(Object.keys(s.tasks));
  s = apply(s, { type: 'RUN_TASK', taskDefinition: 'pull', count: 1, launchType });
  const id = Object.keys(s.tasks).find((k) => !before.has(k)) as string;
  // Into PENDING: the pull is planned when the task reaches PENDING.
  for (let i = 0; i < 30 && s.tasks[id]?.lastStatus !== 'PENDING'; i++) s = advance(s, 1000);
  return { s, task: s.tasks[id] as Task };
}

describe('image pull indicator', () => {
  it('progress grows from 0 towards 1 while PENDING and is gone once the pull ends', () => {
    const { s, task } = withTask('nginx:1.27', 'FARGATE');
    const pull = task.imagePull!;
    expect(pull).toBeDefined();
    expect(pullProgress(task, pull.startedAt)).toBe(0);
    const mid = pullProgress(task, (pull.startedAt + pull.endsAt) / 2)!;
    expect(mid).toBeCloseTo(0.5, 5);
    expect(pullProgress(task, pull.endsAt)).toBeUndefined();
    const later = advance(s, pull.endsAt - s.now + 2000);
    const after = later.tasks[task.id]!;
    expect(after.lastStatus).not.toBe('PENDING');
    expect(pullProgress(after, later.now)).toBeUndefined();
  });

  it('the inspector shows the pull in progress, then pulled with the digest; Fargate keeps no cache', () => {
    const { s, task } = withTask('nginx:1.27', 'FARGATE');
    const pulling = taskImageFields(task, s);
    expect(pulling[0]?.value).toMatch(
      /^pulling \d+% — [\d.]+ MB to download, 0 of 3 layers cached$/,
    );
    expect(pulling[1]).toEqual({
      name: 'imageDigest (web)',
      value: expect.stringMatching(/^sha256:[0-9a-f]{12}…$/),
    });
    const later = advance(s, 60_000);
    const done = taskImageFields(later.tasks[task.id]!, later)[0];
    expect(done?.tone).toBe('good');
    expect(done?.value).toMatch(
      /^pulled in \d+ s — [\d.]+ MB downloaded, Fargate keeps no layer cache$/,
    );
  });

  it('a missing image shows a failing pull', () => {
    const { s, task } = withTask('nginx:nosuchtag', 'FARGATE');
    expect(task.imagePull?.error).toMatch(/^CannotPullContainerError/);
    expect(taskImageFields(task, s)[0]).toEqual({
      name: 'image pull',
      value: 'failed (web)',
      tone: 'bad',
    });
  });

  it('an EC2 instance on an older AMI is "outdated" after RELEASE_AMI', () => {
    let s = createDefaultCluster(2);
    const inst = Object.values(s.instances).find((i) => !i.external)!;
    const ami = inst.attributes['ecs.ami-id']!;
    expect(instanceAmiFields(inst, s)).toEqual([{ name: 'AMI (ecs.ami-id)', value: ami }]);
    s = apply(s, { type: 'RELEASE_AMI', amiId: 'ami-0123456789abcdef0' });
    const f = instanceAmiFields(s.instances[inst.id]!, s)[0];
    expect(f?.tone).toBe('bad');
    expect(f?.value).toBe(
      `${ami} — outdated AMI: ami-0123456789abcdef0 is out; drain and replace this instance`,
    );
  });
});
