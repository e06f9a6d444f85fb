/**
 * Pure layout of the cluster canvas: where each Availability Zone column, container instance box,
 * Fargate area and task slot goes, in world pixels. No Pixi, no DOM: the same state and viewport
 * always give the same layout, so node tests check it and the views only copy its numbers.
 */
import type { ContainerInstance, SimState, Task } from '../sim/model.ts';
import { statusGroupOf } from './palette.ts';

export * from './layout-types.ts';
import {
  GEOMETRY,
  LOD_TASK_THRESHOLD,
  TILES_PER_ROW,
  TILE_PITCH,
  CELL_PITCH,
  type AzColumnLayout,
  type ClusterLayout,
  type FargateAreaLayout,
  type InstanceLayout,
  type LayoutOptions,
  type LevelOfDetail,
  type TaskSlot,
} from './layout-types.ts';

/** The grouping key of a task: its service, or its RunTask group ("family:…"). */
export function taskGroupKey(task: Task): string {
  return task.serviceName ?? task.group;
}

function compareTasks(a: Task, b: Task): number {
  const ga = taskGroupKey(a);
  const gb = taskGroupKey(b);
  if (ga !== gb) return ga < gb ? -1 : 1;
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function compareInstances(a: ContainerInstance, b: ContainerInstance): number {
  if (a.registeredAt !== b.registeredAt) return a.registeredAt - b.registeredAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function instanceHeight(tasks: number, lod: LevelOfDetail): number {
  const g = GEOMETRY;
  if (lod === 'aggregate') return g.instanceTilesTop + g.aggregateBarH + g.instancePad;
  const rows = Math.max(1, Math.ceil(tasks / TILES_PER_ROW));
  return g.instanceTilesTop + rows * TILE_PITCH - g.tileGap + g.instancePad;
}

/** One AZ's content, gathered before positions are decided. */
interface AzContent {
  readonly az: string;
  readonly instances: ContainerInstance[];
  readonly heights: number[];
  readonly fargate: Task[];
  /** An ECS Anywhere site (external instances only, not one of the Region's AZs). */
  site: boolean;
}

/** Viewport size in screen pixels (the layout picks a shape that fits it). */
export interface ViewportSize {
  readonly width: number;
  readonly height: number;
}

/**
 * Lays out the cluster. Pure and deterministic: same state, viewport and options → equal layout.
 * AZs are columns (cluster order, then any other AZ an instance or task names, e.g. ECS Anywhere);
 * instances fill each column in rows (oldest first), with as many per row as makes the world fit the
 * viewport best; below them the AZ's Fargate area gives each Fargate task its own cell, since
 * Fargate runs every task in its own isolated environment [ECS-DG Fargate]. STOPPED tasks get no
 * slot (the canvas animates their exit from where they last were); an EC2 task whose instance is
 * unknown gets none either. The canvas reuses its last layout while these inputs stay equal
 * (layout-cache.ts lists the fields read here: keep the two in step).
 */
export function layoutCluster(
  state: SimState,
  viewport: ViewportSize,
  options: LayoutOptions = {},
): ClusterLayout {
  const g = GEOMETRY;
  const tasksByInstance = new Map<string, Task[]>();
  const fargateByAz = new Map<string, Task[]>();
  const groups = new Set<string>();
  let liveTasks = 0;
  // for…in rather than Object.values: the task record is a large dictionary-mode object and
  // this loop runs on every snapshot.
  for (const id in state.tasks) {
    const task = state.tasks[id];
    if (!task || task.lastStatus === 'STOPPED') continue;
    if (task.launchType === 'FARGATE') {
      pushTo(fargateByAz, task.availabilityZone, task);
    } else if (
      task.containerInstanceId !== undefined &&
      state.instances[task.containerInstanceId]
    ) {
      pushTo(tasksByInstance, task.containerInstanceId, task);
    } else {
      continue;
    }
    liveTasks++;
    groups.add(taskGroupKey(task));
  }
  const lod: LevelOfDetail =
    liveTasks > (options.lodThreshold ?? LOD_TASK_THRESHOLD) ? 'aggregate' : 'tiles';
  const groupCounts = new Map<string, [number, number, number]>();
  if (lod === 'tiles') {
    for (const list of tasksByInstance.values()) list.sort(compareTasks);
    for (const list of fargateByAz.values()) list.sort(compareTasks);
  } else {
    // Aggregate mode draws counts only: no order is needed, so no sort.
    for (const [key, list] of tasksByInstance) groupCounts.set(key, countGroups(list));
    for (const [az, list] of fargateByAz) groupCounts.set(`fargate:${az}`, countGroups(list));
  }

  const azs = collectAzs(state, fargateByAz);
  for (const c of azs) {
    for (const inst of c.instances) {
      c.heights.push(instanceHeight(tasksByInstance.get(inst.id)?.length ?? 0, lod));
    }
  }
  const n = Math.max(1, azs.length);
  const { perRow, colW } = chooseShape(azs, n, viewport, lod);
  // Sites go after the Region's AZs, apart by siteGap (sorted so by collectAzs).
  const siteGap = azs.some((c) => c.site) ? g.siteGap : 0;

  const down = new Set(state.downAvailabilityZones ?? []);
  const azColumns: AzColumnLayout[] = [];
  const instances = new Map<string, InstanceLayout>();
  const fargateAreas = new Map<string, FargateAreaLayout>();
  const taskSlots = new Map<string, TaskSlot>();
  let colH = 0;
  azs.forEach((c, i) => {
    const x = g.margin + i * (colW + g.columnGap) + (c.site ? siteGap : 0);
    let y = g.margin + g.columnHeader;
    for (let r = 0; r < c.instances.length; r += perRow) {
      let rowH = 0;
      for (let j = 0; j < perRow && r + j < c.instances.length; j++) {
        const inst = c.instances[r + j] as ContainerInstance;
        const h = c.heights[r + j] ?? 0;
        const ix = x + g.columnPad + j * (g.instanceW + g.instanceGap);
        const tasks = tasksByInstance.get(inst.id) ?? [];
        const tileArea = {
          x: ix + g.instancePad,
          y: y + g.instanceTilesTop,
          w: g.instanceW - 2 * g.instancePad,
          h: h - g.instanceTilesTop - g.instancePad,
        };
        instances.set(inst.id, {
          id: inst.id,
          az: c.az,
          x: ix,
          y,
          w: g.instanceW,
          h,
          tileArea,
          taskIds: tasks.map((t) => t.id),
        });
        if (lod === 'tiles') {
          tasks.forEach((t, k) => {
            taskSlots.set(t.id, {
              x: tileArea.x + (k % TILES_PER_ROW) * TILE_PITCH,
              y: tileArea.y + Math.floor(k / TILES_PER_ROW) * TILE_PITCH,
              w: g.tile,
              h: g.tile,
              containerKey: inst.id,
            });
          });
        }
        rowH = Math.max(rowH, h);
      }
      y += rowH + g.instanceGap;
    }
    if (c.site) {
      // Your own servers: no Fargate there. The link is down when no agent there is connected.
      colH = Math.max(colH, y - g.instanceGap + g.columnPad - g.margin);
      const live = c.instances.filter((inst) => inst.status !== 'INACTIVE');
      const linkDown = live.length > 0 && live.every((inst) => !inst.agentConnected);
      azColumns.push({
        az: c.az,
        down: false,
        site: true,
        linkDown,
        x,
        y: g.margin,
        w: colW,
        h: 0,
      });
      return;
    }
    const area = fargateArea(c, x + g.columnPad, y, colW - 2 * g.columnPad, lod);
    fargateAreas.set(c.az, area);
    if (lod === 'tiles') placeFargateTasks(area, c.fargate, taskSlots);
    colH = Math.max(colH, area.y + area.h + g.columnPad - g.margin);
    azColumns.push({ az: c.az, down: down.has(c.az), x, y: g.margin, w: colW, h: 0 });
  });
  return {
    width: 2 * g.margin + n * colW + (n - 1) * g.columnGap + siteGap,
    height: 2 * g.margin + colH,
    lod,
    liveTasks,
    azColumns: azColumns.map((col) => ({ ...col, h: colH })),
    instances,
    fargateAreas,
    taskSlots,
    groupCounts,
    groups: [...groups].sort(),
  };
}

function countGroups(tasks: readonly Task[]): [number, number, number] {
  const c: [number, number, number] = [0, 0, 0];
  for (const t of tasks) {
    const g = statusGroupOf(t.lastStatus);
    if (g === 'starting') c[0]++;
    else if (g === 'running') c[1]++;
    else if (g === 'stopping') c[2]++;
  }
  return c;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function collectAzs(state: SimState, fargateByAz: Map<string, Task[]>): AzContent[] {
  const byAz = new Map<string, AzContent>();
  const ensure = (az: string): AzContent => {
    let c = byAz.get(az);
    if (!c) byAz.set(az, (c = { az, instances: [], heights: [], fargate: [], site: false }));
    return c;
  };
  for (const az of state.cluster.availabilityZones) ensure(az);
  for (const inst of Object.values(state.instances).sort(compareInstances)) {
    ensure(inst.availabilityZone).instances.push(inst);
  }
  const extra = [...fargateByAz.keys()].sort();
  for (const az of extra) ensure(az).fargate.push(...(fargateByAz.get(az) ?? []));
  const region = new Set(state.cluster.availabilityZones);
  for (const c of byAz.values())
    c.site = !region.has(c.az) && c.fargate.length === 0 && c.instances.some((i) => i.external);
  // The Region's columns first, then the on-premises sites (stable order within each).
  const all = [...byAz.values()];
  return [...all.filter((c) => !c.site), ...all.filter((c) => c.site)];
}

function cellsPerRow(areaW: number): number {
  return Math.max(
    1,
    Math.floor((areaW - 2 * GEOMETRY.instancePad + GEOMETRY.cellGap) / CELL_PITCH),
  );
}

function fargateHeight(tasks: number, areaW: number, lod: LevelOfDetail): number {
  const g = GEOMETRY;
  if (lod === 'aggregate') return g.fargateHeader + g.aggregateBarH + g.instancePad;
  const rows = Math.max(1, Math.ceil(tasks / cellsPerRow(areaW)));
  return g.fargateHeader + rows * CELL_PITCH - g.cellGap + g.instancePad;
}

function fargateArea(
  c: AzContent,
  x: number,
  y: number,
  w: number,
  lod: LevelOfDetail,
): FargateAreaLayout {
  const g = GEOMETRY;
  const h = fargateHeight(c.fargate.length, w, lod);
  const cellArea = {
    x: x + g.instancePad,
    y: y + g.fargateHeader,
    w: w - 2 * g.instancePad,
    h: h - g.fargateHeader - g.instancePad,
  };
  return {
    az: c.az,
    x,
    y,
    w,
    h,
    cellArea,
    perRow: cellsPerRow(w),
    taskIds: c.fargate.map((t) => t.id),
  };
}

function placeFargateTasks(
  area: FargateAreaLayout,
  tasks: readonly Task[],
  slots: Map<string, TaskSlot>,
): void {
  const g = GEOMETRY;
  const perRow = area.perRow;
  const inset = (g.cell - g.tile) / 2;
  tasks.forEach((t, k) => {
    const cell = {
      x: area.cellArea.x + (k % perRow) * CELL_PITCH,
      y: area.cellArea.y + Math.floor(k / perRow) * CELL_PITCH,
      w: g.cell,
      h: g.cell,
    };
    slots.set(t.id, {
      x: cell.x + inset,
      y: cell.y + inset,
      w: g.tile,
      h: g.tile,
      containerKey: `fargate:${area.az}`,
      cell,
    });
  });
}

/**
 * Picks how many instances sit side by side in a column: the count whose world fits the viewport at
 * the largest scale. Columns then widen to fill the viewport when the world is narrower than it.
 */
function chooseShape(
  azs: readonly AzContent[],
  n: number,
  viewport: ViewportSize,
  lod: LevelOfDetail,
): { perRow: number; colW: number } {
  const g = GEOMETRY;
  const vw = Math.max(1, viewport.width);
  const vh = Math.max(1, viewport.height);
  const maxInst = Math.max(1, ...azs.map((c) => c.instances.length));
  const minColW = (perRow: number): number =>
    perRow * (g.instanceW + g.instanceGap) - g.instanceGap + 2 * g.columnPad;
  let best = { perRow: 1, scale: -1 };
  for (let perRow = 1; perRow <= Math.min(maxInst, 64); perRow++) {
    const colW = minColW(perRow);
    let h = 0;
    for (const c of azs) h = Math.max(h, columnHeight(c, perRow, colW, lod));
    const w =
      2 * g.margin + n * colW + (n - 1) * g.columnGap + (azs.some((c) => c.site) ? g.siteGap : 0);
    const scale = Math.min(vw / w, vh / (h + 2 * g.margin));
    if (scale > best.scale + 1e-9) best = { perRow, scale };
  }
  // Columns keep their natural width; the camera's fit magnifies a small cluster instead of
  // stretching the columns, so tiles and labels grow with the free space (readable when projected).
  return { perRow: best.perRow, colW: minColW(best.perRow) };
}

function columnHeight(c: AzContent, perRow: number, colW: number, lod: LevelOfDetail): number {
  const g = GEOMETRY;
  let h = g.columnHeader;
  for (let r = 0; r < c.instances.length; r += perRow) {
    let rowH = 0;
    for (let j = r; j < r + perRow && j < c.heights.length; j++)
      rowH = Math.max(rowH, c.heights[j] ?? 0);
    h += rowH + g.instanceGap;
  }
  return h + fargateHeight(c.fargate.length, colW - 2 * g.columnPad, lod) + g.columnPad;
}
