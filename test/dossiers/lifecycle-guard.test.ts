import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { DOSSIER_STATES } from '../../machines/dossier.machine';

/*
 * The dossier machine is the table of its lifecycle: what depends on a state is its meta and tags, read
 * through src/dossiers/dossier-rules.ts. This test fails when a file of src/ (demo data generation aside)
 * names a state in a string literal, keys an object by state names, or declares a Record keyed by
 * DossierState — the copies that once disagreed with the machine.
 */

const ROOT = path.resolve(__dirname, '../..');
const RULES_MODULE = 'src/dossiers/dossier-rules.ts';
const STATES = new Set<string>(DOSSIER_STATES);
/** Calls whose string argument is a tag of the machine (a tag may share a state's name: `recognized`). */
const TAG_CALLS = new Set(['hasTag', 'statesTagged']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const checkedFiles = () =>
  sourceFiles(path.join(ROOT, 'src'))
    .map((f) => path.relative(ROOT, f).split(path.sep).join('/'))
    .filter((f) => f !== RULES_MODULE && !f.startsWith('src/demo/'));

function isTagArgument(node: ts.Node): boolean {
  const call = node.parent;
  if (!call || !ts.isCallExpression(call)) return false;
  const callee = call.expression;
  const name = ts.isIdentifier(callee)
    ? callee.text
    : ts.isPropertyAccessExpression(callee)
      ? callee.name.text
      : '';
  return TAG_CALLS.has(name);
}

const propertyName = (name: ts.PropertyName): string | null =>
  ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : null;

/** Every place in a file's text that names a dossier state, with its line. */
export function stateMentions(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const at = (node: ts.Node, what: string) =>
    found.push(`${fileName}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${what}`);
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) && STATES.has(node.text) && !isTagArgument(node)) {
      at(node, `literal '${node.text}'`);
    }
    // Templates hold SQL and messages: any state name among their words counts.
    const parts = ts.isNoSubstitutionTemplateLiteral(node)
      ? [node.text]
      : ts.isTemplateExpression(node)
        ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)]
        : [];
    for (const part of parts) {
      for (const word of part.split(/[^a-z_]+/)) if (STATES.has(word)) at(node, `template '${word}'`);
    }
    // A table keyed by state has several states as keys (a single `recognized` count is not one).
    if (ts.isObjectLiteralExpression(node) || ts.isTypeLiteralNode(node) || ts.isInterfaceDeclaration(node)) {
      const members: readonly ts.Node[] = ts.isObjectLiteralExpression(node) ? node.properties : node.members;
      const keys = members.flatMap((m) => {
        const name = (m as { name?: ts.PropertyName }).name;
        const text = name ? propertyName(name) : null;
        return text && STATES.has(text) ? [[m, text] as const] : [];
      });
      if (keys.length > 1) for (const [m, text] of keys) at(m, `key '${text}'`);
    }
    if (
      ts.isTypeReferenceNode(node) &&
      node.typeName.getText(source) === 'Record' &&
      node.typeArguments?.[0]?.getText(source) === 'DossierState'
    ) {
      at(node, 'Record keyed by DossierState');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the dossier machine is the only table of its lifecycle', () => {
  it('no file of src/ outside the rules module names a state or keys a table by state', () => {
    const mentions = checkedFiles().flatMap((f) =>
      stateMentions(f, fs.readFileSync(path.join(ROOT, f), 'utf8')),
    );
    expect(mentions).toEqual([]);
  });

  it('catches each kind of copy (the check itself works)', () => {
    const sample = [
      "const a = dossier.state === 'awarded';",
      'const b = { district_review: 10, provincial_appraisal: 15, recognized: 1 };',
      'type C = Record<DossierState, string>;',
      'const d = `state IN (recognized)`;',
      'interface Row { recognized: number; registered: number }',
      "const ok = hasTag(state, 'recognized') && statesTagged('timed');",
    ].join('\n');
    expect(stateMentions('sample.ts', sample)).toEqual([
      "sample.ts:1 literal 'awarded'",
      "sample.ts:2 key 'district_review'",
      "sample.ts:2 key 'provincial_appraisal'",
      "sample.ts:2 key 'recognized'",
      'sample.ts:3 Record keyed by DossierState',
      "sample.ts:4 template 'recognized'",
    ]);
  });
});
