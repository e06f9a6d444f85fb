/**
 * The palette library's entries parsed by the same parser as files (src/formats/task-definition.ts),
 * so they carry AWS's defaults and rules. Kept apart from the library's data (palette-library.ts):
 * the palette lists the entries at start, the parser loads with the drop logic (issue 8).
 */
import { parseTaskDefinition } from '../formats/task-definition.ts';
import type { TaskDefinitionInput } from '../sim/index.ts';
import { TASK_DEFINITION_LIBRARY } from './palette-library.ts';

const parsed = new Map<string, TaskDefinitionInput>();

/** The library entry's RegisterTaskDefinition input (parsed once). Throws if the library is broken. */
export function libraryTaskDefinition(id: string): TaskDefinitionInput {
  const hit = parsed.get(id);
  if (hit !== undefined) return hit;
  const entry = TASK_DEFINITION_LIBRARY.find((e) => e.id === id);
  if (entry === undefined) throw new Error(`No task definition "${id}" in the palette library`);
  const result = parseTaskDefinition(entry.json, `${id}.json`);
  if (!result.ok)
    throw new Error(`Library task definition ${id} is invalid: ${result.errors[0]?.message}`);
  parsed.set(id, result.value);
  return result.value;
}
