/**
 * Keeps a lit component re-rendering with a scenario player actor: subscribes while the host is
 * connected, and asks for an update on every new snapshot. The actor is handed in with `watch()`
 * (components get it as a property; there is no player context).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Subscription } from 'xstate';
import type { PlayerActor, PlayerSnapshot } from '../machine/scenario/player-machine.ts';

export class PlayerWatch implements ReactiveController {
  private actor: PlayerActor | undefined;
  private subscription: Subscription | undefined;
  private connected = false;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** The latest snapshot, or undefined without a player. */
  get snapshot(): PlayerSnapshot | undefined {
    return this.actor?.getSnapshot();
  }

  /** Follows `actor` (undefined detaches). */
  watch(actor: PlayerActor | undefined): void {
    if (actor === this.actor) return;
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    this.actor = actor;
    if (this.connected) this.subscribe();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.connected = true;
    this.subscribe();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.subscription?.unsubscribe();
    this.subscription = undefined;
  }

  private subscribe(): void {
    if (this.actor === undefined || this.subscription !== undefined) return;
    this.subscription = this.actor.subscribe(() => this.host.requestUpdate());
  }
}
