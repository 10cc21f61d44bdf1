import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { autogenerateProject, migrationFiles, printed } from "./autogenerate-project.js";
import { mig } from "./run-cli.js";

// SQLite names ignore case: a declared `Post` is the live `post`. Compared as written, check
// said "add table Post, ! drop table post" and the migration failed ("already exists").
test("SQLite: a table or column declared in another letter case is the same one, with a warning", () => {
  const dir = autogenerateProject("sqlite:./app.db");
  const schema = (post: string, title: string, extra = "") => `import { table } from "@mig/core";

export const post = table("${post}", {
  id: { type: "integer", primaryKey: true },
  ${title}: { type: "text" },${extra}
}, { indexes: [{ name: "${title}_idx", columns: ["${title}"] }] });

export const comment = table("comment", {
  id: { type: "integer", primaryKey: true },
  post_id: { type: "integer", references: { table: "${post}", column: "id" } },
});
`;
  writeFileSync(join(dir, "schema.ts"), schema("post", "title"));
  const first = mig(dir, ["revision", "--autogenerate", "-m", "init"]);
  expect(first.code, printed(first)).toBe(0);
  expect(mig(dir, ["up"]).code).toBe(0);

  writeFileSync(join(dir, "schema.ts"), schema("Post", "Title"));
  const check = mig(dir, ["check"]);
  expect(check.code, printed(check)).toBe(0);
  expect(check.stdout + check.stderr).toContain(
    "table Post is post in the database, where names ignore case: compared as post, and kept so",
  );
  expect(check.stdout + check.stderr).toContain(
    "column Post.Title is title in the database, where names ignore case",
  );
  expect(check.stdout + check.stderr).toContain(
    "index Title_idx on Post is title_idx in the database, where names ignore case: compared as title_idx, and kept so",
  );
  expect(check.stdout + check.stderr).not.toContain("drop table");

  // A real change beside it is still found, and the migration applies.
  writeFileSync(join(dir, "schema.ts"), schema("Post", "Title", '\n  body: { type: "text" },'));
  const before = migrationFiles(dir).length;
  const gen = mig(dir, ["revision", "--autogenerate", "-m", "body"]);
  expect(gen.code, printed(gen)).toBe(0);
  expect(migrationFiles(dir)).toHaveLength(before + 1);
  const up = mig(dir, ["up"]);
  expect(up.code, printed(up)).toBe(0);
  expect(mig(dir, ["check"]).code).toBe(0);
});
