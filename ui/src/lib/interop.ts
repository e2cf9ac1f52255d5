// Pure helpers of the import/export/backup dialogs: the column mapping the
// user edits, the preview table beside it, progress, and file names.
// No IPC here (the dialogs call `commands.*`), so vitest covers it all.

import type { ColumnMapping } from "./bindings/ColumnMapping";
import type { ContactField } from "./bindings/ContactField";
import type { DuplicatePolicy } from "./bindings/DuplicatePolicy";
import type { ExportKind } from "./bindings/ExportKind";
import type { ImportOptions } from "./bindings/ImportOptions";
import type { Preset } from "./bindings/Preset";
import type { Problem } from "./bindings/Problem";
import type { SampleRow } from "./bindings/SampleRow";

/** Every field a column can fill, in the order the picker lists them. */
export const CONTACT_FIELDS: readonly ContactField[] = [
  "first_name",
  "last_name",
  "full_name",
  "company",
  "title",
  "email",
  "phone",
  "notes",
  "birthday",
  "birth_year",
  "birth_month",
  "birth_day",
  "address_kind",
  "address_street",
  "address_city",
  "address_region",
  "address_postcode",
  "address_country",
  "address_formatted",
  "phone_kind",
  "email_kind",
  "additional_name",
  "name_prefix",
  "name_suffix",
  "nickname",
  "department",
  "role",
  "website",
  "tags",
  "custom",
  "industry",
  "employees",
  "revenue",
  "parent_company",
];

/** The formats the user can choose; `auto` recognises the file. */
export const PRESETS: readonly Preset[] = ["auto", "google", "outlook", "thunderbird", "generic", "vcard"];

export const DUPLICATE_POLICIES: readonly DuplicatePolicy[] = ["skip", "update", "create"];

export const EXPORT_KINDS: readonly ExportKind[] = [
  "contacts_vcard4",
  "contacts_vcard3",
  "contacts_csv",
  "deals_csv",
  "activities_csv",
  "calendar",
];

/** Fields that make a row a contact: at least one column must fill one. */
const IDENTITY: readonly ContactField[] = ["first_name", "last_name", "full_name", "company", "email"];

/** The mapping with `column` set to `field` (null = ignore the column). A new array. */
export function setColumnField(mapping: readonly ColumnMapping[], column: number, field: ContactField | null): ColumnMapping[] {
  return mapping.map((m) => (m.column === column ? { ...m, field } : m));
}

/** True when some column fills a name, company or e-mail (the core refuses a mapping without). */
export function mappingIsUsable(mapping: readonly ColumnMapping[]): boolean {
  return mapping.some((m) => m.field !== null && IDENTITY.includes(m.field));
}

/** How many columns fill each field (several e-mail/phone/notes columns are normal). */
export function fieldUse(mapping: readonly ColumnMapping[]): Map<ContactField, number> {
  const use = new Map<ContactField, number>();
  for (const m of mapping) if (m.field) use.set(m.field, (use.get(m.field) ?? 0) + 1);
  return use;
}

/** Single-value fields filled by more than one column: only the first non-empty value is kept. */
export function overlappingFields(mapping: readonly ColumnMapping[]): ContactField[] {
  const single: readonly ContactField[] = ["company", "title", "birthday"];
  return [...fieldUse(mapping)].filter(([f, n]) => n > 1 && single.includes(f)).map(([f]) => f);
}

/** One column of the mapping table: the header, its field, and its values in the first rows. */
export type PreviewColumn = { column: number; header: string; field: ContactField | null; cells: string[] };

/**
 * The columns of the file beside the mapping, with up to `rows` sample values
 * each (a ragged row's missing cells are empty strings). Columns follow the
 * file's order; a header with no mapping entry is shown as ignored.
 */
export function previewColumns(headers: readonly string[], samples: readonly SampleRow[], mapping: readonly ColumnMapping[], rows = 3): PreviewColumn[] {
  const byColumn = new Map(mapping.map((m) => [m.column, m.field] as const));
  return headers.map((header, column) => ({
    column,
    header,
    field: byColumn.get(column) ?? null,
    cells: samples.slice(0, rows).map((s) => s.cells[column] ?? ""),
  }));
}

/** True when a column's sample values are all empty (such columns can be hidden). */
export function isEmptyColumn(c: PreviewColumn): boolean {
  return c.cells.every((v) => v.trim() === "");
}

/**
 * The options for the next preview or import. A changed preset drops the
 * user's mapping (the new preset maps the columns afresh); otherwise the
 * mapping the user edited is sent as it is.
 */
export function importOptions(
  sourceName: string,
  preset: Preset,
  duplicates: DuplicatePolicy,
  mapping: ColumnMapping[] | null,
  skipBadValues = false,
): ImportOptions {
  return { source_name: sourceName, preset, duplicates, mapping: preset === "vcard" ? null : mapping, skip_bad_values: skipBadValues };
}

/** True when every refusal is an optional value that cannot be read: the user may import without them. */
export function onlyBadValues(refused: readonly Problem[], badValues: readonly Problem[]): boolean {
  return refused.length > 0 && refused.length === badValues.length;
}

/** The distinct lines of some problems, in order (for "on lines 3, 7, 12"). */
export function problemLines(problems: readonly Problem[]): number[] {
  return [...new Set(problems.map((p) => p.line))].sort((a, b) => a - b);
}

/** Progress in whole percent, 0–100, from rows read and the preview's row count. */
export function progressPercent(rows: number, total: number): number {
  if (!(total > 0)) return 0;
  return Math.max(0, Math.min(100, Math.floor((rows / total) * 100)));
}

/** Problems in file order (line, then card), for the list of refusals. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.line - b.line || (a.card ?? 0) - (b.card ?? 0));
}

/** "line 12 · Email" (with the card number for vCards): where a problem is. */
export function problemPlace(p: Problem, words: { line: string; card: string }): string {
  const parts = [`${words.line} ${p.line}`];
  if (p.card !== null) parts.push(`${words.card} ${p.card}`);
  if (p.field) parts.push(p.field);
  return parts.join(" · ");
}

/** The last part of a path, for messages (handles `/` and `\`). */
export function fileName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/** File extension an export kind writes. */
export function exportExtension(kind: ExportKind): string {
  if (kind === "calendar") return "ics";
  return kind.endsWith("csv") ? "csv" : "vcf";
}

/** A file name safe on every system: no path separators or reserved characters. */
export function safeStem(name: string): string {
  const s = name
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "");
  return s || "conveyor";
}

/** The name the save dialog suggests: `Workspace-contacts-2026-11-24.vcf`. */
export function exportFileName(kind: ExportKind, workspace: string, today: string): string {
  const what = kind === "calendar" ? "calendar" : kind.split("_")[0];
  const v3 = kind === "contacts_vcard3" ? "-vcard3" : "";
  return `${safeStem(workspace)}-${what}${v3}-${today}.${exportExtension(kind)}`;
}

/** The name the save dialog suggests for a backup. */
export function backupFileName(workspace: string, today: string): string {
  return `${safeStem(workspace)}-backup-${today}.conveyor`;
}
