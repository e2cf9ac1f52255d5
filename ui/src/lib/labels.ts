// Translated names of the codes the core sends (stages, sources, error codes).
// Step names, deal titles and company names are user data and are shown as is.

import type { ErrorCode, Source, Stage } from "./api";
import { hasKey, t } from "./i18n/index.svelte";

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
