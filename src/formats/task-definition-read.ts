/**
 * Shape checks shared by the task-definition readers: is this an object with the known members
 * of the right types, which members are unknown, is this string one of an enumeration. Problems
 * go to the Reporter with the CLI's / API's wording; readers then treat a mistyped field as absent.
 */
import type { PathSegment } from './diagnostics.ts';
import type { Reporter } from './diagnostic-reporter.ts';
import { hasFieldType, invalidTypeMessage, isPlainObject } from './task-definition-fields.ts';
import type { FieldTable } from './task-definition-fields.ts';

/** The type-checked members of one JSON object. */
export interface ReadObject {
  /** Members that are known and have the right type. */
  readonly fields: Readonly<Record<string, unknown>>;
  /** Known members whose value had the wrong type (already reported). */
  readonly bad: ReadonlySet<string>;
}

/** Options for readObject. */
export interface ReadObjectOptions {
  /** Members accepted and ignored (describe-task-definition's read-only fields). */
  readonly ignore?: ReadonlySet<string>;
  /** Name used for the object in "Unknown parameter in …" (defaults to its path). */
  readonly label?: string;
}

/**
 * Reads `value` at `path` as an object whose members are described by `table`. Reports a wrong
 * type for the object itself (returns undefined), for each member (dropped, listed in `bad`),
 * and warns about unknown members (the AWS CLI rejects them; here they are ignored).
 */
export function readObject(
  value: unknown,
  path: readonly PathSegment[],
  table: FieldTable,
  report: Reporter,
  options: ReadObjectOptions = {},
): ReadObject | undefined {
  if (!isPlainObject(value)) {
    report.error(path, invalidTypeMessage(report.pathOf(path), value, 'structure'));
    return undefined;
  }
  const fields: Record<string, unknown> = {};
  const bad = new Set<string>();
  for (const [key, member] of Object.entries(value)) {
    const type = table[key];
    if (type === undefined) {
      if (options.ignore?.has(key)) continue;
      const where = options.label ?? report.pathOf(path);
      report.warn(
        [...path, key],
        `Unknown parameter "${key}" is ignored (aws ecs register-task-definition would reject it: Unknown parameter in ${where}: "${key}")`,
        { atKey: true },
      );
      continue;
    }
    if (!hasFieldType(member, type)) {
      report.error([...path, key], invalidTypeMessage(report.pathOf([...path, key]), member, type));
      bad.add(key);
      continue;
    }
    fields[key] = member;
  }
  return { fields, bad };
}

/**
 * Reads a list of strings at `path` (already known to be an array); reports each non-string.
 * Returns only the strings.
 */
export function readStringList(
  list: readonly unknown[],
  path: readonly PathSegment[],
  report: Reporter,
): string[] {
  const out: string[] = [];
  list.forEach((item, i) => {
    if (typeof item === 'string') out.push(item);
    else
      report.error([...path, i], invalidTypeMessage(report.pathOf([...path, i]), item, 'string'));
  });
  return out;
}

/**
 * The API's member path for a validation message: `containerDefinitions[0].portMappings[1].protocol`
 * becomes `containerDefinitions.1.member.portMappings.2.member.protocol` (1-based members).
 */
export function apiMemberPath(path: readonly PathSegment[]): string {
  return path
    .map((segment) => (typeof segment === 'number' ? `${segment + 1}.member` : segment))
    .join('.');
}

/**
 * Checks `value` against an enumeration, reporting the API's validation wording
 * ("Value 'x' at 'networkMode' failed to satisfy constraint: Member must satisfy enum value set: […]")
 * [AWS JSON protocol ValidationException]. Returns the value when it is allowed.
 */
export function readEnum<T extends string>(
  value: string,
  allowed: readonly T[],
  path: readonly PathSegment[],
  report: Reporter,
): T | undefined {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  report.error(
    path,
    `Value '${value}' at '${apiMemberPath(path)}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`,
  );
  return undefined;
}
