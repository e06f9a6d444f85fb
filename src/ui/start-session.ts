/**
 * Page start-up of the experiment session: opens the IndexedDB store, reopens the last experiment
 * (or the share link in the URL), hands the session to `<cp-app>` and saves when the page is hidden.
 * Without IndexedDB (private modes, blocked storage) the playground still runs, unsaved, and says so.
 */
import type { ClusterActor } from '../machine/index.ts';
import { ExperimentStore } from '../persist/experiment-store.ts';
import type { CpApp } from './cp-app.ts';
import { ExperimentSession } from './experiment-session.ts';
import { SHARE_PARAM } from '../formats/share-link.ts';

export async function startExperimentSession(
  app: CpApp,
  actor: ClusterActor,
  dbName?: string,
): Promise<ExperimentSession | undefined> {
  let store: ExperimentStore;
  try {
    store = await ExperimentStore.open(dbName);
  } catch (error) {
    console.warn(`Experiments cannot be saved in this browser: ${String(error)}`);
    return undefined;
  }
  const session = new ExperimentSession(actor, store);
  await session.start(location.hash);
  // The shared experiment is now saved locally: drop it from the address bar so a reload reopens
  // the saved copy (with what the learner did since) instead of the original link.
  if (location.hash.includes(`${SHARE_PARAM}=`))
    history.replaceState(null, '', `${location.pathname}${location.search}`);
  app.session = session;
  addEventListener('pagehide', () => void session.flush());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void session.flush();
  });
  return session;
}
