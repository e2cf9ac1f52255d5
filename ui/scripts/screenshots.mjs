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
  await page.getByTestId("screen-conveyor").waitFor();
  await page.getByTestId("stage-account_development").waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="screen-conveyor"]')?.getAttribute("aria-busy") === "false");
}

try {
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
