/**
 * The `aws` engine: JSON shaped like AWS CLI v2 output, AWS error wording and exit codes.
 */
import { describe, expect, it } from 'vitest';
import { createDefaultCluster } from '../../src/sim/index.ts';
import { awsEngine } from '../../src/terminal/aws-engine.ts';
import type { TerminalWorld } from '../../src/terminal/types.ts';

const TD = JSON.stringify({
  family: 'shop',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'shop', image: 'nginx:latest', essential: true }],
});

function aws(world: TerminalWorld, line: string, files: Record<string, string> = {}) {
  return awsEngine.run(world, line.split(' '), files);
}

const parse = (lines: readonly string[]): Record<string, unknown> => JSON.parse(lines.join('\n'));

describe('aws engine', () => {
  const world: TerminalWorld = { ecs: createDefaultCluster(1) };

  it('register-task-definition --cli-input-json file://… prints {"taskDefinition": …} with 4-space JSON', () => {
    const r = aws(world, 'ecs register-task-definition --cli-input-json file://td.json', {
      'td.json': TD,
    });
    expect(r.exitCode).toBe(0);
    expect(r.lines[1]).toMatch(/^ {4}"taskDefinition": \{$/);
    const out = parse(r.lines) as { taskDefinition: Record<string, unknown> };
    expect(out.taskDefinition.family).toBe('shop');
    expect(out.taskDefinition.revision).toBe(1);
    expect(out.taskDefinition.taskDefinitionArn).toBe(
      'arn:aws:ecs:us-east-1:123456789012:task-definition/shop:1',
    );
    expect(r.world.ecs.taskDefinitions['shop:1']).toBeDefined();
  });

  it('a missing file is a parameter error (exit 252); a missing argument prints usage (exit 252)', () => {
    const r = aws(world, 'ecs register-task-definition --cli-input-json file://nope.json');
    expect(r.exitCode).toBe(252);
    expect(r.lines[0]).toBe(
      "Error parsing parameter '--cli-input-json': Unable to load paramfile file://nope.json: [Errno 2] No such file or directory: 'nope.json'",
    );
    const u = aws(world, 'ecs describe-services');
    expect(u.exitCode).toBe(252);
    expect(u.lines[0]).toMatch(/^usage: aws \[options\]/);
    expect(u.lines.at(-1)).toBe('aws: error: the following arguments are required: --services');
  });

  it('create-service, update-service --desired-count, describe-services with MISSING failures', () => {
    let w = aws(world, 'ecs register-task-definition --cli-input-json file://td.json', {
      'td.json': TD,
    }).world;
    const c = aws(
      w,
      'ecs create-service --service-name shop --task-definition shop --desired-count 2 --launch-type FARGATE',
    );
    expect(c.exitCode).toBe(0);
    const svc = (parse(c.lines) as { service: Record<string, unknown> }).service;
    expect(svc.serviceName).toBe('shop');
    expect(svc.desiredCount).toBe(2);
    w = c.world;
    const u = aws(w, 'ecs update-service --service shop --desired-count 5');
    expect((parse(u.lines) as { service: { desiredCount: number } }).service.desiredCount).toBe(5);
    const d = aws(u.world, 'ecs describe-services --services shop ghost');
    const out = parse(d.lines) as { services: { serviceName: string }[]; failures: unknown[] };
    expect(out.services.map((x) => x.serviceName)).toEqual(['shop']);
    expect(out.failures).toEqual([
      { arn: 'arn:aws:ecs:us-east-1:123456789012:service/default/ghost', reason: 'MISSING' },
    ]);
  });

  it('service errors are worded like the CLI with exit status 254', () => {
    const r = aws(world, 'ecs update-service --service ghost --desired-count 1');
    expect(r.exitCode).toBe(254);
    expect(r.lines[0]).toMatch(
      /^An error occurred \(ServiceNotFoundException\) when calling the UpdateService operation: /,
    );
    expect(r.world).toBe(world);
  });

  it('run-task, list-tasks, describe-tasks, stop-task', () => {
    const run = aws(world, 'ecs run-task --task-definition web --launch-type FARGATE --count 2');
    expect(run.exitCode).toBe(0);
    const tasks = (parse(run.lines) as { tasks: { taskArn: string; lastStatus: string }[] }).tasks;
    expect(tasks).toHaveLength(2);
    expect(tasks.every((t) => t.lastStatus === 'PROVISIONING')).toBe(true);
    const list = parse(aws(run.world, 'ecs list-tasks').lines) as { taskArns: string[] };
    for (const t of tasks) expect(list.taskArns).toContain(t.taskArn);
    const first = tasks[0]!.taskArn;
    const desc = parse(aws(run.world, `ecs describe-tasks --tasks ${first} nope`).lines) as {
      tasks: { taskArn: string }[];
      failures: { reason: string }[];
    };
    expect(desc.tasks.map((t) => t.taskArn)).toEqual([first]);
    expect(desc.failures[0]?.reason).toBe('MISSING');
    const stop = aws(run.world, `ecs stop-task --task ${first} --reason done`);
    const stopped = (parse(stop.lines) as { task: Record<string, unknown> }).task;
    expect(stopped.desiredStatus).toBe('STOPPED');
    expect(stopped.stoppedReason).toBe('done');
  });

  it('ecr create-repository and describe-images', () => {
    const c = aws(
      world,
      'ecr create-repository --repository-name shop --image-tag-mutability IMMUTABLE',
    );
    expect(c.exitCode).toBe(0);
    const repo = (parse(c.lines) as { repository: Record<string, unknown> }).repository;
    expect(repo.repositoryUri).toBe('123456789012.dkr.ecr.us-east-1.amazonaws.com/shop');
    expect(repo.imageTagMutability).toBe('IMMUTABLE');
    const again = aws(c.world, 'ecr create-repository --repository-name shop');
    expect(again.exitCode).toBe(254);
    expect(again.lines[0]).toBe(
      "An error occurred (RepositoryAlreadyExistsException) when calling the CreateRepository operation: The repository with name 'shop' already exists in the registry with id '123456789012'",
    );
    expect(parse(aws(c.world, 'ecr describe-images --repository-name shop').lines)).toEqual({
      imageDetails: [],
    });
    expect(aws(c.world, 'ecr describe-images --repository-name nope').lines[0]).toMatch(
      /^An error occurred \(RepositoryNotFoundException\) when calling the DescribeImages operation: /,
    );
  });
});
