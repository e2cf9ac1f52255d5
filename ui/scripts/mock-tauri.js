// A stand-in for the Tauri shell, for looking at the UI in a plain browser.
// Injected before the app loads (Playwright `page.addInitScript`), it answers
// the commands of src/lib/bindings/commands.ts and the dialog plugin with
// realistic data. Configure with `window.__MOCK_CONFIG__ = { data: "en" | "ru",
// uiLang: "en" | "ru" | null, workspace: true | false, startupError: bool }`
// set by an earlier init script. Calls are recorded in `window.__MOCK_CALLS__`.
(() => {
  const cfg = Object.assign({ data: "en", uiLang: "en", workspace: true, startupError: false }, window.__MOCK_CONFIG__ || {});
  const TODAY = "2026-03-12";
  const CARDS_PER_STEP = 5; // the core shows 100; small here so "+N more" shows

  const DATA = {
    en: {
      name: "Northwind Office Supplies (demo)",
      path: "/home/alex/.local/share/conveyor/demo.conveyor",
      currency: "EUR",
      other: "USD",
      people: ["Alex Morgan", "Ben Carter", "Chloe Hughes"],
      steps: [
        ["New lead", 5], ["First contact made", 10], ["Interest confirmed", 20], ["Qualified", 30],
        ["Needs analysis", 40], ["Offer sent", 55], ["Negotiation", 70], ["Contract and invoice", 90],
        ["Check-in", 30], ["Repeat need found", 50], ["Offer sent", 70], ["Order confirmed", 90],
      ],
      companies: ["Northwind Dental Clinic", "Bluebird Law Partners", "Greenfield Accounting", "Silverline Architects", "Oakridge Logistics", "Riverside Hotel", "Summit Language School", "Brightway Insurance Agency", "Redwood IT Services", "Harbor Property Management", "Maple Print Studio", "Pinecrest Medical Centre", "Clearview Travel Agency", "Stonebridge Fitness Club", "Westgate Coworking"],
      contacts: ["Sarah Johnson", "Michael Brown", "Emily Davis", "Oliver Wilson"],
      products: ["Office paper, annual supply", "Printer toner for all floors", "Ergonomic chairs", "Stationery starter pack", "Coffee and kitchen supplies", "Archive boxes and folders", "Whiteboards and markers", "Monthly consumables contract for the head office and two branches", "Reception desk organisers", "Shredders and bins", "Cleaning supplies", "Conference room kit"],
      next: [
        ["Call to confirm interest", "Send the price list", "Call the office manager", "Book an intro meeting"],
        ["Send the offer", "Follow up on the offer", "Agree delivery terms", "Send the contract", "Meet the director"],
        ["Quarterly check-in call", "Ask for a referral", "Offer the new catalogue", "Confirm the monthly order"],
      ],
      value: [40_000, 1_500_000],
      recent: [
        { path: "/home/alex/Clients/Stonebridge Fitness.conveyor", name: "Stonebridge Fitness", is_demo: false },
        { path: "/home/alex/Clients/locked/Harbor Print.conveyor", name: "Harbor Print", is_demo: false },
      ],
    },
    ru: {
      name: "Офислайн (демо)",
      path: "/home/alexey/.local/share/conveyor/demo.conveyor",
      currency: "RUB",
      other: "EUR",
      people: ["Алексей Морозов", "Борис Кузнецов", "Екатерина Соловьёва"],
      steps: [
        ["Новый лид", 5], ["Первый контакт", 10], ["Интерес подтверждён", 20], ["Квалифицирован", 30],
        ["Анализ потребностей", 40], ["Предложение отправлено", 55], ["Переговоры", 70], ["Договор и счёт", 90],
        ["Контакт с клиентом", 30], ["Выявлена потребность", 50], ["Предложение отправлено", 70], ["Заказ подтверждён", 90],
      ],
      companies: ["Стоматология «Северная звезда»", "Юридическая компания «Гранит»", "Бухгалтерское бюро «Вектор»", "Архитектурная мастерская «Альянс»", "Логистика «Меридиан»", "Гостиница «Старт»", "Языковая школа «Ладога»", "Страховое агентство «Восход»", "ИТ-сервис «Орион»", "Управляющая компания «Паллада»", "Типография «Берёзка»", "Медицинский центр «Ока»", "Турагентство «Волга-Сервис»", "Фитнес-клуб «Алтай»", "Коворкинг «Сфера»"],
      contacts: ["Анна Смирнова", "Дмитрий Петров", "Ольга Васильева", "Иван Соколов"],
      products: ["Офисная бумага, годовой контракт", "Картриджи для всех этажей", "Эргономичные кресла", "Канцелярский стартовый набор", "Кофе и товары для кухни", "Архивные короба и папки", "Маркерные доски и маркеры", "Ежемесячная поставка расходников для головного офиса и двух филиалов", "Органайзеры для ресепшн", "Шредеры и урны", "Хозяйственные товары", "Оснащение переговорной"],
      next: [
        ["Позвонить и подтвердить интерес", "Отправить прайс-лист", "Позвонить офис-менеджеру", "Назначить встречу-знакомство"],
        ["Отправить предложение", "Уточнить решение по предложению", "Согласовать условия доставки", "Отправить договор", "Встретиться с директором"],
        ["Ежеквартальный звонок клиенту", "Попросить рекомендацию", "Предложить новый каталог", "Подтвердить ежемесячный заказ"],
      ],
      value: [3_000_000, 150_000_000],
      recent: [
        { path: "/home/alexey/Клиенты/Фитнес Алтай.conveyor", name: "Фитнес-клуб «Алтай»", is_demo: false },
        { path: "/home/alexey/Клиенты/locked/Типография.conveyor", name: "Типография «Берёзка»", is_demo: false },
      ],
    },
  };

  const STAGES = ["lead_generation", "first_deal", "account_development"];
  const SOURCES = ["cold_call", "referral", "inbound", "web_search", "event", "repeat", "other"];
  const PER_STEP = [7, 4, 3, 2, 3, 4, 2, 3, 2, 3, 1, 0];

  function addDays(iso, n) {
    const d = new Date(iso + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }

  // Deterministic pseudo-random numbers.
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];

  const D = DATA[cfg.data] || DATA.en;
  const people = D.people.map((name, i) => ({
    id: i + 1, name, email: null, phone: null, is_owner: i === 0,
    roles: i === 0 ? ["closer", "head_of_sales"] : i === 1 ? ["hunter"] : ["account_manager"], archived: false,
  }));
  const steps = D.steps.map(([name, p], i) => ({ id: i + 1, stage: STAGES[Math.floor(i / 4)], name, position: i % 4, probability_pct: p }));

  const deals = [];
  let id = 100;
  steps.forEach((step, si) => {
    const stageIdx = Math.floor(si / 4);
    for (let k = 0; k < PER_STEP[si]; k++) {
      id++;
      const n = deals.length;
      const noNext = n % 7 === 3;
      const contactOnly = n % 11 === 5;
      const offset = [-6, -1, 0, 1, 3, 6, 9, 14, 40][n % 9];
      const [lo, hi] = D.value;
      const value = Math.round((lo + rnd() * (hi - lo)) / 1000) * 1000;
      const ownerIdx = k % 3 === 2 ? 0 : [1, 0, 2][stageIdx];
      deals.push({
        id,
        title: pick(D.products),
        step_id: step.id,
        company_name: contactOnly ? null : D.companies[n % D.companies.length],
        contact_name: contactOnly ? D.contacts[n % D.contacts.length] : null,
        value_minor: value,
        currency: n === 9 ? D.other : D.currency,
        owner_name: n % 13 === 8 ? null : people[ownerIdx].name,
        owner_id: n % 13 === 8 ? null : people[ownerIdx].id,
        source: stageIdx === 2 ? (k % 2 ? "repeat" : "referral") : SOURCES[n % 5],
        next_step: noNext ? null : D.next[stageIdx][n % D.next[stageIdx].length],
        next_step_date: noNext ? (n % 2 ? null : addDays(TODAY, -2)) : n % 17 === 4 ? null : addDays(TODAY, offset),
        step_entered_on: addDays(TODAY, -(1 + Math.floor(rnd() * 45))),
        status: "open",
        stage: step.stage,
        step_name: step.name,
        company_id: contactOnly ? null : (n % D.companies.length) + 1,
        last_activity_on: n % 5 === 2 ? addDays(TODAY, -(30 + (n % 20))) : addDays(TODAY, -(n % 6)),
      });
    }
  });

  function totals(list, weight) {
    const by = new Map();
    for (const d of list) {
      const t = by.get(d.currency) || { currency: d.currency, sum_minor: 0, weighted_minor: 0 };
      t.sum_minor += d.value_minor;
      by.set(d.currency, t);
    }
    const out = [...by.values()].map((t) => ({ ...t, weighted_minor: Math.trunc((t.sum_minor * weight) / 100) }));
    out.sort((a, b) => (a.currency === D.currency ? -1 : b.currency === D.currency ? 1 : a.currency.localeCompare(b.currency)));
    return out;
  }

  function board(query) {
    const list = deals.filter((d) => d.status === "open" && !d.archived && (query.owner_id == null || d.owner_id === query.owner_id) && (query.source == null || d.source === query.source));
    return {
      currency: D.currency,
      today: TODAY,
      stages: STAGES.map((stage) => {
        const cols = steps.filter((s) => s.stage === stage).sort((a, b) => a.position - b.position).map((step) => {
          const ds = list.filter((d) => d.step_id === step.id);
          return {
            step,
            count: ds.length,
            totals: totals(ds, step.probability_pct),
            deals: ds.slice(0, CARDS_PER_STEP).map(({ owner_id, archived, ...card }) => card),
          };
        });
        const sum = new Map();
        for (const c of cols) for (const t of c.totals) {
          const s = sum.get(t.currency) || { currency: t.currency, sum_minor: 0, weighted_minor: 0 };
          s.sum_minor += t.sum_minor;
          s.weighted_minor += t.weighted_minor;
          sum.set(t.currency, s);
        }
        const stTotals = [...sum.values()].sort((a, b) => (a.currency === D.currency ? -1 : 1));
        return { stage, count: cols.reduce((n, c) => n + c.count, 0), totals: stTotals, steps: cols };
      }),
    };
  }

  const workspace = { path: D.path, name: D.name, lang: cfg.data, currency: D.currency, is_demo: true, schema_version: 1 };
  const session = {
    workspace: cfg.workspace ? workspace : null,
    settings: {
      ui_lang: cfg.uiLang,
      recent: [
        { path: D.path, name: D.name, is_demo: true, opened_at: "2026-03-12T08:10:00Z" },
        ...D.recent.map((r, i) => ({ ...r, opened_at: `2026-03-0${9 - i}T17:00:00Z` })),
      ],
      last_workspace: D.path,
    },
    data_dir: D.path.replace(/\/demo\.conveyor$/, ""),
    startup_error: cfg.startupError
      ? { code: "invalid_file", message: `${D.recent[0].path} is not a Conveyor workspace (it may be damaged or from a newer version). Open another file or create a new one.`, field: null }
      : null,
  };
  const clone = (x) => JSON.parse(JSON.stringify(x));
  const reject = (code, message, field = null) => Promise.reject({ code, message, field });

  const handlers = {
    app_state: () => clone(session),
    settings_set_lang: ({ lang }) => { session.settings.ui_lang = lang; return clone(session); },
    workspace_open_demo: () => { session.workspace = workspace; session.startup_error = null; return clone(session); },
    workspace_open: ({ path }) => {
      if (path.includes("/locked/")) return reject("workspace_locked", `${path} is open in another Conveyor window. Close it there, or open another workspace.`);
      const r = session.settings.recent.find((x) => x.path === path);
      session.workspace = { ...workspace, path, name: r ? r.name : path.split("/").pop().replace(/\.conveyor$/, ""), is_demo: r ? r.is_demo : false };
      return clone(session);
    },
    workspace_create: ({ path, name, lang, currency }) => {
      if (!name.trim()) return reject("validation", "Give the business a name.", "name");
      session.workspace = { path, name, lang, currency, is_demo: false, schema_version: 1 };
      session.settings.recent.unshift({ path, name, is_demo: false, opened_at: "2026-03-12T09:00:00Z" });
      return clone(session);
    },
    board_get: ({ query }) => board(query),
    ...(window.__MOCK_WORK__ ? window.__MOCK_WORK__({ D, cfg, TODAY, deals, steps, people, addDays, reject, clone, STAGES, SOURCES }) : {}),
    people_list: () => clone(people),
    "plugin:dialog|save": () => "/home/alex/Documents/Northwind Supplies",
    "plugin:dialog|open": () => D.recent[0].path,
  };

  window.__MOCK_CALLS__ = [];
  let cb = 0;
  window.__TAURI_INTERNALS__ = {
    metadata: { currentWindow: { label: "main" }, currentWebview: { windowLabel: "main", label: "main" } },
    transformCallback: () => ++cb,
    unregisterCallback: () => {},
    convertFileSrc: (p) => p,
    invoke: async (cmd, args = {}) => {
      window.__MOCK_CALLS__.push({ cmd, args: clone(args) });
      const h = handlers[cmd];
      if (!h) return reject("internal", `The mock has no command "${cmd}".`);
      await new Promise((r) => setTimeout(r, 15));
      return h(args);
    },
  };
})();
