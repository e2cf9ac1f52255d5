//! The regulation book: what a person holding a role reads on day one — the
//! role's stage and duties, its scripts (every block, branch, capture and
//! objection answer), its regulations (routines, norms, standards), the
//! routines and meetings, the working documents, the KPIs and its share of
//! the plan. One role, or every role in one book.

use crate::error::Result;
use crate::model::{Lang, Person, Role, Stage};
use crate::pdf::i18n::{self, t, tf};
use crate::pdf::{Block, Column, Document, ParaStyle, Row, Table};
use crate::playbook::template::{BRANCH_END, Every, RegulationKind, Rule};
use crate::store::cards::{self, CardField, CardKind};
use crate::store::regulations::Regulation;
use crate::store::roles::TimeBlock;
use crate::store::scripts::Script;
use crate::store::{Store, meta, people, regulations, roles, scripts};

/// The roles in the order a book prints them.
pub const ROLES: [Role; 4] = [Role::Hunter, Role::Closer, Role::AccountManager, Role::HeadOfSales];

/// One role's share of a stored plan, as the book prints it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanShare {
    pub period: String,
    pub role: Role,
    /// (label, value) pairs already formatted, e.g. ("First deals", "12").
    pub lines: Vec<(String, String)>,
}

/// Everything the book prints, read once (the bench inflates it to measure a long book).
#[derive(Debug, Clone)]
pub struct BookData {
    pub organisation: String,
    pub people: Vec<Person>,
    pub scripts: Vec<Script>,
    pub regulations: Vec<Regulation>,
    pub qualification: Vec<CardField>,
    pub handover: Vec<CardField>,
    pub timetables: Vec<(i64, Vec<TimeBlock>)>,
    pub plan: Vec<PlanShare>,
}

pub fn load(s: &Store) -> Result<BookData> {
    let c = s.conn();
    let people: Vec<Person> = people::list(c)?.into_iter().filter(|p| !p.archived).collect();
    let mut timetables = vec![];
    for p in &people {
        let blocks = roles::blocks(c, p.id)?;
        if !blocks.is_empty() {
            timetables.push((p.id, blocks));
        }
    }
    Ok(BookData {
        organisation: meta::load(c)?.name,
        people,
        scripts: scripts::list(c)?.into_iter().filter(|x| !x.archived).collect(),
        regulations: regulations::list(c)?.into_iter().filter(|x| !x.archived).collect(),
        qualification: cards::fields(c, CardKind::Qualification)?,
        handover: cards::fields(c, CardKind::Handover)?,
        timetables,
        plan: vec![],
    })
}

fn role_name(lang: Lang, r: Role) -> &'static str {
    t(lang, &format!("book.role.{}", r.code()))
}

fn stage_name(lang: Lang, s: Stage) -> &'static str {
    t(lang, &format!("book.stage.{}", s.code()))
}

/// Lines of a `|`-separated text entry.
fn lines(lang: Lang, key: &str) -> Vec<String> {
    t(lang, key).split('|').map(|l| l.trim().to_string()).collect()
}

/// The Markdown subset of scripts and regulations (FORMAT.md) as blocks:
/// paragraphs, bullet and numbered lists; emphasis markers are dropped (the
/// words stay).
pub fn markdown(text: &str) -> Vec<Block> {
    fn plain(s: &str) -> String {
        s.replace("**", "").replace("__", "").split('*').collect::<Vec<_>>().join("")
    }
    let mut out = vec![];
    let mut para: Vec<String> = vec![];
    let mut items: Vec<String> = vec![];
    // Whether the list being collected is numbered ("1. …") or bulleted.
    let mut numbered = false;
    let flush_para = |para: &mut Vec<String>, out: &mut Vec<Block>| {
        if !para.is_empty() {
            out.push(Block::para(plain(&para.join("\n"))));
            para.clear();
        }
    };
    let flush_items = |items: &mut Vec<String>, numbered: bool, out: &mut Vec<Block>| {
        if !items.is_empty() {
            let list = std::mem::take(items);
            out.push(if numbered { Block::Numbered(list) } else { Block::Bullets(list) });
        }
    };
    for raw in text.lines() {
        let line = raw.trim();
        let item = line.strip_prefix("- ").or_else(|| line.strip_prefix("• ")).map(|rest| (rest.to_string(), false)).or_else(|| {
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            (digits > 0 && line[digits..].starts_with(". ")).then(|| (line[digits + 2..].to_string(), true))
        });
        if line.is_empty() {
            flush_para(&mut para, &mut out);
            flush_items(&mut items, numbered, &mut out);
        } else if let Some((item, is_numbered)) = item {
            flush_para(&mut para, &mut out);
            if is_numbered != numbered {
                flush_items(&mut items, numbered, &mut out);
                numbered = is_numbered;
            }
            items.push(plain(&item));
        } else if !items.is_empty() && raw.starts_with("  ") {
            // A continuation line of the last item.
            if let Some(last) = items.last_mut() {
                last.push(' ');
                last.push_str(&plain(line));
            }
        } else {
            flush_items(&mut items, numbered, &mut out);
            para.push(line.to_string());
        }
    }
    flush_para(&mut para, &mut out);
    flush_items(&mut items, numbered, &mut out);
    out
}

const WEEKDAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const WEEKDAYS_RU: [&str; 7] = ["пн", "вт", "ср", "чт", "пт", "сб", "вс"];

fn weekday(lang: Lang, iso: i64) -> String {
    let i = (iso.clamp(1, 7) - 1) as usize;
    match lang {
        Lang::En | Lang::Bg | Lang::El | Lang::Hu => WEEKDAYS_EN[i].to_string(),
        Lang::Ru => WEEKDAYS_RU[i].to_string(),
    }
}

/// A rule as one sentence, e.g. "Tue, Thu at 09:00 · 120 min · call · 40 calls".
pub fn rule_summary(lang: Lang, rule: &Rule) -> String {
    let n = |v: u32| i18n::int(lang, v as i64);
    match rule {
        Rule::Schedule { every, days, at, minutes, activity, target_calls } => {
            let when = match every {
                Every::Day => tf(lang, "book.rule.every_day", &[("at", at)]),
                Every::Week => {
                    let names: Vec<String> = days.iter().map(|d| weekday(lang, *d as i64)).collect();
                    tf(lang, "book.rule.every_week", &[("days", &names.join(", ")), ("at", at)])
                }
                Every::Month => {
                    let names: Vec<String> =
                        days.iter().map(|d| if *d < 0 { t(lang, "book.rule.last_working_day").to_string() } else { d.to_string() }).collect();
                    tf(lang, "book.rule.every_month", &[("days", &names.join(", ")), ("at", at)])
                }
            };
            let mut parts = vec![when, i18n::minutes(lang, *minutes as i64), i18n::kind(lang, *activity).to_lowercase()];
            if let Some(calls) = target_calls {
                parts.push(i18n::plural(lang, "calls.n_calls", *calls as i64));
            }
            parts.join(" · ")
        }
        Rule::ClientCheckIn { days } => {
            let parts: Vec<String> = days.iter().map(|(abc, d)| tf(lang, "book.rule.check_in_part", &[("abc", abc.code()), ("days", &n(*d))])).collect();
            tf(lang, "book.rule.check_in", &[("parts", &parts.join(", "))])
        }
        Rule::AfterFirstSale { within_days, action } => {
            let action = t(lang, &format!("book.action.{action}"));
            tf(lang, "book.rule.after_first_sale", &[("days", &n(*within_days)), ("action", action)])
        }
        Rule::BeforeExpectedOrder { days_before } => tf(lang, "book.rule.before_order", &[("days", &n(*days_before))]),
        Rule::InboundResponse { hours } => tf(lang, "book.rule.inbound", &[("hours", &n(*hours))]),
        Rule::NextStepRequired { days } => tf(lang, "book.rule.next_step", &[("days", &n(*days))]),
        Rule::StaleDeal { days } => tf(lang, "book.rule.stale", &[("days", &n(*days))]),
        Rule::HandoffCardComplete { card } => tf(lang, "book.rule.card_complete", &[("card", t(lang, &format!("book.card.{}", card.code())))]),
        Rule::ClientContact { abc, days } => tf(lang, "book.rule.client_contact", &[("abc", abc.code()), ("days", &n(*days))]),
        Rule::ProspectingPace { calls_per_week } => tf(lang, "book.rule.pace", &[("calls", &n(*calls_per_week))]),
    }
}

/// The "when" cell of a regulation: its rule, unless the title already is the rule (shown once).
fn when(lang: Lang, r: &Regulation) -> String {
    match &r.rule {
        Some(x) if rule_summary(lang, x) != r.title => rule_summary(lang, x),
        _ => String::new(),
    }
}

fn holders(data: &BookData, role: Role) -> Vec<&Person> {
    data.people.iter().filter(|p| p.roles.contains(&role)).collect()
}

fn script_blocks(doc: &mut Document, lang: Lang, s: &Script) {
    doc.push(Block::h3(s.name.clone()));
    let version = tf(lang, "book.script_version", &[("n", &s.version.to_string())]);
    doc.push(Block::Paragraph { text: format!("{} ({version})", s.purpose), style: ParaStyle::Note });
    let title_of = |key: &str| -> String {
        if key == BRANCH_END {
            return t(lang, "book.end_of_call").to_string();
        }
        match s.body.blocks.iter().position(|b| b.key == key) {
            Some(i) => format!("{}. {}", i + 1, s.body.blocks[i].title),
            None => key.to_string(),
        }
    };
    for (i, b) in s.body.blocks.iter().enumerate() {
        doc.push(Block::Paragraph { text: format!("{}. {}", i + 1, b.title), style: ParaStyle::Callout });
        for blk in markdown(&b.text) {
            doc.push(blk);
        }
        if !b.captures.is_empty() {
            let items = b.captures.iter().map(|c| tf(lang, "book.capture", &[("label", &c.label)])).collect();
            doc.push(Block::Bullets(items));
        }
        if !b.branches.is_empty() {
            let items = b.branches.iter().map(|br| tf(lang, "book.branch", &[("label", &br.label), ("to", &title_of(&br.to))])).collect();
            doc.push(Block::Bullets(items));
        }
    }
    if !s.body.objections.is_empty() {
        doc.push(Block::h3(format!("{} — {}", s.name, t(lang, "book.objections"))));
        for o in &s.body.objections {
            doc.push(Block::Paragraph { text: format!("«{}»", o.objection.trim_matches(['"', '«', '»', '“', '”'])), style: ParaStyle::Callout });
            let answers: Vec<String> = o.answers.iter().map(|a| markdown_plain(a)).collect();
            doc.push(Block::Bullets(answers));
        }
    }
}

/// The Markdown subset as the text of a table cell: paragraphs and list
/// items each on their own line, items keeping their "1." or "•" marker, so
/// a list in a cell stays a list.
fn markdown_cell(text: &str) -> String {
    let mut lines = vec![];
    for b in markdown(text) {
        match b {
            Block::Paragraph { text, .. } => lines.push(text.split('\n').map(str::trim).collect::<Vec<_>>().join(" ")),
            Block::Bullets(items) => lines.extend(items.into_iter().map(|i| format!("• {i}"))),
            Block::Numbered(items) => lines.extend(items.into_iter().enumerate().map(|(n, i)| format!("{}. {i}", n + 1))),
            _ => {}
        }
    }
    lines.join("\n")
}

/// The Markdown subset flattened to one line of text (for list items).
fn markdown_plain(text: &str) -> String {
    text.replace("**", "").replace('*', "").split('\n').map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

fn regulation_sections(doc: &mut Document, lang: Lang, regs: &[&Regulation]) {
    let routines: Vec<&&Regulation> = regs.iter().filter(|r| r.kind == RegulationKind::Routine).collect();
    let norms: Vec<&&Regulation> = regs.iter().filter(|r| r.kind == RegulationKind::Norm).collect();
    let standards: Vec<&&Regulation> = regs.iter().filter(|r| r.kind == RegulationKind::Standard).collect();
    if regs.is_empty() {
        doc.push(Block::note(t(lang, "book.no_regulations")));
        return;
    }
    for (title, list) in [("book.routines", &routines), ("book.norms", &norms)] {
        if list.is_empty() {
            continue;
        }
        doc.push(Block::h3(t(lang, title)));
        let rows = list.iter().map(|r| Row::new(vec![r.title.clone(), when(lang, r), markdown_cell(&r.text)])).collect();
        doc.push(Block::Table(Table {
            columns: vec![Column::left(t(lang, "book.col_rule")), Column::left(t(lang, "book.col_when")), Column::left(t(lang, "book.col_why"))],
            rows,
        }));
    }
    if !standards.is_empty() {
        doc.push(Block::h3(t(lang, "book.standards")));
        for r in standards {
            doc.push(Block::Paragraph { text: r.title.clone(), style: ParaStyle::Callout });
            for blk in markdown(&r.text) {
                doc.push(blk);
            }
            if !r.documents.is_empty() {
                let names: Vec<&str> = r.documents.iter().map(|d| t(lang, &format!("book.doc.{d}.name"))).collect();
                doc.push(Block::note(tf(lang, "book.documents_kept", &[("docs", &names.join(", "))])));
            }
        }
    }
}

fn role_chapter(doc: &mut Document, data: &BookData, role: Role, lang: Lang) {
    let code = role.code();
    let title = match role.stage() {
        Some(st) => format!("{} — {}", role_name(lang, role), stage_name(lang, st)),
        None => role_name(lang, role).to_string(),
    };
    doc.push(Block::h1(title));
    doc.push(Block::para(t(lang, &format!("book.purpose.{code}"))));
    let held: Vec<String> = holders(data, role).iter().map(|p| p.name.clone()).collect();
    let mut kv = vec![(t(lang, "book.held_by").to_string(), if held.is_empty() { t(lang, "book.nobody").to_string() } else { held.join(", ") })];
    if let Some(st) = role.stage() {
        kv.push((t(lang, "book.stage").to_string(), stage_name(lang, st).to_string()));
    }
    kv.push((t(lang, "book.receives").to_string(), t(lang, &format!("book.receives.{code}")).to_string()));
    kv.push((t(lang, "book.hands_over").to_string(), t(lang, &format!("book.hands_over.{code}")).to_string()));
    doc.push(Block::KeyValue(kv));
    if held.len() == 1 && holders_stage_count(data, &held[0]) > 1 {
        doc.push(Block::Paragraph { text: t(lang, "book.several_stages").to_string(), style: ParaStyle::Note });
    }

    doc.push(Block::h2(t(lang, "book.duties")));
    doc.push(Block::Bullets(lines(lang, &format!("book.duties.{code}"))));

    if let Some(st) = role.stage() {
        doc.push(Block::h2(t(lang, "book.scripts")));
        let mine: Vec<&Script> = data.scripts.iter().filter(|s| s.stage == st).collect();
        if mine.is_empty() {
            doc.push(Block::note(t(lang, "book.no_scripts")));
        }
        for s in mine {
            script_blocks(doc, lang, s);
        }
    }

    doc.push(Block::h2(t(lang, "book.regulations")));
    let regs: Vec<&Regulation> = data.regulations.iter().filter(|r| r.role == role).collect();
    regulation_sections(doc, lang, &regs);

    // The card this role fills before handing work on.
    let card = match role {
        Role::Hunter => Some((CardKind::Qualification, &data.qualification)),
        Role::Closer => Some((CardKind::Handover, &data.handover)),
        _ => None,
    };
    if let Some((kind, fields)) = card {
        doc.push(Block::h2(tf(lang, "book.card_title", &[("card", t(lang, &format!("book.card.{}", kind.code())))])));
        doc.push(Block::note(t(lang, "book.card_note")));
        let rows =
            fields.iter().map(|f| Row::new(vec![f.label.clone(), t(lang, if f.required { "book.required" } else { "book.optional" }).to_string()])).collect();
        doc.push(Block::Table(Table { columns: vec![Column::left(t(lang, "book.col_field")), Column::left(t(lang, "book.col_required"))], rows }));
    }

    doc.push(Block::h2(t(lang, "book.meetings")));
    doc.push(Block::Bullets(lines(lang, &format!("book.meetings.{code}"))));
    let shared: Vec<&Regulation> =
        data.regulations.iter().filter(|r| r.role == Role::HeadOfSales && role != Role::HeadOfSales && matches!(r.rule, Some(Rule::Schedule { .. }))).collect();
    if !shared.is_empty() {
        let rows = shared.iter().map(|r| Row::new(vec![r.title.clone(), when(lang, r)])).collect();
        doc.push(Block::Table(Table { columns: vec![Column::left(t(lang, "book.col_meeting")), Column::left(t(lang, "book.col_when"))], rows }));
    }

    doc.push(Block::h2(t(lang, "book.working_documents")));
    let docs: Vec<String> = ["call_register", "time_table", "client_profile"]
        .iter()
        .map(|d| format!("{}: {}", t(lang, &format!("book.doc.{d}.name")), t(lang, &format!("book.doc.{d}.what"))))
        .collect();
    doc.push(Block::Bullets(docs));
    for p in holders(data, role) {
        if let Some((_, blocks)) = data.timetables.iter().find(|(id, _)| *id == p.id) {
            doc.push(Block::h3(tf(lang, "book.timetable_of", &[("name", &p.name)])));
            let rows = blocks
                .iter()
                .map(|b| {
                    Row::new(vec![
                        weekday(lang, b.weekday as i64),
                        b.start.clone(),
                        i18n::minutes(lang, b.minutes as i64),
                        stage_name(lang, b.stage).to_string(),
                    ])
                })
                .collect();
            doc.push(Block::Table(Table {
                columns: vec![
                    Column::left(t(lang, "book.col_day")),
                    Column::left(t(lang, "book.col_start")),
                    Column::right(t(lang, "book.col_length")),
                    Column::left(t(lang, "book.stage")),
                ],
                rows,
            }));
        }
    }

    doc.push(Block::h2(t(lang, "book.kpis")));
    doc.push(Block::Bullets(lines(lang, &format!("book.kpis.{code}"))));
    match data.plan.iter().find(|p| p.role == role) {
        Some(share) => {
            doc.push(Block::h3(tf(lang, "book.plan_share", &[("period", &share.period)])));
            doc.push(Block::KeyValue(share.lines.clone()));
        }
        None => {
            doc.push(Block::note(t(lang, "book.no_plan")));
        }
    }
}

fn holders_stage_count(data: &BookData, name: &str) -> usize {
    data.people.iter().find(|p| p.name == name).map(|p| p.roles.iter().filter(|r| r.stage().is_some()).count()).unwrap_or(0)
}

/// The book for one role (`Some`) or every role (`None`).
pub fn build(data: &BookData, role: Option<Role>, lang: Lang) -> Document {
    let title = match role {
        Some(r) => tf(lang, "book.title_role", &[("role", role_name(lang, r))]),
        None => t(lang, "book.title_all").to_string(),
    };
    let mut doc = Document::new(lang, &title, &data.organisation);
    doc.subtitle = Some(data.organisation.clone());
    doc.toc = true;

    doc.push(Block::h1(t(lang, "book.intro")));
    for p in lines(lang, "book.intro.text") {
        doc.push(Block::para(p));
    }
    doc.push(Block::h2(t(lang, "book.good_seller")));
    doc.push(Block::Bullets(lines(lang, "book.good_seller.items")));

    match role {
        Some(r) => role_chapter(&mut doc, data, r, lang),
        None => {
            for r in ROLES {
                doc.push(Block::PageBreak);
                role_chapter(&mut doc, data, r, lang);
            }
        }
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_subset_becomes_paragraphs_and_lists_without_markers() {
        let blocks = markdown("**Say:** hello\nthere\n\n- one *two*\n- three\n\n1. first\n2. second\nAfter.");
        assert_eq!(blocks.len(), 4, "{blocks:?}");
        match &blocks[0] {
            Block::Paragraph { text, .. } => assert_eq!(text, "Say: hello\nthere"),
            b => panic!("{b:?}"),
        }
        match &blocks[1] {
            Block::Bullets(items) => assert_eq!(items, &["one two".to_string(), "three".to_string()]),
            b => panic!("{b:?}"),
        }
        match &blocks[2] {
            Block::Numbered(items) => assert_eq!(items, &["first".to_string(), "second".to_string()]),
            b => panic!("{b:?}"),
        }
    }

    #[test]
    fn a_list_in_a_table_cell_stays_a_list() {
        assert_eq!(markdown_cell("Why:\n1. first\n2. second\n\n- a *b*\n- c"), "Why:\n1. first\n2. second\n• a b\n• c");
        assert_eq!(markdown_cell("one\nline"), "one line");
    }

    #[test]
    fn rules_read_as_sentences_in_both_languages() {
        let r = Rule::Schedule {
            every: Every::Week,
            days: vec![2, 4],
            at: "09:00".into(),
            minutes: 120,
            activity: crate::model::ActivityKind::Call,
            target_calls: Some(40),
        };
        assert_eq!(rule_summary(Lang::En, &r), "Tue, Thu at 09:00 · 120\u{a0}min · call · 40 calls");
        assert!(rule_summary(Lang::Ru, &r).starts_with("вт, чт в 09:00"), "{}", rule_summary(Lang::Ru, &r));
        let m = Rule::Schedule {
            every: Every::Month,
            days: vec![-1],
            at: "15:30".into(),
            minutes: 90,
            activity: crate::model::ActivityKind::Meeting,
            target_calls: None,
        };
        assert!(rule_summary(Lang::En, &m).contains("last working day"));
        assert_eq!(rule_summary(Lang::En, &Rule::InboundResponse { hours: 2 }), "Answer an inbound lead within 2 hours");
    }
}
