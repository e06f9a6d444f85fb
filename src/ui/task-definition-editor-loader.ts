/**
 * Opens the task-definition editor (issue 5). CodeMirror and the editor component load here, by
 * dynamic import, the first time an editor is opened: the page's initial JavaScript does not grow.
 */
import type { ClusterActor } from '../machine/index.ts';
import type { CpTaskDefinitionEditor } from './cp-task-definition-editor.ts';

export interface EditorRequest {
  readonly actor: ClusterActor;
  readonly text: string;
  readonly heading: string;
  /** A service to offer "Register and deploy" to. */
  readonly deployTo?: string;
}

/**
 * Opens a modal editor inside `parent` (a panel's shadow root, so the theme's custom properties
 * apply). Resolves with the editor element once it is showing.
 */
export async function openTaskDefinitionEditor(
  parent: Node,
  request: EditorRequest,
): Promise<CpTaskDefinitionEditor> {
  await import('./cp-task-definition-editor.ts');
  const editor = document.createElement('cp-task-definition-editor');
  editor.actor = request.actor;
  editor.text = request.text;
  editor.heading = request.heading;
  editor.deployTo = request.deployTo;
  parent.appendChild(editor);
  await editor.updateComplete;
  return editor;
}
