// Translated names of the codes the core sends (stages, sources, error codes).
// Step names, deal titles and company names are user data and are shown as is.

import type { AppError, ErrorCode, Source, Stage } from "./api";
import { hasKey, i18n, t, type MessageKey } from "./i18n/index.svelte";

export const STAGES: readonly Stage[] = ["lead_generation", "first_deal", "account_development"];
export const SOURCES: readonly Source[] = ["cold_call", "referral", "inbound", "web_search", "event", "repeat", "other"];

export function stageName(stage: Stage): string {
  return t(`stages.${stage}` as const);
}

export function stageGoal(stage: Stage): string {
  return t(`stage_goals.${stage}` as const);
}

/** 1, 2 or 3. */
export function stageNumber(stage: Stage): number {
  return STAGES.indexOf(stage) + 1;
}

export function sourceName(source: Source): string {
  return t(`sources.${source}` as const);
}

/** A short title for an error, by its code (unknown codes read as "internal"). */
export function errorTitle(code: ErrorCode | string): string {
  const key = `errors.codes.${code}`;
  return hasKey(key) ? t(key as `errors.codes.${ErrorCode}`) : t("errors.codes.internal");
}

/** A core field (`deal.next_step`) as people call it, in the UI's language; the key only if it has no name. */
export function fieldName(field: string): string {
  const key = `field_names.${field.replace(/\./g, "_")}`;
  return hasKey(key) ? t(key as MessageKey) : field;
}

/**
 * What to show under a field the core refused: the core's message (it names
 * the field in words). In another language than English, the field's name in
 * that language comes first, so the person sees which field it is.
 */
export function fieldError(err: AppError): string {
  if (!err.field || i18n.locale === "en") return err.message;
  const key = `field_names.${err.field.replace(/\./g, "_")}`;
  return hasKey(key) ? `${t("edit.check_field", { field: t(key as MessageKey) })} ${err.message}` : err.message;
}
