import type { JsonObject, JsonValue } from './backlog.types';
import { setOwn } from './json-values';

/**
 * A small tolerant reader for the JS-ish object literals backlogs use, e.g.
 * `{bv:5, tc:3, effort:0.5, deps:["B-043"]}`: unquoted keys, single or double quotes,
 * bare words, trailing commas. It only reads data; nothing is ever evaluated.
 */
export type ScoreParse = { ok: true; value: JsonObject } | { ok: false; error: string };

const MAX_DEPTH = 16;

const isSpace = (code: number): boolean => code === 32 || (code >= 9 && code <= 13) || code === 160 || code === 0xfeff;
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };
/** `,` `:` `{` `}` `[` `]` end a bare word. */
const isBareStop = (code: number): boolean =>
  code === 44 || code === 58 || code === 123 || code === 125 || code === 91 || code === 93;

class Reader {
  private pos = 0;
  constructor(private readonly text: string) {}

  fail(what: string): never {
    throw new SyntaxError(`${what} at offset ${this.pos}`);
  }

  skipSpace(): void {
    while (this.pos < this.text.length && isSpace(this.text.charCodeAt(this.pos))) this.pos++;
  }

  peek(): string | undefined {
    this.skipSpace();
    return this.text[this.pos];
  }

  expect(char: string): void {
    if (this.peek() !== char) this.fail(`expected '${char}'`);
    this.pos++;
  }

  atEnd(): boolean {
    return this.peek() === undefined;
  }

  object(depth: number): JsonObject {
    if (depth > MAX_DEPTH) this.fail('nested too deeply');
    this.expect('{');
    const result: JsonObject = {};
    while (this.peek() !== '}') {
      const key = this.peek() === '"' || this.peek() === "'" ? this.quoted() : this.bare();
      if (key === '') this.fail('expected a key');
      this.expect(':');
      setOwn(result, key, this.value(depth));
      if (this.peek() !== ',') break;
      this.pos++;
    }
    this.expect('}');
    return result;
  }

  private array(depth: number): JsonValue[] {
    if (depth > MAX_DEPTH) this.fail('nested too deeply');
    this.expect('[');
    const items: JsonValue[] = [];
    while (this.peek() !== ']') {
      items.push(this.value(depth));
      if (this.peek() !== ',') break;
      this.pos++;
    }
    this.expect(']');
    return items;
  }

  private value(depth: number): JsonValue {
    const next = this.peek();
    if (next === '{') return this.object(depth + 1);
    if (next === '[') return this.array(depth + 1);
    if (next === '"' || next === "'") return this.quoted();
    const word = this.bare();
    if (word === '') this.fail('expected a value');
    return literal(word);
  }

  private quoted(): string {
    const quote = this.text[this.pos] as string;
    let out = '';
    for (this.pos++; this.pos < this.text.length; this.pos++) {
      const char = this.text[this.pos] as string;
      if (char === quote) {
        this.pos++;
        return out;
      }
      if (char === '\\' && this.pos + 1 < this.text.length) out += this.escape();
      else out += char;
    }
    return this.fail('unterminated string');
  }

  /** One escape sequence after a backslash (JSON's, leniently: unknown escapes keep the character). */
  private escape(): string {
    const code = this.text[++this.pos] as string;
    if (code === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 1, this.pos + 5))) {
      this.pos += 4;
      return String.fromCharCode(parseInt(this.text.slice(this.pos - 3, this.pos + 1), 16));
    }
    return ESCAPES[code] ?? code;
  }

  private bare(): string {
    this.skipSpace();
    const start = this.pos;
    while (this.pos < this.text.length && !isBareStop(this.text.charCodeAt(this.pos))) this.pos++;
    return this.text.slice(start, this.pos).trim();
  }
}

const literal = (word: string): JsonValue => {
  const first = word.charCodeAt(0);
  if (((first >= 48 && first <= 57) || first === 45) && /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/i.test(word)) {
    const number = Number(word);
    if (Number.isFinite(number)) return number;
  }
  if (word === 'true') return true;
  if (word === 'false') return false;
  if (word === 'null') return null;
  return word;
};

/** Reads `{key: value, ...}`; never throws, never evaluates. */
export const parseScoreObject = (text: string): ScoreParse => {
  const reader = new Reader(text);
  try {
    const value = reader.object(0);
    if (!reader.atEnd()) reader.fail('unexpected text after the object');
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
};
