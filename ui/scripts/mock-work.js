// The daily-work commands for the mock shell (scripts/mock-tauri.js calls
// `window.__MOCK_WORK__(ctx)` and merges the handlers it returns): Today,
// clients (100,000 generated contacts), profiles, moves, hand-offs, logging,
// closing, archive and restore. Realistic data in English and Russian.
window.__MOCK_WORK__ = ({ D, cfg, TODAY, deals, steps, people, addDays, reject, clone, STAGES, SOURCES }) => {
  const ru = cfg.data === "ru";
  const FIRST = ru
    ? ["Анна", "Дмитрий", "Ольга", "Иван", "Екатерина", "Сергей", "Мария", "Алексей", "Татьяна", "Николай", "Юлия", "Павел", "Светлана", "Андрей", "Ирина", "Георгий"]
    : ["Sarah", "Michael", "Emily", "Oliver", "James", "Sophie", "Daniel", "Grace", "Thomas", "Hannah", "Lucas", "Chloe", "Henry", "Amelia", "Jack", "Isla"];
  const LAST = ru
    ? ["Смирнова", "Петров", "Васильева", "Соколов", "Ёлкина", "Кузнецов", "Новикова", "Морозов", "Волкова", "Лебедев", "Козлова", "Фёдоров", "Орлова", "Никитин"]
    : ["Johnson", "Brown", "Davis", "Wilson", "Taylor", "Clarke", "Walker", "Wright", "Green", "Hall", "Wood", "Hughes", "Turner", "Baker"];
  // Russian surnames agree with the first name (even indices are women).
  const LAST_F = ["Смирнова", "Васильева", "Ёлкина", "Новикова", "Волкова", "Козлова", "Орлова"];
  const LAST_M = ["Петров", "Соколов", "Кузнецов", "Морозов", "Лебедев", "Фёдоров", "Никитин"];
  const surname = (fi, li) => (ru ? (fi % 2 === 0 ? LAST_F : LAST_M)[li % 7] : LAST[li % LAST.length]);
  const person = (fi, li) => `${FIRST[fi % FIRST.length]} ${surname(fi % FIRST.length, li)}`;
  const TITLES = ru
    ? ["Директор", "Офис-менеджер", "Главный бухгалтер", "Руководитель закупок", "Администратор", "Управляющий партнёр"]
    : ["Director", "Office manager", "Chief accountant", "Head of purchasing", "Administrator", "Managing partner"];
  const CITIES = ru ? ["Москва", "Санкт-Петербург", "Казань", "Нижний Новгород", "Екатеринбург"] : ["London", "Manchester", "Leeds", "Bristol", "Birmingham"];
  const INDUSTRIES = ru
    ? ["Медицина", "Юридические услуги", "Бухгалтерия", "Архитектура", "Логистика", "Гостиничный бизнес", "Образование", "Страхование", "ИТ-услуги", "Недвижимость"]
    : ["Healthcare", "Legal services", "Accounting", "Architecture", "Logistics", "Hospitality", "Education", "Insurance", "IT services", "Property"];
  const ABC = ["A", "B", "C"];
  const TOTAL = 100_000;
  const NCOMP = D.companies.length;
  const nextId = { deal: 900, act: 5000 };

  const companyName = (i) => (i <= NCOMP ? D.companies[i - 1] : `${ru ? "ООО «Клиент-" : "Client "}${i}${ru ? "»" : " Ltd"}`);
  const translit = (s) => s.toLowerCase().replace(/[^a-z]/g, "");

  // Contact #i (1-based): everything derived from i, so 100,000 cost nothing.
  function contactRow(i) {
    const first = FIRST[i % FIRST.length];
    const last = surname(i % FIRST.length, i * 5 + (i >> 4));
    const company_id = ((i - 1) % 4000) + 1;
    const mail = ru ? `${["anna", "dmitry", "olga", "ivan", "ekaterina", "sergey", "maria", "alexey", "tatiana", "nikolay", "yulia", "pavel", "svetlana", "andrey", "irina", "georgy"][i % 16]}${i}@example.ru` : `${translit(first)}.${translit(last)}${i}@example.com`;
    return {
      contact_id: i,
      name: `${first} ${last}`,
      title: i % 4 === 0 ? null : TITLES[i % TITLES.length],
      company_id,
      company_name: companyName(company_id),
      phone: `+${ru ? "7 9" : "44 7"}${String(10 + (i % 89)).padStart(2, "0")} ${String(100 + ((i * 37) % 900))} ${String(1000 + ((i * 91) % 9000))}`,
      email: i % 9 === 0 ? null : mail,
      stage: STAGES[company_id % 3],
      abc: company_id % 3 === 2 ? ABC[company_id % 3 === 2 ? (company_id >> 2) % 3 : 0] : null,
      source: SOURCES[i % SOURCES.length],
      owner_name: people[company_id % people.length].name,
      owner_id: people[company_id % people.length].id,
    };
  }
  const filtered = new Map();
  function matching(f) {
    const key = JSON.stringify(f);
    if (!filtered.has(key)) {
      const ids = [];
      for (let i = 1; i <= TOTAL; i++) {
        const r = contactRow(i);
        if ((f.stage == null || r.stage === f.stage) && (f.abc == null || r.abc === f.abc) && (f.source == null || r.source === f.source) && (f.owner_id == null || r.owner_id === f.owner_id))
          ids.push(i);
      }
      filtered.set(key, ids);
    }
    return filtered.get(key);
  }
  const strip = ({ owner_id, ...r }) => r;
  const fold = (s) => s.toLowerCase().replace(/ё/g, "е").normalize("NFD").replace(/\p{M}/gu, "");

  const card = (d) => {
    const { owner_id, archived, ...c } = d;
    return clone(c);
  };
  const open = (d) => d.status === "open" && !d.archived;
  const byOwner = (owner) => (d) => owner == null || d.owner_id === owner;

  const CARD_FIELDS = {
    qualification: ru
      ? [["need", "Потребность", true], ["budget", "Бюджет", true], ["decision_maker", "Кто принимает решение", true], ["timing", "Сроки", false], ["source", "Откуда узнали о нас", false]]
      : [["need", "Need", true], ["budget", "Budget", true], ["decision_maker", "Decision maker", true], ["timing", "Timing", false], ["source", "How they found us", false]],
    handover: ru
      ? [["sold", "Что продано", true], ["terms", "Условия", true], ["contacts", "Контакты", true], ["expectations", "Ожидания клиента", false]]
      : [["sold", "What was sold", true], ["terms", "Terms", true], ["contacts", "Contacts", true], ["expectations", "Expectations", false]],
  };
  // The fields of both cards, configurable (card_field_* commands); archived ones stay for old hand-offs.
  const cardFields = [];
  for (const card of ["qualification", "handover"]) CARD_FIELDS[card].forEach(([key, label, required], i) => cardFields.push({ id: cardFields.length + 1, card, key, label, required, position: i, archived: false }));
  const liveFields = (card) => cardFields.filter((f) => f.card === card && !f.archived).sort((a, b) => a.position - b.position);
  const fieldOut = ({ id, card, key, label, required }) => ({ id, card, key, label, required });
  const fieldLabelError = (label) => (!label.trim() ? reject("validation", ru ? "Укажите название поля." : "Give the field a name.", "card_field.label") : label.trim().length > 80 ? reject("validation", ru ? "Название поля — не длиннее 80 символов." : "A field name is at most 80 characters.", "card_field.label") : null);
  const REASONS = ru
    ? { lost: ["Выбрали конкурента", "Дорого", "Нет бюджета", "Отложили решение"], disqualified: ["Нет потребности", "Не ЛПР, выйти на ЛПР не удалось", "Слишком маленький объём", "Компания закрылась"] }
    : { lost: ["Chose a competitor", "Too expensive", "No budget", "Decision postponed"], disqualified: ["No need", "Not the decision maker, no way in", "Too small", "Company closed"] };

  function clientsDue(list) {
    return list.map(([id, abc, last, order, owner]) => ({ company_id: id, name: companyName(id), abc, last_activity_on: last, expected_order_on: order, owner_name: people[owner].name, owner_id: people[owner].id }));
  }
  const CHECKINS = clientsDue([
    [3, "A", addDays(TODAY, -41), null, 2],
    [7, "B", addDays(TODAY, -75), null, 2],
    [12, "A", addDays(TODAY, -33), addDays(TODAY, 4), 0],
    [9, "C", null, null, 2],
  ]);
  const ORDERS = clientsDue([
    [12, "A", addDays(TODAY, -33), addDays(TODAY, 4), 0],
    [5, "B", addDays(TODAY, -12), addDays(TODAY, 2), 2],
    [14, "A", addDays(TODAY, -20), addDays(TODAY, 9), 2],
  ]);
  const TASKS = (ru
    ? [["call", "Попросить рекомендацию после первой поставки", 4, -1], ["task", "Отправить акт сверки", 2, 0], ["call", "Контрольный звонок после поставки", 6, 0], ["meeting", "Встреча по новому каталогу", 11, 0], ["email", "Отправить коммерческое предложение", 8, -3]]
    : [["call", "Ask for a referral after the first delivery", 4, -1], ["task", "Send the reconciliation statement", 2, 0], ["call", "Check-in call after the delivery", 6, 0], ["meeting", "Meeting about the new catalogue", 11, 0], ["email", "Send the commercial offer", 8, -3]]
  ).map(([kind, subject, company, days], i) => ({
    id: 700 + i, kind, subject, due_at: `${addDays(TODAY, days)}T${String(9 + i).padStart(2, "0")}:30:00`, deal_id: null, company_id: company, company_name: companyName(company), contact_name: person(company, company * 3), owner_id: people[i % 3].id,
  }));
  let callsToday = 17;

  function today({ ownerId }) {
    const mine = deals.filter(open).filter(byOwner(ownerId));
    const list = (xs, n = 6) => ({ deals: xs.slice(0, n).map(card), total: xs.length });
    const noNext = mine.filter((d) => !d.next_step || !d.next_step_date);
    const overdue = mine.filter((d) => d.next_step && d.next_step_date && d.next_step_date < addDays(TODAY, -3));
    const stale = mine.filter((d) => d.last_activity_on && d.last_activity_on < addDays(TODAY, -28));
    const leads = mine.filter((d) => d.stage === "lead_generation" && d.next_step && d.next_step_date && d.next_step_date <= addDays(TODAY, 1));
    const first = mine.filter((d) => d.stage === "first_deal" && d.next_step && d.next_step_date && d.next_step_date <= TODAY);
    const cl = (xs) => {
      const ys = xs.filter((c) => ownerId == null || c.owner_id === ownerId).map(({ owner_id, ...c }) => c);
      return { clients: ys, total: ys.length };
    };
    const tasks = TASKS.filter((x) => ownerId == null || x.owner_id === ownerId).map(({ owner_id, ...x }) => x);
    return {
      date: TODAY,
      settings: { overdue_days: 3, prospecting_goal_calls: 30, cadence_a_days: 30, cadence_b_days: 60, cadence_c_days: 90, repeat_order_horizon_days: 14, default_cycle_days: 30 },
      no_next_step: list(noNext), overdue: list(overdue), stale: list(stale), cycle_days: 28, cycle_measured: true,
      calls_today: ownerId == null ? callsToday : Math.round(callsToday / 2), leads_to_call: list(leads, 8), first_deals_due: list(first, 8),
      checkins_due: cl(CHECKINS), orders_expected: cl(ORDERS), tasks_due: { tasks, total: tasks.length },
    };
  }

  const reopenable = (d) => {
    if (!closed.has(d.id)) closed.set(d.id, { ...d, owner_id: 1 });
    return d;
  };

  function profile({ companyId }) {
    const id = companyId;
    const name = companyName(id);
    const contacts = [0, 1].map((k) => {
      const i = id * 2 + k;
      return {
        id: 10_000 + i, company_id: id, first_name: FIRST[i % 16], last_name: surname(i % 16, i * 3), title: TITLES[(i + k) % TITLES.length],
        phone: `+${ru ? "7 495" : "44 20"} ${String(100 + ((i * 37) % 900))} ${String(1000 + ((i * 91) % 9000))}`,
        email: `${ru ? ["info", "zakaz", "office"][k] : ["info", "orders", "office"][k]}@${ru ? "example.ru" : "example.com"}`,
        notes: k === 0 ? (ru ? "Решения принимает сама, любит конкретику и цифры. Звонить до 11:00." : "Decides herself; likes specifics and numbers. Call before 11 am.") : null,
        source: "referral", referred_by_id: null, owner_id: 1, birthday: null, archived: false,
      };
    });
    const own = deals.filter((d) => d.company_id === id).map(card);
    const won = {
      id: 8000 + id, title: ru ? "Первая поставка канцтоваров" : "First stationery delivery", step_id: 8, stage: "first_deal", step_name: steps[7].name,
      company_id: id, company_name: name, contact_name: `${contacts[0].first_name} ${contacts[0].last_name}`, value_minor: D.value[0] * 6, currency: D.currency,
      owner_name: people[0].name, source: "referral", next_step: null, next_step_date: null, step_entered_on: addDays(TODAY, -70), last_activity_on: addDays(TODAY, -64), status: "won",
    };
    const lost = { ...won, id: 8500 + id, title: ru ? "Мебель для переговорной" : "Meeting room furniture", status: "lost", value_minor: D.value[0] * 11 };
    const orders = [-64, -35, -9].map((days, k) => ({
      id: 600 + k, company_id: id, contact_id: contacts[0].id, deal_id: k === 0 ? won.id : null, order_date: addDays(TODAY, days),
      amount_minor: D.value[0] * (3 + k * 2), margin_minor: D.value[0], currency: D.currency,
      notes: ru ? ["Первая поставка: бумага и картриджи", "Повторный заказ бумаги", "Хозтовары и кофе"][k] : ["First delivery: paper and toner", "Repeat order of paper", "Cleaning supplies and coffee"][k], archived: false,
    }));
    const A = (k, kind, subject, at, outcome, mins, notes, done = true) => ({
      id: 300 + k, kind, subject, deal_id: null, contact_id: contacts[0].id, company_id: id, owner_id: 1, due_at: done ? null : at, done_at: done ? at : null, outcome, duration_min: mins, notes, archived: false,
    });
    const activities = ru
      ? [A(1, "call", "Холодный звонок", `${addDays(TODAY, -95)}T10:15:00`, "Интересно, прислать прайс", 6, null), A(2, "meeting", "Встреча с директором", `${addDays(TODAY, -80)}T15:00:00`, "Согласовали пробную поставку", 45, "Нужна доставка до 10 утра"), A(3, "call", "Контрольный звонок", `${addDays(TODAY, -30)}T11:40:00`, "Всё устраивает, нужен каталог мебели", 9, null), A(4, "call", "Попросить рекомендацию", `${addDays(TODAY, 2)}T10:00:00`, null, null, null, false)]
      : [A(1, "call", "Cold call", `${addDays(TODAY, -95)}T10:15:00`, "Interested, send the price list", 6, null), A(2, "meeting", "Meeting with the director", `${addDays(TODAY, -80)}T15:00:00`, "Agreed a trial delivery", 45, "Deliveries before 10 am"), A(3, "call", "Check-in call", `${addDays(TODAY, -30)}T11:40:00`, "All good; wants the furniture catalogue", 9, null), A(4, "call", "Ask for a referral", `${addDays(TODAY, 2)}T10:00:00`, null, null, null, false)];
    const handoffs = [
      { id: 40, deal_id: won.id, from_stage: "lead_generation", to_stage: "first_deal", from_person_id: 2, to_person_id: 1, created_at: `${addDays(TODAY, -88)}T16:20:00`,
        card: ru ? { need: "Бумага и картриджи для 3 этажей, ~40 пачек в месяц", budget: "До 120 000 ₽ в месяц", decision_maker: "Директор, Анна Смирнова", timing: "Со следующего месяца" } : { need: "Paper and toner for 3 floors, ~40 reams a month", budget: "Up to €1,200 a month", decision_maker: "The director, Sarah Johnson", timing: "From next month" } },
      { id: 41, deal_id: won.id, from_stage: "first_deal", to_stage: "account_development", from_person_id: 1, to_person_id: 3, created_at: `${addDays(TODAY, -64)}T12:05:00`,
        card: ru ? { sold: "Годовой контракт на бумагу и картриджи", terms: "Оплата 14 дней, доставка по вторникам", contacts: "Заказы — офис-менеджер, счета — бухгалтерия", expectations: "Без перебоев; раз в квартал — сверка" } : { sold: "Annual paper and toner contract", terms: "Net 14, delivery on Tuesdays", contacts: "Orders: office manager; invoices: accounts", expectations: "No gaps in supply; a quarterly review" } },
    ];
    return {
      company: { id, name, industry: INDUSTRIES[id % INDUSTRIES.length], city: CITIES[id % CITIES.length], phone: contacts[0].phone, email: contacts[0].email, website: ru ? `www.client${id}.ru` : `www.client${id}.co.uk`,
        notes: ru ? "Три офиса, закупки централизованы. Ценят надёжность доставки больше цены." : "Three offices; purchasing is central. Values reliable delivery over price.", source: "referral", abc: ABC[id % 3], owner_id: 3, archived: false },
      contacts, deals: [...own, won, reopenable(lost)].map((d) => ({ ...d, ...(closed.get(d.id) ? { status: closed.get(d.id).status } : {}) })), orders, activities, handoffs,
      referred: [{ contact_id: 77, name: person(5, 6), company_name: companyName(id + 1) }, { contact_id: 78, name: person(8, 9), company_name: companyName(id + 3) }],
      referred_by: { contact_id: 76, name: person(2, 2), company_name: companyName(id + 2) },
    };
  }

  const find = (id) => deals.find((d) => d.id === id);
  // Closed deals shown in profiles (won/lost), reopenable in the mock.
  const closed = new Map();

  // The archive: a few records archived over the last days, newest first.
  const trash = (ru
    ? [["deal", 950, "Кулер и вода в офис", 0, "16:40"], ["contact", 10_041, "Сергей Кузнецов", -1, "11:05"], ["activity", 388, "Звонок: уточнить объём заказа", -2, "09:30"], ["order", 612, "Заказ от 14.02 (ошибка ввода)", -4, "18:10"], ["company", 4021, "ООО «Клиент-4021»", -9, "12:00"]]
    : [["deal", 950, "Water cooler for the office", 0, "16:40"], ["contact", 10_041, "Daniel Walker", -1, "11:05"], ["activity", 388, "Call: confirm the order volume", -2, "09:30"], ["order", 612, "Order of 14 Feb (entered twice)", -4, "18:10"], ["company", 4021, "Client 4021 Ltd", -9, "12:00"]]
  ).map(([what, id, title, days, time]) => ({ what, id, title, archived_at: `${addDays(TODAY, days)}T${time}:00` }));

  // The call register: calls of the last five weeks on working days.
  const OUTCOMES = ru
    ? ["Интересно, прислать прайс", "Не дозвонился", "Перезвонить через неделю", "Назначена встреча", "Нет потребности", "Секретарь не соединила", "Ждут предложение"]
    : ["Interested, send the price list", "No answer", "Call back next week", "Meeting booked", "No need", "Gatekeeper, no way through", "Waiting for the offer"];
  const calls = [];
  for (let back = 35; back >= 0; back--) {
    const day = addDays(TODAY, -back);
    const dow = new Date(day + "T00:00:00Z").getUTCDay();
    if (dow === 0 || dow === 6) continue;
    const n = 3 + ((back * 7) % 5);
    for (let k = 0; k < n; k++) {
      const seedN = back * 13 + k * 7;
      const outcome = OUTCOMES[seedN % OUTCOMES.length];
      const reached = !/No answer|Не дозвонился|Gatekeeper|Секретарь/.test(outcome);
      const owner = people[(k + back) % people.length];
      const withNext = reached && seedN % 3 !== 0;
      calls.push({
        at: `${day}T${String(9 + Math.floor((k * 50) / 60)).padStart(2, "0")}:${String((k * 50 + (back % 4) * 7) % 60).padStart(2, "0")}:00`,
        contact: person(seedN, seedN * 3),
        company: seedN % 6 === 5 ? null : companyName((seedN % NCOMP) + 1),
        outcome,
        duration_min: reached ? 2 + (seedN % 14) : seedN % 2 ? 1 : null,
        next_step: withNext ? D.next[seedN % 2][seedN % 4] : null,
        next_step_date: withNext ? addDays(day, 2 + (seedN % 6)) : null,
        owner: owner.name,
        owner_id: owner.id,
      });
    }
  }
  const setStep = (d, step) => Object.assign(d, { step_id: step.id, stage: step.stage, step_name: step.name, step_entered_on: TODAY });
  const asDeal = (d) => ({ ...card(d), owner_id: d.owner_id, referred_by_id: null, close_reason: d.close_reason ?? null, closed_on: null, archived: !!d.archived });

  return {
    today_get: today,
    steps_list: () => clone(steps),
    people_list: () => clone(people),
    clients_list: ({ filter, offset, limit }) => {
      const ids = matching(filter);
      return { rows: ids.slice(offset, offset + limit).map((i) => strip(contactRow(i))), offset, total: ids.length };
    },
    clients_search: ({ query }) => {
      const q = fold(query.trim());
      if (!q) return [];
      const out = [];
      for (let id = 1; id <= NCOMP && out.length < 5; id++) if (fold(companyName(id)).includes(q)) out.push({ kind: "company", id, name: companyName(id), city: CITIES[id % CITIES.length], stage: STAGES[id % 3], abc: ABC[id % 3] });
      for (let i = 1; i <= 3000 && out.length < 20; i++) {
        const r = contactRow(i);
        if (fold(`${r.name} ${r.company_name} ${r.email ?? ""} ${r.phone}`).includes(q)) out.push({ kind: "contact", row: strip(r) });
      }
      return out;
    },
    client_profile: profile,
    card_fields: ({ card: kind }) => liveFields(kind).map(fieldOut),
    card_field_add: ({ card, label, required }) => {
      const bad = fieldLabelError(label);
      if (bad) return bad;
      if (liveFields(card).some((f) => f.label.toLowerCase() === label.trim().toLowerCase())) return reject("validation", ru ? `В карточке уже есть поле «${label.trim()}».` : `The card already has a field “${label.trim()}”.`, "card_field.label");
      const id = Math.max(...cardFields.map((f) => f.id)) + 1;
      const f = { id, card, key: `field_${id}`, label: label.trim(), required, position: liveFields(card).length, archived: false };
      cardFields.push(f);
      return fieldOut(f);
    },
    card_field_update: ({ fieldId, label, required }) => {
      const f = cardFields.find((x) => x.id === fieldId && !x.archived);
      if (!f) return reject("not_found", `Card field #${fieldId} was not found.`);
      const bad = fieldLabelError(label);
      if (bad) return bad;
      Object.assign(f, { label: label.trim(), required });
      return fieldOut(f);
    },
    card_field_archive: ({ fieldId }) => {
      const f = cardFields.find((x) => x.id === fieldId && !x.archived);
      if (!f) return reject("not_found", `Card field #${fieldId} was not found.`);
      if (liveFields(f.card).length === 1) return reject("conflict", ru ? "Это последнее поле карточки: в карточке должно остаться хотя бы одно поле." : "This is the card's last field: a card keeps at least one field.");
      f.archived = true;
      liveFields(f.card).forEach((x, i) => (x.position = i));
      return null;
    },
    card_fields_reorder: ({ card, ids }) => {
      ids.forEach((id, i) => {
        const f = cardFields.find((x) => x.id === id && x.card === card);
        if (f) f.position = i;
      });
      return liveFields(card).map(fieldOut);
    },
    close_reasons: () => clone(REASONS),
    deal_move: ({ dealId, stepId }) => {
      const d = find(dealId);
      const to = steps.find((s) => s.id === stepId);
      if (!d || !to) return reject("not_found", `Deal #${dealId} was not found.`);
      if (to.stage !== d.stage) return reject("handoff_required", `Moving “${d.title}” to another stage is a hand-off: fill in its card first.`);
      setStep(d, to);
      return asDeal(d);
    },
    deal_hand_off: ({ input }) => {
      const d = find(input.deal_id);
      for (const { key, label, required: req } of liveFields("qualification")) if (req && !input.card[key]) return reject("validation", `Fill in “${label}”: the card needs it before the hand-off.`, `card.${key}`);
      if (!input.next_step.trim()) return reject("validation", "Give the deal its first step in stage 2.", "deal.next_step");
      setStep(d, steps.find((s) => s.id === input.to_step_id) ?? steps[4]);
      Object.assign(d, { next_step: input.next_step, next_step_date: input.next_step_date });
      return asDeal(d);
    },
    deal_win_first: ({ input }) => {
      const d = find(input.deal_id);
      for (const { key, label, required: req } of liveFields("handover")) if (req && !input.card[key]) return reject("validation", `Fill in “${label}”: the card needs it before the hand-off.`, `card.${key}`);
      d.status = "won";
      const acc = { ...d, id: ++nextId.deal, status: "open" };
      setStep(acc, steps[8]);
      deals.push(acc);
      return { deal: asDeal(d), account_deal: asDeal(acc), checkin_task_id: 1, referral_task_id: 2 };
    },
    deal_close: ({ dealId, close }) => {
      const d = find(dealId);
      Object.assign(d, { status: close.status, close_reason: close.reason });
      return asDeal(d);
    },
    deal_reschedule: ({ dealId, nextStep, date }) => {
      const d = find(dealId);
      if (!nextStep.trim()) return reject("validation", "Say what the next step is.", "deal.next_step");
      Object.assign(d, { next_step: nextStep, next_step_date: date });
      return asDeal(d);
    },
    activity_log: ({ input }) => {
      const d = input.deal_id ? find(input.deal_id) : null;
      if (d && !input.next_step) return reject("validation", "Every open deal needs a next step: say what happens next.", "deal.next_step");
      if (d) Object.assign(d, { next_step: input.next_step, next_step_date: input.next_step_date, last_activity_on: TODAY });
      if (input.kind === "call") callsToday++;
      return { id: ++nextId.act, kind: input.kind, subject: input.subject ?? "", deal_id: input.deal_id, contact_id: input.contact_id, company_id: input.company_id, owner_id: 1, due_at: null, done_at: `${TODAY}T10:00:00`, outcome: input.outcome, duration_min: input.duration_min, notes: input.notes, archived: false };
    },
    record_archive: ({ what, id }) => {
      if (what === "deal") {
        const d = find(id);
        d.archived = true;
        trash.unshift({ what, id, title: d.title, archived_at: `${TODAY}T${String(9 + (trash.length % 8)).padStart(2, "0")}:15:00` });
      }
      return null;
    },
    record_restore: ({ what, id }) => {
      if (what === "deal" && find(id)) find(id).archived = false;
      const i = trash.findIndex((x) => x.what === what && x.id === id);
      if (i >= 0) trash.splice(i, 1);
      return null;
    },
    trash_list: () => clone(trash),
    step_add: ({ stage, name, probabilityPct }) => {
      if (!name.trim()) return reject("validation", ru ? "Укажите название шага." : "Give the step a name.", "step.name");
      if (probabilityPct < 0 || probabilityPct > 100) return reject("validation", ru ? "Вероятность — от 0 до 100 %." : "The probability is 0–100 %.", "step.probability_pct");
      const live = steps.filter((s) => s.stage === stage && !s.archived);
      const step = { id: Math.max(...steps.map((s) => s.id)) + 1, stage, name: name.trim(), position: live.length, probability_pct: probabilityPct };
      steps.push(step);
      return clone(step);
    },
    step_update: ({ stepId, name, probabilityPct }) => {
      const s = steps.find((x) => x.id === stepId);
      if (!s) return reject("not_found", `Step #${stepId} was not found.`);
      if (!name.trim()) return reject("validation", ru ? "Укажите название шага." : "Give the step a name.", "step.name");
      if (probabilityPct < 0 || probabilityPct > 100) return reject("validation", ru ? "Вероятность — от 0 до 100 %." : "The probability is 0–100 %.", "step.probability_pct");
      Object.assign(s, { name: name.trim(), probability_pct: probabilityPct });
      for (const d of deals) if (d.step_id === s.id) d.step_name = s.name;
      return clone(s);
    },
    step_archive: ({ stepId }) => {
      const s = steps.find((x) => x.id === stepId);
      if (!s) return reject("not_found", `Step #${stepId} was not found.`);
      const n = deals.filter((d) => d.step_id === stepId && open(d)).length;
      if (n) return reject("conflict", ru ? `В шаге «${s.name}» открытых сделок: ${n}. Переместите их, затем уберите шаг.` : `${n} open deal(s) sit in “${s.name}”. Move them first, then archive the step.`);
      if (steps.filter((x) => x.stage === s.stage).length === 1) return reject("conflict", ru ? "Это последний шаг этапа: у этапа должен остаться хотя бы один шаг." : "This is the stage's last step: a stage keeps at least one step.");
      steps.splice(steps.indexOf(s), 1);
      steps.filter((x) => x.stage === s.stage).sort((a, b) => a.position - b.position).forEach((x, i) => (x.position = i));
      return null;
    },
    steps_reorder: ({ stage, ids }) => {
      ids.forEach((id, i) => {
        const s = steps.find((x) => x.id === id && x.stage === stage);
        if (s) s.position = i;
      });
      return clone(steps.filter((x) => x.stage === stage).sort((a, b) => a.position - b.position));
    },
    deal_reopen: ({ dealId }) => {
      const d = find(dealId) ?? closed.get(dealId);
      if (!d) return reject("not_found", `Deal #${dealId} was not found.`);
      Object.assign(d, { status: "open", close_reason: null });
      return asDeal(d);
    },
    call_register: ({ from, to, personId }) => calls.filter((c) => c.at.slice(0, 10) >= from && c.at.slice(0, 10) <= to && (personId == null || c.owner_id === personId)).map(({ owner_id, ...c }) => c),
    lead_create: ({ input }) => {
      if (!input.company_name.trim()) return reject("validation", "Give the company a name.", "company.name");
      if (!input.next_step.trim()) return reject("validation", "Every open deal needs a next step.", "deal.next_step");
      const d = {
        id: ++nextId.deal, title: input.title || input.company_name, step_id: 1, stage: "lead_generation", step_name: steps[0].name, company_id: 9999, company_name: input.company_name,
        contact_name: `${input.first_name} ${input.last_name}`.trim(), value_minor: input.value_minor, currency: D.currency, owner_name: people[0].name, owner_id: 1, source: input.source,
        next_step: input.next_step, next_step_date: input.next_step_date, step_entered_on: TODAY, last_activity_on: null, status: "open",
      };
      deals.unshift(d);
      return asDeal(d);
    },
  };
};
