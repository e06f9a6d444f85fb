/**
 * The `docker` engine: build (BuildKit plain output, layers, cache), tag, login through
 * `aws ecr get-login-password |`, push to the simulated ECR with docker's per-layer lines, and the
 * registry's refusals worded as docker prints them.
 */
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/formats/dockerfile.ts';
import { createDefaultCluster } from '../../src/sim/index.ts';
import { applyCommand } from '../../src/sim/apply-command.ts';
import { ECR_TOKEN_VALIDITY_MS } from '../../src/sim/ecr/workstation.ts';
import { runTerminalLine } from '../../src/terminal/dispatch.ts';
import type { TerminalWorld } from '../../src/terminal/types.ts';

const HOST = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
const DOCKERFILE = [
  '# a small web site',
  'FROM nginx:1.27',
  'COPY site/ /usr/share/nginx/html/',
  'RUN apt-get update && \\',
  '    apt-get install -y curl',
  'EXPOSE 80',
].join('\n');

function run(world: TerminalWorld, line: string, files: Record<string, string> = {}) {
  return runTerminalLine(world, line, files);
}

function withRepo(mutability: 'MUTABLE' | 'IMMUTABLE' = 'MUTABLE'): TerminalWorld {
  const r = applyCommand(createDefaultCluster(1), {
    type: 'CREATE_REPOSITORY',
    repositoryName: 'shop',
    imageTagMutability: mutability,
  });
  return { ecs: r.state };
}

function loggedIn(world: TerminalWorld): TerminalWorld {
  const r = run(
    world,
    `aws ecr get-login-password --region us-east-1 | docker login --username AWS --password-stdin ${HOST}`,
  );
  expect(r.lines).toEqual(['Login Succeeded']);
  expect(r.exitCode).toBe(0);
  return r.world;
}

describe('Dockerfile parsing (data, never executed)', () => {
  it('keeps the last stage, joins continuation lines and skips comments', () => {
    const r = parseDockerfile(
      'ARG V=1\nFROM node:20 AS build\nRUN make\nfrom nginx:1.27\nCOPY --from=build /out /srv\nrun a \\\n  b',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.dockerfile.from).toBe('nginx:1.27');
    expect(r.dockerfile.steps.map((s) => `${s.instruction} ${s.args}`)).toEqual([
      'COPY --from=build /out /srv',
      'RUN a b',
    ]);
  });

  it('reports an unknown instruction and a step before FROM with their line, as BuildKit words them', () => {
    const bad = parseDockerfile('FROM nginx\nCOPPY . .');
    expect(bad).toEqual({
      ok: false,
      line: 2,
      error: 'dockerfile parse error on line 2: unknown instruction: COPPY',
    });
    const early = parseDockerfile('RUN x\nFROM nginx');
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.error).toMatch(/line 1: RUN requires a build stage/);
  });
});

describe('docker engine', () => {
  it('docker build -t prints BuildKit steps, names the image and lists it in docker images', () => {
    const w = withRepo();
    const r = run(w, 'docker build -t shop:v1 .', { Dockerfile: DOCKERFILE });
    expect(r.exitCode).toBe(0);
    expect(r.lines[0]).toBe('[+] Building (4/4) FINISHED');
    expect(r.lines[1]).toBe(' => [internal] load build definition from Dockerfile');
    expect(
      r.lines.some((l) =>
        /^ => \[1\/4\] FROM docker\.io\/library\/nginx:1\.27@sha256:[0-9a-f]{64}$/.test(l),
      ),
    ).toBe(true);
    expect(r.lines).toContain(' => [2/4] COPY site/ /usr/share/nginx/html/');
    expect(r.lines).toContain(' => [3/4] RUN apt-get update && apt-get install -y curl');
    expect(r.lines.at(-1)).toBe(' => => naming to docker.io/library/shop:v1');
    const ls = run(r.world, 'docker images');
    expect(ls.lines[0]).toMatch(/^REPOSITORY +TAG +IMAGE ID +CREATED +SIZE$/);
    expect(ls.lines[1]).toMatch(/^shop +v1 +[0-9a-f]{12} +About a second ago +\d+(\.\d)?MB$/);

    // Same Dockerfile again: every layer step is CACHED; a changed source file changes COPY.
    const again = run(r.world, 'docker build -t shop:v1 .', { Dockerfile: DOCKERFILE });
    expect(again.lines).toContain(' => CACHED [2/4] COPY site/ /usr/share/nginx/html/');
    const edited = run(r.world, 'docker build -t shop:v2 .', {
      Dockerfile: DOCKERFILE,
      'index.html': '<h1>v2</h1>',
    });
    expect(edited.lines).toContain(' => [2/4] COPY site/ /usr/share/nginx/html/');
  });

  it('without a pasted Dockerfile builds the sample one and says so; a bad one fails with its line', () => {
    const r = run({ ecs: createDefaultCluster(1) }, 'docker build -t app .');
    expect(r.exitCode).toBe(0);
    expect(r.lines[0]).toMatch(/^\(playground\) No file named Dockerfile/);
    expect(r.lines).toContain(' => [2/7] WORKDIR /app');
    const bad = run({ ecs: createDefaultCluster(1) }, 'docker build .', {
      Dockerfile: 'FROM nginx\nCOPPY . .',
    });
    expect(bad.exitCode).toBe(1);
    expect(bad.lines).toEqual([
      'ERROR: failed to solve: dockerfile parse error on line 2: unknown instruction: COPPY',
    ]);
    const noArg = run({ ecs: createDefaultCluster(1) }, 'docker build -t app');
    expect(noArg.lines[0]).toBe('ERROR: "docker buildx build" requires exactly 1 argument.');
  });

  it('push without a login: "no basic auth credentials"; get-login-password | docker login succeeds', () => {
    let w = withRepo();
    w = run(w, 'docker build -t shop:v1 .', { Dockerfile: DOCKERFILE }).world;
    w = run(w, `docker tag shop:v1 ${HOST}/shop:v1`).world;
    const denied = run(w, `docker push ${HOST}/shop:v1`);
    expect(denied.exitCode).toBe(1);
    expect(denied.lines).toEqual([
      `The push refers to repository [${HOST}/shop]`,
      'no basic auth credentials',
    ]);
    const wrongUser = run(
      w,
      `aws ecr get-login-password | docker login -u admin --password-stdin ${HOST}`,
    );
    expect(wrongUser.lines).toEqual([
      `Error response from daemon: login attempt to https://${HOST}/v2/ failed with status: 400 Bad Request`,
    ]);
    loggedIn(w);
  });

  it('docker push prints one line per layer, the digest line, and stores the image in ECR', () => {
    let w = loggedIn(withRepo());
    w = run(w, `docker build -t ${HOST}/shop:v1 .`, { Dockerfile: DOCKERFILE }).world;
    const r = run(w, `docker push ${HOST}/shop:v1`);
    expect(r.exitCode).toBe(0);
    expect(r.lines[0]).toBe(`The push refers to repository [${HOST}/shop]`);
    // nginx:1.27 brings 3 layers; COPY and RUN add 2 → 5 uploads, top layer first.
    const layerLines = r.lines.slice(1, -1);
    expect(layerLines).toHaveLength(5);
    for (const l of layerLines) expect(l).toMatch(/^[0-9a-f]{12}: Pushed$/);
    expect(r.lines.at(-1)).toMatch(/^v1: digest: sha256:[0-9a-f]{64} size: \d+$/);
    const digest = /digest: (sha256:[0-9a-f]{64})/.exec(r.lines.at(-1) ?? '')?.[1] as string;
    const image = r.world.ecs.registry?.ecr.repositories.shop?.images[digest];
    expect(image?.imageTags).toEqual(['v1']);
    expect(r.world.ecs.events.at(-1)?.message).toMatch(/Image shop:v1 pushed/);

    // A rebuilt image with a changed source shares the base layers: "Layer already exists".
    const w2 = run(r.world, `docker build -t ${HOST}/shop:v2 .`, {
      Dockerfile: DOCKERFILE,
      'index.html': 'v2',
    }).world;
    const r2 = run(w2, `docker push ${HOST}/shop:v2`);
    const exists = r2.lines.filter((l) => l.endsWith(': Layer already exists'));
    const pushed = r2.lines.filter((l) => l.endsWith(': Pushed'));
    expect(exists).toHaveLength(3);
    expect(pushed).toHaveLength(2);
  });

  it('docker push reports its PUSH_IMAGE calls, so the machine can log them (undo, saves)', () => {
    let w = loggedIn(withRepo());
    w = run(w, `docker build -t ${HOST}/shop:v1 .`, { Dockerfile: DOCKERFILE }).world;
    const r = run(w, `docker push ${HOST}/shop:v1`);
    expect(r.commands?.map((c) => c.type)).toEqual(['PUSH_IMAGE']);
    // Applying the reported calls to the world before the line gives the registry after it.
    let replayed = w.ecs;
    for (const c of r.commands ?? []) {
      const out = applyCommand(replayed, c);
      expect(out.error).toBeUndefined();
      replayed = out.state;
    }
    expect(replayed.registry?.ecr).toEqual(r.world.ecs.registry?.ecr);
    // A refused push reports no call.
    const refused = run(loggedIn(withRepo('IMMUTABLE')), `docker push ${HOST}/nope:v1`);
    expect(refused.exitCode).toBe(1);
    expect(refused.commands).toBeUndefined();
  });

  it('a missing repository and an immutable tag are refused with the registry wording (exit 1)', () => {
    let w = loggedIn(withRepo('IMMUTABLE'));
    w = run(w, `docker build -t ${HOST}/nope:v1 -t ${HOST}/shop:v1 .`, {
      Dockerfile: DOCKERFILE,
    }).world;
    const missing = run(w, `docker push ${HOST}/nope:v1`);
    expect(missing.exitCode).toBe(1);
    expect(missing.lines.at(-1)).toBe(
      "name unknown: The repository with name 'nope' does not exist in the registry with id '123456789012'",
    );
    w = run(w, `docker push ${HOST}/shop:v1`).world;
    w = run(w, `docker build -t ${HOST}/shop:v1 .`, {
      Dockerfile: DOCKERFILE,
      'index.html': 'changed',
    }).world;
    const before = w.ecs.registry?.ecr.repositories.shop?.images;
    const immutable = run(w, `docker push ${HOST}/shop:v1`);
    expect(immutable.exitCode).toBe(1);
    expect(immutable.lines.at(-1)).toBe(
      "tag invalid: The image tag 'v1' already exists in the 'shop' repository and cannot be overwritten because the repository is immutable.",
    );
    expect(immutable.world.ecs.registry?.ecr.repositories.shop?.images).toEqual(before);
  });

  it('the login token expires after 12 hours', () => {
    let w = loggedIn(withRepo());
    w = run(w, `docker build -t ${HOST}/shop:v1 .`, { Dockerfile: DOCKERFILE }).world;
    // Only the clock matters to the token: move it on without running 12 hours of steps.
    const later = { ecs: { ...w.ecs, now: w.ecs.now + ECR_TOKEN_VALIDITY_MS + 60_000 } };
    const r = run(later, `docker push ${HOST}/shop:v1`);
    expect(r.lines.at(-1)).toBe(
      'denied: Your authorization token has expired. Reauthenticate and try again.',
    );
  });

  it('docker tag of an unknown image and an unknown subcommand fail like docker', () => {
    const w = { ecs: createDefaultCluster(1) };
    expect(run(w, 'docker tag ghost:v1 x:v1').lines).toEqual([
      'Error response from daemon: No such image: ghost:v1',
    ]);
    const r = run(w, 'docker frobnicate');
    expect(r.exitCode).toBe(1);
    expect(r.lines[0]).toBe("docker: 'frobnicate' is not a docker command.");
  });
});
