import { fileURLToPath } from "node:url";

const PRELOAD = fileURLToPath(new URL("./clock-ahead.cjs", import.meta.url));

/**
 * The environment for a `mig` run whose clock is two hours ahead (clock-ahead.cjs): the
 * files the test wrote count as settled, so what the run learns of them is cached.
 * `nodeOptions`: more NODE_OPTIONS for the run.
 */
export function aheadEnv(nodeOptions = ""): NodeJS.ProcessEnv {
  return { NODE_OPTIONS: `${nodeOptions} --require ${JSON.stringify(PRELOAD)}`.trim() };
}
