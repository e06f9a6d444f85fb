/**
 * `<cp-app>`'s layout and the theme tokens (CSS custom properties) every panel inherits through
 * its shadow root. Light is the default; `theme="dark"` swaps the tokens.
 */
import { css } from 'lit';
import { controlStyles } from './shared-styles.ts';

/** Layout grid and light/dark tokens. */
export const appStyles = [
  controlStyles,
  css`
    :host {
      --cp-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
      --cp-mono: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      --cp-bg: #f6f7fb;
      --cp-panel: #ffffff;
      --cp-text: #1d2433;
      --cp-muted: #5b6578;
      --cp-border: #d5dae3;
      --cp-subtle: #eef1f6;
      --cp-control-bg: #ffffff;
      --cp-control-hover: #eef2f8;
      --cp-accent: #2f6feb;
      --cp-accent-text: #ffffff;
      --cp-danger: #c62828;
      --cp-danger-bg: #fdecea;
      --cp-ok: #1b7f3b;
      --cp-focus: #ffb000;
      display: grid;
      grid-template-areas:
        'header header'
        'stage side'
        'log side';
      grid-template-columns: minmax(0, 1fr) minmax(300px, 380px);
      grid-template-rows: auto minmax(0, 1fr) minmax(120px, 28vh);
      height: 100vh;
      background: var(--cp-bg);
      color: var(--cp-text);
      font-family: var(--cp-font);
    }
    :host([theme='dark']) {
      --cp-bg: #12151c;
      --cp-panel: #1a1f29;
      --cp-text: #e6e9ef;
      --cp-muted: #9aa4b5;
      --cp-border: #343c4b;
      --cp-subtle: #232a36;
      --cp-control-bg: #222936;
      --cp-control-hover: #2c3545;
      --cp-accent: #4c8dff;
      --cp-danger: #ff6b6b;
      --cp-danger-bg: #3a1d20;
      --cp-ok: #4cd07d;
      color-scheme: dark;
    }
    header {
      grid-area: header;
      display: flex;
      align-items: center;
      gap: 16px;
      padding: 8px 16px;
      background: var(--cp-panel);
      border-bottom: 1px solid var(--cp-border);
    }
    h1 {
      font-size: 18px;
      margin: 0;
      white-space: nowrap;
    }
    header cp-toolbar {
      flex: 1;
    }
    .stage {
      grid-area: stage;
      position: relative;
      min-height: 0;
      overflow: hidden;
    }
    .canvas-host {
      position: absolute;
      inset: 0;
    }
    .reset-view {
      position: absolute;
      right: 10px;
      bottom: 10px;
    }
    .canvas-error {
      position: absolute;
      inset: auto 16px 56px 16px;
      padding: 8px 12px;
      border-radius: 8px;
      background: var(--cp-danger-bg);
      color: var(--cp-text);
    }
    aside {
      grid-area: side;
      overflow: auto;
      padding: 12px;
      display: grid;
      /* minmax(0, …): a wide child (a long <select> option) must not widen the panel past its column. */
      grid-template-columns: minmax(0, 1fr);
      align-content: start;
      gap: 16px;
      background: var(--cp-panel);
      border-left: 1px solid var(--cp-border);
    }
    footer {
      grid-area: log;
      display: flex;
      flex-direction: row;
      gap: 12px;
      min-height: 0;
      padding: 8px 12px;
      background: var(--cp-panel);
      border-top: 1px solid var(--cp-border);
    }
    footer cp-event-log,
    footer cp-terminal {
      flex: 1;
      min-height: 0;
      min-width: 0;
    }
    @media (max-width: 800px) {
      :host {
        grid-template-areas: 'header' 'stage' 'side' 'log';
        grid-template-columns: 1fr;
        grid-template-rows: auto 60vh auto 40vh;
        height: auto;
      }
    }
  `,
];
