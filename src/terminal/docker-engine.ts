/**
 * The `docker` terminal engine: `docker build`, `docker tag`, `docker push`, `docker images` and
 * `docker login`, against a simulated workstation image store (src/sim/ecr/workstation.ts) and the
 * simulated ECR registry. Nothing is executed: a Dockerfile is parsed as data
 * (src/formats/dockerfile.ts) and built with the content-addressed layer model (src/sim/ecr/build.ts).
 *
 * Output follows the docker CLI (BuildKit's plain progress for build; one line per layer for push,
 * "Pushed" / "Layer already exists", then "TAG: digest: sha256:… size: N"). Registry refusals are
 * printed as docker prints the registry's error: `name unknown: …` (no repository), `tag invalid:
 * …` (immutable tag), `no basic auth credentials` (no `docker login`), exit status 1.
 */
import { parseDockerfile, SAMPLE_DOCKERFILE } from '../formats/dockerfile.ts';
import { applyCommand } from '../sim/apply-command.ts';
import { buildImage, createsLayer } from '../sim/ecr/build.ts';
import { contentDigest, shortDigest } from '../sim/ecr/digest.ts';
import { ecrRegistryHost, parseImageReference } from '../sim/ecr/image-reference.ts';
import type { ImageReference } from '../sim/ecr/image-reference.ts';
import { formatBytes } from '../sim/ecr/manifest.ts';
import { uploadLayers } from '../sim/ecr/push.ts';
import {
  EMPTY_WORKSTATION,
  ecrTokenExpiry,
  storeLocalImage,
  tagLocalImage,
  type DockerWorkstation,
  type LocalImage,
} from '../sim/ecr/workstation.ts';
import { emptyRegistry } from '../sim/image-registry.ts';
import type { SimState } from '../sim/model.ts';
import type { SimCommand } from '../sim/commands.ts';
import {
  STDIN_FILE,
  type TerminalEngine,
  type TerminalResult,
  type TerminalWorld,
} from './types.ts';

export const DOCKER_SUBCOMMANDS = ['build', 'images', 'login', 'push', 'tag'] as const;

const fail = (world: TerminalWorld, lines: readonly string[], exitCode = 1): TerminalResult => ({
  world,
  lines: [...lines],
  exitCode,
});

function workstationOf(s: SimState): DockerWorkstation {
  return s.registry?.workstation ?? EMPTY_WORKSTATION;
}

/** The world with a new workstation (the registry model is switched on, as any ECR command does). */
function withWorkstation(world: TerminalWorld, ws: DockerWorkstation): TerminalWorld {
  const s = world.ecs;
  const reg = s.registry ?? emptyRegistry(s.cluster.accountId, s.cluster.region);
  return { ...world, ecs: { ...s, registry: { ...reg, workstation: ws }, version: s.version + 1 } };
}

interface Parsed {
  readonly flags: Map<string, string[]>;
  readonly positional: string[];
}

/** Splits `-t x`, `--tag x`, `--tag=x` and boolean flags from positional words. */
function parseArgs(argv: readonly string[], valued: ReadonlySet<string>): Parsed {
  const flags = new Map<string, string[]>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i] as string;
    if (w.startsWith('-') && w !== '-') {
      const eq = w.indexOf('=');
      const name = eq > 0 ? w.slice(0, eq) : w;
      const list = flags.get(name) ?? [];
      if (eq > 0) list.push(w.slice(eq + 1));
      else if (valued.has(name) && i + 1 < argv.length) list.push(argv[++i] as string);
      else list.push('');
      flags.set(name, list);
    } else {
      positional.push(w);
    }
  }
  return { flags, positional };
}

function flag(p: Parsed, ...names: string[]): string[] {
  return names.flatMap((n) => p.flags.get(n) ?? []);
}

/** The name docker shows for a reference: Docker Hub without `docker.io/library/`. */
function familiar(ref: ImageReference): string {
  if (ref.registry !== 'docker-hub') return `${ref.registryHost}/${ref.repository}`;
  return ref.repository.startsWith('library/') ? ref.repository.slice(8) : ref.repository;
}

function ago(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return s <= 1 ? 'About a second ago' : `${s} seconds ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return m === 1 ? 'About a minute ago' : `${m} minutes ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return h === 1 ? 'About an hour ago' : `${h} hours ago`;
  return `${Math.floor(h / 24)} days ago`;
}

/** A content label for the build context: every pasted file except the Dockerfile itself. */
function contextLabel(files: Readonly<Record<string, string>>, dockerfileName: string): string {
  const names = Object.keys(files)
    .filter((n) => n !== dockerfileName && n !== STDIN_FILE)
    .sort();
  if (names.length === 0) return '';
  return contentDigest(names.flatMap((n) => [n, files[n] ?? '']));
}

function build(
  world: TerminalWorld,
  argv: readonly string[],
  files: Readonly<Record<string, string>>,
): TerminalResult {
  const p = parseArgs(argv, new Set(['-t', '--tag', '-f', '--file', '--platform', '--build-arg']));
  if (p.positional.length !== 1)
    return fail(world, [
      'ERROR: "docker buildx build" requires exactly 1 argument.',
      "See 'docker buildx build --help'.",
      '',
      'Usage:  docker buildx build [OPTIONS] PATH | URL | -',
      '',
      'Start a build',
    ]);
  const tags: ImageReference[] = [];
  for (const t of flag(p, '-t', '--tag')) {
    const r = parseImageReference(t);
    if (!r.ok || r.ref.digest !== undefined)
      return fail(world, [
        `ERROR: invalid tag "${t}": ${r.ok ? 'invalid reference format' : r.error}`,
      ]);
    tags.push(r.ref);
  }
  const fileFlag = flag(p, '-f', '--file')[0];
  const name = fileFlag ?? 'Dockerfile';
  const pasted = files[name] ?? files[name.replace(/^\.\//, '')];
  const notes: string[] = [];
  let text: string;
  if (pasted !== undefined) text = pasted;
  else if (fileFlag !== undefined)
    return fail(world, [
      `ERROR: failed to solve: failed to read dockerfile: open ${name}: no such file or directory`,
    ]);
  else {
    text = SAMPLE_DOCKERFILE;
    notes.push(
      '(playground) No file named Dockerfile was pasted or dropped: building the sample Dockerfile (FROM node:20-alpine, 2 COPY, 1 RUN).',
    );
  }
  const parsed = parseDockerfile(text, contextLabel(files, name));
  if (!parsed.ok) return fail(world, [...notes, `ERROR: failed to solve: ${parsed.error}`]);
  const s = world.ecs;
  const reg = s.registry ?? emptyRegistry(s.cluster.accountId, s.cluster.region);
  const built = buildImage(reg.ecr, parsed.dockerfile);
  if (!built.ok)
    return fail(world, [...notes, ...built.output.filter((l) => l !== built.error), built.error]);

  // BuildKit prints CACHED for a step whose result it already has: a layer any local image holds.
  const ws = workstationOf(s);
  const localLayers = new Set(
    Object.values(ws.images).flatMap((img) => img.manifest.layers.map((l) => l.digest)),
  );
  const baseLayers =
    built.manifest.layers.length -
    parsed.dockerfile.steps.filter((st) => createsLayer(st.instruction)).length;
  let layerIndex = baseLayers;
  const steps = parsed.dockerfile.steps.length + 1;
  const output = built.output.map((line) => {
    const m = /^ => \[(\d+)\/\d+\] /.exec(line);
    if (!m || m[1] === '1') return line;
    const step = parsed.dockerfile.steps[Number(m[1]) - 2];
    if (!step || !createsLayer(step.instruction)) return line;
    const layer = built.manifest.layers[layerIndex++];
    return layer && localLayers.has(layer.digest) ? line.replace(' => [', ' => CACHED [') : line;
  });
  output[0] = `[+] Building (${steps}/${steps}) FINISHED`;
  output.splice(
    1,
    0,
    ` => [internal] load build definition from ${name}`,
    ` => => transferring dockerfile: ${new TextEncoder().encode(text).length}B`,
  );
  for (const t of tags) output.push(` => => naming to ${t.canonical}`);

  const image: LocalImage = {
    id: built.manifest.digest,
    manifest: built.manifest,
    dockerfile: parsed.dockerfile,
    createdAt: ws.images[built.manifest.digest]?.createdAt ?? s.now,
  };
  const next = storeLocalImage(
    ws,
    image,
    tags.map((t) => t.canonical),
  );
  return { world: withWorkstation(world, next), lines: [...notes, ...output], exitCode: 0 };
}

/** A reference or an image id (full or 12-hex short) → the local image id. */
function localId(ws: DockerWorkstation, word: string): { id?: string; ref?: ImageReference } {
  const r = parseImageReference(word);
  if (r.ok && ws.tags[r.ref.canonical]) return { id: ws.tags[r.ref.canonical], ref: r.ref };
  const hex = word.replace(/^sha256:/, '');
  if (/^[a-f0-9]{12,64}$/.test(hex)) {
    const id = Object.keys(ws.images).find((d) => d.slice(7).startsWith(hex));
    if (id) return { id };
  }
  return r.ok ? { ref: r.ref } : {};
}

function tag(world: TerminalWorld, argv: readonly string[]): TerminalResult {
  const p = parseArgs(argv, new Set());
  if (p.positional.length !== 2)
    return fail(world, [
      '"docker tag" requires exactly 2 arguments.',
      "See 'docker tag --help'.",
      '',
      'Usage:  docker tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]',
      '',
      'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE',
    ]);
  const [source, target] = p.positional as [string, string];
  const ws = workstationOf(world.ecs);
  const src = localId(ws, source);
  if (!src.id) return fail(world, [`Error response from daemon: No such image: ${source}`]);
  const t = parseImageReference(target);
  if (!t.ok || t.ref.digest !== undefined)
    return fail(world, [
      `Error parsing reference: "${target}" is not a valid repository/tag: ${t.ok ? 'invalid reference format' : t.error}`,
    ]);
  const next = tagLocalImage(ws, src.id, t.ref.canonical);
  return { world: withWorkstation(world, next), lines: [], exitCode: 0 };
}

function images(world: TerminalWorld): TerminalResult {
  const s = world.ecs;
  const ws = workstationOf(s);
  const rows: string[][] = [['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE']];
  const tagged = new Set<string>();
  const entries = Object.entries(ws.tags).sort(
    (a, b) =>
      (ws.images[b[1]]?.createdAt ?? 0) - (ws.images[a[1]]?.createdAt ?? 0) ||
      a[0].localeCompare(b[0]),
  );
  for (const [canonical, id] of entries) {
    const img = ws.images[id];
    const r = parseImageReference(canonical);
    if (!img || !r.ok) continue;
    tagged.add(id);
    rows.push([
      familiar(r.ref),
      r.ref.tag ?? '<none>',
      shortDigest(id),
      ago(s.now - img.createdAt),
      formatBytes(img.manifest.sizeBytes),
    ]);
  }
  for (const img of Object.values(ws.images))
    if (!tagged.has(img.id))
      rows.push([
        '<none>',
        '<none>',
        shortDigest(img.id),
        ago(s.now - img.createdAt),
        formatBytes(img.manifest.sizeBytes),
      ]);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return {
    world,
    lines: rows.map((r) =>
      r.map((cell, c) => (c < r.length - 1 ? cell.padEnd((widths[c] ?? 0) + 3) : cell)).join(''),
    ),
    exitCode: 0,
  };
}

function login(
  world: TerminalWorld,
  argv: readonly string[],
  files: Readonly<Record<string, string>>,
): TerminalResult {
  const p = parseArgs(argv, new Set(['-u', '--username', '-p', '--password']));
  const s = world.ecs;
  const server = p.positional[0] ?? 'docker.io';
  const host = server.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  const ours = ecrRegistryHost(s.cluster.accountId, s.cluster.region);
  const username = flag(p, '-u', '--username')[0];
  const viaFlag = flag(p, '-p', '--password')[0];
  const stdin = p.flags.has('--password-stdin');
  const warn =
    viaFlag !== undefined
      ? ['WARNING! Using --password via the CLI is insecure. Use --password-stdin.']
      : [];
  if (stdin && viaFlag !== undefined)
    return fail(world, ['--password and --password-stdin are mutually exclusive']);
  if (stdin && username === undefined)
    return fail(world, ['Must provide --username with --password-stdin']);
  const password = stdin ? (files[STDIN_FILE] ?? '').trim() : viaFlag;
  if (username === undefined || password === undefined || password === '')
    return fail(world, ['Error: Cannot perform an interactive login from a non TTY device']);
  if (host !== ours) {
    // The simulator has no network: only the account's own ECR registry answers.
    return fail(world, [
      ...warn,
      `Error response from daemon: Get "https://${host}/v2/": dial tcp: lookup ${host}: no such host`,
      `(playground) Only your simulated registry ${ours} takes logins.`,
    ]);
  }
  const expires = ecrTokenExpiry(password, s.cluster.accountId, s.cluster.region);
  // ECR accepts only the user name AWS and an unexpired token issued for this registry.
  if (username !== 'AWS' || expires === undefined || expires <= s.now)
    return fail(world, [
      ...warn,
      `Error response from daemon: login attempt to https://${host}/v2/ failed with status: 400 Bad Request`,
    ]);
  const ws = workstationOf(s);
  return {
    world: withWorkstation(world, { ...ws, logins: { ...ws.logins, [host]: expires } }),
    lines: [...warn, 'Login Succeeded'],
    exitCode: 0,
  };
}

function push(world: TerminalWorld, argv: readonly string[]): TerminalResult {
  const p = parseArgs(argv, new Set());
  if (p.positional.length !== 1)
    return fail(world, [
      '"docker push" requires exactly 1 argument.',
      "See 'docker push --help'.",
      '',
      'Usage:  docker push [OPTIONS] NAME[:TAG]',
      '',
      'Upload an image to a registry',
    ]);
  const word = p.positional[0] as string;
  const r = parseImageReference(word);
  if (!r.ok) return fail(world, [r.error]);
  const ref = r.ref;
  const s = world.ecs;
  const ws = workstationOf(s);
  const repoName = `${ref.registryHost}/${ref.repository}`;
  const allTags = p.flags.has('-a') || p.flags.has('--all-tags');
  // Since Docker 20.10 a push without a tag pushes `latest`; -a pushes every local tag.
  const targets = allTags
    ? Object.keys(ws.tags)
        .filter((c) => c.startsWith(`${repoName}:`))
        .sort()
    : ws.tags[ref.canonical]
      ? [ref.canonical]
      : [];
  if (targets.length === 0)
    return fail(world, [`An image does not exist locally with the tag: ${familiar(ref)}`]);
  const head = `The push refers to repository [${ref.registry === 'docker-hub' ? repoName : familiar(ref)}]`;
  if (ref.registry !== 'ecr')
    return fail(world, [head, 'denied: requested access to the resource is denied']);
  const host = ref.registryHost;
  const expires = ws.logins[host];
  if (expires === undefined) return fail(world, [head, 'no basic auth credentials']);
  if (expires <= s.now)
    return fail(world, [
      head,
      'denied: Your authorization token has expired. Reauthenticate and try again.',
    ]);

  let current = world;
  const lines = [head];
  // The pushes made so far, reported as API calls (undo/redo, saves) even if a later tag fails.
  const commands: SimCommand[] = [];
  const withPushes = (r: TerminalResult): TerminalResult =>
    commands.length ? { ...r, commands } : r;
  for (const canonical of targets) {
    const img = ws.images[ws.tags[canonical] ?? ''];
    const tagName = canonical.slice(repoName.length + 1);
    if (!img) continue;
    const state = current.ecs;
    const repo = state.registry?.ecr.repositories[ref.repository];
    if (!repo || ref.accountId !== state.cluster.accountId || ref.region !== state.cluster.region) {
      return withPushes(
        fail(current, [
          ...lines,
          `name unknown: The repository with name '${ref.repository}' does not exist in the registry with id '${ref.accountId ?? ''}'`,
        ]),
      );
    }
    const upload = uploadLayers(repo, img.manifest);
    const holder = Object.values(repo.images).find((i) => i.imageTags.includes(tagName));
    if (holder && holder.imageDigest !== img.id && repo.imageTagMutability === 'IMMUTABLE') {
      return withPushes(
        fail(current, [
          ...lines,
          ...upload.lines,
          `tag invalid: The image tag '${tagName}' already exists in the '${ref.repository}' repository and cannot be overwritten because the repository is immutable.`,
        ]),
      );
    }
    const command: SimCommand = {
      type: 'PUSH_IMAGE',
      repositoryName: ref.repository,
      tag: tagName,
      dockerfile: img.dockerfile,
      manifest: img.manifest,
    };
    const out = applyCommand(state, command);
    if (out.error)
      return withPushes(
        fail(current, [...lines, ...upload.lines, out.error.replace(/^[A-Za-z]+: /, '')]),
      );
    current = { ...current, ecs: out.state };
    commands.push(command);
    lines.push(
      ...upload.lines,
      `${tagName}: digest: ${img.id} size: ${img.manifest.manifestSizeBytes}`,
    );
  }
  return withPushes({ world: current, lines, exitCode: 0 });
}

export const dockerEngine: TerminalEngine = {
  program: 'docker',
  summary: 'docker build | tag | push | images | login — build images and push them to ECR',
  run(world, argv, files) {
    const [sub, ...rest] = argv;
    switch (sub) {
      case 'build':
        return build(world, rest, files);
      case 'tag':
        return tag(world, rest);
      case 'push':
        return push(world, rest);
      case 'images':
        return images(world);
      case 'image':
        if (rest[0] === 'ls' || rest[0] === 'list') return images(world);
        if (rest[0] === 'build' || rest[0] === 'push' || rest[0] === 'tag')
          return dockerEngine.run(world, rest, files);
        break;
      case 'login':
        return login(world, rest, files);
      case undefined:
        return fail(world, [
          'Usage:  docker [OPTIONS] COMMAND',
          '',
          `Commands in the playground: ${DOCKER_SUBCOMMANDS.join(', ')}`,
        ]);
    }
    return fail(world, [
      `docker: '${[sub, ...(sub === 'image' ? rest.slice(0, 1) : [])].join(' ')}' is not a docker command.`,
      "See 'docker --help'",
    ]);
  },
  complete(world, argv) {
    if (argv.length <= 1) return [...DOCKER_SUBCOMMANDS];
    const sub = argv[0];
    if (sub === 'push' || sub === 'tag') {
      const ws = workstationOf(world.ecs);
      const last = argv[argv.length - 1] ?? '';
      return Object.keys(ws.tags)
        .map((c) => {
          const r = parseImageReference(c);
          return r.ok ? `${familiar(r.ref)}:${r.ref.tag ?? 'latest'}` : c;
        })
        .filter((n) => n.startsWith(last))
        .sort();
    }
    return [];
  },
};
