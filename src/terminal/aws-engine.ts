/**
 * The `aws` terminal engine: a subset of `aws ecs` and `aws ecr` against the simulated cluster,
 * printing what AWS CLI v2 prints with `--output json` (4-space indented JSON) and its errors:
 * service errors as `An error occurred (<Code>) when calling the <Operation> operation: <message>`
 * with exit status 254, usage errors (`aws: error: the following arguments are required: …`)
 * with exit status 252 [AWS CLI v2 user guide, "Command line return codes"].
 */
import { parseTaskDefinition } from '../formats/task-definition.ts';
import { applyCommand } from '../sim/apply-command.ts';
import type { SimCommand } from '../sim/commands.ts';
import { describeService, describeTask, describeTaskDefinition } from '../sim/describe.ts';
import { describeImages } from '../sim/ecr/images.ts';
import { ecrLoginPassword } from '../sim/ecr/workstation.ts';
import { isoAt } from '../sim/ids.ts';
import type { LaunchType, SimState } from '../sim/model.ts';
import type { TerminalEngine, TerminalResult, TerminalWorld } from './types.ts';

const USAGE = [
  'usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]',
  'To see help text, you can run:',
  '',
  '  aws help',
  '  aws <command> help',
  '  aws <command> <subcommand> help',
  '',
];

export const AWS_ECS_SUBCOMMANDS = [
  'create-service',
  'describe-services',
  'describe-tasks',
  'list-tasks',
  'register-task-definition',
  'run-task',
  'stop-task',
  'update-service',
] as const;
export const AWS_ECR_SUBCOMMANDS = [
  'create-repository',
  'describe-images',
  'get-login-password',
] as const;

/** Parsed `--name value` options; repeated values (lists) are kept in order. */
type Options = Map<string, string[]>;

function parseOptions(argv: readonly string[]): Options {
  const opts: Options = new Map();
  let current: string | undefined;
  for (const word of argv) {
    if (word.startsWith('--')) {
      current = word.slice(2);
      if (!opts.has(current)) opts.set(current, []);
    } else if (current !== undefined) {
      opts.get(current)?.push(word);
    }
  }
  return opts;
}

const json = (value: unknown): string[] => JSON.stringify(value, null, 4).split('\n');

function usageError(message: string): { lines: string[]; exitCode: number } {
  return { lines: [...USAGE, `aws: error: ${message}`], exitCode: 252 };
}

function serviceError(operation: string, error: string): { lines: string[]; exitCode: number } {
  const m = /^([A-Za-z.]+): ([\s\S]*)$/.exec(error);
  const code = m ? (m[1] as string) : 'ClientException';
  const message = m ? (m[2] as string) : error;
  return {
    lines: [`An error occurred (${code}) when calling the ${operation} operation: ${message}`],
    exitCode: 254,
  };
}

function one(opts: Options, name: string): string | undefined {
  return opts.get(name)?.[0];
}

/** The file a `file://name` argument refers to (the name as pasted or dropped on the panel). */
function fileArg(value: string, files: Readonly<Record<string, string>>): string | undefined {
  const name = value.startsWith('file://') ? value.slice('file://'.length) : value;
  return files[name] ?? files[name.replace(/^\.\//, '')];
}

function requireArgs(opts: Options, names: readonly string[]): string | undefined {
  const missing = names.filter((n) => !opts.get(n)?.length);
  return missing.length
    ? `the following arguments are required: ${missing.map((n) => `--${n}`).join(', ')}`
    : undefined;
}

function run(
  world: TerminalWorld,
  operation: string,
  command: SimCommand,
  output: (before: SimState, after: SimState) => unknown,
): TerminalResult {
  const r = applyCommand(world.ecs, command);
  if (r.error) return { world, ...serviceError(operation, r.error) };
  return {
    world: { ...world, ecs: r.state },
    lines: json(output(world.ecs, r.state)),
    exitCode: 0,
    commands: [command],
  };
}

function launchTypeOf(opts: Options): LaunchType {
  const lt = one(opts, 'launch-type');
  return lt === 'FARGATE' || lt === 'EXTERNAL' ? lt : 'EC2';
}

function taskId(ref: string): string {
  return ref.includes('/') ? (ref.split('/').at(-1) as string) : ref;
}

function ecs(
  world: TerminalWorld,
  sub: string,
  opts: Options,
  files: Readonly<Record<string, string>>,
): TerminalResult {
  const s = world.ecs;
  const missingArn = (kind: string, name: string): string =>
    `arn:aws:ecs:${s.cluster.region}:${s.cluster.accountId}:${kind}/${s.cluster.clusterName}/${name}`;
  switch (sub) {
    case 'register-task-definition': {
      const input = one(opts, 'cli-input-json');
      if (input === undefined)
        return {
          ...usageError(
            'the following arguments are required: --cli-input-json (or --family and --container-definitions)',
          ),
          world,
        };
      const text = fileArg(input, files);
      if (text === undefined) {
        const name = input.replace(/^file:\/\//, '');
        return {
          world,
          lines: [
            `Error parsing parameter '--cli-input-json': Unable to load paramfile ${input}: [Errno 2] No such file or directory: '${name}'`,
          ],
          exitCode: 252,
        };
      }
      const parsed = parseTaskDefinition(text, input.replace(/^file:\/\//, ''));
      if (!parsed.ok) {
        const first = parsed.errors[0];
        const msg = first
          ? `${first.path ? `${first.path}: ` : ''}${first.message}`
          : 'invalid task definition';
        return { world, ...serviceError('RegisterTaskDefinition', `ClientException: ${msg}`) };
      }
      return run(
        world,
        'RegisterTaskDefinition',
        { type: 'REGISTER_TASK_DEFINITION', taskDefinition: parsed.value },
        (_b, after) => ({
          taskDefinition: describeTaskDefinition(after, parsed.value.family),
        }),
      );
    }
    case 'create-service': {
      const missing = requireArgs(opts, ['service-name']);
      if (missing) return { ...usageError(missing), world };
      const name = one(opts, 'service-name') as string;
      return run(
        world,
        'CreateService',
        {
          type: 'CREATE_SERVICE',
          serviceName: name,
          taskDefinition: one(opts, 'task-definition') ?? '',
          desiredCount: Number(one(opts, 'desired-count') ?? 0),
          launchType: launchTypeOf(opts),
        },
        (_b, after) => ({ service: describeService(after, name) }),
      );
    }
    case 'update-service': {
      const missing = requireArgs(opts, ['service']);
      if (missing) return { ...usageError(missing), world };
      const name = one(opts, 'service') as string;
      const desired = one(opts, 'desired-count');
      const td = one(opts, 'task-definition');
      return run(
        world,
        'UpdateService',
        {
          type: 'UPDATE_SERVICE',
          serviceName: name,
          ...(desired !== undefined ? { desiredCount: Number(desired) } : {}),
          ...(td !== undefined ? { taskDefinition: td } : {}),
          ...(opts.has('force-new-deployment') ? { forceNewDeployment: true } : {}),
        },
        (_b, after) => ({ service: describeService(after, name) }),
      );
    }
    case 'run-task': {
      const missing = requireArgs(opts, ['task-definition']);
      if (missing) return { ...usageError(missing), world };
      const command: SimCommand = {
        type: 'RUN_TASK',
        taskDefinition: one(opts, 'task-definition') as string,
        count: Number(one(opts, 'count') ?? 1),
        launchType: launchTypeOf(opts),
        ...(one(opts, 'started-by') ? { startedBy: one(opts, 'started-by') } : {}),
      };
      const r = applyCommand(s, command);
      // RunTask reports placement failures in `failures`, not as an error, when nothing is placed.
      if (r.error && !r.failures) return { world, ...serviceError('RunTask', r.error) };
      const fresh = Object.keys(r.state.tasks)
        .filter((id) => !s.tasks[id])
        .sort();
      return {
        world: { ...world, ecs: r.state },
        lines: json({
          tasks: fresh.map((id) => describeTask(r.state, id)),
          failures: r.failures ?? [],
        }),
        exitCode: 0,
        ...(r.error === undefined ? { commands: [command] } : {}),
      };
    }
    case 'stop-task': {
      const missing = requireArgs(opts, ['task']);
      if (missing) return { ...usageError(missing), world };
      const id = taskId(one(opts, 'task') as string);
      const reason = one(opts, 'reason');
      return run(
        world,
        'StopTask',
        { type: 'STOP_TASK', taskId: id, ...(reason !== undefined ? { reason } : {}) },
        (_b, after) => ({ task: describeTask(after, id) }),
      );
    }
    case 'describe-services': {
      const missing = requireArgs(opts, ['services']);
      if (missing) return { ...usageError(missing), world };
      const names = opts.get('services') ?? [];
      return {
        world,
        lines: json({
          services: names.filter((n) => s.services[n]).map((n) => describeService(s, n)),
          failures: names
            .filter((n) => !s.services[n])
            .map((n) => ({ arn: missingArn('service', n), reason: 'MISSING' })),
        }),
        exitCode: 0,
      };
    }
    case 'describe-tasks': {
      const missing = requireArgs(opts, ['tasks']);
      if (missing) return { ...usageError(missing), world };
      const ids = (opts.get('tasks') ?? []).map(taskId);
      return {
        world,
        lines: json({
          tasks: ids.filter((id) => s.tasks[id]).map((id) => describeTask(s, id)),
          failures: ids
            .filter((id) => !s.tasks[id])
            .map((id) => ({ arn: missingArn('task', id), reason: 'MISSING' })),
        }),
        exitCode: 0,
      };
    }
    case 'list-tasks': {
      const svc = one(opts, 'service-name');
      const family = one(opts, 'family');
      // ListTasks returns RUNNING-desired tasks unless --desired-status says otherwise [ECS-API].
      const desired = one(opts, 'desired-status') ?? 'RUNNING';
      const arns = Object.values(s.tasks)
        .filter((t) => (svc === undefined || t.serviceName === svc) && t.desiredStatus === desired)
        .filter((t) => family === undefined || t.taskDefinitionKey.split(':')[0] === family)
        .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
        .map((t) => t.taskArn);
      if (svc !== undefined && !s.services[svc]) {
        return {
          world,
          ...serviceError('ListTasks', 'ServiceNotFoundException: Service not found.'),
        };
      }
      return { world, lines: json({ taskArns: arns }), exitCode: 0 };
    }
    default:
      return {
        ...usageError(
          `argument operation: Invalid choice, valid choices are:\n${AWS_ECS_SUBCOMMANDS.join(' | ')}`,
        ),
        world,
      };
  }
}

function ecr(world: TerminalWorld, sub: string, opts: Options): TerminalResult {
  const s = world.ecs;
  switch (sub) {
    case 'create-repository': {
      const missing = requireArgs(opts, ['repository-name']);
      if (missing) return { ...usageError(missing), world };
      const name = one(opts, 'repository-name') as string;
      const mut = one(opts, 'image-tag-mutability');
      const scan = (one(opts, 'image-scanning-configuration') ?? '').replace(/\s/g, '');
      const command: SimCommand = {
        type: 'CREATE_REPOSITORY',
        repositoryName: name,
        ...(mut === 'IMMUTABLE' || mut === 'MUTABLE' ? { imageTagMutability: mut } : {}),
        ...(scan === 'scanOnPush=true' ? { scanOnPush: true } : {}),
      };
      const r = applyCommand(s, command);
      if (r.error) return { world, ...serviceError('CreateRepository', r.error) };
      const repo = r.state.registry?.ecr.repositories[name];
      return {
        world: { ...world, ecs: r.state },
        commands: [command],
        lines: json({
          repository: repo && {
            repositoryArn: repo.repositoryArn,
            registryId: repo.registryId,
            repositoryName: repo.repositoryName,
            repositoryUri: repo.repositoryUri,
            createdAt: isoAt(repo.createdAt),
            imageTagMutability: repo.imageTagMutability,
            imageScanningConfiguration: repo.imageScanningConfiguration,
            encryptionConfiguration: { encryptionType: 'AES256' },
          },
        }),
        exitCode: 0,
      };
    }
    case 'get-login-password': {
      // Prints the bare token (no JSON) for `docker login --password-stdin` [ECR-UG registry_auth].
      const region = one(opts, 'region') ?? s.cluster.region;
      return { world, lines: [ecrLoginPassword(s.cluster.accountId, region, s.now)], exitCode: 0 };
    }
    case 'describe-images': {
      const missing = requireArgs(opts, ['repository-name']);
      if (missing) return { ...usageError(missing), world };
      const name = one(opts, 'repository-name') as string;
      const reg = s.registry?.ecr ?? {
        registryId: s.cluster.accountId,
        region: s.cluster.region,
        repositories: {},
      };
      const out = describeImages(reg, name);
      if (!out.ok)
        return {
          world,
          ...serviceError('DescribeImages', `${out.error.code}: ${out.error.message}`),
        };
      return {
        world,
        lines: json({
          imageDetails: out.imageDetails.map((d) => ({
            ...d,
            imagePushedAt: isoAt(d.imagePushedAt),
            ...(d.imageScanFindingsSummary
              ? {
                  imageScanFindingsSummary: {
                    ...d.imageScanFindingsSummary,
                    imageScanCompletedAt: isoAt(d.imageScanFindingsSummary.imageScanCompletedAt),
                  },
                }
              : {}),
          })),
        }),
        exitCode: 0,
      };
    }
    default:
      return {
        ...usageError(
          `argument operation: Invalid choice, valid choices are:\n${AWS_ECR_SUBCOMMANDS.join(' | ')}`,
        ),
        world,
      };
  }
}

export const awsEngine: TerminalEngine = {
  program: 'aws',
  summary: 'aws ecs … | aws ecr … — a subset of the AWS CLI against the simulated cluster',
  run(world, argv, files) {
    const [service, sub, ...rest] = argv;
    if (service === undefined || sub === undefined) {
      return { ...usageError('the following arguments are required: command, operation'), world };
    }
    const opts = parseOptions(rest);
    if (service === 'ecs') return ecs(world, sub, opts, files);
    if (service === 'ecr') return ecr(world, sub, opts);
    return {
      ...usageError(`argument command: Invalid choice: '${service}' (the simulator has: ecs, ecr)`),
      world,
    };
  },
  complete(_world, argv) {
    if (argv.length <= 1) return ['ecs', 'ecr'];
    if (argv.length === 2)
      return argv[0] === 'ecr' ? [...AWS_ECR_SUBCOMMANDS] : [...AWS_ECS_SUBCOMMANDS];
    return [];
  },
};
