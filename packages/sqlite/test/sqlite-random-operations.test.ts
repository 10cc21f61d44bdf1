import { describe, expect, it } from "vitest";
import { freshDb, migrate, offlineSql, rows, snapshot } from "./operations-helpers.js";
import { randomOperations, SEED_ROWS, START } from "./random-operations.js";

// Random sequences of the changes SQLite makes by copying the table, on a parent and a
// child with ON DELETE CASCADE and foreign keys enforced. Online and offline must agree,
// and every row must survive every copy. Seeds are fixed: a failure replays exactly.
describe("random sequences of table changes", () => {
  const seeds = Array.from({ length: 24 }, (_, i) => i + 1);

  it.each(seeds)("seed %i: online equals offline, and rows survive", async (seed) => {
    const ops = randomOperations(seed, 25);
    const online = await freshDb({ foreignKeys: true });
    await migrate(online, async (op) => {
      for (const o of START) op.invoke(o);
      for (const s of SEED_ROWS) op.execute(s);
      for (const o of ops) op.invoke(o);
    });
    const text = await offlineSql(async (op) => {
      for (const o of START) op.invoke(o);
      for (const s of SEED_ROWS) op.execute(s);
      for (const o of ops) op.invoke(o);
    });
    const offline = await freshDb({ foreignKeys: true });
    await offline.connection.execute(text);
    expect(await snapshot(offline)).toEqual(await snapshot(online));
    // The statements SQLite keeps, to the letter: types and defaults as first spelled.
    const master = "SELECT type, name, sql FROM sqlite_master ORDER BY name";
    expect(await rows(offline, master)).toEqual(await rows(online, master));
    expect(await rows(online, "SELECT id, pid FROM c ORDER BY id")).toEqual([
      { id: 10, pid: 1 },
      { id: 11, pid: 2 },
    ]);
    expect(await rows(online, "SELECT id FROM p ORDER BY id")).toEqual([{ id: 1 }, { id: 2 }]);
    expect(await rows(offline, "SELECT id, pid FROM c ORDER BY id")).toEqual([
      { id: 10, pid: 1 },
      { id: 11, pid: 2 },
    ]);
  });
});
