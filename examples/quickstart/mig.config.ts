import { defineConfig } from "@mig/core";

export default defineConfig({
  url: process.env.DATABASE_URL ?? "sqlite:./quickstart.db",
  scriptLocation: "migrations",
});
