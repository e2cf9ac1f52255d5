import { afterEach, describe, expect, it, vi } from "vitest";
import type { ColumnMapping } from "../lib/bindings/ColumnMapping";
import { testDialogAnswer } from "../lib/api";
import {
  backupFileName,
  exportFileName,
  fieldUse,
  fileName,
  importOptions,
  isEmptyColumn,
  mappingIsUsable,
  overlappingFields,
  previewColumns,
  problemPlace,
  progressPercent,
  safeStem,
  setColumnField,
  sortProblems,
} from "../lib/interop";

const mapping: ColumnMapping[] = [
  { column: 0, header: "Имя", field: "first_name" },
  { column: 1, header: "Фамилия", field: "last_name" },
  { column: 2, header: "E-mail", field: "email" },
  { column: 3, header: "Что-то", field: null },
];

describe("the column mapping the user edits", () => {
  it("changes one column and leaves the rest (and the original) alone", () => {
    const m = setColumnField(mapping, 3, "company");
    expect(m.map((c) => c.field)).toEqual(["first_name", "last_name", "email", "company"]);
    expect(mapping[3].field).toBeNull();
    expect(setColumnField(m, 0, null)[0]).toEqual({ column: 0, header: "Имя", field: null });
  });

  it("is usable only while some column fills a name, company or e-mail", () => {
    expect(mappingIsUsable(mapping)).toBe(true);
    const none = mapping.map((c) => ({ ...c, field: null }));
    expect(mappingIsUsable(none)).toBe(false);
    expect(mappingIsUsable(setColumnField(none, 3, "phone"))).toBe(false);
    expect(mappingIsUsable(setColumnField(none, 3, "company"))).toBe(true);
  });

  it("counts fields and flags single-value fields filled by several columns", () => {
    const m = setColumnField(setColumnField(mapping, 3, "email"), 1, "email");
    expect(fieldUse(m).get("email")).toBe(3);
    expect(overlappingFields(m)).toEqual([]);
    expect(overlappingFields(setColumnField(setColumnField(mapping, 3, "company"), 2, "company"))).toEqual(["company"]);
  });

  it("sends the user's mapping, except for vCards, which have no columns", () => {
    expect(importOptions("a.csv", "google", "update", mapping)).toEqual({ source_name: "a.csv", preset: "google", duplicates: "update", mapping, skip_bad_values: false });
    expect(importOptions("a.csv", "outlook", "skip", null, true).skip_bad_values).toBe(true);
    expect(importOptions("a.vcf", "vcard", "skip", mapping).mapping).toBeNull();
    expect(importOptions("a.csv", "auto", "skip", null).mapping).toBeNull();
  });
});

describe("the preview beside the mapping", () => {
  const samples = [
    { line: 2, cells: ["Анна", "Смирнова", "anna@x.ru", ""] },
    { line: 4, cells: ["Boris", "Ivanov"] },
    { line: 5, cells: ["Vera", "Orlova", "v@x.ru", ""] },
    { line: 6, cells: ["Gleb", "Popov", "g@x.ru", ""] },
  ];

  it("shows each column with its field and its first values, ragged rows as empty", () => {
    const cols = previewColumns(["Имя", "Фамилия", "E-mail", "Что-то"], samples, mapping);
    expect(cols.map((c) => [c.header, c.field])).toEqual([
      ["Имя", "first_name"],
      ["Фамилия", "last_name"],
      ["E-mail", "email"],
      ["Что-то", null],
    ]);
    expect(cols[0].cells).toEqual(["Анна", "Boris", "Vera"]);
    expect(cols[2].cells).toEqual(["anna@x.ru", "", "v@x.ru"]);
    expect(isEmptyColumn(cols[3])).toBe(true);
    expect(isEmptyColumn(cols[2])).toBe(false);
    expect(previewColumns(["A", "B"], samples, [], 1)).toEqual([
      { column: 0, header: "A", field: null, cells: ["Анна"] },
      { column: 1, header: "B", field: null, cells: ["Смирнова"] },
    ]);
  });

  it("lists problems in file order and says where each is", () => {
    const ps = sortProblems([
      { line: 9, card: null, field: "Email", message: "x" },
      { line: 3, card: 2, field: null, message: "y" },
      { line: 3, card: 1, field: "BDAY", message: "z" },
    ]);
    expect(ps.map((p) => p.message)).toEqual(["z", "y", "x"]);
    const words = { line: "строка", card: "карточка" };
    expect(problemPlace(ps[0], words)).toBe("строка 3 · карточка 1 · BDAY");
    expect(problemPlace(ps[2], words)).toBe("строка 9 · Email");
  });

  it("turns rows read into a percentage that never leaves 0–100", () => {
    expect(progressPercent(0, 100_000)).toBe(0);
    expect(progressPercent(33_000, 100_000)).toBe(33);
    expect(progressPercent(120, 100)).toBe(100);
    expect(progressPercent(5, 0)).toBe(0);
  });
});

describe("file names", () => {
  it("suggests safe export and backup names", () => {
    expect(exportFileName("contacts_vcard4", "Канцтовары: опт/розница", "2026-11-24")).toBe("Канцтовары опт розница-contacts-2026-11-24.vcf");
    expect(exportFileName("contacts_vcard3", "Shop", "2026-11-24")).toBe("Shop-contacts-vcard3-2026-11-24.vcf");
    expect(exportFileName("deals_csv", "Shop", "2026-11-24")).toBe("Shop-deals-2026-11-24.csv");
    expect(exportFileName("activities_csv", "Shop", "2026-11-24")).toBe("Shop-activities-2026-11-24.csv");
    expect(exportFileName("calendar", "Shop", "2026-11-24")).toBe("Shop-calendar-2026-11-24.ics");
    expect(backupFileName("..", "2026-11-24")).toBe("conveyor-backup-2026-11-24.conveyor");
    expect(safeStem(' a  "b" ')).toBe("a b");
    expect(fileName("/home/a/contacts.csv")).toBe("contacts.csv");
    expect(fileName("C:\\Users\\a\\contacts.csv")).toBe("contacts.csv");
  });
});

describe("the dialog test seam", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("answers nothing unless the shell queued answers, then answers them in order", () => {
    expect(testDialogAnswer()).toBeUndefined();
    vi.stubGlobal("__CONVEYOR_TEST_DIALOGS__", ["/tmp/a.csv", ""]);
    expect(testDialogAnswer()).toBe("/tmp/a.csv");
    expect(testDialogAnswer()).toBeNull();
    expect(testDialogAnswer()).toBeUndefined();
  });
});
