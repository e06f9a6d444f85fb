/**
 * The page's entry point (composition root): reads the start options from the URL, builds the
 * default cluster from its seed, starts the cluster machine and hands it to `<cp-app>`; then
 * attaches the scenario host (bundled scenarios, files from disk, presenter mode) and opens the
 * deep link `?scenario=NAME&step=N&present` if there is one.
 */
// Pixi generates shader sync code with `new Function` unless this polyfill is loaded; our CSP
// (script-src 'self', no 'unsafe-eval') forbids that, so the canvas needs it [PixiJS v8 CSP guide].
import 'pixi.js/unsafe-eval';
import { createActor } from 'xstate';
import { clusterMachine } from './machine/cluster-machine.ts';
import { createDefaultCluster } from './sim/index.ts';
import './ui/cp-app.ts';
import { parseStartOptions } from './ui/url-options.ts';

const options = parseStartOptions(location.search);
const actor = createActor(clusterMachine, {
  input: { sim: createDefaultCluster(options.seed), speed: options.speed },
});
actor.start();
if (options.paused) actor.send({ type: 'PAUSE' });

const app =
  document.querySelector('cp-app') ?? document.body.appendChild(document.createElement('cp-app'));
app.theme = options.theme;
app.actor = actor;
// Autosave to IndexedDB, reopen after a reload, open a share link (issue 5). Lazy: the session
// brings the experiment (YAML) and scenario formats, which the first frame does not need.
void import('./ui/start-session.ts').then(({ startExperimentSession }) =>
  startExperimentSession(app, actor),
);

// Scenarios (the loader, the YAML parser, the player and the bundled files) load after the
// playground is up, in their own chunk: the initial download stays small.
void Promise.all([
  import('./ui/scenario-host.ts'),
  import('./scenario-library.ts'),
  import('./ui/sandbox-files.ts'),
]).then(([{ ScenarioHost }, { SCENARIO_LIBRARY }, { registerSandboxFiles }]) => {
  const scenarios = new ScenarioHost(app, actor, {
    library: SCENARIO_LIBRARY,
    keyTarget: window,
    dropTarget: document,
    syncUrl: true,
    fullscreenElement: document.documentElement,
  });
  // Dropped task definitions, experiments and manifests: the same page-level dispatcher.
  registerSandboxFiles(scenarios.files, app, actor);
  // A seed in the URL overrides the scenario's own (as `run FILE --seed N` does).
  const seedGiven = new URLSearchParams(location.search).has('seed');
  scenarios.openFromUrl(location.search, {
    speed: options.speed,
    ...(seedGiven ? { seed: options.seed } : {}),
  });
});
