// Window maths of the virtualised lists: which rows to render for a scroll
// position, and which pages of rows to fetch for them.

export type Range = { start: number; end: number };

/**
 * Rows to render (`end` exclusive) for a viewport of `viewport` px scrolled to
 * `scrollTop`, with fixed `rowHeight` rows, `total` rows and `overscan` extra
 * rows above and below.
 */
export function visibleRange(scrollTop: number, viewport: number, rowHeight: number, total: number, overscan = 6): Range {
  if (total <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const top = Math.max(0, scrollTop);
  const first = Math.min(total - 1, Math.floor(top / rowHeight));
  const shown = Math.ceil(Math.max(0, viewport) / rowHeight) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(total, first + shown + overscan);
  return { start, end };
}

/** Page indices (of `pageSize` rows) covering rows `start..end` (end exclusive). */
export function pagesFor(range: Range, pageSize: number): number[] {
  if (range.end <= range.start || pageSize <= 0) return [];
  const first = Math.floor(range.start / pageSize);
  const last = Math.floor((range.end - 1) / pageSize);
  const out: number[] = [];
  for (let p = first; p <= last; p++) out.push(p);
  return out;
}

/** Height of the spacer holding `total` rows; capped so browsers keep it (≈ 33 million px). */
export const MAX_SCROLL_PX = 15_000_000;

export function spacerHeight(total: number, rowHeight: number): number {
  return Math.min(total * rowHeight, MAX_SCROLL_PX);
}
