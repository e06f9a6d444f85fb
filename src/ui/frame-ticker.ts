/**
 * A requestAnimationFrame loop as a reactive controller: runs while its host is connected and calls
 * back with the wall-clock ms since the previous frame. The machine decides what that time means
 * (speed, whole steps, the cap after a background tab resumes); this only measures it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Contract: `onFrame(wallMs)` once per animation frame while connected and `enabled`; first frame 0. */
export class FrameTicker implements ReactiveController {
  /** Set false to stop sending frames (e.g. tests that drive time themselves). */
  enabled = true;
  private handle: number | undefined;
  private last: number | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly onFrame: (wallMs: number) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.last = undefined;
    this.handle = requestAnimationFrame(this.frame);
  }

  hostDisconnected(): void {
    if (this.handle !== undefined) cancelAnimationFrame(this.handle);
    this.handle = undefined;
  }

  private readonly frame = (time: number): void => {
    const wallMs = this.last === undefined ? 0 : time - this.last;
    this.last = time;
    if (this.enabled && wallMs > 0) this.onFrame(wallMs);
    this.handle = requestAnimationFrame(this.frame);
  };
}
