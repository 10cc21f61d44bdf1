// Kept for imports written before the script index replaced the header cache.
export { defaultCacheDir } from "./cache-dir.js";
