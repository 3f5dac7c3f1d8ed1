import { readNumbers } from './read-numbers';
import { tokenize } from './tokenize';

/** The figures and dates of a text as written there ("3,000", "ten thousand", "January 2025" -> "January", "2025"). */
export function figuresIn(text: string): string[] {
  const tokens = tokenize(text);
  return readNumbers(tokens, text).map((figure) => text.slice(tokens.starts[figure.first]!, tokens.ends[figure.last]!));
}
