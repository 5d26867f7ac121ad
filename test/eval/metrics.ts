// The evaluation's arithmetic, kept apart so a unit test can pin it: per-category counts → recall,
// precision and the share of negative cases flagged.

export interface CaseResult {
  /** The category the case belongs to (a positive's rule category; "negative" cases use their own label). */
  category: string;
  positive: boolean;
  /** For positives: the secret was found. For negatives: something was reported. */
  flagged: boolean;
  /** Categories of the rules that reported something (a false alarm is charged to them). */
  reportedCategories: string[];
}

export interface CategoryScore {
  category: string;
  positives: number;
  found: number;
  /** Findings on negative cases charged to this category's rules. */
  falseAlarms: number;
  recall: number;
  precision: number;
}

export interface Scores {
  categories: CategoryScore[];
  total: CategoryScore;
  negatives: number;
  negativesFlagged: number;
  /** Share of negative cases with at least one finding. */
  falseAlarmRate: number;
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

export function score(results: CaseResult[]): Scores {
  const byCategory = new Map<string, { positives: number; found: number; falseAlarms: number }>();
  const bucket = (category: string) => {
    let entry = byCategory.get(category);
    if (!entry) byCategory.set(category, (entry = { positives: 0, found: 0, falseAlarms: 0 }));
    return entry;
  };
  let negatives = 0;
  let negativesFlagged = 0;
  for (const result of results) {
    if (result.positive) {
      const entry = bucket(result.category);
      entry.positives++;
      if (result.flagged) entry.found++;
    } else {
      negatives++;
      if (result.flagged) negativesFlagged++;
      for (const category of new Set(result.reportedCategories)) bucket(category).falseAlarms++;
    }
  }
  const toScore = (category: string, e: { positives: number; found: number; falseAlarms: number }): CategoryScore => ({
    category,
    ...e,
    recall: ratio(e.found, e.positives),
    precision: ratio(e.found, e.found + e.falseAlarms),
  });
  const categories = [...byCategory].map(([c, e]) => toScore(c, e)).sort((a, b) => a.category.localeCompare(b.category));
  const sum = categories.reduce((t, c) => ({ positives: t.positives + c.positives, found: t.found + c.found, falseAlarms: t.falseAlarms + c.falseAlarms }), { positives: 0, found: 0, falseAlarms: 0 });
  return { categories, total: toScore('all', sum), negatives, negativesFlagged, falseAlarmRate: ratio(negativesFlagged, negatives) === 1 && negatives === 0 ? 0 : negativesFlagged / negatives };
}

export function formatScores(scores: Scores): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  const rows = [...scores.categories, scores.total].map(
    (c) => `${c.category.padEnd(14)} ${String(c.positives).padStart(6)} ${String(c.found).padStart(6)} ${pct(c.recall)} ${String(c.falseAlarms).padStart(7)} ${pct(c.precision)}`,
  );
  return [
    `${'category'.padEnd(14)} ${'cases'.padStart(6)} ${'found'.padStart(6)} ${'recall'.padStart(7)} ${'f.alarm'.padStart(7)} ${'precision'.padStart(7)}`,
    ...rows,
    '',
    `negative cases: ${scores.negatives}, flagged: ${scores.negativesFlagged} (${(scores.falseAlarmRate * 100).toFixed(2)}%)`,
  ].join('\n');
}
