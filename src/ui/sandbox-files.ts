/**
 * The sandbox's kinds of dropped file (issue 5), registered on the page's one file-drop
 * dispatcher (file-drop.ts, owned by the scenario host): a task definition registers a new
 * revision (RegisterTaskDefinition, one undo step) and is selected in the inspector; a saved
 * experiment opens as a new experiment; a Kubernetes manifest goes to the terminal for
 * `kubectl apply -f`. Problems come back with file, line, column and field; nothing changes then.
 */
import type { ClusterActor } from '../machine/index.ts';
import { importPlan } from '../machine/index.ts';
import type { Diagnostic } from '../formats/diagnostics.ts';
import type { CpApp } from './cp-app.ts';
import type { FileDropDispatcher } from './file-drop.ts';

const whole = (file: string, message: string): Diagnostic => ({
  file,
  line: 1,
  column: 1,
  path: '',
  message,
  severity: 'error',
});

/**
 * Registers the task definition in `text` on `actor`'s cluster. Returns the summary, or the
 * problems (nothing sent).
 */
export function importTaskDefinition(
  actor: ClusterActor,
  text: string,
  fileName: string,
): { ok: true; summary: string } | { ok: false; errors: readonly Diagnostic[] } {
  const plan = importPlan(actor.getSnapshot().context.sim, text, fileName);
  if (!plan.ok) return plan;
  actor.send({ type: 'COMMANDS', commands: plan.commands });
  const error = actor.getSnapshot().context.lastError;
  if (error !== undefined) return { ok: false, errors: [whole(fileName, error)] };
  actor.send({ type: 'SELECT', ref: { kind: 'taskDefinition', id: plan.key } });
  return { ok: true, summary: plan.summary };
}

/** Adds the sandbox's handlers to the page's dispatcher. */
export function registerSandboxFiles(
  files: FileDropDispatcher,
  app: CpApp,
  sandbox: ClusterActor,
): void {
  const report = (text: string): void =>
    app.renderRoot.querySelector('cp-palette')?.report(text, false);
  files.handle('taskDefinition', (text, fileName) => {
    if (app.scenario)
      return [
        whole(
          fileName,
          'A scenario is playing: leave it (Leave scenario) to import a task definition into your sandbox',
        ),
      ];
    const result = importTaskDefinition(sandbox, text, fileName);
    if (!result.ok) return result.errors;
    report(result.summary);
    return undefined;
  });
  files.handle('experiment', async (text, fileName) => {
    const session = app.session;
    if (session === undefined)
      return [
        whole(fileName, 'Experiments cannot be opened: this browser does not allow saving them'),
      ];
    return session.importExperimentFile(text, fileName);
  });
  files.handle('manifest', (text, fileName) => {
    const terminal = app.renderRoot.querySelector('cp-terminal');
    if (terminal === null) return [whole(fileName, 'The terminal is not available')];
    terminal.addFile(fileName, text);
    report(`${fileName} is in the terminal: run kubectl apply -f ${fileName}`);
    return undefined;
  });
}
