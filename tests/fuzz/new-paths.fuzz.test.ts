/**
 * Issue 9: fuzzing the input paths that landed later — the `docker` terminal engine (Dockerfiles
 * are data; build/tag/login/push against the simulated ECR), the page's file-drop dispatcher
 * (classify by content, then the loader it routes to), and the task-definition editor's checker
 * and Register/Import plans. Random and mutated inputs never throw; every problem is located;
 * editor ranges stay inside the text; a refused plan sends nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyDroppedFile } from '../../src/formats/dropped-file.ts';
import { parseDockerfile, SAMPLE_DOCKERFILE } from '../../src/formats/dockerfile.ts';
import { readExperiment } from '../../src/formats/experiment-file.ts';
import { parseManifests } from '../../src/formats/manifest.ts';
import { loadScenario } from '../../src/formats/scenario.ts';
import {
  checkTaskDefinitionText,
  importPlan,
  registerPlan,
} from '../../src/machine/task-definition-editing.ts';
import { applyCommand, createDefaultCluster } from '../../src/sim/index.ts';
import { runTerminalLine, type TerminalWorld } from '../../src/terminal/index.ts';
import { checkEcsInvariants, newObserver } from '../properties/ecs-model.ts';
import { PROPERTY_TIMEOUT, expectLocated, fixtures, mutated, params } from './fuzz-helpers.ts';

const HOST = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const DOCKERFILES = [
  SAMPLE_DOCKERFILE,
  'FROM nginx:1.27\nCOPY index.html /usr/share/nginx/html/\nEXPOSE 80',
  'ARG V=1\nFROM node:20 AS build\nRUN make\nFROM nginx:1.27\nCOPY --from=build /out /srv\nRUN a \\\n  b',
  'FROM scratch',
  '',
  '# only a comment',
  'RUN x\nFROM nginx',
  'FROM nginx\nCOPPY . .',
];

const DOCKER_LINES = [
  'docker build -t shop:v1 .',
  'docker build -t shop:v2 -f Dockerfile .',
  'docker build .',
  `docker tag shop:v1 ${HOST}/shop:v1`,
  `docker tag shop:v1 ${HOST}/shop:latest`,
  `docker push ${HOST}/shop:v1`,
  `docker push ${HOST}/missing:v1`,
  `aws ecr get-login-password --region us-east-1 | docker login --username AWS --password-stdin ${HOST}`,
  `docker login ${HOST}`,
  'docker images',
  'docker image ls',
  'docker image build -t x .',
  'aws ecr create-repository --repository-name shop',
  'aws ecr create-repository --repository-name shop --image-tag-mutability IMMUTABLE',
  'aws ecr describe-images --repository-name shop',
  'docker',
  'docker --help',
  'docker run nginx',
];

/** create repository → build → tag → login → push, as the ECR console's push commands list them. */
const HAPPY_PATH = [
  'aws ecr create-repository --repository-name shop',
  'docker build -t shop:v1 .',
  `docker tag shop:v1 ${HOST}/shop:v1`,
  `aws ecr get-login-password --region us-east-1 | docker login --username AWS --password-stdin ${HOST}`,
  `docker push ${HOST}/shop:v1`,
];

const DOCKER_WORDS = [
  'docker',
  'build',
  'tag',
  'push',
  'images',
  'image',
  'login',
  'ls',
  '-t',
  '-f',
  '.',
  'Dockerfile',
  'missing',
  'shop',
  'shop:v1',
  'shop:',
  ':v1',
  `${HOST}/shop:v1`,
  `${HOST}/shop@sha256:00`,
  `${HOST}/`,
  'UPPER:Case',
  '--username',
  'AWS',
  '--password-stdin',
  '|',
  'aws',
  'ecr',
  'get-login-password',
  '<img src=x onerror=alert(1)>',
  '',
  '"',
];

const dockerLineArb = fc.oneof(
  fc.constantFrom(...DOCKER_LINES),
  mutated(DOCKER_LINES),
  fc
    .array(fc.constantFrom(...DOCKER_WORDS), { minLength: 1, maxLength: 7 })
    .map((ws) => ws.join(' ')),
);

describe('docker terminal fuzz', () => {
  it(
    'random docker/ecr lines with random Dockerfiles never throw, always say why they fail, and keep the ECS invariants',
    () => {
      const base: TerminalWorld = { ecs: createDefaultCluster(5) };
      fc.assert(
        fc.property(
          fc.oneof(fc.constantFrom(...DOCKERFILES), mutated(DOCKERFILES)),
          fc.array(dockerLineArb, { minLength: 1, maxLength: 10 }),
          fc.boolean(),
          (dockerfile, random, happyFirst) => {
            // Half the runs start with the whole happy path, so pushes reach the registry.
            const lines = happyFirst ? [...HAPPY_PATH, ...random] : random;
            let w = base;
            const obs = newObserver();
            for (const line of lines) {
              const r = runTerminalLine(w, line, { Dockerfile: dockerfile });
              expect(Number.isInteger(r.exitCode)).toBe(true);
              for (const l of r.lines) expect(typeof l).toBe('string');
              if (r.exitCode !== 0) expect(r.lines.join('').trim().length).toBeGreaterThan(0);
              // The API calls it reports replay to the same world (undo/export rely on it).
              let replay = w.ecs;
              for (const c of r.commands ?? []) replay = applyCommand(replay, c).state;
              if ((r.commands ?? []).length > 0)
                expect(replay.registry).toEqual(r.world.ecs.registry);
              w = r.world;
              checkEcsInvariants(w.ecs, obs);
            }
          },
        ),
        params(9_401, 120),
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'random Dockerfile text never throws; a refusal names its line',
    () => {
      fc.assert(
        fc.property(fc.oneof(mutated(DOCKERFILES), fc.string({ maxLength: 300 })), (text) => {
          const r = parseDockerfile(text);
          if (!r.ok) {
            expect(r.line).toBeGreaterThanOrEqual(1);
            expect(r.line).toBeLessThanOrEqual(text.split(/\r?\n/).length + 1);
            expect(r.error).toMatch(/line \d+|Dockerfile|FROM/i);
          }
        }),
        params(9_402, 300),
      );
    },
    PROPERTY_TIMEOUT,
  );
});

const TASK_DEFINITIONS = fixtures('tests/fixtures/task-definitions', '.json').map(([, t]) => t);
const MANIFESTS = fixtures('tests/fixtures/manifests', '.yaml').map(([, t]) => t);
const SCENARIOS = fixtures('scenarios', '.yaml').map(([, t]) => t);
const ANY_FILE = [...TASK_DEFINITIONS, ...MANIFESTS, ...SCENARIOS];

describe('file drop dispatcher fuzz', () => {
  it(
    'classifies any text, and the loader it routes to returns located problems, never throws',
    () => {
      const state = createDefaultCluster(2);
      fc.assert(
        fc.property(
          fc.oneof(mutated(ANY_FILE), fc.string({ maxLength: 200 }), fc.constantFrom(...ANY_FILE)),
          fc.constantFrom('x.json', 'x.yaml', 'x.yml', 'x', 'x.txt'),
          (text, name) => {
            const kind = classifyDroppedFile(name, text);
            switch (kind) {
              case 'taskDefinition': {
                const plan = importPlan(state, text, name);
                if (!plan.ok) expectLocated(plan.errors, text, name);
                else expect(plan.commands[0]?.type).toBe('REGISTER_TASK_DEFINITION');
                break;
              }
              case 'manifest':
                expectLocated(parseManifests(text, name).diagnostics, text, name);
                break;
              case 'scenario': {
                const r = loadScenario(text, name);
                expectLocated(r.ok ? r.warnings : [...r.errors, ...r.warnings], text, name);
                break;
              }
              case 'experiment': {
                const r = readExperiment(text, name);
                expect(typeof r.ok).toBe('boolean');
                break;
              }
            }
          },
        ),
        params(9_403, 200),
      );
    },
    PROPERTY_TIMEOUT,
  );
});

describe('task-definition editor fuzz', () => {
  it(
    'problems are ranges inside the text; Register is refused (nothing sent) exactly when invalid',
    () => {
      const state = createDefaultCluster(4);
      fc.assert(
        fc.property(
          fc.oneof(mutated(TASK_DEFINITIONS), fc.string({ maxLength: 200 })),
          fc.boolean(),
          (text, deploy) => {
            const check = checkTaskDefinitionText(text);
            for (const p of check.problems) {
              expect(p.from).toBeGreaterThanOrEqual(0);
              expect(p.to).toBeGreaterThanOrEqual(p.from);
              expect(p.to).toBeLessThanOrEqual(text.length);
              expect(p.line).toBeGreaterThanOrEqual(1);
              expect(p.message.trim().length).toBeGreaterThan(0);
            }
            const plan = registerPlan(state, text, deploy ? 'web' : undefined);
            if (!check.canRegister) expect(plan.ok).toBe(false);
            if (plan.ok) {
              let s = state;
              for (const c of plan.commands) {
                const r = applyCommand(s, c);
                expect(r.error).toBeUndefined();
                s = r.state;
              }
              expect(s.taskDefinitions[plan.key]).toBeDefined();
            } else expect(plan.reason.trim().length).toBeGreaterThan(0);
          },
        ),
        params(9_404, 300),
      );
    },
    PROPERTY_TIMEOUT,
  );
});
