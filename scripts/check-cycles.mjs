#!/usr/bin/env node
// Fails (exit 1) on a circle of runtime imports inside a package's src/ (type-only imports
// are erased and do not count): the layers (array → graph → scheduler → kernels → io → nima)
// import downward only, and a circle makes module evaluation order matter.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// import/export … from "./x.js" (not `import type`, not `{ type a, type b }`), import "./x.js"
const IMPORT = /^(?:import|export)\s+(?!type\b)([^;]*?)from\s+"(\.[^"]+)"|^import\s+"(\.[^"]+)"/gms;

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return path.endsWith(".ts") && !path.endsWith(".test.ts") && !path.endsWith(".d.ts")
      ? [path]
      : [];
  });
}

const typeOnly = (clause) => {
  const names = clause.trim();
  if (!/^\{[^}]*\}$/s.test(names)) return false;
  const list = names
    .replace(/[{}\s]/g, "")
    .split(",")
    .filter(Boolean);
  return list.length > 0 && list.every((n) => n.startsWith("type"));
};

const circles = [];
for (const pkg of readdirSync(join(root, "packages"))) {
  const src = join(root, "packages", pkg, "src");
  let files;
  try {
    files = sources(src);
  } catch {
    continue;
  }
  const graph = new Map();
  for (const file of files) {
    const deps = [];
    for (const m of readFileSync(file, "utf8").matchAll(IMPORT)) {
      if (m[1] && typeOnly(m[1])) continue;
      deps.push(resolve(dirname(file), (m[2] ?? m[3]).replace(/\.js$/, ".ts")));
    }
    graph.set(file, deps);
  }
  const state = new Map();
  const stack = [];
  const visit = (file) => {
    state.set(file, "open");
    stack.push(file);
    for (const dep of graph.get(file) ?? []) {
      if (!graph.has(dep)) continue;
      if (state.get(dep) === "open") {
        const circle = stack.slice(stack.indexOf(dep)).map((f) => relative(root, f));
        circles.push([...circle, circle[0]].join(" → "));
      } else if (!state.has(dep)) visit(dep);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of files) if (!state.has(file)) visit(file);
}

if (circles.length > 0) {
  console.error(`${circles.join("\n")}\n\n${circles.length} import circle(s) in src/`);
  process.exit(1);
}
console.log("imports: no circles in any package's src/");
