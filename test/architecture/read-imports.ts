import ts from 'typescript';

/** How a file names another module. */
export type ImportKind =
  | 'import'
  | 'side-effect import'
  | 'dynamic import()'
  | 'export … from'
  | 'import = require()'
  | 'require()'
  | 'import() type';

/** One edge out of a file, as the TypeScript parser sees it. */
export interface ImportEdge {
  /** The module specifier, or undefined when a dynamic import computes it. */
  readonly specifier: string | undefined;
  readonly kind: ImportKind;
  /** True when the edge is erased at build time (`import type`, `{ type A }` only, …). */
  readonly typeOnly: boolean;
  readonly line: number;
}

const literal = (node: ts.Node | undefined): string | undefined =>
  node && ts.isStringLiteralLike(node) ? node.text : undefined;

function importIsTypeOnly(clause: ts.ImportClause | undefined): boolean {
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return (
    !clause.name &&
    named !== undefined &&
    ts.isNamedImports(named) &&
    named.elements.length > 0 &&
    named.elements.every((element) => element.isTypeOnly)
  );
}

function exportIsTypeOnly(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return (
    clause !== undefined &&
    ts.isNamedExports(clause) &&
    clause.elements.length > 0 &&
    clause.elements.every((element) => element.isTypeOnly)
  );
}

/** Every import edge of one source file, read with the TypeScript parser rather than a regex. */
export function readImports(sourceFile: ts.SourceFile): ImportEdge[] {
  const edges: ImportEdge[] = [];
  const add = (node: ts.Node, specifier: string | undefined, kind: ImportKind, typeOnly: boolean) =>
    edges.push({
      specifier,
      kind,
      typeOnly,
      line: sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1,
    });
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const kind = node.importClause ? 'import' : 'side-effect import';
      add(node, literal(node.moduleSpecifier), kind, importIsTypeOnly(node.importClause));
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      add(node, literal(node.moduleSpecifier), 'export … from', exportIsTypeOnly(node));
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference)
    ) {
      const specifier = literal(node.moduleReference.expression);
      add(node, specifier, 'import = require()', node.isTypeOnly);
    } else if (ts.isImportTypeNode(node)) {
      const argument = node.argument;
      const specifier = ts.isLiteralTypeNode(argument) ? literal(argument.literal) : undefined;
      add(node, specifier, 'import() type', true);
    } else if (ts.isCallExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        add(node, literal(node.arguments[0]), 'dynamic import()', false);
      } else if (ts.isIdentifier(node.expression) && node.expression.text === 'require') {
        add(node, literal(node.arguments[0]), 'require()', false);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return edges;
}
