// The folders of src/ (and workers/) must not import each other in a circle (issue: "no import circle between the
// folders of src/"). dependency-cruiser's own rules see modules, not folders, so this checks the
// graph of folders it finds: `npm run imports:check` runs it after the module rules.
import { createRequire } from 'node:module';
import { cruise } from 'dependency-cruiser';

const require = createRequire(import.meta.url);
const config = require('../.dependency-cruiser.js');
const { output } = await cruise(['src', 'workers'], { ...config.options, validate: false }, undefined, {
  tsConfig: require('../tsconfig.json'),
});

const inHouse = (path) => path.startsWith('src/') || path.startsWith('workers/');
// A folder of src/ (src/learning) or the workers' folder as a whole.
const folderOf = (path) => (path.startsWith('src/') ? path.split('/').slice(0, 2).join('/') : path.split('/')[0]);
const edges = new Map();
for (const module of output.modules) {
  if (!inHouse(module.source)) continue;
  const from = folderOf(module.source);
  for (const dependency of module.dependencies) {
    const to = folderOf(dependency.resolved);
    if (!inHouse(dependency.resolved) || to === from) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    const why = edges.get(from);
    if (!why.has(to)) why.set(to, `${module.source} → ${dependency.resolved}`);
  }
}

// Tarjan's strongly connected components over the folder graph.
let next = 0;
const index = new Map();
const low = new Map();
const stack = [];
const cycles = [];
function visit(folder) {
  index.set(folder, next);
  low.set(folder, next++);
  stack.push(folder);
  for (const to of edges.get(folder)?.keys() ?? []) {
    if (!index.has(to)) {
      visit(to);
      low.set(folder, Math.min(low.get(folder), low.get(to)));
    } else if (stack.includes(to)) {
      low.set(folder, Math.min(low.get(folder), index.get(to)));
    }
  }
  if (low.get(folder) !== index.get(folder)) return;
  const component = [];
  let member;
  do {
    member = stack.pop();
    component.push(member);
  } while (member !== folder);
  if (component.length > 1) cycles.push(component);
}
for (const folder of edges.keys()) if (!index.has(folder)) visit(folder);

for (const component of cycles) {
  console.error(`error folder-cycle: ${component.join(', ')} import each other`);
  for (const from of component) {
    for (const [to, example] of edges.get(from) ?? []) {
      if (component.includes(to)) console.error(`  ${from} → ${to}, e.g. ${example}`);
    }
  }
}
if (cycles.length) process.exit(1);
console.log(`✔ no import circles between the ${edges.size} folders of src/ and workers/`);
