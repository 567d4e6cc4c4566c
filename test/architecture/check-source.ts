import { posix } from 'node:path';
import ts from 'typescript';
import {
  BANNED_PACKAGES,
  BROWSER_GLOBALS,
  MODULE_RULES,
  OWNED_PACKAGES,
  SUBTLE_OWNER,
  type ModuleRule,
} from './module-rules';
import { readImports, type ImportEdge } from './read-imports';

/** One broken rule, worded so the failure names file, line, the import and the rule. */
export interface Violation {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

const TABLE = 'test/architecture/module-rules.ts';
const ROOT_ALIASES = ['@@/', '~~/', '@/', '~/'];

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

/** The rule key for a path: the longest key of the table that prefixes it. */
export function ruleKeyFor(path: string, rules = MODULE_RULES): string | undefined {
  return Object.keys(rules)
    .filter((key) => under(path, key))
    .sort((a, b) => b.length - a.length)[0];
}

type Target = { package: string } | { path: string };

function resolve(from: string, specifier: string): Target {
  if (specifier.startsWith('.')) return { path: posix.join(posix.dirname(from), specifier) };
  const alias = ROOT_ALIASES.find((prefix) => specifier.startsWith(prefix));
  if (alias) return { path: posix.normalize(specifier.slice(alias.length)) };
  const parts = specifier.split('/');
  return { package: parts.slice(0, specifier.startsWith('@') ? 2 : 1).join('/') };
}

function packageProblem(key: string, rule: ModuleRule, specifier: string, name: string) {
  const banned = BANNED_PACKAGES[name];
  if (banned) return banned;
  const owner = OWNED_PACKAGES[name];
  if (owner !== undefined) return under(key, owner) ? undefined : `only ${owner} imports ${name}`;
  if (rule.packages.some((allowed) => under(specifier, allowed))) return undefined;
  const listed = rule.packages.length ? rule.packages.join(', ') : 'none';
  return `${key} may not import ${specifier} (packages it may import: ${listed})`;
}

function pathProblem(key: string, rule: ModuleRule, path: string, edge: ImportEdge) {
  if (under(path, key) || rule.imports.some((allowed) => under(path, allowed))) return undefined;
  const module = ruleKeyFor(path) ?? path;
  if (rule.types?.some((allowed) => under(path, allowed))) {
    return edge.typeOnly
      ? undefined
      : `${key} may import only types from ${module}, and this import brings in values`;
  }
  return `${key} may not import ${module} (it may import: ${describe(rule)})`;
}

function describe(rule: ModuleRule): string {
  const types = (rule.types ?? []).map((path) => `types of ${path}`);
  const all = [...rule.imports, ...types];
  return all.length ? all.join(', ') : 'only its own files';
}

function importProblem(key: string, rule: ModuleRule, from: string, edge: ImportEdge) {
  if (edge.specifier === undefined) return 'a computed module specifier cannot be checked';
  const target = resolve(from, edge.specifier);
  return 'package' in target
    ? packageProblem(key, rule, edge.specifier, target.package)
    : pathProblem(key, rule, target.path, edge);
}

/** Names the file itself binds, so a parameter called `document` is not the global. */
function declaredNames(sourceFile: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const bind = (name: ts.BindingName | undefined) => {
    if (!name) return;
    if (ts.isIdentifier(name)) names.add(name.text);
    else
      for (const element of name.elements) if (!ts.isOmittedExpression(element)) bind(element.name);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node))
      bind(node.name);
    else if (
      (ts.isFunctionDeclaration(node) ||
        ts.isClassDeclaration(node) ||
        ts.isImportClause(node) ||
        ts.isImportSpecifier(node) ||
        ts.isNamespaceImport(node) ||
        ts.isImportEqualsDeclaration(node)) &&
      node.name
    )
      names.add(node.name.text);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return names;
}

/** True when an identifier names a property, a member or a type, not a value in scope. */
function isNotAReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isQualifiedName(parent)) return parent.right === node;
  const named =
    ts.isPropertyAccessExpression(parent) ||
    ts.isPropertyAssignment(parent) ||
    ts.isPropertyDeclaration(parent) ||
    ts.isPropertySignature(parent) ||
    ts.isMethodDeclaration(parent) ||
    ts.isMethodSignature(parent) ||
    ts.isGetAccessorDeclaration(parent) ||
    ts.isSetAccessorDeclaration(parent) ||
    ts.isEnumMember(parent) ||
    ts.isJsxAttribute(parent);
  if (named && parent.name === node) return true;
  for (let up: ts.Node | undefined = parent; up; up = up.parent) if (ts.isTypeNode(up)) return true;
  return false;
}

function globalsUsed(sourceFile: ts.SourceFile, allowed: readonly string[]) {
  const forbidden = new Set(BROWSER_GLOBALS.filter((name) => !allowed.includes(name)));
  const declared = declaredNames(sourceFile);
  const found: { name: string; line: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isIdentifier(node) &&
      forbidden.has(node.text) &&
      !declared.has(node.text) &&
      !isNotAReference(node)
    ) {
      const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
      found.push({ name: node.text, line });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

function subtleCalls(sourceFile: ts.SourceFile): number[] {
  const lines: number[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'subtle')
      lines.push(sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return lines;
}

/**
 * Checks one product file of src/ or entrypoints/ against the module table: its imports, the
 * browser globals of pure folders, and the one door to crypto.subtle. `path` is relative to the
 * repository root, with forward slashes.
 */
export function checkSource(path: string, text: string): Violation[] {
  const key = ruleKeyFor(path);
  if (key === undefined)
    return [
      { file: path, line: 1, message: `${path}:1: no rule for this folder: add it to ${TABLE}` },
    ];
  const rule = MODULE_RULES[key]!;
  const kind = path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sourceFile = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  const violations: Violation[] = [];
  const report = (line: number, message: string) =>
    violations.push({ file: path, line, message: `${path}:${line}: ${message}` });
  const where = `(rule '${key}' in ${TABLE})`;
  for (const edge of readImports(sourceFile)) {
    const problem = importProblem(key, rule, path, edge);
    if (problem) report(edge.line, `${edge.kind} '${edge.specifier ?? '?'}': ${problem} ${where}`);
  }
  if (rule.pure) {
    for (const { name, line } of globalsUsed(sourceFile, rule.allowGlobals ?? []))
      report(line, `browser global '${name}' in pure code: ${key} runs in plain Node ${where}`);
  }
  if (!under(path, SUBTLE_OWNER)) {
    for (const line of subtleCalls(sourceFile))
      report(line, `crypto.subtle outside ${SUBTLE_OWNER}: it is the only caller ${where}`);
  }
  return violations;
}
