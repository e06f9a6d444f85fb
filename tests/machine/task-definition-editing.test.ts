import { describe, expect, it } from 'vitest';
import { applyCommand, createDefaultCluster, type SimState } from '../../src/sim/index.ts';
import {
  OWN_TASK_DEFINITION_TEMPLATE,
  checkTaskDefinitionText,
  registerPlan,
  revisionJson,
} from '../../src/machine/index.ts';

const apply = (s: SimState, commands: readonly Parameters<typeof applyCommand>[1][]): SimState => {
  for (const c of commands) {
    const r = applyCommand(s, c);
    if (r.error !== undefined) throw new Error(r.error);
    s = r.state;
  }
  return s;
};

describe('task-definition editor: problems at their line', () => {
  it('the template is valid and registers revision 1 of my-app', () => {
    const s = createDefaultCluster(1);
    expect(checkTaskDefinitionText(OWN_TASK_DEFINITION_TEMPLATE).canRegister).toBe(true);
    const plan = registerPlan(s, OWN_TASK_DEFINITION_TEMPLATE);
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.key).toBe('my-app:1');
    const after = apply(s, plan.commands);
    expect(after.taskDefinitions['my-app:1']?.family).toBe('my-app');
  });

  it('a Fargate definition with an invalid cpu/memory pair is reported on the cpu line, with AWS wording', () => {
    const text = OWN_TASK_DEFINITION_TEMPLATE.replace('"memory": "512"', '"memory": "4096"');
    const { problems, canRegister } = checkTaskDefinitionText(text);
    expect(canRegister).toBe(false);
    const lines = text.split('\n');
    const errors = problems.filter((p) => p.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    // Each range covers text on the reported line, and the line is where cpu or memory is.
    for (const p of errors) {
      const lineText = lines[p.line - 1] ?? '';
      expect(text.slice(p.from, p.to).length).toBeGreaterThan(0);
      expect(lineText).toContain(text.slice(p.from, p.to).split('\n')[0]);
      expect(lineText).toMatch(/"(cpu|memory)"/);
    }
    expect(errors.map((p) => p.message).join(' ')).toMatch(
      /Invalid 'cpu' setting for task|memory/i,
    );
  });

  it('a missing container image points at the container, and a JSON syntax error at its line', () => {
    const noImage = OWN_TASK_DEFINITION_TEMPLATE.replace(
      '"image": "public.ecr.aws/nginx/nginx:latest",\n',
      '',
    );
    const p1 = checkTaskDefinitionText(noImage).problems.filter((p) => p.severity === 'error');
    expect(p1.length).toBeGreaterThan(0);
    expect(p1[0]?.message).toMatch(/image/);
    const broken = OWN_TASK_DEFINITION_TEMPLATE.replace('"cpu": "256",', '"cpu": "256"');
    const p2 = checkTaskDefinitionText(broken).problems;
    expect(p2.length).toBeGreaterThan(0);
    const memoryLine = broken.split('\n').findIndex((l) => l.includes('"memory"')) + 1;
    expect(p2[0]?.line).toBe(memoryLine);
  });

  it('an invalid text registers nothing and says file:line:column', () => {
    const plan = registerPlan(createDefaultCluster(1), '{ "family": "x" }');
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.reason).toMatch(/^task-definition\.json:\d+:\d+: /);
  });
});

describe('task-definition editor: edit → new revision', () => {
  it('an existing revision opens as register input and registers as revision N+1', () => {
    const s = createDefaultCluster(1);
    const key = Object.keys(s.taskDefinitions)[0] as string;
    const td = s.taskDefinitions[key]!;
    const text = revisionJson(s, key)!;
    const doc = JSON.parse(text) as Record<string, unknown>;
    for (const ro of ['taskDefinitionArn', 'revision', 'status', 'compatibilities', 'registeredAt'])
      expect(doc).not.toHaveProperty(ro);
    expect(checkTaskDefinitionText(text).problems.filter((p) => p.severity === 'error')).toEqual(
      [],
    );
    const plan = registerPlan(s, text);
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.key).toBe(`${td.family}:${td.revision + 1}`);
    const after = apply(s, plan.commands);
    const next = after.taskDefinitions[plan.key]!;
    expect(next.containerDefinitions).toEqual(td.containerDefinitions);
    expect(next.cpu).toBe(td.cpu);
  });

  it('register and deploy is RegisterTaskDefinition then UpdateService to the new revision', () => {
    const s = createDefaultCluster(1);
    const svc = Object.values(s.services)[0]!;
    const text = revisionJson(s, svc.taskDefinitionKey)!;
    const plan = registerPlan(s, text, svc.serviceName);
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.commands.map((c) => c.type)).toEqual([
      'REGISTER_TASK_DEFINITION',
      'UPDATE_SERVICE',
    ]);
    const after = apply(s, plan.commands);
    expect(after.services[svc.serviceName]?.taskDefinitionKey).toBe(plan.key);
  });

  it('ECS refusals come back as the reason (a service that does not exist)', () => {
    const s = createDefaultCluster(1);
    const plan = registerPlan(s, OWN_TASK_DEFINITION_TEMPLATE, 'nope');
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.reason).toMatch(/ServiceNotFoundException|not found/i);
  });
});

describe('task-definition file import', () => {
  it('a valid file registers the next revision; a bad one names file, line and field and sends nothing', async () => {
    const { importPlan } = await import('../../src/machine/index.ts');
    const s = createDefaultCluster(1);
    const good = importPlan(s, revisionJson(s, 'web:1')!, 'web.json');
    if (!good.ok) throw new Error(good.errors[0]?.message);
    expect(good.key).toBe('web:2');
    expect(good.summary).toContain('Registered web:2 from web.json');
    const text =
      '{\n  "family": "web",\n  "containerDefinitions": [\n    { "name": "web", "image": "nginx", "memory": "lots" }\n  ]\n}\n';
    const bad = importPlan(s, text, 'bad.json');
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      const e = bad.errors[0]!;
      expect(e.file).toBe('bad.json');
      expect(e.line).toBe(4);
      expect(e.path).toBe('containerDefinitions[0].memory');
    }
  });
});
