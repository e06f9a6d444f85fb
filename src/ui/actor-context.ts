/**
 * The cluster actor, handed down the component tree with @lit/context: `<cp-app>` provides it and
 * every panel consumes it through an ActorController. Components never hold cluster state themselves.
 */
import { createContext } from '@lit/context';
import type { ClusterActor } from '../machine/index.ts';

/** Context key for the running cluster actor. */
export const clusterActorContext = createContext<ClusterActor | undefined>(Symbol('cluster-actor'));
