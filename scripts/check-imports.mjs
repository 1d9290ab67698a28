#!/usr/bin/env node
// Fails (exit 1) on an import that reaches into a package's src/ or dist/ from outside that
// package: tests, bench, examples and the other packages import "@nima-ts/<name>" (and its
// declared subpaths) like any user, so the public API is what they exercise.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const SKIP = new Set(["node_modules", "dist", "lib", "labextension", "artifacts", ".git"]);
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
// from "x", import "x", import("x"), require("x"), export … from "x"
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)["']([^"'\n]+)["']/g;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (SOURCE.test(entry.name) && !entry.name.endsWith(".d.ts")) yield path;
  }
}

/** The package folder (packages/<name>) holding `path`, if any. */
function packageOf(path) {
  const parts = relative(root, path).split(sep);
  return parts[0] === "packages" && parts.length > 2 ? parts.slice(0, 2).join("/") : undefined;
}

const problems = [];
for (const file of files(root)) {
  const from = packageOf(file);
  const source = readFileSync(file, "utf8");
  for (const match of source.matchAll(SPECIFIER)) {
    const specifier = match[1];
    const line = source.slice(0, match.index).split("\n").length;
    const where = `${relative(root, file)}:${line}`;
    if (/^@nima-ts\/[^/]+\/(src|dist)(\/|$)/.test(specifier)) {
      problems.push(
        `${where}: "${specifier}" reaches into a package's ${specifier.split("/")[2]}/`,
      );
      continue;
    }
    if (!specifier.startsWith(".")) continue;
    const target = resolve(dirname(file), specifier);
    const into = packageOf(target);
    const parts = relative(root, target).split(sep);
    if (into && into !== from && (parts[2] === "src" || parts[2] === "dist")) {
      problems.push(`${where}: "${specifier}" imports ${into}/${parts[2]}/ from outside it`);
    }
  }
}

if (problems.length > 0) {
  console.error(
    `${problems.join("\n")}\n\n${problems.length} import(s) of another package's src/ or dist/: ` +
      'import the package by name (e.g. "@nima-ts/core", "@nima-ts/core/filters") instead.',
  );
  process.exit(1);
}
console.log("imports: no reach into another package's src/ or dist/");
