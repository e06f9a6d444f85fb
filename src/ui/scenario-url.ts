/**
 * Pure: the scenario deep link of the page URL — `?scenario=NAME&step=N&present`. NAME is a
 * bundled scenario (its file name without .yaml); N is 1-based (step=1 is the first step).
 */

export interface ScenarioLink {
  readonly scenario?: string;
  /** 1-based step; absent or malformed → the first step. */
  readonly step?: number;
  readonly present: boolean;
}

const NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/i;

export function parseScenarioLink(search: string): ScenarioLink {
  const params = new URLSearchParams(search);
  const name = params.get('scenario');
  const stepText = params.get('step');
  const step = stepText !== null && /^\d{1,4}$/.test(stepText) ? Number(stepText) : undefined;
  const present = params.has('present') && params.get('present') !== 'false';
  return {
    ...(name !== null && NAME.test(name) ? { scenario: name } : {}),
    ...(step !== undefined && step >= 1 ? { step } : {}),
    present,
  };
}

/** `search` with the scenario link replaced (other parameters kept). Pure. */
export function withScenarioLink(search: string, link: ScenarioLink): string {
  const params = new URLSearchParams(search);
  params.delete('scenario');
  params.delete('step');
  params.delete('present');
  if (link.scenario !== undefined) params.set('scenario', link.scenario);
  if (link.scenario !== undefined && link.step !== undefined) params.set('step', String(link.step));
  const text = params.toString();
  // `present` is a bare flag, as typed by hand.
  const flag = link.present ? (text === '' ? 'present' : '&present') : '';
  return `?${text}${flag}`;
}
