/**
 * Types and geometry constants of the cluster layout (world pixels), shared by the pure layout,
 * the hit test and the views.
 */

/** An axis-aligned rectangle in world pixels. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** One Availability Zone column. */
export interface AzColumnLayout extends Rect {
  readonly az: string;
  /** True while the AZ is failed by AZ_OUTAGE (state.downAvailabilityZones). */
  readonly down: boolean;
  /**
   * An ECS Anywhere on-premises site (its external instances), not an AZ of the Region: drawn
   * apart, after a gap, with the state of its link to the Region.
   */
  readonly site?: boolean;
  /** Site only: every agent there is disconnected (SITE_DISCONNECT); tasks keep running. */
  readonly linkDown?: boolean;
}

/** A container instance box; its tiles fill `tileArea` row by row in `taskIds` order. */
export interface InstanceLayout extends Rect {
  readonly id: string;
  readonly az: string;
  readonly tileArea: Rect;
  /** Non-STOPPED tasks on this instance, grouped by service, then oldest first. */
  readonly taskIds: readonly string[];
}

/** The Fargate area of one AZ: each task sits in its own isolated cell. */
export interface FargateAreaLayout extends Rect {
  readonly az: string;
  readonly cellArea: Rect;
  /** Cells per row in `cellArea`. */
  readonly perRow: number;
  readonly taskIds: readonly string[];
}

/** Where one task tile goes. `cell` is its isolated Fargate slot (absent on EC2). */
export interface TaskSlot extends Rect {
  readonly containerKey: string;
  readonly cell?: Rect;
}

/** Level of detail: tiles per task, or one aggregated status bar per instance / Fargate area. */
export type LevelOfDetail = 'tiles' | 'aggregate';

/** The whole layout. */
export interface ClusterLayout {
  readonly width: number;
  readonly height: number;
  readonly lod: LevelOfDetail;
  /** Non-STOPPED tasks counted for the level of detail. */
  readonly liveTasks: number;
  readonly azColumns: readonly AzColumnLayout[];
  readonly instances: ReadonlyMap<string, InstanceLayout>;
  readonly fargateAreas: ReadonlyMap<string, FargateAreaLayout>;
  /** Empty in 'aggregate' mode. */
  readonly taskSlots: ReadonlyMap<string, TaskSlot>;
  /**
   * 'aggregate' mode only: live task counts per container (instance id, or "fargate:<az>"), by
   * status group [starting, running, stopping] (palette.ts STATUS_GROUPS).
   */
  readonly groupCounts: ReadonlyMap<string, readonly [number, number, number]>;
  /** Services (or RunTask groups) with live tasks, sorted, for the legend. */
  readonly groups: readonly string[];
}

/** Options of layoutCluster. */
export interface LayoutOptions {
  /** Above this many live tasks tasks are drawn as aggregated bars. */
  readonly lodThreshold?: number;
}

/**
 * Above this many non-STOPPED tasks the canvas draws one aggregated status bar per instance and per
 * Fargate area instead of one tile per task: at that size a fitted view makes tiles sub-pixel anyway,
 * and the frame stays inside budget on software WebGL (see scripts/bench-frame.mjs).
 */
export const LOD_TASK_THRESHOLD = 3000;

/** Geometry constants (world pixels). */
export const GEOMETRY = {
  margin: 12,
  columnGap: 10,
  columnPad: 8,
  columnHeader: 26,
  /** Space between the Region's AZ columns and the first on-premises site (the link is drawn there). */
  siteGap: 64,
  instanceW: 176,
  instanceGap: 8,
  instancePad: 6,
  /** Label line, then the CPU and memory bars, then the tiles. */
  instanceTilesTop: 36,
  cpuBarY: 20,
  memBarY: 27,
  barH: 4,
  tile: 10,
  tileGap: 2,
  aggregateBarH: 8,
  fargateHeader: 20,
  cell: 16,
  cellGap: 2,
} as const;

/** Distance between neighbouring tiles / Fargate cells (size + gap). */
export const TILE_PITCH = GEOMETRY.tile + GEOMETRY.tileGap;
export const CELL_PITCH = GEOMETRY.cell + GEOMETRY.cellGap;

/** Tiles per row inside an instance box. */
export const TILES_PER_ROW = Math.floor(
  (GEOMETRY.instanceW - 2 * GEOMETRY.instancePad + GEOMETRY.tileGap) / TILE_PITCH,
);
