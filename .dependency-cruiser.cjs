// Layer rules for the whole repository, checked by the test command (`pnpm run lint:deps`).
// docs/architecture.md explains them. .dependency-cruiser-known-violations.json lists
// accepted exceptions (none today); any other violation fails.

/** Core's layers, lowest first: a layer may import only the layers before it. */
const CORE_LAYERS = [
  "errors",
  "connection",
  "revision",
  "script",
  "operations",
  "schema",
  "dialect",
  "config",
  "runtime",
  "command",
  "fleet",
];

const core = (layer) => `^packages/core/src/${layer}/`;

const layerRules = CORE_LAYERS.slice(0, -1).map((layer, i) => ({
  name: `core-${layer}-not-upward`,
  comment: `core/${layer} may import only the layers below it: ${CORE_LAYERS.slice(0, i).join(", ") || "none"}`,
  severity: "error",
  from: { path: core(layer) },
  to: { path: `^packages/core/src/(${CORE_LAYERS.slice(i + 1).join("|")})/` },
}));

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "An import cycle: split the shared part into a lower module.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: "core-no-driver",
      comment: "Core depends on no database driver; dialect packages bring their own.",
      severity: "error",
      from: { path: "^packages/core/src/" },
      to: { path: "node_modules/(pg|pg-[^/]+|mysql2|better-sqlite3)/" },
    },
    {
      name: "nothing-imports-the-cli",
      comment: "The CLI sits on top: packages never import it.",
      severity: "error",
      from: { pathNot: "^apps/cli/" },
      to: { path: "^apps/cli/src/" },
    },
    {
      name: "dialects-are-independent",
      comment: "A dialect package does not import another dialect package.",
      severity: "error",
      from: { path: "^packages/(sqlite|postgres|mysql)/src/" },
      to: { path: "^packages/(sqlite|postgres|mysql)/src/", pathNot: "^packages/$1/src/" },
    },
    {
      name: "no-deep-imports-across-packages",
      comment: "Other packages use a package's published entry points, never its src/ files.",
      severity: "error",
      from: { path: "^(packages|apps|examples)/([^/]+)/" },
      to: {
        path: "^(packages|apps|examples)/([^/]+)/src/",
        pathNot: [
          "^$1/$2/src/",
          "^packages/[^/]+/src/index\\.ts$",
          "^packages/core/src/dialect-api\\.ts$",
        ],
      },
    },
    {
      name: "core-entry-points-only",
      comment:
        "Outside core, import `@mig/core` (users) or `@mig/core/dialect` (dialects), nothing deeper. " +
        "Other subpaths are not exported, so they show up as unresolved.",
      severity: "error",
      from: { pathNot: "^packages/core/" },
      to: { path: "^@mig/core/", pathNot: "^@mig/core/(dialect|schema|internal/.*)$" },
    },
    {
      name: "core-internal-is-the-clis",
      comment:
        "`@mig/core/internal/*` are the CLI's per-command entry points (no public API): " +
        "only apps/cli imports them.",
      severity: "error",
      from: { pathNot: "^(apps/cli|packages/core)/" },
      to: { path: "^(@mig/core/internal/|packages/core/(src|dist)/internal/)" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // dist/ is skipped, except core's internal entry points (core-internal-is-the-clis).
    exclude: { path: "(^|/)(dist(?!/internal/)|node_modules)/|\\.test\\.ts$|/test/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.base.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "types", "default"],
      extensions: [".ts", ".js", ".mjs"],
    },
  },
};
