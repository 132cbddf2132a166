/**
 * The word of `choices` closest to `word` by edit distance, when it is close enough to be what
 * was meant (at most a third of the word's letters differ, or 2).
 *
 * @param word The word as typed, e.g. a misspelt flag.
 * @param choices The valid words.
 * @returns The closest valid word, or `undefined` when none is close.
 *
 * @example
 * ```ts
 * import { closestWord } from "./closest_word.ts";
 *
 * console.log(closestWord("stauts-in", ["status-in", "task-id-in"])); // "status-in"
 * ```
 */
export function closestWord(word: string, choices: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const choice of choices) {
    const distance = editDistance(word, choice);
    if (distance < bestDistance) {
      best = choice;
      bestDistance = distance;
    }
  }
  return best;
}

/** Damerau-Levenshtein distance (optimal string alignment): swaps of two letters count once. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const cost = new Uint16Array(rows * columns);
  for (let i = 0; i < rows; i++) cost[i * columns] = i;
  for (let j = 0; j < columns; j++) cost[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        cost[(i - 1) * columns + j] + 1,
        cost[i * columns + j - 1] + 1,
        cost[(i - 1) * columns + j - 1] + substitution,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, cost[(i - 2) * columns + j - 2] + 1);
      }
      cost[i * columns + j] = best;
    }
  }
  return cost[rows * columns - 1];
}
