#!/usr/bin/env node
// Look at the built UI without the Tauri shell: serve ui/dist with a strict
// CSP and a frozen Object.prototype (as the shell does), mock the IPC (scripts/mock-tauri.js), drive Debian's Chromium with
// playwright-core, take screenshots and run a few smoke checks.
//
//   npm run build && npm run screenshots         # → scripts/out/*.png
//   CHROMIUM=/path/to/chrome npm run screenshots
//
// Not part of `npm test` (needs a browser). Exit status 1 when a check fails.

import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { preview } from "vite";

const UI = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(UI, "scripts", "out");
const MOCK = join(UI, "scripts", "mock-tauri.js");
const MOCK_WORK = join(UI, "scripts", "mock-work.js");
const CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'";
const VIEWPORT = { width: 1280, height: 800 };

if (!existsSync(join(UI, "dist", "index.html"))) {
  console.error("ui/dist is missing: run `npm run build` first.");
  process.exit(2);
}
mkdirSync(OUT, { recursive: true });

const server = await preview({
  root: UI,
  logLevel: "warn",
  preview: { port: 4173, strictPort: false, headers: { "Content-Security-Policy": CSP } },
});
const base = server.resolvedUrls.local[0];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
};

/** A fresh page with the mock configured; console errors and foreign requests are failures. */
async function newPage({ scheme = "light", data = "en", uiLang = "en", workspace = true, startupError = false, viewport = VIEWPORT } = {}) {
  const context = await browser.newContext({ viewport, colorScheme: scheme, locale: uiLang === "ru" ? "ru-RU" : "en-US" });
  const page = await context.newPage();
  const label = `${data}/${uiLang}/${scheme}`;
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") failures.push(`console ${m.type()} (${label}): ${m.text()}`);
  });
  page.on("pageerror", (e) => failures.push(`page error (${label}): ${e.message}`));
  page.on("request", (r) => {
    if (!r.url().startsWith(base)) failures.push(`network request outside the app (${label}): ${r.url()}`);
  });
  await page.addInitScript((c) => {
    window.__MOCK_CONFIG__ = c;
  }, { data, uiLang, workspace, startupError });
  await page.addInitScript({ path: MOCK_WORK });
  await page.addInitScript({ path: MOCK });
  // As the shell does (tauri.conf.json `freezePrototype: true`).
  await page.addInitScript(() => Object.freeze(Object.prototype));
  await page.goto(base);
  return { page, context };
}

async function shot(page, name) {
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path });
  console.log(`     ${path}`);
}

async function boardReady(page) {
  await page.locator('[data-testid="screen-today"], [data-testid="screen-conveyor"]').first().waitFor();
  if (!(await page.getByTestId("screen-conveyor").count())) await page.getByTestId("nav-conveyor").click();
  await page.getByTestId("screen-conveyor").waitFor();
  await page.getByTestId("stage-account_development").waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="screen-conveyor"]')?.getAttribute("aria-busy") === "false");
}

async function todayReady(page) {
  await page.getByTestId("screen-today").waitFor();
  await page.getByTestId("today-stage-3").waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="screen-today"]')?.getAttribute("aria-busy") === "false");
}

const ONLY = process.env.ONLY || "";

try {
  // Steps of the stages, the call register, the archive, reopening a deal.
  for (const lang of ["en", "ru"]) {
    const tag = `${lang}-light`;
    const { page, context } = await newPage({ data: lang, uiLang: lang });
    await boardReady(page);
    await page.getByTestId("configure-steps").click();
    await page.getByTestId("steps-dialog").waitFor();
    await page.getByTestId("step-row-12").waitFor();
    await page.waitForTimeout(100);
    await shot(page, `steps-${tag}`);
    // Rename, probability, an invalid probability, reorder, archive refused, add.
    await page.getByTestId("step-name-2").fill(lang === "ru" ? "Первый разговор" : "First conversation");
    await page.getByTestId("step-prob-2").fill("15");
    await page.getByTestId("step-prob-2").press("Tab");
    await page.waitForTimeout(80);
    await page.getByTestId("step-prob-3").fill("140");
    await page.getByTestId("step-prob-3").press("Tab");
    await page.waitForTimeout(80);
    check(await page.getByTestId("step-prob-error-3").isVisible(), `an invalid probability shows an error (${tag})`);
    await page.getByTestId("step-prob-3").fill("20");
    await page.getByTestId("step-prob-3").press("Tab");
    await page.getByTestId("step-down-1").click();
    await page.waitForTimeout(120);
    const order = await page.locator('[data-testid="steps-stage-lead_generation"] [data-testid^="step-row-"]').evaluateAll((els) => els.map((e) => e.dataset.testid));
    check(order[0] === "step-row-2" && order[1] === "step-row-1", `reorder moves the step down (${order.join(",")})`);
    await page.getByTestId("step-archive-4").click();
    await page.waitForTimeout(120);
    await page.getByTestId("step-prob-3").fill("140");
    await page.getByTestId("step-prob-3").press("Tab");
    await page.waitForTimeout(80);
    await shot(page, `steps-errors-${tag}`);
    await page.getByTestId("step-prob-3").fill("20");
    await page.getByTestId("step-prob-3").press("Tab");
    check(await page.getByTestId("step-error-4").isVisible(), `archiving a step with deals is refused with the message (${tag})`);
    await page.getByTestId("step-new-name-first_deal").fill(lang === "ru" ? "Пробная поставка" : "Trial delivery");
    await page.getByTestId("step-new-prob-first_deal").fill("80");
    await page.getByTestId("step-add-first_deal").click();
    await page.getByTestId("step-row-13").waitFor();
    await page.waitForTimeout(100);
    await shot(page, `steps-edited-${tag}`);
    // Typed, not yet left: Esc still saves it.
    await page.getByTestId("step-prob-13").fill("85");
    await page.keyboard.press("Escape");
    await page.getByTestId("steps-dialog").waitFor({ state: "detached" });
    await page.getByTestId("step-13").waitFor();
    check(await page.getByTestId("step-13").innerText().then((x) => x.includes("85")), `Esc saves the probability typed last (${tag})`);
    check(await page.getByTestId("step-2").innerText().then((x) => x.includes(lang === "ru" ? "Первый разговор" : "First conversation")), `the board shows the renamed step (${tag})`);

    // Fields of the hand-off cards: rename, required, reorder, add, archive (the last one refused).
    await page.getByTestId("configure-cards").click();
    await page.getByTestId("card-fields-dialog").waitFor();
    await page.getByTestId("card-field-row-9").waitFor();
    await page.waitForTimeout(100);
    await shot(page, `cards-${tag}`);
    await page.getByTestId("card-field-label-4").fill(lang === "ru" ? "Сроки закупки" : "Purchase timing");
    await page.getByTestId("card-field-label-4").press("Tab");
    await page.getByTestId("card-field-required-4").check();
    await page.waitForTimeout(80);
    await page.getByTestId("card-field-down-1").click();
    await page.waitForTimeout(120);
    const fieldOrder = await page.locator('[data-testid="card-section-qualification"] [data-testid^="card-field-row-"]').evaluateAll((els) => els.map((e) => e.dataset.testid));
    check(fieldOrder[0] === "card-field-row-2" && fieldOrder[1] === "card-field-row-1", `reorder moves the card field down (${fieldOrder.join(",")})`);
    await page.getByTestId("card-field-add-qualification").click();
    check(await page.getByTestId("card-field-new-error-qualification").isVisible(), `adding a field without a name shows an error (${tag})`);
    await page.getByTestId("card-field-new-label-qualification").fill(lang === "ru" ? "Текущий поставщик" : "Current supplier");
    await page.getByTestId("card-field-new-required-qualification").uncheck();
    await page.getByTestId("card-field-add-qualification").click();
    await page.getByTestId("card-field-row-10").waitFor();
    for (const id of [6, 7, 8]) {
      await page.getByTestId(`card-field-archive-${id}`).click();
      await page.getByTestId(`card-field-row-${id}`).waitFor({ state: "detached" });
    }
    await page.getByTestId("card-field-archive-9").click();
    await page.getByTestId("card-field-error-9").waitFor();
    check(await page.getByTestId("card-field-error-9").isVisible(), `archiving the card's last field is refused in place (${tag})`);
    await page.getByTestId("card-field-label-3").fill("");
    await page.getByTestId("card-field-label-3").press("Tab");
    await page.waitForTimeout(80);
    check(await page.getByTestId("card-field-error-3").isVisible(), `an empty field name shows an error (${tag})`);
    await page.waitForTimeout(100);
    await shot(page, `cards-edited-${tag}`);
    await page.getByTestId("card-field-label-3").fill(lang === "ru" ? "Лицо, принимающее решение" : "Who decides");
    // Typed, not yet left: Esc still saves it.
    await page.keyboard.press("Escape");
    await page.getByTestId("card-fields-dialog").waitFor({ state: "detached" });
    await page.getByTestId("configure-cards").click();
    await page.getByTestId("card-field-row-10").waitFor();
    check((await page.getByTestId("card-field-label-3").inputValue()) === (lang === "ru" ? "Лицо, принимающее решение" : "Who decides"), `Esc saves the field name typed last (${tag})`);
    check(await page.getByTestId("card-field-required-4").isChecked(), `the required flag is kept (${tag})`);
    await page.getByTestId("card-fields-done").click();
    await page.getByTestId("card-fields-dialog").waitFor({ state: "detached" });

    // Call register.
    await page.getByTestId("nav-reports").click();
    await page.getByTestId("call-register").waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="screen-reports"]')?.getAttribute("aria-busy") === "false");
    check((await page.locator('[data-testid^="calls-day-"]').count()) === 4, `this week lists Mon–Thu (${tag})`);
    await shot(page, `calls-${tag}`);
    await page.getByTestId("calls-last-week").click();
    await page.waitForTimeout(100);
    check((await page.locator('[data-testid^="calls-day-"]').count()) === 5, `last week lists five working days (${tag})`);
    await page.getByTestId("calls-person").selectOption("2");
    await page.waitForTimeout(100);
    await shot(page, `calls-last-week-person-${tag}`);

    // Archive.
    await page.getByTestId("workspace-menu").click();
    await page.getByTestId("open-trash").click();
    await page.getByTestId("trash-dialog").waitFor();
    await page.getByTestId("trash-item-deal-950").waitFor();
    await shot(page, `trash-${tag}`);
    await page.getByTestId("trash-restore-contact-10041").click();
    await page.getByTestId("trash-item-contact-10041").waitFor({ state: "detached" });
    check((await page.getByTestId("toast").count()) > 0, `restore shows a toast (${tag})`);
    await page.keyboard.press("Escape");
    await page.getByTestId("trash-dialog").waitFor({ state: "detached" });

    // Reopen a lost deal from a profile; disqualify with Undo.
    await page.getByTestId("nav-conveyor").click();
    await boardReady(page);
    await page.locator('[data-testid^="deal-"][data-deal-id]').first().click();
    await page.getByTestId("deal-panel").waitFor();
    const dealId = await page.getByTestId("deal-panel").evaluate(() => document.querySelector("[data-deal-id]:focus, [data-deal-id]")?.getAttribute("data-deal-id"));
    await page.getByTestId("action-disqualify").click();
    await page.getByTestId("close-reason-0").click();
    await page.getByTestId("close-save").click();
    await page.getByTestId("toast-undo").first().waitFor();
    await page.getByTestId("toast-undo").first().click();
    await page.waitForTimeout(150);
    await shot(page, `undo-${tag}`);
    check(!!dealId && (await page.getByTestId(`deal-${dealId}`).count()) > 0, `Undo after disqualify reopens the deal (${tag})`);
    await page.getByTestId("nav-clients").click();
    await page.getByTestId("client-row-1").click();
    await page.getByTestId("client-profile").waitFor();
    const reopen = page.locator('[data-testid^="deal-reopen-"]').first();
    await reopen.waitFor();
    await reopen.scrollIntoViewIfNeeded();
    await shot(page, `profile-reopen-${tag}`);
    await reopen.click();
    await page.waitForTimeout(150);
    check((await page.locator('[data-testid^="deal-reopen-"]').count()) === 0, `reopen brings the lost deal back (${tag})`);
    await context.close();
  }
  if (ONLY === "hygiene") throw new Error("ONLY=hygiene: stopping after steps, cards, calls, archive");

  // The daily work: Today, the deal panel, the forms, clients and a profile.
  for (const lang of ["en", "ru"]) {
    for (const scheme of ["light", "dark"]) {
      const tag = `${lang}-${scheme}`;
      const { page, context } = await newPage({ scheme, data: lang, uiLang: lang });
      await todayReady(page);
      check(await page.getByTestId("today-problems").isVisible(), `Today opens first with problems on top (${tag})`);
      await shot(page, `today-${tag}`);
      const firstDeal = page.locator('[data-testid^="today-deal-"]').first();
      await firstDeal.locator("button.main").click();
      await page.getByTestId("deal-panel").waitFor();
      await page.waitForTimeout(150);
      await shot(page, `panel-${tag}`);
      await page.getByTestId("action-log-call").click();
      await page.getByTestId("log-form").waitFor();
      await page.waitForTimeout(50);
      check(await page.evaluate(() => document.activeElement?.dataset.testid === "log-outcome"), `log form opens with focus in outcome (${tag})`);
      await page.getByTestId("log-outcome").fill(lang === "ru" ? "Интересно, ждут предложение" : "Interested, waiting for the offer");
      await page.getByTestId("log-duration").fill("7");
      await shot(page, `log-${tag}`);
      await page.keyboard.press("Escape");
      check((await page.getByTestId("log-form").count()) === 0 && (await page.getByTestId("deal-panel").count()) === 1, `Esc closes only the log form (${tag})`);
      await page.keyboard.press("Escape");
      check((await page.getByTestId("deal-panel").count()) === 0, `Esc closes the panel (${tag})`);

      // The qualification card from a stage-1 deal.
      await page.getByTestId("nav-conveyor").click();
      await boardReady(page);
      await page.locator('[data-testid="stage-lead_generation"] article[data-testid^="deal-"]').first().click();
      await page.getByTestId("action-hand-off").click();
      await page.getByTestId("card-form").waitFor();
      await page.getByTestId("card-field-need").waitFor();
      await page.getByTestId("card-field-need").fill(lang === "ru" ? "Бумага и картриджи для двух офисов" : "Paper and toner for two offices");
      await page.getByTestId("card-save").click();
      await page.getByTestId("card-error-budget").waitFor();
      await shot(page, `card-${tag}`);
      await page.keyboard.press("Escape");
      await page.keyboard.press("Escape");

      await page.getByTestId("nav-clients").click();
      await page.getByTestId("client-row-1").waitFor();
      await shot(page, `clients-${tag}`);
      await page.getByTestId("clients-search").fill(lang === "ru" ? "елкина" : "clinic");
      await page.getByTestId("clients-hits").waitFor();
      await page.waitForTimeout(200);
      await shot(page, `clients-search-${tag}`);
      await page.getByTestId("clients-search").fill("");
      await page.getByTestId("client-row-2").click();
      await page.getByTestId("profile-timeline").waitFor();
      await page.waitForTimeout(100);
      await shot(page, `profile-${tag}`);
      await page.getByTestId("timeline-handoff-41").scrollIntoViewIfNeeded();
      await shot(page, `profile-timeline-${tag}`);
      await context.close();
    }
  }

  // Keyboard and undo on the English board; virtual list at depth.
  {
    const { page, context } = await newPage({});
    await todayReady(page);
    await page.keyboard.press("?");
    check(await page.getByTestId("shortcuts-help").isVisible(), "? shows the shortcuts");
    await shot(page, "help-en-light");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Control+k");
    await page.getByTestId("palette").waitFor();
    await page.getByTestId("palette-input").fill("clinic");
    await page.waitForTimeout(250);
    await shot(page, "palette-en-light");
    await page.keyboard.press("Escape");
    await page.keyboard.press("n");
    await page.getByTestId("lead-form").waitFor();
    await page.getByTestId("lead-company").fill("Lakeside Dental");
    await page.getByTestId("lead-first-name").fill("Nora");
    await page.getByTestId("lead-last-name").fill("Quinn");
    await page.getByTestId("lead-value").fill("2400");
    await page.getByTestId("lead-next-step").fill("Call to confirm interest");
    await shot(page, "lead-en-light");
    await page.getByTestId("lead-save").click();
    await page.getByTestId("deal-panel").waitFor();
    check((await page.getByTestId("deal-panel").textContent()).includes("Lakeside Dental"), "the new lead opens in the panel");
    await page.keyboard.press("Escape");

    // Log a call from the keyboard: outcome, next step, Enter in the date saves.
    const todayRow = page.locator('[data-testid^="today-deal-"]').first();
    await todayRow.hover();
    await todayRow.locator('[data-testid^="today-log-"]').click();
    await page.getByTestId("log-form").waitFor();
    await page.keyboard.type("Interested");
    await page.getByTestId("log-save").click();
    await page.locator('[data-testid="log-form"] .err').first().waitFor();
    check(true, "a missing next step is shown under its field");
    await page.getByTestId("log-next-step").fill("Send the offer");
    await page.getByTestId("log-next-date").focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("log-form").waitFor({ state: "detached" });
    check(await page.evaluate(() => window.__MOCK_CALLS__.some((c) => c.cmd === "activity_log" && c.args.input.next_step === "Send the offer" && c.args.input.outcome === "Interested")), "Enter in the date saves the log");

    // Referral source: pick who referred the lead.
    await page.getByTestId("quick-create").click();
    await page.getByTestId("lead-source").selectOption("referral");
    await page.getByTestId("lead-referred-by").fill("Johnson");
    await page.locator('[data-testid^="lead-referred-hit-"]').first().waitFor();
    await shot(page, "lead-referral-en-light");
    await page.locator('[data-testid^="lead-referred-hit-"]').first().click();
    await page.keyboard.press("Escape");

    await page.getByTestId("nav-conveyor").click();
    await boardReady(page);
    const card = page.locator('[data-testid="step-2"] article[data-testid^="deal-"]').first();
    const id = await card.getAttribute("data-deal-id");
    await card.focus();
    await page.keyboard.press("Alt+ArrowRight");
    await page.getByTestId("toast-undo").first().waitFor();
    await page.waitForFunction((i) => !!document.querySelector(`[data-testid="step-3"] [data-testid="deal-${i}"]`), id);
    check(true, "Alt+→ moves a card to the next step");
    await shot(page, "board-move-en-light");
    await page.getByTestId("toast-undo").last().click();
    await page.waitForFunction((i) => !!document.querySelector(`[data-testid="step-2"] [data-testid="deal-${i}"]`), id);
    check(true, "Undo moves it back");
    const src = page.locator('[data-testid="step-5"] article[data-testid^="deal-"]').first();
    await src.dragTo(page.getByTestId("step-6"));
    await page.getByTestId("toast").first().waitFor();
    check(true, "drag and drop moves a card");
    await page.setViewportSize({ width: 1280, height: 2200 });
    const s1 = page.locator('[data-testid="step-4"] article[data-testid^="deal-"]').first();
    await s1.dragTo(page.getByTestId("step-5"));
    await page.getByTestId("card-form").waitFor();
    check(true, "a drop into stage 2 opens the qualification card");
    await page.keyboard.press("Escape");
    await page.setViewportSize(VIEWPORT);

    await page.getByTestId("nav-clients").click();
    await page.getByTestId("client-row-1").waitFor();
    await page.getByTestId("clients-list").evaluate((el) => (el.scrollTop = 44 * 60_000));
    await page.getByTestId("client-row-60001").waitFor({ timeout: 3000 }).catch(() => {});
    const rendered = await page.locator('[data-testid^="client-row-"]').count();
    check(rendered < 60, `the clients list renders only the visible rows (${rendered})`);
    check((await page.locator('[data-testid="client-row-60001"], [data-testid="client-row-60000"]').count()) > 0, "scrolled to row 60,000");
    await shot(page, "clients-deep-en-light");
    await context.close();
  }
  if (ONLY === "work") throw new Error("ONLY=work: stopping after the daily-work screens");

  // The board in both languages and both schemes.
  for (const lang of ["en", "ru"]) {
    for (const scheme of ["light", "dark"]) {
      const { page, context } = await newPage({ scheme, data: lang, uiLang: lang });
      await boardReady(page);
      await shot(page, `board-${lang}-${scheme}`);
      await context.close();
    }
  }

  // Smoke checks on the English board.
  {
    const { page, context } = await newPage({ viewport: { width: 1280, height: 2200 } });
    await boardReady(page);
    await shot(page, "board-en-light-tall");
    check((await page.getByTestId("workspace-name").textContent())?.includes("Northwind"), "workspace name in the header");
    check(await page.getByTestId("demo-badge").isVisible(), "demo badge visible");
    for (const s of ["today", "conveyor", "clients", "playbook", "plan", "reports"])
      check(await page.getByTestId(`nav-${s}`).isVisible(), `nav-${s}`);
    const order = await page.$$eval('section[data-testid^="stage-"]', (els) => els.map((e) => e.dataset.testid));
    check(JSON.stringify(order) === JSON.stringify(["stage-lead_generation", "stage-first_deal", "stage-account_development"]), `stages in order: ${order}`);
    check((await page.getByTestId("stage-count-lead_generation").textContent())?.trim() === "16", "stage 1 count is 16");
    check((await page.getByTestId("step-count-1").textContent())?.trim() === "7", "step 1 count is 7");
    check((await page.getByTestId("step-more-1").textContent())?.includes("2"), "step 1 shows +2 more");
    check((await page.locator('[data-testid^="deal-no-next-"]').count()) > 0, "a deal without a next step is flagged");
    check((await page.getByTestId("deal-overdue").count()) > 0, "overdue next steps are highlighted");
    check((await page.getByTestId("step-12").textContent())?.includes("No deals"), "empty column says so");
    const clipped = await page.$$eval("article[data-testid^='deal-']", (els) =>
      els.filter((e) => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > e.parentElement.getBoundingClientRect().right + 1).map((e) => e.dataset.testid),
    );
    check(clipped.length === 0, `no card overflows its column ${clipped.join(" ")}`);

    // Filters re-query the board.
    await page.getByTestId("filter-owner").selectOption({ label: "Ben Carter" });
    await page.waitForFunction(() => window.__MOCK_CALLS__.some((c) => c.cmd === "board_get" && c.args.query.owner_id === 2));
    await boardReady(page);
    const n = Number(await page.getByTestId("stage-count-first_deal").textContent());
    check(n < 12, `owner filter narrows stage 2 (${n} deals)`);
    await page.getByTestId("filter-source").selectOption("referral");
    await page.waitForFunction(() => window.__MOCK_CALLS__.some((c) => c.cmd === "board_get" && c.args.query.source === "referral" && c.args.query.owner_id === 2));
    await boardReady(page);
    await page.setViewportSize(VIEWPORT);
    await shot(page, "board-en-light-filtered");

    // Language switch: immediate, and persisted through settings_set_lang.
    await page.getByTestId("lang-ru").click();
    await page.waitForFunction(() => window.__MOCK_CALLS__.some((c) => c.cmd === "settings_set_lang" && c.args.lang === "ru"));
    check((await page.getByTestId("nav-conveyor").textContent())?.includes("Конвейер"), "switching to RU translates the UI");
    check((await page.locator("html").getAttribute("lang")) === "ru", "<html lang> follows the UI language");
    await page.getByTestId("lang-en").click();

    // Keyboard: focus is visible.
    await page.locator("body").click({ position: { x: 5, y: 790 } });
    await page.getByTestId("nav-clients").focus();
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.dataset.testid);
    check(focused === "nav-playbook", `Tab moves along the navigation (${focused})`);
    check(
      await page.evaluate(() => getComputedStyle(document.activeElement).boxShadow !== "none"),
      "the focused control shows a focus ring",
    );
    await shot(page, "focus-en-light");

    // Screens not built yet.
    for (const s of ["today", "clients", "playbook", "plan", "reports"]) {
      await page.getByTestId(`nav-${s}`).click();
      check(await page.getByTestId(`screen-${s}`).isVisible(), `screen-${s} shows`);
    }
    await page.getByTestId("nav-today").click();
    await shot(page, "today-en-light");
    await context.close();
  }

  // Workspace menu, the new-workspace form, and an error from a command.
  {
    const { page, context } = await newPage({ data: "en", uiLang: "en" });
    await boardReady(page);
    await page.getByTestId("workspace-menu").click();
    await page.getByTestId("workspace-menu-panel").waitFor();
    check((await page.getByTestId("recent-item").count()) === 3, "three recent workspaces listed");
    await shot(page, "menu-en-light");
    await page.getByTestId("workspace-new").click();
    await page.getByTestId("new-workspace-form").waitFor();
    check((await page.getByTestId("new-workspace-name").inputValue()) === "Northwind Supplies", "name prefilled from the file name");
    check((await page.getByTestId("new-workspace-currency").inputValue()) === "EUR", "currency defaults to EUR");
    await page.getByTestId("new-workspace-lang").selectOption("ru");
    check((await page.getByTestId("new-workspace-currency").inputValue()) === "RUB", "currency follows language RU → RUB");
    await shot(page, "new-workspace-en-light");
    await page.getByTestId("new-workspace-create").click();
    await page.waitForFunction(() => window.__MOCK_CALLS__.some((c) => c.cmd === "workspace_create"));
    const call = await page.evaluate(() => window.__MOCK_CALLS__.find((c) => c.cmd === "workspace_create").args);
    check(call.path === "/home/alex/Documents/Northwind Supplies.conveyor" && call.lang === "ru" && call.currency === "RUB", `workspace_create args ${JSON.stringify(call)}`);
    await page.waitForFunction(() => document.querySelector('[data-testid="workspace-name"]')?.textContent?.trim() === "Northwind Supplies");
    await boardReady(page);
    check((await page.getByTestId("workspace-name").textContent())?.trim() === "Northwind Supplies", "the new workspace is open");
    check((await page.getByTestId("demo-badge").count()) === 0, "no demo badge on a real workspace");

    await page.getByTestId("workspace-menu").click();
    await page.getByTestId("recent-item").filter({ hasText: "Harbor Print" }).click();
    await page.getByTestId("error-banner").waitFor();
    check((await page.getByTestId("error-banner").getAttribute("data-code")) === "workspace_locked", "locked workspace → banner with its code");
    await page.keyboard.press("Escape");
    await shot(page, "error-en-light");
    await page.getByTestId("error-dismiss").click();
    check((await page.getByTestId("error-banner").count()) === 0, "banner dismissed");
    await context.close();
  }

  // Russian: the menu and the form; dark.
  {
    const { page, context } = await newPage({ data: "ru", uiLang: "ru", scheme: "dark" });
    await boardReady(page);
    await page.getByTestId("workspace-menu").click();
    await page.getByTestId("workspace-new").click();
    await page.getByTestId("new-workspace-form").waitFor();
    check((await page.getByTestId("new-workspace-currency").inputValue()) === "RUB", "RU UI → currency RUB by default");
    await shot(page, "new-workspace-ru-dark");
    await page.keyboard.press("Escape");
    await page.getByTestId("nav-plan").click();
    await shot(page, "plan-ru-dark");
    await context.close();
  }

  // No workspace: the welcome screen, with the start-up error.
  for (const [lang, scheme] of [["en", "light"], ["ru", "dark"]]) {
    const { page, context } = await newPage({ data: lang, uiLang: lang, scheme, workspace: false, startupError: true });
    await page.getByTestId("screen-welcome").waitFor();
    check(await page.getByTestId("startup-error").isVisible(), `startup error shown (${lang})`);
    await shot(page, `welcome-${lang}-${scheme}`);
    if (lang === "en") {
      await page.getByTestId("workspace-open-demo").click();
      await boardReady(page);
      check(await page.getByTestId("demo-badge").isVisible(), "open demo from the welcome screen");
    }
    await context.close();
  }
} catch (e) {
  failures.push(`script error: ${e?.stack || e}`);
} finally {
  await browser.close();
  await new Promise((r) => server.httpServer.close(r));
}

if (failures.length) {
  console.error(`\n${failures.length} problem(s):\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
console.log("\nall checks passed");
