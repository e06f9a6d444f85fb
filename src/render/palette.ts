/**
 * Colours of the canvas: one status palette for task tiles, a stable colour per service, and the
 * chrome of each theme. Pure data and functions (no Pixi), so node tests and the legend share them.
 *
 * The status palette follows Okabe & Ito's colour-blind-safe set (bluish green, sky blue, orange,
 * vermillion, grey) and leans on lightness too, so the lifecycle still reads in greyscale:
 * starting states are light blues getting darker, RUNNING is a solid bluish green, stopping states
 * are ambers, STOPPED is grey, and a crash flashes vermillion.
 */
import type { TaskStatus } from '../sim/model.ts';

/** Tile colour per ECS task lastStatus [ECS-DG task-lifecycle]. */
export const STATUS_COLORS: Readonly<Record<TaskStatus, number>> = {
  PROVISIONING: 0xc9e2f5,
  PENDING: 0x9ccbec,
  ACTIVATING: 0x56b4e9,
  RUNNING: 0x009e73,
  DEACTIVATING: 0xf5c040,
  STOPPING: 0xe69f00,
  DEPROVISIONING: 0xc98a00,
  STOPPED: 0x9e9e9e,
};

/** Flash colour of a task whose essential container exited (stopCode EssentialContainerExited). */
export const CRASH_COLOR = 0xd55e00;

/** Status groups used by the aggregated (level-of-detail) bars, in drawing order. */
export const STATUS_GROUPS = ['starting', 'running', 'stopping'] as const;
export type StatusGroup = (typeof STATUS_GROUPS)[number];

/** Colour of each aggregated status group (matches the tile palette). */
export const STATUS_GROUP_COLORS: Readonly<Record<StatusGroup, number>> = {
  starting: STATUS_COLORS.PENDING,
  running: STATUS_COLORS.RUNNING,
  stopping: STATUS_COLORS.STOPPING,
};

/** Which aggregated group a lifecycle status belongs to (STOPPED tasks are not drawn). */
export function statusGroupOf(status: TaskStatus): StatusGroup | undefined {
  switch (status) {
    case 'PROVISIONING':
    case 'PENDING':
    case 'ACTIVATING':
      return 'starting';
    case 'RUNNING':
      return 'running';
    case 'STOPPED':
      return undefined;
    default:
      return 'stopping';
  }
}

// Paul Tol's "muted" qualitative scheme: distinguishable under the common colour-vision deficiencies.
const SERVICE_COLORS: readonly number[] = [
  0x332288, 0x88ccee, 0x44aa99, 0x117733, 0x999933, 0xddcc77, 0xcc6677, 0x882255, 0xaa4499,
];

/**
 * A stable colour for a service (or a RunTask group): the same name always gets the same colour,
 * in every session, because it is a hash (FNV-1a) of the name, not an order of arrival.
 */
export function serviceColor(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return SERVICE_COLORS[h % SERVICE_COLORS.length] ?? 0x888888;
}

export type ThemeName = 'light' | 'dark' | 'high-contrast';

/** Colours of everything that is not a task tile. */
export interface ThemeColors {
  readonly background: number;
  readonly column: number;
  readonly columnDown: number;
  readonly instance: number;
  readonly instanceStroke: number;
  readonly draining: number;
  readonly inactive: number;
  readonly fargateStroke: number;
  readonly cell: number;
  readonly barTrack: number;
  readonly cpu: number;
  readonly memory: number;
  readonly text: number;
  readonly mutedText: number;
  readonly selection: number;
  readonly focus: number;
}

/** The three themes the UI offers. */
export const THEMES: Readonly<Record<ThemeName, ThemeColors>> = {
  light: {
    background: 0xf6f7f9,
    column: 0xe9edf2,
    columnDown: 0xf6d5cc,
    instance: 0xffffff,
    instanceStroke: 0x8a96a3,
    draining: 0xe69f00,
    inactive: 0xc4c8cc,
    fargateStroke: 0x6b7785,
    cell: 0xdde3ea,
    barTrack: 0xdfe4ea,
    cpu: 0x0072b2,
    memory: 0xcc79a7,
    text: 0x1d2329,
    mutedText: 0x5b6670,
    selection: 0x000000,
    focus: 0xd55e00,
  },
  dark: {
    background: 0x15191e,
    column: 0x1f252c,
    columnDown: 0x3d2320,
    instance: 0x2a323b,
    instanceStroke: 0x5d6b78,
    draining: 0xe69f00,
    inactive: 0x3a3f45,
    fargateStroke: 0x8795a3,
    cell: 0x333c46,
    barTrack: 0x3a444f,
    cpu: 0x56b4e9,
    memory: 0xcc79a7,
    text: 0xe8edf2,
    mutedText: 0xa3afbb,
    selection: 0xffffff,
    focus: 0xf0e442,
  },
  'high-contrast': {
    background: 0x000000,
    column: 0x101010,
    columnDown: 0x4a0000,
    instance: 0x000000,
    instanceStroke: 0xffffff,
    draining: 0xffb000,
    inactive: 0x555555,
    fargateStroke: 0xffffff,
    cell: 0x303030,
    barTrack: 0x404040,
    cpu: 0x00bfff,
    memory: 0xff77ff,
    text: 0xffffff,
    mutedText: 0xffffff,
    selection: 0xffff00,
    focus: 0x00ffff,
  },
};
