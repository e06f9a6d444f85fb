/**
 * Parsing a Dockerfile into the simulator's Dockerfile model (src/sim/ecr/build.ts). The text is
 * data, never executed: RUN lines are kept as text and only decide a layer's identity and size.
 *
 * Rules followed [Dockerfile reference, docs.docker.com/reference/dockerfile]:
 * - One instruction per line, keyword case-insensitive; `#` starts a comment line; a line ending
 *   in `\` continues on the next line (the default escape character); blank lines are ignored.
 * - ARG may come before the first FROM; any other instruction before FROM is an error
 *   ("no build stage in current context", BuildKit's wording).
 * - Multi-stage builds: only the last stage becomes the image, so its FROM and steps are kept
 *   (`COPY --from=<stage>` copies files into one new layer of the last stage).
 * - An unknown keyword fails with "dockerfile parse error on line N: unknown instruction: X".
 */
import type { DockerInstruction, DockerfileModel, DockerfileStep } from '../sim/ecr/build.ts';

export type DockerfileParse =
  | { readonly ok: true; readonly dockerfile: DockerfileModel }
  | { readonly ok: false; readonly line: number; readonly error: string };

const STEP_INSTRUCTIONS: ReadonlySet<string> = new Set<DockerInstruction>([
  'RUN',
  'COPY',
  'ADD',
  'ENV',
  'EXPOSE',
  'CMD',
  'ENTRYPOINT',
  'WORKDIR',
  'USER',
  'LABEL',
  'ARG',
  'VOLUME',
  'HEALTHCHECK',
  'STOPSIGNAL',
  'SHELL',
  'ONBUILD',
]);

/** Pure: parses Dockerfile text. `context` labels the files COPY/ADD bring in (content changes → new layer). */
export function parseDockerfile(text: string, context = ''): DockerfileParse {
  const physical = text.split(/\r?\n/);
  let from: string | undefined;
  let steps: DockerfileStep[] = [];
  let i = 0;
  while (i < physical.length) {
    const startLine = i + 1;
    let logical = physical[i] as string;
    i++;
    if (/^\s*#/.test(logical) || logical.trim() === '') continue;
    while (/\\\s*$/.test(logical) && i < physical.length) {
      const next = physical[i] as string;
      i++;
      if (/^\s*#/.test(next)) continue; // comment lines inside a continuation are dropped
      logical = logical.replace(/\s*\\\s*$/, ' ') + next.trim();
    }
    const m = /^\s*(\S+)\s*(.*)$/.exec(logical);
    const keyword = (m?.[1] ?? '').toUpperCase();
    const args = (m?.[2] ?? '').replace(/\\\s*$/, '').trim();
    if (keyword === 'FROM') {
      // `FROM [--platform=…] image [AS name]`
      const words = args.split(/\s+/).filter((w) => !w.startsWith('--'));
      const image = words[0];
      if (!image)
        return { ok: false, line: startLine, error: 'FROM requires either one or three arguments' };
      from = image;
      steps = [];
      continue;
    }
    if (keyword === 'MAINTAINER') continue; // deprecated, config only
    if (!STEP_INSTRUCTIONS.has(keyword)) {
      return {
        ok: false,
        line: startLine,
        error: `dockerfile parse error on line ${startLine}: unknown instruction: ${m?.[1] ?? ''}`,
      };
    }
    if (from === undefined) {
      if (keyword === 'ARG') continue;
      return {
        ok: false,
        line: startLine,
        error: `dockerfile parse error on line ${startLine}: ${keyword} requires a build stage: no build stage in current context`,
      };
    }
    if (args === '' && keyword !== 'CMD' && keyword !== 'ENTRYPOINT') {
      return {
        ok: false,
        line: startLine,
        error: `dockerfile parse error on line ${startLine}: ${keyword} requires at least one argument`,
      };
    }
    const instruction = keyword as DockerInstruction;
    const copies = instruction === 'COPY' || instruction === 'ADD';
    steps.push({
      instruction,
      args,
      // Files from the build context: their content decides the layer (a cross-stage COPY --from
      // depends on the earlier stage, labelled by its own text here).
      ...(copies && context !== '' && !/--from=/.test(args) ? { content: context } : {}),
    });
  }
  if (from === undefined) {
    return {
      ok: false,
      line: 1,
      error: 'the Dockerfile (Dockerfile) cannot be empty',
    };
  }
  return { ok: true, dockerfile: { from, steps } };
}

/**
 * The Dockerfile the terminal builds when the user has not pasted one (simulator choice): a small
 * Node.js web app on the official node image, written in the usual cache-friendly order
 * (dependencies first, then the sources).
 */
export const SAMPLE_DOCKERFILE = [
  '# The playground sample: paste or drop your own file named Dockerfile to replace it.',
  'FROM node:20-alpine',
  'WORKDIR /app',
  'COPY package.json package-lock.json ./',
  'RUN npm ci --omit=dev',
  'COPY . .',
  'EXPOSE 8080',
  'CMD ["node", "server.js"]',
  '',
].join('\n');
