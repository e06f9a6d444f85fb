import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { forEachDiagnostic } from '@codemirror/lint';
import '../../../src/ui/cp-app.ts';
// Defined lazily by cp-app (after the first frame); these tests use them at once.
import '../../../src/ui/cp-inspector.ts';
import '../../../src/ui/cp-palette.ts';
import type { CpApp } from '../../../src/ui/cp-app.ts';
import type { CpInspector } from '../../../src/ui/cp-inspector.ts';
import type { CpPalette } from '../../../src/ui/cp-palette.ts';
import type { CpTaskDefinitionEditor } from '../../../src/ui/cp-task-definition-editor.ts';
import { part, settle, shadow, startHarness } from '../ui/ui-harness.ts';

async function until(cond: () => boolean, ms = 8000): Promise<void> {
  const end = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function mount() {
  await setViewport({ width: 1600, height: 1000 });
  const h = startHarness();
  const app = await fixture<CpApp>(
    html`<cp-app style="width: 1600px; height: 1000px" no-ticker .actor=${h.actor}></cp-app>`,
  );
  await settle(app);
  return { h, app };
}

async function editorIn(panel: HTMLElement): Promise<CpTaskDefinitionEditor> {
  await until(() => shadow(panel).querySelector('cp-task-definition-editor')?.view !== undefined);
  const editor = shadow(panel).querySelector('cp-task-definition-editor')!;
  await editor.updateComplete;
  return editor;
}

/** Lines (1-based) that carry an error diagnostic in the editor's lint state. */
function errorLines(editor: CpTaskDefinitionEditor): number[] {
  const view = editor.view!;
  const lines: number[] = [];
  forEachDiagnostic(view.state, (d, from) => {
    if (d.severity === 'error') lines.push(view.state.doc.lineAt(from).number);
  });
  return lines;
}

/** 1-based numbers of the rendered lines holding an underlined error range. */
function underlinedLines(editor: CpTaskDefinitionEditor): number[] {
  const lines = [...shadow(editor).querySelectorAll('.cm-line')];
  return lines
    .map((l, i) => (l.querySelector('.cm-lintRange-error') === null ? 0 : i + 1))
    .filter((n) => n > 0);
}

describe('task-definition editor (CodeMirror, lazy-loaded)', () => {
  it('edit → new revision: a typed invalid cpu is flagged at its line; fixed, Register gives revision N+1', async () => {
    const { h, app } = await mount();
    h.actor.send({ type: 'SELECT', ref: { kind: 'taskDefinition', id: 'web:1' } });
    const inspector = part<CpInspector>(app, 'cp-inspector');
    await settle(inspector);
    part<HTMLButtonElement>(inspector, 'button.edit-td').click();
    const editor = await editorIn(inspector);
    const view = editor.view!;
    expect(JSON.parse(editor.value).family).to.equal('web');
    // Put the cursor after the task-level cpu value "512" and type a digit, as a learner would.
    const text = editor.value;
    const at = text.indexOf('"cpu": "512"') + '"cpu": "512'.length;
    expect(at).to.be.greaterThan(20);
    view.dispatch({ selection: { anchor: at } });
    view.focus();
    await sendKeys({ type: '9' });
    expect(editor.value).to.contain('"cpu": "5129"');
    const cpuLine = editor.value.split('\n').findIndex((l) => l.includes('"cpu": "5129"')) + 1;
    editor.lintNow();
    await until(() => errorLines(editor).length > 0);
    expect(errorLines(editor)).to.include(cpuLine);
    await until(() => underlinedLines(editor).includes(cpuLine));
    await editor.updateComplete;
    const listed = shadow(editor).querySelector(`.problems li.error[data-line="${cpuLine}"]`);
    expect(listed?.textContent).to.match(/cpu/);
    expect(part<HTMLButtonElement>(editor, 'button.register').disabled).to.equal(true);
    // Nothing was registered meanwhile.
    expect(Object.keys(h.sim().taskDefinitions).filter((k) => k.startsWith('web:'))).to.deep.equal([
      'web:1',
    ]);
    // Fix it (Backspace) and register.
    await sendKeys({ press: 'Backspace' });
    editor.lintNow();
    await until(() => errorLines(editor).length === 0);
    await editor.updateComplete;
    const register = part<HTMLButtonElement>(editor, 'button.register');
    expect(register.disabled).to.equal(false);
    register.click();
    await editor.updateComplete;
    expect(h.sim().taskDefinitions['web:2']?.cpu).to.equal(512);
    expect(h.sim().taskDefinitions['web:2']?.status).to.equal('ACTIVE');
    expect(part(editor, '.result').textContent).to.contain('Registered web:2');
    expect(h.actor.getSnapshot().context.selection).to.deep.equal({
      kind: 'taskDefinition',
      id: 'web:2',
    });
    // Undo takes the registration back.
    h.actor.send({ type: 'UNDO' });
    expect(h.sim().taskDefinitions['web:2']).to.equal(undefined);
    editor.close();
  });

  it('"Your own…" in the palette opens a valid template; register + a service deploy from the inspector', async () => {
    const { h, app } = await mount();
    const palette = part<CpPalette>(app, 'cp-palette');
    await settle(palette);
    part<HTMLButtonElement>(palette, 'button.own-td').click();
    const own = await editorIn(palette);
    expect(part(own, '.ok').textContent).to.contain('Valid');
    part<HTMLButtonElement>(own, 'button.register').click();
    expect(h.sim().taskDefinitions['my-app:1']?.family).to.equal('my-app');
    own.close();
    expect(shadow(palette).querySelector('cp-task-definition-editor')).to.equal(null);

    h.actor.send({ type: 'SELECT', ref: { kind: 'service', id: 'web' } });
    const inspector = part<CpInspector>(app, 'cp-inspector');
    await settle(inspector);
    part<HTMLButtonElement>(inspector, 'button.edit-td').click();
    const editor = await editorIn(inspector);
    part<HTMLButtonElement>(editor, 'button.deploy').click();
    expect(h.sim().services.web?.taskDefinitionKey).to.equal('web:2');
    expect(h.sim().services.web?.deployments[0]?.taskDefinitionKey).to.equal('web:2');
    // One user action: a single undo takes both commands back.
    h.actor.send({ type: 'UNDO' });
    expect(h.sim().services.web?.taskDefinitionKey).to.equal('web:1');
    expect(h.sim().taskDefinitions['web:2']).to.equal(undefined);
    editor.close();
  });
});
