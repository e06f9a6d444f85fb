import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/ui/cp-app.ts';
// Defined lazily by cp-app (after the first frame); these tests use them at once.
import '../../../src/ui/cp-palette.ts';
import '../../../src/ui/cp-terminal.ts';
import type { CpApp } from '../../../src/ui/cp-app.ts';
import type { CpPalette } from '../../../src/ui/cp-palette.ts';
import type { CpTerminal } from '../../../src/ui/cp-terminal.ts';
import { ScenarioHost } from '../../../src/ui/scenario-host.ts';
import { registerSandboxFiles } from '../../../src/ui/sandbox-files.ts';
import { ExperimentSession } from '../../../src/ui/experiment-session.ts';
import { ExperimentStore } from '../../../src/persist/experiment-store.ts';
import { revisionJson } from '../../../src/machine/index.ts';
import { writeExperiment } from '../../../src/formats/experiment-file.ts';
import type { SimState } from '../../../src/sim/index.ts';
import { part, settle, shadow, startHarness } from '../ui/ui-harness.ts';
import { OTHER_SCENARIO, until } from '../player/player-fixtures.ts';

let host: ScenarioHost | undefined;
afterEach(() => {
  host?.dispose();
  host = undefined;
});

async function mount() {
  const h = startHarness();
  const app = await fixture<CpApp>(
    html`<cp-app style="width: 1200px; height: 800px" no-ticker .actor=${h.actor}></cp-app>`,
  );
  host = new ScenarioHost(app, h.actor, {
    library: {},
    keyTarget: window,
    dropTarget: document,
    noTicker: true,
    menu: false,
  });
  registerSandboxFiles(host.files, app, h.actor);
  await settle(app);
  return { h, app, host, layer: host.layer };
}

/** A real drop: a DataTransfer holding the file, dispatched on `target`. */
function dropFile(text: string, name: string, target: EventTarget = document.body): DragEvent {
  const data = new DataTransfer();
  data.items.add(new File([text], name, { type: 'application/json' }));
  const event = new DragEvent('drop', {
    dataTransfer: data,
    bubbles: true,
    composed: true,
    cancelable: true,
  });
  target.dispatchEvent(event);
  return event;
}

const same = (s: SimState): string => JSON.stringify({ ...s, version: 0 });

describe('one page-level file drop: by content', () => {
  it('a dropped task-definition JSON registers a new revision and is selected; one undo takes it back', async () => {
    const { h, app } = await mount();
    const text = revisionJson(h.sim(), 'web:1')!.replace('"family": "web"', '"family": "imported"');
    const event = dropFile(text, 'imported-td.json');
    expect(event.defaultPrevented).to.equal(true);
    await host!.files.last;
    expect(h.sim().taskDefinitions['imported:1']?.containerDefinitions[0]?.image).to.equal(
      'nginx:latest',
    );
    expect(h.actor.getSnapshot().context.selection).to.deep.equal({
      kind: 'taskDefinition',
      id: 'imported:1',
    });
    const palette = part<CpPalette>(app, 'cp-palette');
    await settle(palette);
    expect(part(palette, '.result').textContent).to.contain(
      'Registered imported:1 from imported-td.json',
    );
    h.actor.send({ type: 'UNDO' });
    expect(h.sim().taskDefinitions['imported:1']).to.equal(undefined);
  });

  it('a bad task definition names file, line and field; nothing changes', async () => {
    const { h, layer } = await mount();
    const before = same(h.sim());
    const text = [
      '{',
      '  "family": "bad",',
      '  "containerDefinitions": [',
      '    { "name": "web", "image": "nginx", "memory": "lots" }',
      '  ]',
      '}',
    ].join('\n');
    dropFile(text, 'bad-td.json');
    await host!.files.last;
    await until(() => layer.failure !== undefined);
    await settle(layer);
    const items = [...part(layer, '.errors').querySelectorAll('li')].map((li) =>
      li.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(items[0]).to.match(/^bad-td\.json:4:\d+ containerDefinitions\[0\]\.memory: /);
    expect(part(layer, '.errors').textContent).to.contain('Nothing was changed');
    expect(same(h.sim())).to.equal(before);
    expect(h.actor.getSnapshot().context.commandLog).to.have.length(0);
  });

  it('a scenario YAML still opens as a scenario; a manifest goes to the terminal', async () => {
    const { app, host: hst } = await mount();
    dropFile(OTHER_SCENARIO, 'other.yaml');
    await hst.files.last;
    expect(hst.session?.scenario.title).to.equal('Other test');
    hst.leave();
    const manifest =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx\n';
    dropFile(manifest, 'pod.yaml');
    await hst.files.last;
    const terminal = part<CpTerminal>(app, 'cp-terminal');
    expect(terminal.files['pod.yaml']).to.equal(manifest);
    expect(hst.session).to.equal(undefined);
  });

  it('a drop the terminal handled itself is not dispatched again', async () => {
    const { app, layer } = await mount();
    const terminal = part<CpTerminal>(app, 'cp-terminal');
    await settle(terminal);
    const screen = part(terminal, '.screen');
    const event = dropFile('kind: Pod\napiVersion: v1\n', 'x.yaml', screen);
    await host!.files.last;
    await new Promise((r) => setTimeout(r, 50));
    expect(event.defaultPrevented).to.equal(true);
    expect(layer.failure).to.equal(undefined);
    expect(host!.session).to.equal(undefined);
  });

  it('a saved-experiment file opens as a new experiment', async () => {
    const { h, app } = await mount();
    const store = await ExperimentStore.open(`file-drop-${Math.random()}`);
    const session = new ExperimentSession(h.actor, store);
    await session.start('');
    app.session = session;
    const c5 = () => Object.values(h.sim().instances).filter((i) => i.instanceType === 'c5.large');
    const base = c5().length;
    h.actor.send({
      type: 'COMMAND',
      command: { type: 'ADD_INSTANCE', instanceType: 'c5.large', availabilityZone: 'us-east-1c' },
    });
    const text = writeExperiment({
      name: 'Dropped one',
      speed: 1,
      scenario: session.exportScenario().text,
    });
    await session.startNew();
    await until(() => h.actor.getSnapshot().context.commandLog.length === 0);
    dropFile(text, 'dropped.experiment.json');
    await host!.files.last;
    await until(() => session.view.currentName === 'Dropped one');
    expect(c5()).to.have.length(base + 1);
    expect(h.actor.getSnapshot().context.commandLog.map((e) => e.command.type)).to.deep.equal([
      'ADD_INSTANCE',
    ]);
    await session.stop();
  });

  it('the palette’s Import JSON… picker registers a file, or lists its problems', async () => {
    const { h, app } = await mount();
    const palette = part<CpPalette>(app, 'cp-palette');
    await settle(palette);
    const input = part<HTMLInputElement>(palette, 'input.td-file');
    const pick = async (text: string, name: string) => {
      const data = new DataTransfer();
      data.items.add(new File([text], name, { type: 'application/json' }));
      input.files = data.files;
      input.dispatchEvent(new Event('change'));
      await until(() => shadow(palette).querySelector('.result') !== null);
      await new Promise((r) => setTimeout(r, 50));
      await settle(palette);
    };
    await pick('{ "family": "x", "containerDefinitions": [ { "name": "a" } ] }', 'x.json');
    expect(part(palette, '.result').textContent).to.match(
      /Not imported[\s\S]*x\.json:1:\d+: containerDefinitions\[0\]/,
    );
    expect(h.sim().taskDefinitions['x:1']).to.equal(undefined);
    await pick(revisionJson(h.sim(), 'api:1')!, 'api.json');
    expect(h.sim().taskDefinitions['api:2']).to.not.equal(undefined);
    expect(part(palette, '.result').textContent).to.contain('Registered api:2 from api.json');
  });

  it('the header’s Open file… picker tells files apart like a drop: a manifest goes to the terminal', async () => {
    // A learner opens their Kubernetes YAML with Open file…: it must not be read as a scenario
    // ("YAML syntax error: Source contains multiple documents…").
    const h = startHarness();
    const app = await fixture<CpApp>(
      html`<cp-app style="width: 1200px; height: 800px" no-ticker .actor=${h.actor}></cp-app>`,
    );
    host = new ScenarioHost(app, h.actor, {
      library: {},
      keyTarget: window,
      dropTarget: document,
      noTicker: true,
    });
    registerSandboxFiles(host.files, app, h.actor);
    await settle(app);
    const menu = host.menu!;
    await settle(menu);
    const input = part<HTMLInputElement>(menu, 'input[type=file]');
    expect(input.accept).to.contain('.json');
    const manifest =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: { app: web }\n  template:\n    metadata:\n      labels: { app: web }\n    spec:\n      containers:\n        - name: web\n          image: nginx\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: { app: web }\n  ports:\n    - port: 80\n';
    const data = new DataTransfer();
    data.items.add(new File([manifest], 'web.yaml', { type: 'application/yaml' }));
    input.files = data.files;
    input.dispatchEvent(new Event('change'));
    const terminal = part<CpTerminal>(app, 'cp-terminal');
    await until(() => terminal.files['web.yaml'] !== undefined);
    await host.files.last;
    await settle(host.layer);
    expect(terminal.files['web.yaml']).to.equal(manifest);
    expect(shadow(host.layer).querySelector('.errors')).to.equal(null);
    expect(host.session).to.equal(undefined);
    // A scenario picked the same way still opens in the player.
    data.items.clear();
    data.items.add(new File([OTHER_SCENARIO], 'other.yaml', { type: 'application/yaml' }));
    input.files = data.files;
    input.dispatchEvent(new Event('change'));
    await until(() => host!.session !== undefined);
    expect(host.session!.scenario.title).to.equal('Other test');
  });
});
