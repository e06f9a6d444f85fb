import { describe, expect, it } from 'vitest';
import { evaluateQuery, parseQuery, type QueryTarget } from '../../src/sim/index.ts';

const target = (over: Partial<QueryTarget> = {}): QueryTarget => ({
  ec2InstanceId: 'i-0123456789abcdef0',
  agentConnected: true,
  attributes: {
    'ecs.availability-zone': 'us-east-1a',
    'ecs.instance-type': 't3.large',
    'ecs.os-type': 'linux',
  },
  runningTasksCount: 2,
  taskGroups: ['service:web'],
  ...over,
});
const holds = (expr: string, t: QueryTarget = target()): boolean =>
  evaluateQuery(parseQuery(expr), t);

describe('cluster query language (memberOf expressions)', () => {
  it('compares attributes with == / equals and != / not_equals', () => {
    expect(holds('attribute:ecs.availability-zone == us-east-1a')).toBe(true);
    expect(holds('attribute:ecs.availability-zone equals us-east-1b')).toBe(false);
    expect(holds('attribute:ecs.instance-type != t3.large')).toBe(false);
    expect(holds('attribute:ecs.instance-type not_equals m5.large')).toBe(true);
  });

  it('supports in [..] and not in / !in / not_in lists', () => {
    expect(holds('attribute:ecs.availability-zone in [us-east-1a, us-east-1b]')).toBe(true);
    expect(holds('attribute:ecs.availability-zone not_in [us-east-1a, us-east-1b]')).toBe(false);
    expect(holds('attribute:ecs.availability-zone !in [us-east-1c]')).toBe(true);
    expect(holds('attribute:ecs.availability-zone not in [us-east-1c]')).toBe(true);
  });

  it('matches full-string patterns with =~ and !~', () => {
    expect(holds('attribute:ecs.instance-type =~ t3.*')).toBe(true);
    expect(holds('attribute:ecs.instance-type =~ t3')).toBe(false);
    expect(holds('attribute:ecs.instance-type !~ m5.*')).toBe(true);
  });

  it('checks existence and numeric comparisons', () => {
    expect(holds('attribute:ecs.os-type exists')).toBe(true);
    expect(holds('attribute:custom.gpu !exists')).toBe(true);
    expect(holds('runningTasksCount > 1')).toBe(true);
    expect(holds('runningTasksCount <= 1')).toBe(false);
  });

  it('combines with and/or/not, && / || / !, and respects parentheses', () => {
    expect(
      holds(
        'attribute:ecs.instance-type == t3.large && attribute:ecs.availability-zone == us-east-1b',
      ),
    ).toBe(false);
    expect(
      holds(
        'attribute:ecs.instance-type == t3.large or attribute:ecs.availability-zone == us-east-1b',
      ),
    ).toBe(true);
    expect(holds('not (attribute:ecs.instance-type == t3.large)')).toBe(false);
    expect(
      holds('!(attribute:ecs.availability-zone == us-east-1b) and agentConnected == true'),
    ).toBe(true);
    // and binds tighter than or; parentheses change that.
    expect(holds('ec2InstanceId == i-x and agentConnected == true or runningTasksCount == 2')).toBe(
      true,
    );
    expect(
      holds('ec2InstanceId == i-x and (agentConnected == true or runningTasksCount == 2)'),
    ).toBe(false);
  });

  it('evaluates task:group affinity and anti-affinity', () => {
    expect(holds('task:group == service:web')).toBe(true);
    expect(holds('not(task:group == service:web)')).toBe(false);
    expect(holds('task:group != service:db')).toBe(true);
    expect(holds('task:group == service:web', target({ taskGroups: [] }))).toBe(false);
  });

  it('rejects malformed expressions', () => {
    expect(() => parseQuery('attribute:ecs.instance-type ==')).toThrow();
    expect(() => parseQuery('attribute:x ~= y')).toThrow();
    expect(() => parseQuery('(attribute:x == y')).toThrow();
    expect(() => parseQuery('attribute:x =~ (')).toThrow();
  });
});
