/**
 * Pure hit testing against a ClusterLayout: which task, instance or Availability Zone is at a world
 * point. Done arithmetically on the layout rather than by Pixi's scene traversal, so tiles need no
 * per-object interactivity and a click costs O(instances in one AZ) even at 10,000 tasks.
 */
import type { EntityRef } from '../sim/model.ts';
import {
  CELL_PITCH,
  GEOMETRY,
  TILE_PITCH,
  TILES_PER_ROW,
  type ClusterLayout,
  type Rect,
} from './layout-types.ts';

/** True when the point lies inside the rectangle (edges included). */
export function contains(r: Rect, x: number, y: number): boolean {
  return x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h;
}

/** Index of the grid cell under (x, y), or -1 in a gap or outside `perRow` columns. */
function gridIndex(
  area: Rect,
  x: number,
  y: number,
  pitch: number,
  size: number,
  perRow: number,
): number {
  const dx = x - area.x;
  const dy = y - area.y;
  if (dx < 0 || dy < 0) return -1;
  const col = Math.floor(dx / pitch);
  const row = Math.floor(dy / pitch);
  if (col >= perRow || dx - col * pitch > size || dy - row * pitch > size) return -1;
  return row * perRow + col;
}

/**
 * The entity at world point (x, y): a task tile (or its Fargate cell), else the instance box, else
 * the AZ column (Fargate areas belong to their AZ); undefined on the background.
 */
export function hitTest(layout: ClusterLayout, x: number, y: number): EntityRef | undefined {
  const column = layout.azColumns.find((c) => contains(c, x, y));
  if (!column) return undefined;
  for (const inst of layout.instances.values()) {
    if (inst.az !== column.az || !contains(inst, x, y)) continue;
    if (layout.lod === 'tiles') {
      const k = gridIndex(inst.tileArea, x, y, TILE_PITCH, GEOMETRY.tile, TILES_PER_ROW);
      const id = k >= 0 ? inst.taskIds[k] : undefined;
      if (id !== undefined) return { kind: 'task', id };
    }
    return { kind: 'instance', id: inst.id };
  }
  const area = layout.fargateAreas.get(column.az);
  if (area && layout.lod === 'tiles' && contains(area.cellArea, x, y)) {
    const k = gridIndex(area.cellArea, x, y, CELL_PITCH, GEOMETRY.cell, area.perRow);
    const id = k >= 0 ? area.taskIds[k] : undefined;
    if (id !== undefined) return { kind: 'task', id };
  }
  return { kind: 'availabilityZone', id: column.az };
}
