// Pure helpers of the sales history import (deals and orders, #15): the
// options sent to the core, the user's column and stage choices. No IPC here.

import type { DealField } from "./bindings/DealField";
import type { DealPreset } from "./bindings/DealPreset";
import type { HistoryOptions } from "./bindings/HistoryOptions";
import type { OrderField } from "./bindings/OrderField";
import type { Stage } from "./bindings/Stage";

export type HistoryKind = "deals" | "orders";

export const DEAL_FIELDS: readonly DealField[] = [
  "external_id",
  "title",
  "company",
  "contact",
  "contact_email",
  "owner",
  "stage",
  "status",
  "value",
  "currency",
  "created",
  "expected_close",
  "closed",
  "source",
  "lost_reason",
  "product",
  "notes",
];

export const ORDER_FIELDS: readonly OrderField[] = ["number", "date", "client", "amount", "currency", "margin", "product", "notes"];

export const DEAL_PRESETS: readonly DealPreset[] = ["auto", "pipedrive", "hubspot", "amocrm", "bitrix24", "generic"];

/** What an unmatched stage value becomes: a chosen step (its id), or a new step of stage 1 or 2. */
export type StageChoice = { step: number } | { new_in: Stage } | null;

/** The user's mapping of one column: header → field (`-` ignores it), as the core's `map` takes it. */
export function mapSpec(column: number, field: string | null): string {
  return `#${column + 1}=${field ?? "-"}`;
}

/** The options for the core from the dialog's choices. New steps go to one stage (the first chosen). */
export function historyOptions(
  sourceName: string,
  preset: DealPreset,
  columns: ReadonlyMap<number, string | null>,
  stages: ReadonlyMap<string, StageChoice>,
): HistoryOptions {
  const steps = [];
  let newSteps: Stage | null = null;
  for (const [value, choice] of stages) {
    if (!choice) continue;
    if ("step" in choice) steps.push({ value, step: String(choice.step) });
    else newSteps ??= choice.new_in;
  }
  return {
    source_name: sourceName,
    sheet: null,
    preset,
    map: [...columns].map(([c, f]) => mapSpec(c, f)),
    steps,
    new_steps: newSteps,
  };
}

/** True when every unmatched stage value has a choice. */
export function stagesResolved(unmatched: readonly { label: string }[], stages: ReadonlyMap<string, StageChoice>): boolean {
  return unmatched.every((u) => !!stages.get(u.label));
}
