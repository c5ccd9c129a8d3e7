import { TaskledgerError } from '@taskledger/errors';

type Quote = "'" | '"' | null;

/**
 * Splits a command string into argv the way a POSIX shell splits words, without running a shell:
 * single and double quotes group, a backslash escapes the next character (inside double quotes
 * only `"`, `\`, `$` and a backquote), and nothing is expanded. Throws on an unclosed quote.
 */
export const splitArgv = (command: string): string[] => {
  const words: string[] = [];
  let word: string | null = null;
  let quote: Quote = null;
  for (let index = 0; index < command.length; index++) {
    const char = command.charAt(index);
    if (quote === "'") {
      if (char === "'") quote = null;
      else word += char;
    } else if (
      char === '\\' &&
      index + 1 < command.length &&
      (quote === null || '"\\$`'.includes(command.charAt(index + 1)))
    ) {
      word = (word ?? '') + command[++index];
    } else if (quote === '"') {
      if (char === '"') quote = null;
      else word += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      word ??= '';
    } else if (/\s/.test(char)) {
      if (word !== null) words.push(word);
      word = null;
    } else {
      word = (word ?? '') + char;
    }
  }
  if (quote !== null)
    throw new TaskledgerError('InvalidArgument', `command has an unclosed ${quote} quote: ${command}`);
  if (word !== null) words.push(word);
  return words;
};

/** A word as a shell would need it quoted, for display. */
export const quoteWord = (word: string): string =>
  /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
