import { expect, fixture, html } from '@open-wc/testing';
import { Rectangle } from 'pixi.js';
import '../../../src/ui/cp-app.ts';
// Defined lazily by cp-app (after the first frame); these tests use them at once.
import '../../../src/ui/cp-eks-controls.ts';
import '../../../src/ui/cp-terminal.ts';
import '../../../src/ui/cp-inspector.ts';
import type { CpApp } from '../../../src/ui/cp-app.ts';
import type { CpTerminal } from '../../../src/ui/cp-terminal.ts';
import type { ClusterCanvas } from '../../../src/render/index.ts';
import { POD_COLORS } from '../../../src/render/k8s-layout.ts';
import { part, settle, shadow, startHarness } from './ui-harness.ts';

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:1.27
          resources:
            requests: { cpu: 250m, memory: 256Mi }
`;

function pixelAt(canvas: ClusterCanvas, x: number, y: number): number {
  canvas.app.render();
  const { pixels } = canvas.app.renderer.extract.pixels({
    target: canvas.app.stage,
    frame: new Rectangle(Math.floor(x), Math.floor(y), 1, 1),
    resolution: 1,
  });
  return ((pixels[0] ?? 0) << 16) | ((pixels[1] ?? 0) << 8) | (pixels[2] ?? 0);
}

const near = (a: number, b: number, t = 8) =>
  [16, 8, 0].every((s) => Math.abs(((a >> s) & 0xff) - ((b >> s) & 0xff)) <= t);

async function until(cond: () => boolean, timeoutMs = 10000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!cond()) {
    if (performance.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function mount() {
  const h = startHarness();
  const app = await fixture<CpApp>(
    html`<cp-app style="width: 1300px; height: 900px" no-ticker .actor=${h.actor}></cp-app>`,
  );
  const canvas = await app.canvasReady;
  const controls = part(app, 'cp-eks-controls');
  await settle(controls);
  part<HTMLButtonElement>(controls, 'button.create-eks').click();
  await until(() => h.actor.getSnapshot().context.sim.eks !== undefined);
  const terminal = part<CpTerminal>(app, 'cp-terminal');
  await settle(terminal);
  return { h, app, canvas, terminal };
}

describe('<cp-terminal> with the EKS canvas', () => {
  it('kubectl apply -f of a pasted manifest puts Running pod tiles on the canvas', async () => {
    const { h, canvas, terminal } = await mount();
    expect(h.actor.getSnapshot().context.view).to.equal('EKS');
    // Paste the YAML under a name, as the panel's "Paste YAML…" form does.
    part<HTMLButtonElement>(terminal, 'form button[type="button"]').click();
    await settle(terminal);
    part<HTMLInputElement>(terminal, '.paste-name').value = 'web.yaml';
    part<HTMLTextAreaElement>(terminal, '.paste-text').value = MANIFEST;
    part<HTMLButtonElement>(terminal, '.paste button.primary').click();
    await settle(terminal);
    const input = part<HTMLInputElement>(terminal, '.prompt');
    expect(input.value).to.equal('kubectl apply -f web.yaml');
    part<HTMLFormElement>(terminal, 'form').requestSubmit();
    await until(() => h.actor.getSnapshot().context.terminal.transcript.length === 1);
    await settle(terminal);
    const screen = part(terminal, '.screen');
    expect(screen.textContent).to.contain('$ kubectl apply -f web.yaml');
    expect(screen.textContent).to.contain('deployment.apps/web created');
    for (let i = 0; i < 60; i++) h.actor.send({ type: 'STEP' });
    await until(() => canvas.stats().podTiles === 3);
    const pod = Object.values(h.actor.getSnapshot().context.sim.eks!.pods)[0]!;
    const ref = { kind: 'pod' as const, id: `default/${pod.meta.name}` };
    const rect = canvas.locate(ref)!;
    expect(rect, 'pod tile is drawn').to.not.equal(undefined);
    // Below the Deployment colour stripe, the tile shows the Running colour.
    const colour = pixelAt(canvas, rect.x + rect.w / 2, rect.y + rect.h * 0.75);
    expect(near(colour, POD_COLORS.Running), `pixel #${colour.toString(16)}`).to.equal(true);
  });

  it('history with ↑/↓, Tab completion, output as text, and describe in the inspector', async () => {
    const { h, app, terminal } = await mount();
    terminal.addFile('web.yaml', MANIFEST);
    await terminal.run('kubectl apply -f web.yaml');
    await terminal.run('kubectl get nodes');
    await terminal.run('echo <b>hi</b>');
    await settle(terminal);
    const screen = part(terminal, '.screen');
    expect(screen.querySelector('b')).to.equal(null);
    expect(screen.textContent).to.contain('bash: echo: command not found');
    const input = part<HTMLInputElement>(terminal, '.prompt');
    const key = (k: string) =>
      input.dispatchEvent(
        new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }),
      );
    key('ArrowUp');
    expect(input.value).to.equal('echo <b>hi</b>');
    key('ArrowUp');
    expect(input.value).to.equal('kubectl get nodes');
    key('ArrowDown');
    key('ArrowDown');
    expect(input.value).to.equal('');
    input.value = 'kubectl get depl';
    key('Tab');
    await until(() => input.value === 'kubectl get deployments ');
    for (let i = 0; i < 30; i++) h.actor.send({ type: 'STEP' });
    const pod = Object.values(h.actor.getSnapshot().context.sim.eks!.pods)[0]!;
    h.actor.send({ type: 'SELECT', ref: { kind: 'pod', id: `default/${pod.meta.name}` } });
    const inspector = part(app, 'cp-inspector');
    await settle(inspector);
    const text = shadow(inspector).querySelector('pre.describe')?.textContent ?? '';
    expect(text).to.match(new RegExp(`^Name:\\s+${pod.meta.name}`));
    expect(text).to.contain('Status:');
  });
});
