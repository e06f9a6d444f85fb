/**
 * The palette's small library of task definitions (issue 5): real RegisterTaskDefinition JSON, parsed
 * and validated by the same parser as files (so they carry AWS's defaults and rules), plus a one-line
 * explanation each for the palette's hover/focus text. The parsing is in palette-library-parse.ts, so
 * the palette can list the entries without loading the task-definition parser at start.
 */
export interface LibraryTaskDefinition {
  readonly id: string;
  readonly label: string;
  readonly explanation: string;
  readonly json: string;
}

export const TASK_DEFINITION_LIBRARY: readonly LibraryTaskDefinition[] = [
  {
    id: 'nginx-web',
    label: 'nginx web',
    explanation:
      'nginx on port 80, 0.25 vCPU / 512 MiB, awsvpc: runs on Fargate or on EC2 (each task gets its own ENI).',
    json: JSON.stringify({
      family: 'nginx-web',
      requiresCompatibilities: ['FARGATE', 'EC2'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        {
          name: 'nginx',
          image: 'nginx:latest',
          essential: true,
          portMappings: [{ containerPort: 80 }],
        },
      ],
    }),
  },
  {
    id: 'api-sidecar',
    label: 'API with sidecar',
    explanation:
      'A Node.js API plus a log-router sidecar in one task, bridge networking with dynamic host ports: EC2 only (Fargate needs awsvpc).',
    json: JSON.stringify({
      family: 'api-sidecar',
      requiresCompatibilities: ['EC2'],
      networkMode: 'bridge',
      containerDefinitions: [
        {
          name: 'api',
          image: 'public.ecr.aws/docker/library/node:20-alpine',
          cpu: 256,
          memory: 512,
          essential: true,
          portMappings: [{ containerPort: 3000, hostPort: 0 }],
        },
        {
          name: 'log-router',
          image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:stable',
          cpu: 64,
          memory: 128,
          essential: false,
        },
      ],
    }),
  },
  {
    id: 'batch-job',
    label: 'batch job',
    explanation:
      'A one-off job for RunTask on Fargate: 1 vCPU / 2 GiB, no ports. Its container exits when the work is done.',
    json: JSON.stringify({
      family: 'batch-job',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '1024',
      memory: '2048',
      containerDefinitions: [
        { name: 'job', image: 'public.ecr.aws/docker/library/busybox:latest', essential: true },
      ],
    }),
  },
  {
    id: 'worker',
    label: 'worker',
    explanation:
      'A queue worker with no ports, 0.5 vCPU / 1 GiB reserved on the instance, bridge networking: EC2 only.',
    json: JSON.stringify({
      family: 'worker',
      requiresCompatibilities: ['EC2'],
      networkMode: 'bridge',
      containerDefinitions: [
        {
          name: 'worker',
          image: 'public.ecr.aws/docker/library/python:3.12-slim',
          cpu: 512,
          memoryReservation: 1024,
          essential: true,
        },
      ],
    }),
  },
];
