#!/usr/bin/env node
// Committed launcher: npm links it at `npm ci` time (before any build), so `npx bima` runs
// this checkout's command and never looks the name up in the registry.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const built = new URL("../dist/bin/bima.js", import.meta.url);
if (!existsSync(built)) {
  const root = resolve(fileURLToPath(import.meta.url), "../../../..");
  console.error(
    `bima: the command line is not built yet: run \`npm run build\` first (in ${root})`,
  );
  process.exit(1);
}
await import(built.href);
