// Reading a JSON text with positions: every value keeps where it was, so a
// wrong field is named with its line ("line 12, presets[1].label: …").
// jsonc-parser reads the text (strict JSON: no comments, no trailing commas);
// the nesting is bounded before it reads, so no input can exhaust the stack.
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { describeValue, MAX_QUOTE_CHARS, shorten } from '../shared/messages';

// A value of the file with its place: the node and its field path.
export interface At {
  node: Node;
  path: string;
}

// What is wrong, and where: thrown by the readers, caught by parseLesson only.
export class LessonProblem extends Error {
  constructor(
    readonly offset: number,
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

export const fail = (at: At, message: string): never => {
  throw new LessonProblem(at.node.offset, at.path, message);
};

// The line (from 1) of a character offset.
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

const WORDS: Record<string, string> = {
  InvalidSymbol: 'not JSON here',
  InvalidNumberFormat: 'a number written wrongly',
  PropertyNameExpected: 'a field name in double quotes expected',
  ValueExpected: 'a value expected',
  ColonExpected: 'a colon expected',
  CommaExpected: 'a comma expected',
  CloseBraceExpected: 'a closing } expected',
  CloseBracketExpected: 'a closing ] expected',
  EndOfFileExpected: 'nothing may follow the lesson’s closing }',
  InvalidCommentToken: 'comments are not JSON',
  UnexpectedEndOfComment: 'comments are not JSON',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'a number is cut off',
  InvalidUnicode: 'a \\u escape written wrongly',
  InvalidEscapeCharacter: 'an escape written wrongly',
  InvalidCharacter: 'a control character inside a string',
};

// The first place the nesting goes deeper than `max` (strings skipped), or -1.
function tooDeep(text: string, max: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // a backslash: the next character is escaped
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) return i;
    } else if (c === 93 || c === 125) depth--;
  }
  return -1;
}

// The text as a tree, or a problem at the first place it is not JSON.
export function readTree(text: string, maxDepth: number): Node {
  const deep = tooDeep(text, maxDepth);
  if (deep >= 0) throw new LessonProblem(deep, '', `nested deeper than ${maxDepth} levels`);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first) throw new LessonProblem(first.offset, '', `not JSON: ${WORDS[printParseErrorCode(first.error)] ?? 'not JSON here'}`);
  if (!root) throw new LessonProblem(0, '', 'not JSON: the file is empty');
  return root;
}

const kindOf = (node: Node): string =>
  node.type === 'null' ? 'null' : node.type === 'array' ? 'a list' : node.type === 'object' ? 'an object' : describeValue(node.value);

// A field's path for messages, with its key shortened: a key is the author's text, of any length.
const placeOf = (at: At, key: string) => (at.path ? `${at.path}.${shorten(key, MAX_QUOTE_CHARS)}` : shorten(key, MAX_QUOTE_CHARS));

// The fields of an object, each once, each one of `known` (required ones marked with a leading '!').
export function fields(at: At, known: readonly string[]): Map<string, At> {
  if (at.node.type !== 'object') fail(at, `must be an object (got ${kindOf(at.node)})`);
  const allowed = new Set(known.map((k) => k.replace(/^!/, '')));
  const out = new Map<string, At>();
  for (const prop of at.node.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    if (!keyNode || !valueNode) continue;
    const key = String(keyNode.value);
    const path = placeOf(at, key);
    if (!allowed.has(key)) fail({ node: keyNode, path }, `unknown field (the fields are ${[...allowed].join(', ')})`);
    if (out.has(key)) fail({ node: keyNode, path }, 'given twice');
    out.set(key, { node: valueNode, path });
  }
  for (const k of known) if (k.startsWith('!') && !out.has(k.slice(1))) fail(at, `the field "${k.slice(1)}" is missing`);
  return out;
}

// The entries of an object whose keys are free (settings), each once, at most `max`.
export function entries(at: At, max: number): [string, At][] {
  if (at.node.type !== 'object') fail(at, `must be an object (got ${kindOf(at.node)})`);
  const props = at.node.children ?? [];
  if (props.length > max) fail(at, `has ${props.length} fields; at most ${max}`);
  const seen = new Set<string>();
  return props.map((prop) => {
    const [keyNode, valueNode] = prop.children ?? [];
    const key = String(keyNode?.value);
    const path = placeOf(at, key);
    if (seen.has(key)) fail({ node: keyNode ?? prop, path }, 'given twice');
    seen.add(key);
    return [key, { node: valueNode ?? prop, path }];
  });
}

// The items of a list, with at least `min` and at most `max`.
export function items(at: At, min: number, max: number): At[] {
  if (at.node.type !== 'array') fail(at, `must be a list (got ${kindOf(at.node)})`);
  const children = at.node.children ?? [];
  if (children.length < min || children.length > max)
    fail(at, `has ${children.length} item${children.length === 1 ? '' : 's'}; ${min === max ? `exactly ${min}` : `from ${min} to ${max}`} expected`);
  return children.map((node, i) => ({ node, path: `${at.path}[${i}]` }));
}

export function str(at: At, maxChars: number, pattern?: RegExp, what = 'text'): string {
  if (at.node.type !== 'string') fail(at, `must be a string (got ${kindOf(at.node)})`);
  const v = at.node.value as string;
  if (v.length > maxChars) fail(at, `is ${v.length} characters long; at most ${maxChars}`);
  if (pattern && !pattern.test(v)) fail(at, `${describeValue(v)} is not ${what}`);
  return v;
}

export function num(at: At, min: number, max: number, integer = false): number {
  if (at.node.type !== 'number') fail(at, `must be a number (got ${kindOf(at.node)})`);
  const v = at.node.value as number;
  if (!Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v)))
    fail(at, `${describeValue(v)} is not ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`);
  return v;
}

// A number that must be finite (a point's coordinate, a weight), with nothing else checked.
export function finite(at: At): number {
  if (at.node.type !== 'number' || !Number.isFinite(at.node.value)) fail(at, `must be a finite number (got ${kindOf(at.node)})`);
  return at.node.value as number;
}

export function oneOf<T extends string>(at: At, options: readonly T[]): T {
  const v = str(at, 100);
  if (!(options as readonly string[]).includes(v)) fail(at, `${describeValue(v)} is not one of ${options.join(', ')}`);
  return v as T;
}
