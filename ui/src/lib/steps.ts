// Configuring ordered lists (the steps of a stage, the fields of a hand-off
// card): reorder maths and input checks.

/**
 * `ids` with `id` moved one place up (`-1`) or down (`+1`); `null` when it cannot
 * move. Any ordered list of ids: steps (`stepsReorder`), card fields (`cardFieldsReorder`).
 */
export function moveId(ids: readonly number[], id: number, dir: -1 | 1): number[] | null {
  const i = ids.indexOf(id);
  const j = i + dir;
  if (i < 0 || j < 0 || j >= ids.length) return null;
  const out = [...ids];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

/**
 * A probability typed into a `type="number"` input (`bind:value` gives a
 * number, or null when empty): a whole percentage 0–100, or null when invalid.
 */
export function parseProbability(v: number | string | null | undefined): number | null {
  if (v === null || v === undefined || v === "") return null;
  const n = typeof v === "number" ? v : Number(v);
  if (!Number.isFinite(n) || !Number.isInteger(n) || n < 0 || n > 100) return null;
  return n;
}
