import { readNumbers, type FigureKind } from './read-numbers';
import { tokenize } from './tokenize';

export interface WrittenFigure {
  /** as written: "3,000", "ten thousand", "January" */
  text: string;
  value: number;
  kind: FigureKind;
}

/** The figures and dates of a text as written there, with the values they read as. */
export function figuresIn(text: string): WrittenFigure[] {
  const tokens = tokenize(text);
  return readNumbers(tokens, text).map((figure) => ({
    text: text.slice(tokens.starts[figure.first]!, tokens.ends[figure.last]!),
    value: figure.value,
    kind: figure.kind,
  }));
}

/** The figures of `claim` that `passage` does not state: what the passage says otherwise. */
export function figuresNotIn(claim: string, passage: string): string[] {
  const stated = new Set(figuresIn(passage).map((f) => `${f.kind}:${f.value}`));
  return figuresIn(claim)
    .filter((f) => !stated.has(`${f.kind}:${f.value}`))
    .map((f) => f.text);
}
