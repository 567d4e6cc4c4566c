import ts from 'typescript';

// Issue 10: every user-facing string of the popup and options page comes from
// public/_locales through t(). This finds text written into the code instead, with the
// TypeScript parser: JSX text, text in JSX attributes people see or hear, and prose in
// string literals anywhere else in src/ui.

/** One string a person would read or hear that does not come from the catalogue. */
export interface HardCodedString {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

/** JSX attributes whose string values are for the browser, never for people. */
const TECHNICAL_ATTRIBUTES = new Set([
  'accept',
  'aria-atomic',
  'aria-autocomplete',
  'aria-busy',
  'aria-checked',
  'aria-controls',
  'aria-current',
  'aria-describedby',
  'aria-disabled',
  'aria-expanded',
  'aria-haspopup',
  'aria-hidden',
  // Key names as ARIA defines them ("Alt+ArrowUp"), not words: never translated.
  'aria-keyshortcuts',
  'aria-invalid',
  'aria-labelledby',
  'aria-live',
  'aria-modal',
  'aria-orientation',
  'aria-pressed',
  'aria-relevant',
  'aria-required',
  'aria-selected',
  'aria-sort',
  'autoComplete',
  'autocapitalize',
  'class',
  'className',
  'd',
  'decoding',
  'dir',
  'download',
  'enterKeyHint',
  'fill',
  'focusable',
  'for',
  'height',
  'href',
  'htmlFor',
  'id',
  'inputMode',
  'key',
  'lang',
  'loading',
  'method',
  'name',
  'pattern',
  'rel',
  'shape-rendering',
  'shapeRendering',
  'transform',
  'role',
  'src',
  'stroke',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-width',
  'style',
  'target',
  'tone',
  'type',
  'value',
  'viewBox',
  'width',
  'xmlns',
]);

/** Keyboard key names: compared with `event.key`, never shown. */
const KEY_NAMES = new Set([
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'Backspace',
  'Delete',
  'End',
  'Enter',
  'Escape',
  'Home',
  'PageDown',
  'PageUp',
  'Tab',
]);

/** A comment on the line before a string that marks it as not for people, with a reason. */
const EXEMPT = /i18n-exempt: \S/;

const hasLetter = (text: string) => /\p{L}/u.test(text);
/**
 * Prose outside JSX: a capitalised word ("Copied", "Enter your passphrase"), a sentence's end,
 * or three words; in a template, whose words surround values ("${n} seconds left"), two words.
 * Class lists ("row busy") and key names ("Escape") are not prose.
 */
function isProse(text: string, template: boolean): boolean {
  const trimmed = text.trim();
  if (KEY_NAMES.has(trimmed)) return false;
  const words = trimmed.split(/\s+/).filter((word) => /\p{L}/u.test(word));
  return (
    /(^|\s)\p{Lu}\p{Ll}/u.test(trimmed) ||
    /\p{L}[.!?…]$/u.test(trimmed) ||
    words.length >= (template ? 2 : 3)
  );
}

function attributeName(node: ts.JsxAttribute): string {
  return ts.isIdentifier(node.name) ? node.name.text : node.name.getText();
}

/**
 * Where a literal's value ends up: shown as JSX text, as the value of a JSX attribute, or
 * only in code (a comparison, a call's argument…). It climbs through the expressions that pass
 * a value on unchanged: parentheses, either branch of `?:`, `&&`, `||`, `??`, templates.
 */
function destination(node: ts.Node): 'text' | 'code' | ts.JsxAttribute {
  let at: ts.Node = node;
  for (;;) {
    const parent = at.parent;
    if (!parent) return 'code';
    if (ts.isJsxExpression(parent)) {
      return parent.parent && ts.isJsxAttribute(parent.parent) ? parent.parent : 'text';
    }
    if (ts.isJsxAttribute(parent)) return parent;
    const passesOn =
      ts.isParenthesizedExpression(parent) ||
      ts.isTemplateSpan(parent) ||
      ts.isTemplateExpression(parent) ||
      (ts.isConditionalExpression(parent) && parent.condition !== at) ||
      (ts.isBinaryExpression(parent) &&
        [
          ts.SyntaxKind.AmpersandAmpersandToken,
          ts.SyntaxKind.BarBarToken,
          ts.SyntaxKind.QuestionQuestionToken,
        ].includes(parent.operatorToken.kind) &&
        (parent.right === at ||
          parent.operatorToken.kind !== ts.SyntaxKind.AmpersandAmpersandToken));
    if (!passesOn) return 'code';
    at = parent;
  }
}

/** Literals that name things for code: imports, types, property keys, `t()`'s own keys. */
function isCodeName(node: ts.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent)) return true;
  if (ts.isExternalModuleReference(parent) || ts.isImportTypeNode(parent.parent ?? parent))
    return true;
  if (ts.isLiteralTypeNode(parent)) return true;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent)) && parent.name === node)
    return true;
  if (ts.isElementAccessExpression(parent) && parent.argumentExpression === node) return true;
  if (ts.isCallExpression(parent) && parent.arguments[0] === node) {
    const callee = parent.expression.getText();
    return callee === 't' || callee === 'send' || /\.send$/.test(callee);
  }
  return false;
}

function isExempt(node: ts.Node, source: ts.SourceFile): boolean {
  const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
  const text = source.text.split('\n');
  return EXEMPT.test(text[line] ?? '') || EXEMPT.test(text[line - 1] ?? '');
}

function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join('');
  return undefined;
}

/** Every hard-coded user-facing string in one src/ui product file. */
export function findHardCodedStrings(file: string, text: string): HardCodedString[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const found: HardCodedString[] = [];
  const report = (node: ts.Node, value: string) => {
    if (isExempt(node, source)) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push({ file, line, text: value.trim().replace(/\s+/g, ' ') });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) {
      if (hasLetter(node.text)) report(node, node.text);
      return;
    }
    const value = literalText(node);
    if (value !== undefined && !isCodeName(node)) {
      const to = destination(node);
      if (to === 'code') {
        if (isProse(value, ts.isTemplateExpression(node))) report(node, value);
      } else if (to === 'text') {
        if (hasLetter(value)) report(node, value);
      } else {
        const name = attributeName(to);
        const technical = TECHNICAL_ATTRIBUTES.has(name) || name.startsWith('data-');
        if (!technical && hasLetter(value)) report(node, value);
      }
      if (ts.isTemplateExpression(node)) node.templateSpans.forEach((span) => visit(span));
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
