// Preloaded into mig's process by tests (aheadEnv in clock-ahead.ts): Date.now() runs two
// hours ahead of the real clock, so files a test has just written are past the script
// caches' 2 s racy window (they compare a file's ctime, which cannot be dated back).
const AHEAD_MS = 2 * 3_600_000;
const realNow = Date.now;
Date.now = () => realNow() + AHEAD_MS;
