// Printing: every PDF the app makes goes through `saveDocument` — the core
// suggests a file name, the person picks where in the save dialog, the core
// renders and writes it, and a toast offers to open it.

import { commands, pickSavePath } from "./api";
import type { DocumentRequest } from "./bindings/DocumentRequest";
import type { SavedDocument } from "./bindings/SavedDocument";
import { t } from "./i18n/index.svelte";
import { showError } from "./session.svelte";
import { refresh, toast } from "./work.svelte";

export type { DocumentRequest, SavedDocument };

/** Add `.pdf` when the save dialog returned a name without it. */
export function withPdfExt(path: string): string {
  return path.toLowerCase().endsWith(".pdf") ? path : `${path}.pdf`;
}

/** Ask where to save, render, save, and offer to open. Resolves to the saved document, or `null` when cancelled or refused. */
export async function saveDocument(request: DocumentRequest): Promise<SavedDocument | null> {
  try {
    const defaultPath = await commands.documentName(request);
    const picked = await pickSavePath(defaultPath, [{ name: t("documents.pdf_filter"), extensions: ["pdf"] }], t("documents.save_title"));
    if (!picked) return null;
    const saved = await commands.documentSave(request, withPdfExt(picked));
    refresh();
    toast(t("documents.saved", { count: saved.pages }), null, {
      label: t("documents.open"),
      run: () => commands.documentOpen(saved.path),
    });
    return saved;
  } catch (e) {
    showError(e);
    return null;
  }
}
