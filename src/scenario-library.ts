/// <reference types="vite/client" />
/**
 * The scenarios bundled with the app: every scenarios/*.yaml as raw text (vite inlines them at
 * build time), keyed by file name without .yaml — the NAME of `?scenario=NAME`. They are data:
 * the app validates them with the same loader as files opened from disk.
 */
import type { ScenarioLibrary } from './ui/scenario-host.ts';

const files = import.meta.glob<string>('../scenarios/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export const SCENARIO_LIBRARY: ScenarioLibrary = Object.fromEntries(
  Object.entries(files).map(([path, text]) => [
    path.slice(path.lastIndexOf('/') + 1).replace(/\.yaml$/, ''),
    text,
  ]),
);
