import { Operations } from "../src/operations/operations.js";
import { OfflineExecutor } from "../src/runtime/offline-executor.js";
import { RecordingDialect } from "./test-dialect.js";

/** An `op` rendering `--sql` on `dialect`: what it wrote, and it split into statements. */
export function offlineOp(dialect: RecordingDialect = new RecordingDialect()) {
  let out = "";
  const op = new Operations(new OfflineExecutor(dialect, (text) => (out += text)));
  const statements = () => out.split(";\n\n").filter(Boolean);
  return { dialect, op, text: () => out, statements };
}
