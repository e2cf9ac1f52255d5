//! A deterministic demo business: a small office-supplies wholesaler working
//! its three-stage conveyor. The same seed and clock give the same data; the
//! size scales from the default (~300 contacts) to benchmark sizes.

use crate::clock::{Clock, stamp};
use crate::error::{Error, Result};
use crate::model::*;
use crate::store::cards::{self, CardKind};
use crate::store::meta::NewWorkspace;
use crate::store::{Store, activities, companies, contacts, deals, orders, people, steps};
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DemoSpec {
    pub lang: Lang,
    #[ts(type = "number")]
    pub contacts: u64,
    #[ts(type = "number")]
    pub activities: u64,
    #[ts(type = "number")]
    pub seed: u64,
}

impl Default for DemoSpec {
    fn default() -> Self {
        DemoSpec { lang: Lang::En, contacts: 300, activities: 2_000, seed: 42 }
    }
}

/// What was generated.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DemoReport {
    #[ts(type = "number")]
    pub people: u64,
    #[ts(type = "number")]
    pub companies: u64,
    #[ts(type = "number")]
    pub contacts: u64,
    #[ts(type = "number")]
    pub deals: u64,
    #[ts(type = "number")]
    pub activities: u64,
    #[ts(type = "number")]
    pub orders: u64,
}

pub const MAX_CONTACTS: u64 = 2_000_000;
pub const MAX_ACTIVITIES: u64 = 20_000_000;

/// SplitMix64: tiny, fast, and stable across versions of every dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
    fn chance(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }
}

pub(crate) struct Texts {
    pub(crate) currency: &'static str,
    /// Value range of a first deal, in minor units.
    pub(crate) deal_value: (i64, i64),
    pub(crate) people: [(&'static str, &'static str); 3],
    pub(crate) first_m: &'static [&'static str],
    pub(crate) first_f: &'static [&'static str],
    pub(crate) last: &'static [&'static str],
    /// Turns a male surname into the female form (Russian), or keeps it.
    pub(crate) female_last: fn(&str) -> String,
    pub(crate) company_names: &'static [&'static str],
    pub(crate) company_kinds: &'static [&'static str],
    pub(crate) company_fmt: fn(&str, &str) -> String,
    pub(crate) cities: &'static [&'static str],
    pub(crate) titles: &'static [&'static str],
    pub(crate) products: &'static [&'static str],
    pub(crate) next_steps: [&'static [&'static str]; 3],
    pub(crate) subjects: &'static [(ActivityKind, &'static str)],
    pub(crate) outcomes: &'static [&'static str],
    pub(crate) lost: &'static [&'static str],
    pub(crate) disqualified: &'static [&'static str],
    pub(crate) notes: &'static [&'static str],
    pub(crate) email_domain: &'static str,
    /// Office and mobile phone patterns (`#` = a digit); `None`: the
    /// English and Russian demos' own format.
    pub(crate) phones: Option<(&'static str, &'static str)>,
    /// Hand-off card answers for a language without per-field answers.
    pub(crate) card_answers: &'static [&'static str],
}

const EN: Texts = Texts {
    currency: "EUR",
    deal_value: (40_000, 1_500_000),
    people: [("Alex Morgan", "alex@officeline.example"), ("Ben Carter", "ben@officeline.example"), ("Chloe Hughes", "chloe@officeline.example")],
    first_m: &[
        "James", "John", "Robert", "Michael", "William", "David", "Richard", "Joseph", "Thomas", "Charles", "Daniel", "Matthew", "Anthony", "Mark", "Paul",
        "Andrew", "Peter", "George", "Oliver", "Jack",
    ],
    first_f: &[
        "Mary",
        "Patricia",
        "Jennifer",
        "Linda",
        "Elizabeth",
        "Susan",
        "Jessica",
        "Sarah",
        "Karen",
        "Nancy",
        "Lisa",
        "Emily",
        "Olivia",
        "Emma",
        "Sophie",
        "Grace",
        "Chloe",
        "Hannah",
        "Amelia",
        "Lucy",
    ],
    last: &[
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Taylor", "Anderson", "Thomas", "Moore", "Martin", "Jackson",
        "Thompson", "White", "Harris", "Clark", "Lewis", "Walker", "Hall", "Allen", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson",
        "Carter", "Mitchell", "Roberts", "Turner", "Phillips", "Campbell", "Parker", "Evans", "Edwards", "Collins",
    ],
    female_last: |s| s.to_string(),
    company_names: &[
        "Northwind",
        "Bluebird",
        "Greenfield",
        "Silverline",
        "Oakridge",
        "Riverside",
        "Summit",
        "Brightway",
        "Redwood",
        "Harbor",
        "Maple",
        "Pinecrest",
        "Clearview",
        "Stonebridge",
        "Westgate",
        "Eastwood",
        "Lakeside",
        "Highland",
        "Sunrise",
        "Crestline",
        "Fairview",
        "Kingsley",
        "Ashford",
        "Whitmore",
    ],
    company_kinds: &[
        "Dental Clinic",
        "Law Partners",
        "Accounting",
        "Architects",
        "Logistics",
        "Hotel",
        "Language School",
        "Insurance Agency",
        "IT Services",
        "Property Management",
        "Print Studio",
        "Medical Centre",
        "Travel Agency",
        "Fitness Club",
        "Coworking",
    ],
    company_fmt: |name, kind| format!("{name} {kind}"),
    cities: &["Manchester", "Leeds", "Bristol", "Birmingham", "Liverpool", "Sheffield", "Nottingham", "Leicester"],
    titles: &["Office Manager", "Director", "Procurement Manager", "Operations Manager", "Practice Manager", "Finance Director", "Administrator", "Owner"],
    products: &[
        "Office paper, annual supply",
        "Printer toner for all floors",
        "Ergonomic chairs",
        "Stationery starter pack",
        "Coffee and kitchen supplies",
        "Archive boxes and folders",
        "Whiteboards and markers",
        "Monthly consumables contract",
        "Reception desk organisers",
        "Shredders and bins",
        "Cleaning supplies",
        "Conference room kit",
    ],
    next_steps: [
        &["Call to confirm interest", "Send the price list", "Call the office manager", "Book an intro meeting"],
        &["Send the offer", "Follow up on the offer", "Agree delivery terms", "Send the contract", "Meet the director"],
        &["Quarterly check-in call", "Ask for a referral", "Offer the new catalogue", "Confirm the monthly order"],
    ],
    subjects: &[
        (ActivityKind::Call, "Cold call"),
        (ActivityKind::Call, "Follow-up call"),
        (ActivityKind::Meeting, "Meeting at the client's office"),
        (ActivityKind::Email, "Sent the offer by e-mail"),
        (ActivityKind::Task, "Prepare the offer"),
        (ActivityKind::Note, "Prefers deliveries on Mondays"),
        (ActivityKind::Call, "Check-in call"),
        (ActivityKind::Email, "Sent the price list"),
    ],
    outcomes: &[
        "Interested, call back in a week",
        "No answer",
        "Asked for the price list",
        "Meeting agreed",
        "Not interested right now",
        "Order placed",
        "Wants a discount for volume",
        "Decision next month",
    ],
    lost: &["Price too high", "Chose a competitor", "No budget this year", "Could not reach the decision maker"],
    disqualified: &["Not our target client", "Duplicate lead", "Company closed", "No need for office supplies"],
    notes: &["Orders usually at the start of the month.", "Pays invoices within 14 days.", "Met at the business fair.", "Needs delivery before 10:00."],
    email_domain: "example.com",
    phones: None,
    card_answers: &[],
};

fn ru_female(s: &str) -> String {
    if s.ends_with("ов") || s.ends_with("ев") || s.ends_with("ёв") || s.ends_with("ин") { format!("{s}а") } else { s.to_string() }
}

const RU: Texts = Texts {
    currency: "RUB",
    deal_value: (3_000_000, 150_000_000),
    people: [("Алексей Морозов", "alexey@ofisline.example"), ("Борис Кузнецов", "boris@ofisline.example"), ("Екатерина Соловьёва", "katya@ofisline.example")],
    first_m: &[
        "Александр",
        "Дмитрий",
        "Сергей",
        "Андрей",
        "Алексей",
        "Максим",
        "Иван",
        "Михаил",
        "Никита",
        "Павел",
        "Артём",
        "Егор",
        "Олег",
        "Владимир",
        "Роман",
        "Юрий",
        "Константин",
        "Игорь",
        "Фёдор",
        "Степан",
    ],
    first_f: &[
        "Анна",
        "Мария",
        "Елена",
        "Ольга",
        "Наталья",
        "Татьяна",
        "Ирина",
        "Екатерина",
        "Светлана",
        "Юлия",
        "Дарья",
        "Ксения",
        "Алёна",
        "Вера",
        "Людмила",
        "Галина",
        "Полина",
        "Софья",
        "Алиса",
        "Надежда",
    ],
    last: &[
        "Иванов",
        "Смирнов",
        "Кузнецов",
        "Попов",
        "Васильев",
        "Петров",
        "Соколов",
        "Михайлов",
        "Новиков",
        "Фёдоров",
        "Морозов",
        "Волков",
        "Алексеев",
        "Лебедев",
        "Семёнов",
        "Егоров",
        "Павлов",
        "Козлов",
        "Степанов",
        "Николаев",
        "Орлов",
        "Андреев",
        "Макаров",
        "Никитин",
        "Захаров",
        "Зайцев",
        "Соловьёв",
        "Борисов",
        "Яковлев",
        "Григорьев",
    ],
    female_last: ru_female,
    company_names: &[
        "Северная звезда",
        "Гранит",
        "Вектор",
        "Альянс",
        "Меридиан",
        "Старт",
        "Ладога",
        "Восход",
        "Орион",
        "Паллада",
        "Берёзка",
        "Ока",
        "Волга-Сервис",
        "Алтай",
        "Сфера",
        "Прогресс",
        "Капитал",
        "Радуга",
        "Кедр",
        "Империал",
        "Фаворит",
        "Азимут",
        "Горизонт",
        "Эталон",
    ],
    company_kinds: &[
        "Стоматология",
        "Юридическая компания",
        "Бухгалтерское бюро",
        "Архитектурная мастерская",
        "Логистика",
        "Гостиница",
        "Языковая школа",
        "Страховое агентство",
        "ИТ-сервис",
        "Управляющая компания",
        "Типография",
        "Медицинский центр",
        "Турагентство",
        "Фитнес-клуб",
        "Коворкинг",
    ],
    company_fmt: |name, kind| format!("{kind} «{name}»"),
    cities: &["Москва", "Санкт-Петербург", "Казань", "Екатеринбург", "Новосибирск", "Нижний Новгород", "Самара", "Тверь"],
    titles: &[
        "Офис-менеджер",
        "Директор",
        "Менеджер по закупкам",
        "Операционный директор",
        "Администратор",
        "Финансовый директор",
        "Главный бухгалтер",
        "Владелец",
    ],
    products: &[
        "Офисная бумага, годовой контракт",
        "Картриджи для всех этажей",
        "Эргономичные кресла",
        "Канцелярский стартовый набор",
        "Кофе и товары для кухни",
        "Архивные короба и папки",
        "Маркерные доски и маркеры",
        "Ежемесячная поставка расходников",
        "Органайзеры для ресепшн",
        "Шредеры и урны",
        "Хозяйственные товары",
        "Оснащение переговорной",
    ],
    next_steps: [
        &["Позвонить и подтвердить интерес", "Отправить прайс-лист", "Позвонить офис-менеджеру", "Назначить встречу-знакомство"],
        &["Отправить предложение", "Уточнить решение по предложению", "Согласовать условия доставки", "Отправить договор", "Встретиться с директором"],
        &["Ежеквартальный звонок клиенту", "Попросить рекомендацию", "Предложить новый каталог", "Подтвердить ежемесячный заказ"],
    ],
    subjects: &[
        (ActivityKind::Call, "Холодный звонок"),
        (ActivityKind::Call, "Повторный звонок"),
        (ActivityKind::Meeting, "Встреча в офисе клиента"),
        (ActivityKind::Email, "Отправлено предложение"),
        (ActivityKind::Task, "Подготовить предложение"),
        (ActivityKind::Note, "Предпочитает доставку по понедельникам"),
        (ActivityKind::Call, "Звонок клиенту"),
        (ActivityKind::Email, "Отправлен прайс-лист"),
    ],
    outcomes: &[
        "Интересно, перезвонить через неделю",
        "Не дозвонился",
        "Попросили прайс-лист",
        "Договорились о встрече",
        "Сейчас не актуально",
        "Оформили заказ",
        "Хотят скидку за объём",
        "Решение в следующем месяце",
    ],
    lost: &["Слишком дорого", "Выбрали конкурента", "Нет бюджета в этом году", "Не вышли на ЛПР"],
    disqualified: &["Не наш целевой клиент", "Дубль лида", "Компания закрылась", "Нет потребности в канцтоварах"],
    notes: &["Обычно заказывают в начале месяца.", "Оплачивают счета в течение 14 дней.", "Познакомились на выставке.", "Доставка нужна до 10:00."],
    email_domain: "example.ru",
    phones: None,
    card_answers: &[],
};

const TRANSLIT: &[(char, &str)] = &[
    ('а', "a"),
    ('б', "b"),
    ('в', "v"),
    ('г', "g"),
    ('д', "d"),
    ('е', "e"),
    ('ё', "e"),
    ('ж', "zh"),
    ('з', "z"),
    ('и', "i"),
    ('й', "y"),
    ('к', "k"),
    ('л', "l"),
    ('м', "m"),
    ('н', "n"),
    ('о', "o"),
    ('п', "p"),
    ('р', "r"),
    ('с', "s"),
    ('т', "t"),
    ('у', "u"),
    ('ф', "f"),
    ('х', "kh"),
    ('ц', "ts"),
    ('ч', "ch"),
    ('ш', "sh"),
    ('щ', "sch"),
    ('ы', "y"),
    ('э', "e"),
    ('ю', "yu"),
    ('я', "ya"),
    ('ь', ""),
    ('ъ', ""),
];

/// Greek letters in Latin for e-mail addresses and web sites (ELOT 743, simplified).
const TRANSLIT_EL: &[(char, &str)] = &[
    ('α', "a"),
    ('β', "v"),
    ('γ', "g"),
    ('δ', "d"),
    ('ε', "e"),
    ('ζ', "z"),
    ('η', "i"),
    ('θ', "th"),
    ('ι', "i"),
    ('κ', "k"),
    ('λ', "l"),
    ('μ', "m"),
    ('ν', "n"),
    ('ξ', "x"),
    ('ο', "o"),
    ('π', "p"),
    ('ρ', "r"),
    ('σ', "s"),
    ('τ', "t"),
    ('υ', "y"),
    ('φ', "f"),
    ('χ', "ch"),
    ('ψ', "ps"),
    ('ω', "o"),
];

fn ascii_slug(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| match TRANSLIT.iter().find(|(k, _)| *k == c) {
            Some((_, v)) => v.to_string(),
            // Other scripts: folding drops accents (ő → o, ά → α, ς → σ).
            None => crate::text::fold(&c.to_string())
                .chars()
                .map(|f| match TRANSLIT_EL.iter().find(|(k, _)| *k == f) {
                    Some((_, v)) => v.to_string(),
                    None if f.is_ascii_alphanumeric() => f.to_string(),
                    None => String::new(),
                })
                .collect(),
        })
        .collect()
}

fn at(day: NaiveDate, hour: u32, min: u32) -> NaiveDateTime {
    day.and_time(NaiveTime::from_hms_opt(hour, min, 0).expect("valid time"))
}

/// The demo business's name in a language.
pub fn demo_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "OfficeLine Supplies (demo)",
        Lang::Ru => "ОфисЛайн (демо)",
        Lang::Bg => "ОфисЛайн (демо)",
        Lang::El => "ΓραφείοLine (επίδειξη)",
        Lang::Hu => "IrodaLine (demó)",
    }
}

/// The built-in template the demo starts from: it is an office-supplies wholesaler.
pub const DEMO_TEMPLATE: &str = "wholesale";

/// Creates a new workspace file at `path` filled with the demo business.
/// On failure nothing is left at `path`.
pub fn create_workspace(path: &Path, clock: &dyn Clock, spec: &DemoSpec) -> Result<(Store, DemoReport)> {
    let t = texts(spec.lang);
    let init =
        NewWorkspace { name: demo_name(spec.lang).into(), lang: spec.lang, currency: t.currency.into(), is_demo: true, template: Some(DEMO_TEMPLATE.into()) };
    // Built under a temporary name and moved in place when whole: a killed
    // `conveyor demo` leaves no half workspace marked demo.
    crate::usecases::workspace::create_filled(path, clock, &init, None, |store| generate(store, clock, spec).and_then(|r| store.analyze().map(|_| r)))
}

fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::En => &EN,
        Lang::Ru => &RU,
        Lang::Bg => &crate::demo_langs::BG,
        Lang::El => &crate::demo_langs::EL,
        Lang::Hu => &crate::demo_langs::HU,
    }
}

/// A phone number from a pattern: every `#` becomes a digit.
fn phone_from(pattern: &str, rng: &mut Rng) -> String {
    pattern.chars().map(|c| if c == '#' { char::from(b'0' + rng.below(10) as u8) } else { c }).collect()
}

/// What the demo's people wrote into a hand-off card field (the demo
/// template's keys; any other key gets a plain note).
fn card_answer(lang: Lang, key: &str, rng: &mut Rng) -> String {
    let en: &[&str] = match key {
        "current_supplier" => {
            &["A local stationery shop; slow delivery", "A national wholesaler; prices went up twice", "Buy online themselves; nobody owns it"]
        }
        "product_range" => &["Paper, cartridges, stationery", "Paper and cleaning supplies", "Cartridges, kitchen and cleaning"],
        "monthly_spend" => &["About 40 boxes of paper a month", "About 600 EUR a month", "20 boxes of paper, 8 cartridges"],
        "buyer_contact" => &["The office manager orders; the finance director approves", "The secretary orders; the owner approves"],
        "order_process" => &["E-mail to the supplier", "Web shop, whoever needs something", "A yearly tender"],
        "delivery_locations" => &["One office in the centre", "Head office and a warehouse", "Two offices, same city"],
        "trial_order" => &["Last invoice received; trial order next week", "Shopping list received; comparison sent"],
        "price_agreement" => &["Price list B, 5 % off paper, fixed for 6 months", "Price list A, fixed until year end"],
        "payment_terms" => &["Deferred 14 days, limit 2,000 EUR", "Prepayment for the first two orders"],
        "delivery_terms" => &["Tuesdays 9–12, goods entrance", "Thursdays after 14:00, reception"],
        "ordering_contact" => &["Office manager, by e-mail", "Secretary, by the web shop"],
        "accounting_contact" => &["Accountant, PDF invoices by e-mail", "Finance department, paper originals"],
        "order_cycle" => &["Every two weeks, about 300 EUR", "Monthly, about 600 EUR"],
        "special_terms" => &["Only recycled paper", "No substitutes for cartridges"],
        _ => &["Agreed on the call"],
    };
    let ru: &[&str] = match key {
        "current_supplier" => {
            &["Магазин канцтоваров рядом; доставка медленная", "Крупный оптовик; дважды поднял цены", "Покупают сами в интернете; никто не отвечает"]
        }
        "product_range" => &["Бумага, картриджи, канцтовары", "Бумага и хозтовары", "Картриджи, кухня и хозтовары"],
        "monthly_spend" => &["Около 40 коробок бумаги в месяц", "Около 60 000 ₽ в месяц", "20 коробок бумаги, 8 картриджей"],
        "buyer_contact" => &["Заказывает офис-менеджер, согласует финансовый директор", "Заказывает секретарь, согласует владелец"],
        "order_process" => &["Письмом поставщику", "Интернет-магазин, кто что захотел", "Ежегодный тендер"],
        "delivery_locations" => &["Один офис в центре", "Главный офис и склад", "Два офиса в одном городе"],
        "trial_order" => &["Получен последний счёт; пробный заказ на следующей неделе", "Получен список закупки; сравнение отправлено"],
        "price_agreement" => &["Прайс B, скидка 5 % на бумагу, цены на 6 месяцев", "Прайс A, цены до конца года"],
        "payment_terms" => &["Отсрочка 14 дней, лимит 200 000 ₽", "Предоплата за первые два заказа"],
        "delivery_terms" => &["По вторникам 9–12, грузовой вход", "По четвергам после 14:00, ресепшен"],
        "ordering_contact" => &["Офис-менеджер, по почте", "Секретарь, через интернет-магазин"],
        "accounting_contact" => &["Бухгалтер, счета PDF по почте", "Финансовый отдел, бумажные оригиналы"],
        "order_cycle" => &["Раз в две недели, около 30 000 ₽", "Раз в месяц, около 60 000 ₽"],
        "special_terms" => &["Только бумага из вторсырья", "Без замен картриджей"],
        _ => &["Договорились на звонке"],
    };
    match lang {
        Lang::Ru => rng.pick(ru),
        Lang::En => rng.pick(en),
        Lang::Bg | Lang::El | Lang::Hu => rng.pick(texts(lang).card_answers),
    }
    .to_string()
}

/// Fills an empty workspace with the demo business, in one transaction.
pub fn generate(s: &mut Store, clock: &dyn Clock, spec: &DemoSpec) -> Result<DemoReport> {
    if spec.contacts == 0 || spec.contacts > MAX_CONTACTS {
        return Err(Error::validation("demo.contacts", format!("Choose between 1 and {MAX_CONTACTS} contacts.")));
    }
    if spec.activities > MAX_ACTIVITIES {
        return Err(Error::validation("demo.activities", format!("Choose at most {MAX_ACTIVITIES} activities.")));
    }
    if crate::store::stats::count_live(s.conn(), "contacts")? > 0 {
        return Err(Error::new(crate::error::ErrorCode::Conflict, "The demo can only fill an empty workspace. Create a new file for it."));
    }
    let t = texts(spec.lang);
    let now = stamp(clock.now());
    let today = clock.today();
    let mut rng = Rng(spec.seed ^ 0xC0FE_ECAF);
    let mut report = DemoReport::default();

    s.write(|tx| {
        // People: the owner runs the first deals and plans; a hunter and an
        // account manager were hired last year.
        let roles: [&[Role]; 3] = [&[Role::HeadOfSales, Role::Closer], &[Role::Hunter], &[Role::AccountManager]];
        let mut person_ids = vec![];
        for (i, (name, email)) in t.people.iter().enumerate() {
            let id = people::insert(tx, &now, name, Some(email), None, i == 0)?;
            people::set_roles(tx, id, &now, roles[i])?;
            person_ids.push(id);
        }
        report.people = person_ids.len() as u64;
        let (owner, hunter, farmer) = (person_ids[0], person_ids[1], person_ids[2]);

        let all_steps = steps::list(tx)?;
        let stage_steps = |st: Stage| all_steps.iter().filter(|x| x.stage == st).map(|x| x.id).collect::<Vec<_>>();
        let (s1, s2, s3) = (stage_steps(Stage::LeadGeneration), stage_steps(Stage::FirstDeal), stage_steps(Stage::AccountDevelopment));

        // Hand-offs: most first deals came from stage 1 with a filled
        // qualification card, and every first sale went to stage 3 with the
        // hand-over card, as the app itself would have recorded them. Their
        // own random stream leaves the rest of the demo as it was.
        let mut hrng = Rng(spec.seed ^ 0x4A4D_0FF5);
        let fields = |kind: CardKind| -> Result<Vec<(String, bool)>> { Ok(cards::fields(tx, kind)?.into_iter().map(|f| (f.key, f.required)).collect()) };
        let (qualification, handover) = (fields(CardKind::Qualification)?, fields(CardKind::Handover)?);
        let handoff = |hrng: &mut Rng, deal: i64, company: i64, from: Stage, on: NaiveDate, people: (i64, i64)| -> Result<()> {
            let mut card = BTreeMap::new();
            for (key, required) in if from == Stage::LeadGeneration { &qualification } else { &handover } {
                if *required || hrng.chance(50) {
                    card.insert(key.clone(), card_answer(spec.lang, key, hrng));
                }
            }
            let to = if from == Stage::LeadGeneration { Stage::FirstDeal } else { Stage::AccountDevelopment };
            cards::insert_handoff(tx, &format!("{on}T10:00:00Z"), deal, Some(company), from, to, Some(people.0), Some(people.1), &card)?;
            Ok(())
        };

        // Companies: ~0.4 per contact.
        let n_companies = (spec.contacts * 2 / 5).max(1);
        let mut company_ids = Vec::with_capacity(n_companies as usize);
        for i in 0..n_companies {
            let base = (t.company_fmt)(
                t.company_names[(i as usize) % t.company_names.len()],
                t.company_kinds[(i as usize / t.company_names.len()) % t.company_kinds.len()],
            );
            let name = if (i as usize) < t.company_names.len() * t.company_kinds.len() {
                base
            } else {
                format!("{base} {}", i / (t.company_names.len() * t.company_kinds.len()) as u64 + 1)
            };
            let slug = ascii_slug(t.company_names[(i as usize) % t.company_names.len()]);
            let input = CompanyInput {
                name,
                industry: Some(t.company_kinds[(i as usize / t.company_names.len()) % t.company_kinds.len()].to_string()),
                city: Some(rng.pick(t.cities).to_string()),
                phone: Some(match t.phones {
                    Some((office, _)) => phone_from(office, &mut rng),
                    None => format!(
                        "+{} {:03} {:03} {:04}",
                        if spec.lang == Lang::Ru { 7 } else { 44 },
                        rng.range(100, 999),
                        rng.range(100, 999),
                        rng.range(0, 9999)
                    ),
                }),
                email: Some(format!("office@{slug}{i}.{}", t.email_domain)),
                website: Some(format!("https://{slug}{i}.{}", t.email_domain)),
                notes: if rng.chance(30) { Some(rng.pick(t.notes).to_string()) } else { None },
                source: Some(*rng.pick(&[Source::ColdCall, Source::ColdCall, Source::Referral, Source::Inbound, Source::WebSearch, Source::Event])),
                abc: None,
                employees: None,
                revenue_minor: None,
                owner_id: Some(hunter),
            };
            company_ids.push(companies::insert(tx, &now, &input)?);
        }
        report.companies = n_companies;

        // Contacts: spread over the companies, the first ones get a contact each.
        let mut contact_ids = Vec::with_capacity(spec.contacts as usize);
        let mut contact_company = Vec::with_capacity(spec.contacts as usize);
        for i in 0..spec.contacts {
            let company_idx = if i < n_companies { i } else { rng.below(n_companies) } as usize;
            let female = rng.chance(50);
            let first = if female { rng.pick(t.first_f) } else { rng.pick(t.first_m) };
            let last_m = rng.pick(t.last);
            let last = if female { (t.female_last)(last_m) } else { last_m.to_string() };
            let input = ContactInput {
                company_id: Some(company_ids[company_idx]),
                first_name: first.to_string(),
                last_name: last.clone(),
                title: Some(rng.pick(t.titles).to_string()),
                phone: Some(match t.phones {
                    Some((_, mobile)) => phone_from(mobile, &mut rng),
                    None => format!(
                        "+{} {:03} {:03} {:04}",
                        if spec.lang == Lang::Ru { 7 } else { 44 },
                        rng.range(900, 999),
                        rng.range(100, 999),
                        rng.range(0, 9999)
                    ),
                }),
                email: Some(format!("{}.{}{}@{}", ascii_slug(first), ascii_slug(&last), i, t.email_domain)),
                notes: if rng.chance(10) { Some(rng.pick(t.notes).to_string()) } else { None },
                source: None,
                referred_by_id: if i > 10 && rng.chance(8) { Some(contact_ids[rng.below(contact_ids.len() as u64) as usize]) } else { None },
                owner_id: None,
                birthday: None,
            };
            contact_ids.push(contacts::insert(tx, &now, &input)?);
            contact_company.push(company_idx);
        }
        report.contacts = spec.contacts;

        // Deals. Companies in order: the first ~35 % are clients (won first
        // deal, stage-3 work and orders), the next ~35 % have an open deal in
        // stage 1 or 2, a few were lost or disqualified, the rest are untouched.
        let first_contact_of = |company_idx: usize| contact_ids[company_idx.min(contact_ids.len() - 1)];
        let n_clients = (n_companies * 35 / 100).max(1);
        let n_open = (n_companies * 35 / 100).max(s1.len() as u64 + s2.len() as u64);
        // A believable funnel history: about two deals lost after the offer
        // for every first sale, and more leads disqualified in stage 1.
        let n_lost = n_clients * 18 / 10;
        let n_disqualified = n_clients * 25 / 10;
        let n_closed = n_lost + n_disqualified;
        let mut deal_ids: Vec<i64> = vec![];
        let mut open_deals: Vec<(i64, usize)> = vec![]; // (deal, company index)
        let mut clients: Vec<(usize, Abc, NaiveDate)> = vec![];
        let deal_value = |rng: &mut Rng| rng.range(t.deal_value.0 / 100, t.deal_value.1 / 100) * 100;
        let mut new_deal = |rng: &mut Rng, company_idx: usize, step_id: i64, stage: usize, age_days: i64, owner_id: i64, value: i64| -> Result<i64> {
            let next = rng.pick(t.next_steps[stage]);
            // A few deals break the next-step rule, as in real life.
            let (next_step, next_date) = if rng.chance(6) { (None, None) } else { (Some(*next), Some(today + Duration::days(rng.range(-6, 14)))) };
            let referral = rng.chance(12);
            let row = deals::DealRow {
                title: rng.pick::<&str>(t.products),
                company_id: Some(company_ids[company_idx % company_ids.len()]),
                contact_id: Some(first_contact_of(company_idx)),
                step_id,
                value_minor: value,
                currency: t.currency,
                owner_id: Some(owner_id),
                source: if referral {
                    Source::Referral
                } else if stage == 2 {
                    Source::Repeat
                } else {
                    *rng.pick(&[Source::ColdCall, Source::ColdCall, Source::Inbound, Source::WebSearch, Source::Event])
                },
                referred_by_id: if referral && contact_ids.len() > 1 { Some(contact_ids[rng.below(contact_ids.len() as u64) as usize]) } else { None },
                next_step,
                next_step_date: next_date,
                expected_close_on: None,
            };
            let opened = today - Duration::days(age_days);
            let id = deals::insert(tx, &format!("{opened}T09:00:00Z"), opened, &row)?;
            deal_ids.push(id);
            Ok(id)
        };

        for k in 0..n_clients as usize {
            // The first sale, 1–6 months ago.
            let won_ago = rng.range(20, 180);
            let (value, cycle) = (deal_value(&mut rng), rng.range(15, 60));
            let id = new_deal(&mut rng, k, s2[s2.len() - 1], 1, won_ago + cycle, owner, value)?;
            deals::close(tx, id, &now, today - Duration::days(won_ago), DealStatus::Won, None)?;
            if hrng.chance(75) {
                let qualified = today - Duration::days(won_ago + cycle - hrng.range(0, 5));
                handoff(&mut hrng, id, company_ids[k], Stage::LeadGeneration, qualified, (hunter, owner))?;
            }
            handoff(&mut hrng, id, company_ids[k], Stage::FirstDeal, today - Duration::days(won_ago), (owner, farmer))?;
            companies::mark_client(tx, company_ids[k], today - Duration::days(won_ago), &now)?;
            let abc = match rng.below(100) {
                0..=19 => Abc::A,
                20..=49 => Abc::B,
                _ => Abc::C,
            };
            clients.push((k, abc, today - Duration::days(won_ago)));
            // Most clients have account-development work in progress.
            if rng.chance(60) || k < s3.len() * 2 {
                let step = s3[k % s3.len()];
                let (age, value) = (rng.range(1, 40), deal_value(&mut rng) / 2);
                let id = new_deal(&mut rng, k, step, 2, age, farmer, value)?;
                open_deals.push((id, k));
            }
        }
        for j in 0..n_open as usize {
            let k = (n_clients as usize + j) % company_ids.len();
            let stage1 = j % 2 == 0;
            let (steps_of, stage, owner_id) = if stage1 { (&s1, 0, hunter) } else { (&s2, 1, owner) };
            let step = steps_of[(j / 2) % steps_of.len()];
            let (age, value) = (rng.range(0, 45), deal_value(&mut rng));
            let id = new_deal(&mut rng, k, step, stage, age, owner_id, value)?;
            open_deals.push((id, k));
            // A few came straight to stage 2 (inbound) and have no card yet: the norm shows them.
            if !stage1 && hrng.chance(85) {
                handoff(&mut hrng, id, company_ids[k % company_ids.len()], Stage::LeadGeneration, today - Duration::days(age), (hunter, owner))?;
            }
        }
        for j in 0..n_closed as usize {
            let k = (n_clients as usize + n_open as usize + j) % company_ids.len();
            let lost = (j as u64) < n_lost;
            // Lost first deals, most of them after the offer.
            let step = if lost { s2[j % s2.len()] } else { s1[j % s1.len()] };
            let (age, value) = (rng.range(10, 150), deal_value(&mut rng));
            let id = new_deal(&mut rng, k, step, if lost { 1 } else { 0 }, age, owner, value)?;
            if lost && hrng.chance(75) {
                handoff(&mut hrng, id, company_ids[k % company_ids.len()], Stage::LeadGeneration, today - Duration::days(age), (hunter, owner))?;
            }
            let (status, reason) = if lost { (DealStatus::Lost, rng.pick(t.lost)) } else { (DealStatus::Disqualified, rng.pick(t.disqualified)) };
            deals::close(tx, id, &now, today - Duration::days(rng.range(1, age.min(120))), status, Some(reason))?;
        }
        report.deals = deal_ids.len() as u64;

        // Client categories and their orders over the last six months.
        let mut n_orders = 0;
        for (k, abc, since) in &clients {
            companies::set_abc(tx, company_ids[*k], *abc, &now)?;
            let (every, size) = match abc {
                Abc::A => (14, 4),
                Abc::B => (30, 2),
                Abc::C => (60, 1),
            };
            let mut day = *since;
            while day <= today {
                let amount = deal_value(&mut rng) * size / 8;
                let row = orders::OrderRow {
                    company_id: company_ids[*k],
                    contact_id: Some(first_contact_of(*k)),
                    deal_id: None,
                    order_date: day,
                    amount_minor: amount,
                    margin_minor: amount * rng.range(18, 32) / 100,
                    currency: t.currency,
                    notes: None,
                };
                orders::insert(tx, &now, &row)?;
                n_orders += 1;
                day += Duration::days(every + rng.range(-3, 3));
            }
        }
        report.orders = n_orders;

        // Activities: mostly done over the last 180 days, some due ahead.
        // Large loads build the activity indexes once at the end.
        let bulk = spec.activities > 50_000;
        let mut load = || -> Result<()> {
            let mut open_tasks = 0;
            for i in 0..spec.activities {
                let (deal_id, k) = if !open_deals.is_empty() && rng.chance(70) {
                    let (d, k) = open_deals[rng.below(open_deals.len() as u64) as usize];
                    (Some(d), k)
                } else {
                    (None, rng.below(contact_ids.len() as u64) as usize)
                };
                let contact = if deal_id.is_some() { first_contact_of(k) } else { contact_ids[k] };
                let company = if deal_id.is_some() { company_ids[k % company_ids.len()] } else { company_ids[contact_company[k]] };
                let (kind, subject) = *rng.pick(t.subjects);
                // Planned work ahead: at most one open task per open deal.
                let open = i % 7 == 0 && deal_id.is_some() && open_tasks < open_deals.len();
                open_tasks += usize::from(open);
                let day = if open { today + Duration::days(rng.range(-3, 14)) } else { today - Duration::days(rng.range(1, 180)) };
                let when = at(day, rng.range(9, 17) as u32, *rng.pick(&[0, 15, 30, 45]));
                let input = ActivityInput {
                    kind: if open && kind == ActivityKind::Note { ActivityKind::Task } else { kind },
                    subject: subject.to_string(),
                    deal_id,
                    contact_id: Some(contact),
                    company_id: Some(company),
                    owner_id: Some(*rng.pick(&[owner, hunter, farmer])),
                    due_at: Some(when),
                    done_at: if open { None } else { Some(when) },
                    outcome: if open || kind == ActivityKind::Note { None } else { Some(rng.pick(t.outcomes).to_string()) },
                    duration_min: match kind {
                        ActivityKind::Call => Some(rng.range(2, 15) as u32),
                        ActivityKind::Meeting => Some(rng.range(30, 90) as u32),
                        _ => None,
                    },
                    notes: None,
                };
                if bulk {
                    activities::insert_row(tx, &now, &input)?;
                } else {
                    activities::insert(tx, &now, &input)?;
                }
            }
            Ok(())
        };
        if bulk {
            crate::store::bulk::without_indexes(tx, "activities", load)?;
            activities::refresh_last_activity(tx)?;
        } else {
            load()?;
        }
        report.activities = spec.activities;
        // The business has run for two years: its norms are judged from then.
        crate::store::first_hour::backdate_start(tx, &stamp(clock.now() - Duration::days(730)))?;
        Ok(())
    })?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testing::{clock, store};
    use crate::usecases::{board, workspace};

    fn spec(lang: Lang, seed: u64) -> DemoSpec {
        DemoSpec { lang, contacts: 300, activities: 600, seed }
    }

    #[test]
    fn the_demo_records_the_hand_offs_the_app_would_have_recorded() {
        let mut s = store();
        generate(&mut s, &clock(), &spec(Lang::Ru, 3)).unwrap();
        let c = s.conn();
        let won = workspace::info(&s).unwrap().counts.deals_won;
        // Every first sale went to stage 3 with a complete hand-over card.
        let (late, n) = crate::store::norms::incomplete_cards(c, None, CardKind::Handover, NaiveDate::MIN, 100).unwrap();
        assert_eq!((n, late.len()), (0, 0));
        let a = crate::usecases::analytics::analytics(&s, &clock(), &crate::usecases::analytics::AnalyticsRequest { from: None, to: None, person_id: None })
            .unwrap();
        let s1 = a.stages.iter().find(|x| x.stage == Stage::LeadGeneration).unwrap();
        assert!(s1.passed > 0 && s1.passed < s1.entered, "stage 1 hands some leads on: {} of {}", s1.passed, s1.entered);
        assert!(a.won <= won);
        // Most open first deals came with a filled qualification card; a few (inbound) did not.
        let (_, missing) = crate::store::norms::incomplete_cards(c, None, CardKind::Qualification, NaiveDate::MIN, 100).unwrap();
        let open_first: i64 = c
            .query_row("SELECT count(*) FROM deals d JOIN steps s ON s.id = d.step_id WHERE d.status = 'open' AND s.stage = 'first_deal'", [], |r| r.get(0))
            .unwrap();
        assert!(missing > 0 && missing * 4 < open_first, "{missing} of {open_first} open first deals lack a complete card");
    }

    #[test]
    fn the_demo_has_deals_in_every_step_of_every_stage() {
        let mut s = store();
        let r = generate(&mut s, &clock(), &spec(Lang::En, 1)).unwrap();
        assert_eq!(r.contacts, 300);
        assert_eq!(r.companies, 120);
        let b = board::get_board(&s, &clock(), &board::BoardQuery::default()).unwrap();
        for stage in &b.stages {
            for col in &stage.steps {
                assert!(col.count >= 1, "step {} of {} is empty", col.step.name, stage.stage);
                assert!(col.totals[0].sum_minor > 0);
            }
        }
        let info = workspace::info(&s).unwrap();
        assert!(info.counts.deals_won > 20 && info.counts.deals_lost > 0 && info.counts.deals_disqualified > 0);
        assert!(info.counts.orders > 100, "six months of orders, got {}", info.counts.orders);
        assert_eq!(info.counts.activities, 600);
        let report = workspace::check(&s).unwrap();
        assert!(report.file_ok());
        assert!(!report.violations.is_empty(), "the demo shows some hygiene problems to fix");
    }

    fn fingerprint(s: &Store) -> String {
        s.conn()
            .query_row(
                "SELECT (SELECT group_concat(first_name || last_name || coalesce(email,''), ',') FROM contacts)
                     || (SELECT group_concat(title || value_minor || coalesce(next_step_date,''), ',') FROM deals)
                     || (SELECT group_concat(amount_minor, ',') FROM orders)
                     || (SELECT group_concat(subject || coalesce(done_at, due_at), ',') FROM activities)",
                [],
                |r| r.get(0),
            )
            .unwrap()
    }

    #[test]
    fn the_same_seed_gives_the_same_data_and_another_seed_differs() {
        let (mut a, mut b, mut c) = (store(), store(), store());
        generate(&mut a, &clock(), &spec(Lang::Ru, 7)).unwrap();
        generate(&mut b, &clock(), &spec(Lang::Ru, 7)).unwrap();
        generate(&mut c, &clock(), &spec(Lang::Ru, 8)).unwrap();
        assert_eq!(fingerprint(&a), fingerprint(&b));
        assert_ne!(fingerprint(&a), fingerprint(&c));
    }

    #[test]
    fn russian_demo_speaks_russian_with_matching_surnames() {
        let mut s = store();
        generate(&mut s, &clock(), &spec(Lang::Ru, 3)).unwrap();
        let (first, last): (String, String) =
            s.conn().query_row("SELECT first_name, last_name FROM contacts WHERE first_name = 'Анна' LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        assert_eq!(first, "Анна");
        assert!(last.ends_with('а'), "female surname form: {last}");
        let title: String = s.conn().query_row("SELECT title FROM deals LIMIT 1", [], |r| r.get(0)).unwrap();
        assert!(title.chars().any(|c| ('а'..='я').contains(&c)), "{title}");
    }

    #[test]
    fn refuses_a_non_empty_workspace_and_silly_sizes() {
        let mut s = store();
        assert_eq!(generate(&mut s, &clock(), &DemoSpec { contacts: 0, ..spec(Lang::En, 1) }).unwrap_err().field.as_deref(), Some("demo.contacts"));
        generate(&mut s, &clock(), &DemoSpec { contacts: 20, activities: 10, ..spec(Lang::En, 1) }).unwrap();
        assert_eq!(generate(&mut s, &clock(), &spec(Lang::En, 1)).unwrap_err().code, crate::error::ErrorCode::Conflict);
    }
}
