import { expect, fixture, html } from '@open-wc/testing';
import {
  executeServerCommand,
  resetMouse,
  sendMouse,
  setViewport,
} from '@web/test-runner-commands';
import '../../../src/ui/cp-app.ts';
import type { CpApp } from '../../../src/ui/cp-app.ts';
import type { CpPalette } from '../../../src/ui/cp-palette.ts';
import type { ClusterCanvas } from '../../../src/render/index.ts';
import type { EntityRef, SimState, Task } from '../../../src/sim/index.ts';
import { part, settle, shadow, startHarness } from '../ui/ui-harness.ts';

async function until(cond: () => boolean, ms = 10000): Promise<void> {
  const end = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const live = (s: SimState): Task[] =>
  Object.values(s.tasks).filter((t) => t.lastStatus === 'RUNNING');
const json = (s: SimState): string => JSON.stringify({ ...s, version: 0 });

async function mount() {
  await setViewport({ width: 1600, height: 1000 });
  const h = startHarness();
  for (let i = 0; i < 150; i++) h.actor.send({ type: 'STEP' });
  const app = await fixture<CpApp>(
    html`<cp-app style="width: 1600px; height: 1000px" no-ticker .actor=${h.actor}></cp-app>`,
  );
  const canvas = await app.canvasReady;
  await settle(app);
  const palette = part<CpPalette>(app, 'cp-palette');
  await settle(palette);
  await drawn(h, canvas);
  return { h, app, canvas, palette };
}

async function drawn(h: ReturnType<typeof startHarness>, canvas: ClusterCanvas): Promise<void> {
  await until(
    () => canvas.stats().taskViews === live(h.sim()).length && canvas.stats().animating === 0,
  );
}

function pointOf(canvas: ClusterCanvas, ref: EntityRef, dx = 0.5, dy = 0.5): [number, number] {
  const r = canvas.locate(ref);
  if (r === undefined) throw new Error(`${ref.kind} ${ref.id} is not drawn`);
  const box = canvas.app.canvas.getBoundingClientRect();
  return [Math.round(box.left + r.x + r.w * dx), Math.round(box.top + r.y + r.h * dy)];
}

function itemCentre(palette: CpPalette, id: string): [number, number] {
  const el = shadow(palette).querySelector<HTMLElement>(`button.item[data-id="${id}"]`);
  if (el === null) throw new Error(`no palette item ${id}`);
  el.scrollIntoView({ block: 'center' });
  const b = el.getBoundingClientRect();
  return [Math.round(b.left + b.width / 2), Math.round(b.top + b.height / 2)];
}

type Input = 'mouse' | 'touch' | 'pen';

/** A real drag from a palette item to a point: mouse via sendMouse, touch/pen via CDP input. */
async function drag(
  palette: CpPalette,
  id: string,
  toPoint: () => [number, number],
  input: Input = 'mouse',
): Promise<void> {
  const from = itemCentre(palette, id);
  const to = toPoint();
  const path: [number, number][] = [
    [from[0] - 20, from[1] + 10],
    [Math.round((from[0] + to[0]) / 2), Math.round((from[1] + to[1]) / 2)],
    to,
  ];
  if (input === 'mouse') {
    await sendMouse({ type: 'move', position: from });
    await sendMouse({ type: 'down' });
    for (const p of path) await sendMouse({ type: 'move', position: p });
    await sendMouse({ type: 'up' });
  } else {
    const send = (type: string, position: [number, number]) =>
      executeServerCommand('send-pointer', { pointerType: input, type, position, pressed: true });
    await send('down', from);
    for (const p of path) await send('move', p);
    await send('up', to);
  }
  await settle(palette);
}

const resultText = (p: CpPalette): string =>
  shadow(p).querySelector('.result')?.textContent?.trim() ?? '';

const webTask = (s: SimState): Task =>
  live(s).find((t) => t.serviceName === 'web' && t.lastStatus === 'RUNNING')!;

describe('palette: capacity, traffic and Spot items with real pointer input', () => {
  afterEach(() => resetMouse());

  it('Fargate Spot onto a web task, then a Spot interruption onto a FARGATE_SPOT task (mouse)', async () => {
    const { h, canvas, palette } = await mount();
    await drag(palette, 'capacity-fargate-spot', () =>
      pointOf(canvas, { kind: 'task', id: webTask(h.sim()).id }),
    );
    expect(resultText(palette)).to.contain('now runs on FARGATE_SPOT');
    expect(
      h.actor
        .getSnapshot()
        .context.commandLog.slice(-2)
        .map((e) => e.command.type),
    ).to.deep.equal(['SET_CAPACITY_PROVIDER_STRATEGY', 'UPDATE_SERVICE']);
    for (let i = 0; i < 600; i++) h.actor.send({ type: 'STEP' });
    await until(() =>
      live(h.sim())
        .filter((t) => t.serviceName === 'web')
        .every((t) => t.capacityProviderName === 'FARGATE_SPOT'),
    );
    await drawn(h, canvas);
    const spot = webTask(h.sim());
    expect(spot.capacityProviderName).to.equal('FARGATE_SPOT');
    await drag(palette, 'fault-spot', () => pointOf(canvas, { kind: 'task', id: spot.id }));
    expect(h.sim().tasks[spot.id]!.desiredStatus).to.equal('STOPPED');
    expect(resultText(palette)).to.contain('Fargate Spot capacity');
  });

  it('a refused drop: Fargate onto an EC2 service task says ECS’s reason and changes nothing', async () => {
    const { h, canvas, palette } = await mount();
    const before = json(h.sim());
    const log = h.actor.getSnapshot().context.commandLog.length;
    const apiTask = live(h.sim()).find((t) => t.serviceName === 'api')!;
    await drag(palette, 'capacity-fargate', () =>
      pointOf(canvas, { kind: 'task', id: apiTask.id }),
    );
    expect(resultText(palette)).to.match(
      /^Not done: InvalidParameterException: The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster's EC2 capacity/,
    );
    expect(shadow(palette).querySelector('.result')?.getAttribute('role')).to.equal('alert');
    expect(json(h.sim())).to.equal(before);
    expect(h.actor.getSnapshot().context.commandLog).to.have.length(log);
  });

  it('load balancer then load generator onto the web service (touch), external instance refused in an AZ (pen)', async () => {
    const { h, canvas, palette } = await mount();
    const seen: string[] = [];
    const onDown = (e: Event) => {
      const p = e as PointerEvent;
      if (p.isTrusted) seen.push(p.pointerType);
    };
    palette.shadowRoot!.addEventListener('pointerdown', onDown, true);
    await drag(
      palette,
      'load-balancer',
      () => pointOf(canvas, { kind: 'task', id: webTask(h.sim()).id }),
      'touch',
    );
    expect(h.sim().traffic?.serviceLoadBalancers.web?.loadBalancerName).to.equal('web-alb');
    await drag(
      palette,
      'load-generator',
      () => pointOf(canvas, { kind: 'task', id: webTask(h.sim()).id }),
      'touch',
    );
    expect(h.sim().traffic?.loads.web?.profile.shape).to.deep.equal({ kind: 'constant', rps: 200 });
    // A pen drop of an external instance into an AWS Availability Zone is refused.
    const before = json(h.sim());
    await drag(
      palette,
      'external-instance',
      () => pointOf(canvas, { kind: 'availabilityZone', id: 'us-east-1b' }, 0.5, 0.05),
      'pen',
    );
    expect(resultText(palette)).to.contain('not in an AWS Availability Zone');
    expect(json(h.sim())).to.equal(before);
    palette.shadowRoot!.removeEventListener('pointerdown', onDown, true);
    expect(seen).to.deep.equal(['touch', 'touch', 'pen']);
  });

  it('keyboard/menu: an external instance registers on the cluster; the menu then offers its site', async () => {
    const { h, palette } = await mount();
    const select = part<HTMLSelectElement>(palette, 'select.target');
    select.value = 'cluster';
    select.dispatchEvent(new Event('change'));
    await settle(palette);
    const button = shadow(palette).querySelector<HTMLButtonElement>(
      'button.item[data-id="external-instance"]',
    )!;
    button.focus();
    await settle(palette);
    expect(part(palette, '.explain').textContent).to.contain('ECS Anywhere');
    button.click();
    const ext = Object.values(h.sim().instances).filter((i) => i.external === true);
    expect(ext.map((i) => i.availabilityZone)).to.deep.equal(['on-premises']);
    await settle(palette);
    expect([...select.options].map((o) => o.value)).to.include('availabilityZone:on-premises');
  });
});

describe('touch and pen drags are real browser pointer events', () => {
  it('terminate an instance with a finger, then with a pen', async () => {
    const { h, canvas, palette } = await mount();
    const types: string[] = [];
    const rec = (e: Event) =>
      types.push(
        `${(e as PointerEvent).pointerType}:${e.type}${e.isTrusted ? '' : ' (synthetic)'}`,
      );
    palette.shadowRoot!.addEventListener('pointerdown', rec, true);
    palette.shadowRoot!.addEventListener('pointerup', rec, true);
    for (const input of ['touch', 'pen'] as const) {
      const inst = Object.values(h.sim().instances).find((i) => i.status === 'ACTIVE')!;
      await drawn(h, canvas);
      await drag(
        palette,
        'fault-terminate',
        () => pointOf(canvas, { kind: 'instance', id: inst.id }, 0.5, 0.1),
        input,
      );
      expect(h.sim().instances[inst.id]!.status, input).to.equal('INACTIVE');
    }
    expect(types).to.deep.equal([
      'touch:pointerdown',
      'touch:pointerup',
      'pen:pointerdown',
      'pen:pointerup',
    ]);
  });
});
