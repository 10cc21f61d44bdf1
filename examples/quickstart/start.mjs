// Running migrations at application start-up: the programmatic API.
import { upgrade } from "@mig/core";

const result = await upgrade({ cwd: import.meta.dirname });
console.log(`migrated: ${result.steps.length} step(s); database at ${result.rows.join(", ")}`);
// ...start the application here.
