/**
 * Styles shared by the panels: controls, focus rings, panel headings. Colours come from CSS custom
 * properties that `<cp-app>` defines for the light and dark themes (with light fallbacks here so a
 * panel used on its own still reads well).
 */
import { css } from 'lit';

/** Buttons, selects and inputs with a visible keyboard focus ring. */
export const controlStyles = css`
  :host {
    font: 14px/1.4 var(--cp-font, system-ui, sans-serif);
    color: var(--cp-text, #1d2433);
  }
  button,
  select,
  input {
    font: inherit;
    color: inherit;
    background: var(--cp-control-bg, #ffffff);
    border: 1px solid var(--cp-border, #c6ccd8);
    border-radius: 6px;
    padding: 4px 10px;
    min-height: 30px;
  }
  button {
    cursor: pointer;
  }
  button:hover:not(:disabled) {
    background: var(--cp-control-hover, #eef2f8);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.5;
  }
  button.primary {
    background: var(--cp-accent, #2f6feb);
    border-color: var(--cp-accent, #2f6feb);
    color: var(--cp-accent-text, #ffffff);
  }
  button.danger {
    border-color: var(--cp-danger, #c62828);
    color: var(--cp-danger, #c62828);
  }
  :focus-visible {
    outline: 3px solid var(--cp-focus, #ffb000);
    outline-offset: 2px;
  }
  h2 {
    font-size: 12px;
    text-transform: uppercase;
    letter-spacing: 0.06em;
    color: var(--cp-muted, #5b6578);
    margin: 0 0 6px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;

/** Layout of the traffic panels (ECS `<cp-traffic-panel>`, EKS `<cp-eks-traffic>`): sections, sliders, rows. */
export const trafficPanelStyles = css`
  :host {
    display: grid;
    gap: 10px;
  }
  section {
    border: 1px solid var(--cp-border, #c6ccd8);
    border-radius: 8px;
    padding: 8px 10px;
    display: grid;
    gap: 6px;
  }
  h3 {
    margin: 0;
    font-size: 15px;
  }
  label {
    display: grid;
    gap: 2px;
  }
  input[type='range'] {
    width: 100%;
    padding: 0;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 12px;
    align-items: center;
  }
`;
