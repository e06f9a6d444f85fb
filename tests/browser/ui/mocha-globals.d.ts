/**
 * The mocha globals @web/test-runner provides in the browser, typed for tsc (the repo has no
 * @types/mocha and tsconfig limits `types` to node). Declared as functions so another identical
 * declaration elsewhere merges as an overload instead of clashing.
 */
declare function describe(title: string, body: (this: unknown) => void): void;
declare function it(title: string, body: (this: unknown) => void | Promise<void>): void;
declare function before(body: () => void | Promise<void>): void;
declare function after(body: () => void | Promise<void>): void;
declare function beforeEach(body: () => void | Promise<void>): void;
declare function afterEach(body: () => void | Promise<void>): void;
