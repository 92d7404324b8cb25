// Lists the longest functions and files of the page's source, so a reader (and the closing note
// of a refactor) can see where the page is hard to read. A function's length is its full span in
// lines, closures inside it included; each nested closure is also listed on its own.
//
//   node scripts/function-lengths.mjs [--top N] [--over LINES] [dir ...]   (default: web/src)
//
// With --over, only functions longer than LINES are listed (and files longer than 3×LINES), and
// the exit status is 1 when any is found, so the limit can be checked in a script (2: bad arguments).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));

function parseArgs(argv) {
  const options = { top: 10, over: null, dirs: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--top' || arg === '--over') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 1) throw new Error(`${arg} needs a positive whole number`);
      options[arg.slice(2)] = value;
    } else {
      options.dirs.push(arg);
    }
  }
  if (options.dirs.length === 0) options.dirs.push('web/src');
  return options;
}

// Generated files are written by scripts, not by hand, so their length is not a reading problem.
function isHandWritten(path) {
  return /\.tsx?$/.test(path) && !/\.d\.ts$/.test(path) && !/\.generated\.ts$/.test(path);
}

function sourceFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (isHandWritten(path)) out.push(path);
  }
  return out;
}

// A readable name for a function: its own name, the variable or property it is assigned to, or
// the call it is passed to (an event listener's callback is named after addEventListener).
function functionName(node, file) {
  if (node.name) return node.name.getText(file);
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) {
    return parent.name.getText(file);
  }
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
    const callee = parent.expression.getText(file).replace(/\s+/g, '');
    return `(callback of ${callee.length > 40 ? callee.slice(-40) : callee})`;
  }
  return '(anonymous)';
}

function isFunction(node) {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  );
}

function functionsOf(path) {
  const text = readFileSync(path, 'utf8');
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found = [];
  const visit = (node, outer) => {
    let scope = outer;
    if (isFunction(node) && node.body) {
      const start = file.getLineAndCharacterOfPosition(node.getStart(file)).line;
      const end = file.getLineAndCharacterOfPosition(node.getEnd()).line;
      const name = functionName(node, file);
      scope = outer ? `${outer} › ${name}` : name;
      found.push({ path, line: start + 1, lines: end - start + 1, name: scope });
    }
    ts.forEachChild(node, (child) => visit(child, scope));
  };
  visit(file, '');
  const lines = text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
  return { functions: found, lines };
}

let options;
try {
  options = parseArgs(process.argv.slice(2));
  for (const dir of options.dirs) if (!existsSync(join(root, dir))) throw new Error(`no folder ${dir} in ${root}`);
} catch (e) {
  console.error(`function-lengths: ${e.message}`);
  process.exit(2);
}
const functions = [];
const files = [];
for (const dir of options.dirs) {
  for (const path of sourceFiles(join(root, dir))) {
    const result = functionsOf(path);
    functions.push(...result.functions);
    files.push({ path, lines: result.lines });
  }
}
functions.sort((a, b) => b.lines - a.lines || a.path.localeCompare(b.path));
files.sort((a, b) => b.lines - a.lines || a.path.localeCompare(b.path));

const fileLimit = options.over === null ? null : options.over * 3;
const shownFunctions = options.over === null ? functions.slice(0, options.top) : functions.filter((f) => f.lines > options.over);
const shownFiles = fileLimit === null ? files.slice(0, options.top) : files.filter((f) => f.lines > fileLimit);

const where = (path, line) => `${relative(root, path)}${line ? `:${line}` : ''}`;
console.log(
  options.over === null
    ? `Longest functions (${functions.length} in ${files.length} files; ${functions.filter((f) => f.lines > 100).length} over 100 lines):`
    : `Functions over ${options.over} lines:`,
);
for (const f of shownFunctions) console.log(`${String(f.lines).padStart(5)}  ${f.name}  (${where(f.path, f.line)})`);
console.log(fileLimit === null ? `Longest files (${files.filter((f) => f.lines > 300).length} over 300 lines):` : `Files over ${fileLimit} lines:`);
for (const f of shownFiles) console.log(`${String(f.lines).padStart(5)}  ${where(f.path)}`);
if (options.over !== null && (shownFunctions.length > 0 || shownFiles.length > 0)) process.exitCode = 1;
