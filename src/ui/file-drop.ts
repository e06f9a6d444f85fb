/**
 * The page's one file-drop handler (issue 5). A file dropped anywhere on the page is read, told
 * apart by its content (src/formats/dropped-file.ts: scenario YAML, saved experiment, Kubernetes
 * manifest, task-definition JSON) and handed to the one handler registered for that kind. A handler
 * returns the problems it found (file, line, column, field); they are shown by `onFailure` and the
 * handler changed nothing. Drops already handled by a drop zone inside the page (e.g. the
 * terminal's) are left alone (`defaultPrevented`).
 */
import {
  DROPPED_FILE_KIND_NAMES,
  MAX_DROPPED_FILE_BYTES,
  classifyDroppedFile,
  type DroppedFileKind,
} from '../formats/dropped-file.ts';
import type { Diagnostic } from '../formats/diagnostics.ts';

/** What a handler reports: nothing (done) or the problems (nothing changed). */
export type FileHandler = (
  text: string,
  fileName: string,
) => Promise<readonly Diagnostic[] | undefined> | readonly Diagnostic[] | undefined;

export interface FileDropCallbacks {
  /** A file is being dragged over the page (true) or no longer (false). */
  readonly onDropping?: (dropping: boolean) => void;
  /** A dropped file could not be used; nothing was changed. */
  readonly onFailure: (failure: { fileName: string; errors: readonly Diagnostic[] }) => void;
  /** A dropped file was used (the previous failure, if any, can go). */
  readonly onSuccess?: (fileName: string, kind: DroppedFileKind) => void;
}

const whole = (file: string, message: string): Diagnostic => ({
  file,
  line: 1,
  column: 1,
  path: '',
  message,
  severity: 'error',
});

export class FileDropDispatcher {
  private readonly handlers = new Map<DroppedFileKind, FileHandler>();
  private depth = 0;
  private readonly cleanups: (() => void)[] = [];
  /** The last dispatch (tests await it). */
  last: Promise<void> = Promise.resolve();

  constructor(
    target: EventTarget,
    private readonly callbacks: FileDropCallbacks,
  ) {
    const on = (type: string, fn: (e: DragEvent) => void): void => {
      const listener = fn as EventListener;
      target.addEventListener(type, listener);
      this.cleanups.push(() => target.removeEventListener(type, listener));
    };
    on('dragenter', this.onDragEnter);
    on('dragover', this.onDragOver);
    on('dragleave', this.onDragLeave);
    on('drop', this.onDrop);
  }

  /** Registers the handler for one kind of file (replacing any earlier one). */
  handle(kind: DroppedFileKind, handler: FileHandler): void {
    this.handlers.set(kind, handler);
  }

  dispose(): void {
    for (const c of this.cleanups.splice(0)) c();
  }

  /** Reads, classifies and dispatches one file (drop, or a picker that accepts any kind). */
  async open(file: File): Promise<void> {
    if (file.size > MAX_DROPPED_FILE_BYTES) {
      this.fail(
        file.name,
        whole(
          file.name,
          `File is too large: ${file.size} bytes (the limit is ${MAX_DROPPED_FILE_BYTES} bytes)`,
        ),
      );
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      this.fail(file.name, whole(file.name, `The file could not be read: ${String(error)}`));
      return;
    }
    await this.openText(text, file.name);
  }

  /** Classifies `text` and hands it to its handler. */
  async openText(text: string, fileName: string): Promise<void> {
    const kind = classifyDroppedFile(fileName, text);
    const handler = this.handlers.get(kind);
    if (handler === undefined) {
      const known = [...this.handlers.keys()].map((k) => DROPPED_FILE_KIND_NAMES[k]).join(', ');
      this.fail(
        fileName,
        whole(
          fileName,
          `This looks like a ${DROPPED_FILE_KIND_NAMES[kind]}, which cannot be opened here (files that can: ${known || 'none'})`,
        ),
      );
      return;
    }
    let errors: readonly Diagnostic[] | undefined;
    try {
      errors = await handler(text, fileName);
    } catch (error) {
      errors = [whole(fileName, `The file could not be opened: ${String(error)}`)];
    }
    if (errors !== undefined && errors.length > 0) this.callbacks.onFailure({ fileName, errors });
    else this.callbacks.onSuccess?.(fileName, kind);
  }

  private fail(fileName: string, error: Diagnostic): void {
    this.callbacks.onFailure({ fileName, errors: [error] });
  }

  private hasFiles(event: DragEvent): boolean {
    return event.dataTransfer?.types.includes('Files') ?? false;
  }

  private readonly onDragEnter = (event: DragEvent): void => {
    if (!this.hasFiles(event)) return;
    event.preventDefault();
    this.depth++;
    this.callbacks.onDropping?.(true);
  };

  private readonly onDragOver = (event: DragEvent): void => {
    if (!this.hasFiles(event) || event.defaultPrevented) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  };

  private readonly onDragLeave = (event: DragEvent): void => {
    if (!this.hasFiles(event)) return;
    this.depth = Math.max(0, this.depth - 1);
    if (this.depth === 0) this.callbacks.onDropping?.(false);
  };

  private readonly onDrop = (event: DragEvent): void => {
    this.depth = 0;
    this.callbacks.onDropping?.(false);
    // Handled by a drop zone inside the page (the terminal takes manifests itself).
    if (event.defaultPrevented) return;
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (files.length === 0) return;
    event.preventDefault();
    this.last = files.reduce<Promise<void>>(
      (p, f) => p.then(() => this.open(f)),
      Promise.resolve(),
    );
  };
}
