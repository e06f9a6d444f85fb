/**
 * <cp-app>'s extra styles for scenarios and presenter mode: while a scenario plays, the free
 * playground's toolbar and actions are hidden (the player bar drives time; the EKS controls keep
 * only their view switch); `present` hides every panel so the canvas fills the screen;
 * `theme="high-contrast"` is white on black for projectors.
 * Honours prefers-reduced-motion (no transitions; the canvas follows it, changes included).
 */
import { css } from 'lit';

export const scenarioAppStyles = css`
  :host([scenario]) cp-toolbar,
  :host([scenario]) cp-actions,
  :host([scenario]) cp-saves {
    display: none;
  }
  :host([theme='high-contrast']) {
    --cp-bg: #000000;
    --cp-panel: #000000;
    --cp-text: #ffffff;
    --cp-muted: #ffffff;
    --cp-border: #ffffff;
    --cp-subtle: #262626;
    --cp-control-bg: #000000;
    --cp-control-hover: #262626;
    --cp-accent: #ffd400;
    --cp-accent-text: #000000;
    --cp-danger: #ff7070;
    --cp-danger-bg: #3a0000;
    --cp-ok: #5dff8f;
    --cp-focus: #ffd400;
    color-scheme: dark;
  }
  :host([present]) {
    grid-template-areas: 'stage';
    grid-template-columns: 1fr;
    grid-template-rows: 1fr;
    height: 100vh;
  }
  /* The canvas steps aside for the narration (left) and the player bar (bottom)… */
  :host([scenario]) .stage {
    /* Captions size themselves in cqh: right in a full page and in an embed alike. */
    container-type: size;
  }
  :host([scenario]) .canvas-host {
    bottom: 64px;
  }
  @container (min-width: 1000px) {
    :host([scenario]:not([present])) .canvas-host {
      left: 540px;
    }
  }
  /* …and in presenter mode for the large captions below it. */
  :host([scenario][present]) .canvas-host {
    /* The caption's box ends here at most (cp-caption.ts: calc(49cqh - 80px) above the bar). */
    bottom: 49cqh;
  }
  /* compact (embeds): the canvas and the scenario only, under a slim header. */
  :host([compact]:not([present])) {
    grid-template-areas: 'header' 'stage';
    grid-template-columns: 1fr;
    grid-template-rows: auto minmax(0, 1fr);
  }
  :host([compact]) aside,
  :host([compact]) footer {
    display: none;
  }
  :host([present]) header,
  :host([present]) aside,
  :host([present]) footer,
  :host([present]) .reset-view {
    display: none;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }
`;
