/**
 * Patching day: a new ECS-optimized AMI makes EC2 instances outdated; the user drains, launches and
 * terminates, and the ledger records it; Fargate needs nothing.
 */
import { describe, expect, it } from 'vitest';
import { advance, type SimState, type Task } from '../../src/sim/index.ts';
import { outdatedInstances } from '../../src/sim/patching.ts';
import {
  advanceUntil,
  apply,
  applyError,
  clusterWith,
  fargateTaskDef,
  register,
  taskDef,
} from './helpers.ts';

const live = (s: SimState, svc: string): Task[] =>
  Object.values(s.tasks).filter((t) => t.serviceName === svc && t.desiredStatus !== 'STOPPED');

describe('patching', () => {
  it('a new AMI marks every EC2 instance outdated; Fargate gets a "nothing to do" note', () => {
    let s = clusterWith([
      ['m5.large', 'us-east-1a'],
      ['m5.large', 'us-east-1b'],
    ]);
    expect(outdatedInstances(s)).toEqual([]);
    s = apply(s, { type: 'RELEASE_AMI', amiId: 'ami-0123456789abcdef0' });
    expect(outdatedInstances(s)).toHaveLength(2);
    expect(s.patching?.ledger.map((e) => [e.launchType, e.userWork])).toEqual([
      ['EC2', false],
      ['FARGATE', false],
    ]);
    expect(s.events.at(-1)?.message).toMatch(/2 EC2 container instance\(s\) run an older AMI/);
    expect(applyError(s, { type: 'RELEASE_AMI', amiId: 'bogus' })).toMatch(
      /^InvalidAMIID\.Malformed/,
    );
  });

  it('drain, replace, terminate: tasks move, the new instance runs the latest AMI, work is logged', () => {
    let s = clusterWith([
      ['m5.large', 'us-east-1a'],
      ['m5.large', 'us-east-1b'],
    ]);
    s = register(s, taskDef());
    s = register(s, fargateTaskDef());
    s = apply(s, {
      type: 'CREATE_SERVICE',
      serviceName: 'api',
      taskDefinition: 'app',
      desiredCount: 4,
      launchType: 'EC2',
    });
    s = apply(s, {
      type: 'CREATE_SERVICE',
      serviceName: 'web',
      taskDefinition: 'fg',
      desiredCount: 2,
      launchType: 'FARGATE',
    });
    s = advanceUntil(
      s,
      (x) => x.services.api?.steadyState === true && x.services.web?.steadyState === true,
    );
    s = apply(s, { type: 'RELEASE_AMI', amiId: 'ami-0123456789abcdef0' });
    const [old1, old2] = outdatedInstances(s);
    if (!old1 || !old2) throw new Error('expected two outdated instances');

    s = apply(s, {
      type: 'ADD_INSTANCE',
      instanceType: 'm5.large',
      availabilityZone: 'us-east-1a',
    });
    s = apply(s, {
      type: 'ADD_INSTANCE',
      instanceType: 'm5.large',
      availabilityZone: 'us-east-1b',
    });
    s = advance(s, 10_000);
    expect(
      outdatedInstances(s)
        .map((i) => i.id)
        .sort(),
    ).toEqual([old1.id, old2.id].sort());
    for (const id of [old1.id, old2.id]) s = apply(s, { type: 'DRAIN_INSTANCE', instanceId: id });
    s = advanceUntil(
      s,
      (x) =>
        x.services.api?.steadyState === true &&
        live(x, 'api').every(
          (t) => t.containerInstanceId !== old1.id && t.containerInstanceId !== old2.id,
        ),
    );
    expect(live(s, 'api').filter((t) => t.lastStatus === 'RUNNING')).toHaveLength(4);
    for (const id of [old1.id, old2.id])
      s = apply(s, { type: 'TERMINATE_INSTANCE', instanceId: id });
    expect(outdatedInstances(s)).toEqual([]);

    const ec2Work = s.patching?.ledger.filter((e) => e.launchType === 'EC2' && e.userWork) ?? [];
    const fargateWork =
      s.patching?.ledger.filter((e) => e.launchType === 'FARGATE' && e.userWork) ?? [];
    expect(ec2Work.map((e) => e.what.split(' ')[0])).toEqual([
      'Launched',
      'Launched',
      'Drained',
      'Drained',
      'Terminated',
      'Terminated',
    ]);
    expect(fargateWork).toEqual([]);
    // The Fargate service was never touched.
    expect(live(s, 'web').filter((t) => t.lastStatus === 'RUNNING')).toHaveLength(2);
  });
});
