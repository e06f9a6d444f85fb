// Types of scripts/initial-js-budget.mjs (plain JavaScript, loaded by vite.config.ts and the bench).
import type { Plugin } from 'vite';

export declare const INITIAL_JS_BUDGET_KB: number;
export declare function initialScripts(html: string): string[];
export declare function initialJs(
  outDir: string,
  page?: string,
): { files: string[]; gzBytes: number };
export declare function initialJsBudget(options?: {
  page?: string;
  budgetKb?: number;
  failOver?: boolean;
}): Plugin & {
  writeBundle(
    this: { error(m: string): never; warn(m: string): void; info(m: string): void },
    options: { dir?: string },
    bundle: Record<string, unknown>,
  ): void;
};
