/**
 * Pointer input on the canvas: drag on the background pans, the wheel zooms around the pointer, and
 * a click (a press that moved less than CLICK_SLOP) picks the entity under it. Picking goes through
 * the layout (hitTest) rather than per-tile Pixi interactivity, so thousands of tiles cost nothing
 * on pointer moves. Returns a function that removes the listeners.
 */
import type { Application, FederatedPointerEvent } from 'pixi.js';
import type { EntityRef } from '../sim/model.ts';
import type { Camera } from './camera.ts';

/** A press that moved less than this (screen px) before release is a click, not a drag. */
export const CLICK_SLOP = 4;

/** What the canvas gives the input handlers. */
export interface InputHandlers {
  /** The entity at a world point, if any. */
  pick(worldX: number, worldY: number): EntityRef | undefined;
  /** A click picked `ref` (undefined: the background). */
  select(ref: EntityRef | undefined): void;
  /** The camera moved: draw a frame. */
  changed(): void;
  /** A drag started or ended (the canvas keeps its ticker running meanwhile). */
  dragging(on: boolean): void;
}

/** Wires pan, zoom and click picking; returns the cleanup. */
export function wireInput(app: Application, camera: Camera, h: InputHandlers): () => void {
  const stage = app.stage;
  stage.eventMode = 'static';
  stage.hitArea = app.screen;
  let drag: { x: number; y: number; moved: boolean } | undefined;
  stage.on('pointerdown', (e: FederatedPointerEvent) => {
    drag = { x: e.global.x, y: e.global.y, moved: false };
    h.dragging(true);
  });
  stage.on('globalpointermove', (e: FederatedPointerEvent) => {
    const d = drag;
    if (!d) return;
    const dx = e.global.x - d.x;
    const dy = e.global.y - d.y;
    if (!d.moved && Math.hypot(dx, dy) < CLICK_SLOP) return;
    d.moved = true;
    camera.panBy(dx, dy);
    d.x = e.global.x;
    d.y = e.global.y;
    h.changed();
  });
  stage.on('pointerup', (e: FederatedPointerEvent) => {
    const d = drag;
    drag = undefined;
    h.dragging(false);
    if (!d || d.moved) return;
    h.select(h.pick(camera.toWorldX(e.global.x), camera.toWorldY(e.global.y)));
  });
  stage.on('pointerupoutside', () => {
    drag = undefined;
    h.dragging(false);
  });
  const wheel = (e: WheelEvent): void => {
    e.preventDefault();
    const rect = app.canvas.getBoundingClientRect();
    camera.zoomAt(Math.pow(1.0015, -e.deltaY), e.clientX - rect.left, e.clientY - rect.top);
    h.changed();
  };
  app.canvas.addEventListener('wheel', wheel, { passive: false });
  return () => app.canvas.removeEventListener('wheel', wheel);
}
