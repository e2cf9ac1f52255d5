// Calendar dates as the core sends them: `YYYY-MM-DD` strings, no time zone.

/** Parse `YYYY-MM-DD` as a UTC midnight `Date`; `null` when it is not such a date. */
export function parseIsoDate(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date;
}

/** Whole days from `fromIso` to `toIso`; 0 when either is not a date. */
export function daysBetween(fromIso: string, toIso: string): number {
  const a = parseIsoDate(fromIso);
  const b = parseIsoDate(toIso);
  if (!a || !b) return 0;
  return Math.round((b.getTime() - a.getTime()) / 86_400_000);
}

/** A due date strictly before `today` (both `YYYY-MM-DD`, so they compare as text). */
export function isOverdue(dueIso: string | null, todayIso: string): boolean {
  return dueIso !== null && parseIsoDate(dueIso) !== null && dueIso < todayIso;
}

/** `iso` plus `n` days (`YYYY-MM-DD`); `iso` itself when it is not a date. */
export function addDays(iso: string, n: number): string {
  const d = parseIsoDate(iso);
  if (!d) return iso;
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

