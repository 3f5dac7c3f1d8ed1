/**
 * What the matcher says about a claim in a text. `confirmed` is highlighted; `possible` and
 * `numbers-differ` are listed in the popup only, with why.
 */
export type MatchTier = 'confirmed' | 'possible' | 'numbers-differ';

export interface ClaimMatch {
  claimKey: string;
  tier: MatchTier;
  /** character offsets in the text */
  start: number;
  end: number;
  /** weighted share of the claim's key words the passage states, 0..1 */
  score: number;
  why: MatchWhy;
}

export interface MatchWhy {
  /** the claim wording compared: 0 its statement, k its k-th phrasing */
  formSlot: number;
  /** the key words the passage shares with it, as written on the page */
  shared: string[];
  /** figures as written on the page that the claim does not have (numbers-differ) */
  pageFigures: string[];
  /** short reasons, in the reader's words */
  notes: string[];
  /** set when the passage contradicts the claim's wording: a known phrasing inside it is not confirmed either */
  contradicts?: true;
}
