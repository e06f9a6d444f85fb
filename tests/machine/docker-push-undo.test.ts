/**
 * A `docker push` typed in the terminal changes the registry: it is logged as PUSH_IMAGE, so undo
 * of a later action keeps the pushed image, undo of the push removes it, and an exported
 * experiment re-imports with the image in ECR.
 */
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { clusterMachine } from '../../src/machine/index.ts';
import { EKS_RUNTIME } from '../../src/machine/eks.ts';
import {
  DEFAULT_INITIAL,
  experimentStart,
  experimentState,
  experimentToScenarioYaml,
  scenarioToExperiment,
} from '../../src/machine/index.ts';
import { loadScenario } from '../../src/formats/scenario.ts';
import type { SimState } from '../../src/sim/index.ts';

const HOST = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const DOCKERFILE = 'FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\nEXPOSE 80\n';

const images = (s: SimState) =>
  Object.values(s.registry?.ecr.repositories.shop?.images ?? {}).flatMap((i) => i.imageTags);

function session() {
  const seed = 3;
  const a = createActor(clusterMachine, {
    input: { sim: experimentStart({ initial: DEFAULT_INITIAL, seed }), eks: EKS_RUNTIME },
  });
  a.start();
  const type = (line: string, files: Record<string, string> = {}) =>
    a.send({ type: 'TERMINAL', line, files });
  type('aws ecr create-repository --repository-name shop');
  type(`docker build -t ${HOST}/shop:v1 .`, { Dockerfile: DOCKERFILE });
  type(
    `aws ecr get-login-password --region us-east-1 | docker login --username AWS --password-stdin ${HOST}`,
  );
  type(`docker push ${HOST}/shop:v1`);
  return { a, seed, type };
}

describe('docker push is a logged user action', () => {
  it('survives undo of a later action; undo of the push itself removes the image', () => {
    const { a, type } = session();
    const ctx = () => a.getSnapshot().context;
    expect(images(ctx().sim)).toEqual(['v1']);
    expect(ctx().commandLog.map((e) => e.command.type)).toEqual([
      'CREATE_REPOSITORY',
      'PUSH_IMAGE',
    ]);
    type('aws ecr create-repository --repository-name other');
    a.send({ type: 'UNDO' });
    expect(ctx().sim.registry?.ecr.repositories.other).toBeUndefined();
    expect(images(ctx().sim)).toEqual(['v1']);
    a.send({ type: 'UNDO' });
    expect(images(ctx().sim)).toEqual([]);
    a.send({ type: 'REDO' });
    expect(images(ctx().sim)).toEqual(['v1']);
  });

  it('an exported experiment re-imports with the pushed image in ECR', () => {
    const { a, seed } = session();
    const c = a.getSnapshot().context;
    const yaml = experimentToScenarioYaml({
      name: 'docker session',
      seed,
      speed: 1,
      initial: DEFAULT_INITIAL,
      log: c.commandLog,
      untilMs: c.sim.now,
    });
    expect(yaml).toContain('type: PUSH_IMAGE');
    const loaded = loadScenario(yaml, 'docker-session.yaml');
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const back = experimentState(scenarioToExperiment(loaded.scenario, 1));
    expect(images(back)).toEqual(['v1']);
    expect(Object.keys(back.registry?.ecr.repositories.shop?.images ?? {})).toEqual(
      Object.keys(c.sim.registry?.ecr.repositories.shop?.images ?? {}),
    );
  });
});
