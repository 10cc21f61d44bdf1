import { afterEach } from "vitest";
import type { ConformanceOptions } from "./options.js";
import { type ScriptSpec, TestProject } from "./project.js";

/**
 * Makes the projects of one `describe` block's tests, each disposed of (its directory and
 * database) after the test that made it. Call it inside the block.
 */
export function testProjects(
  options: ConformanceOptions,
): (scripts: readonly ScriptSpec[]) => Promise<TestProject> {
  const projects: TestProject[] = [];
  afterEach(async () => {
    await Promise.all(projects.splice(0).map((p) => p.dispose()));
  });
  return async (scripts) => {
    const project = await TestProject.create(options, scripts);
    projects.push(project);
    return project;
  };
}
