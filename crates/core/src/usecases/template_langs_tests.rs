//! Every built-in template in every language (#18): it exists in that language (no
//! fallback to English), it is the variant's English file in other words — same keys,
//! rules, captures and branches, only the words, the currency and the amounts differ —
//! and a new workspace starts from it and plans its week.

use super::{routines, templates as pb};
use super::{today, workspace};
use crate::model::Lang;
use crate::playbook::template::{self, Template};
use crate::store::meta::NewWorkspace;
use crate::store::testing::clock;
use serde_json::Value;

/// Fields that are words for people (or money of one market): they may differ between languages.
const WORDS: &[&str] = &[
    "lang",
    "name",
    "description",
    "purpose",
    "title",
    "text",
    "label",
    "objection",
    "keywords",
    "niche_benchmark",
    "currency",
    "avg_first_deal_minor",
    "avg_repeat_order_minor",
];

/// The template with its words taken out; answers are counted, not compared.
fn shape(t: &Template) -> Value {
    fn strip(v: Value) -> Value {
        match v {
            Value::Object(m) => Value::Object(
                m.into_iter()
                    .filter(|(k, _)| !WORDS.contains(&k.as_str()))
                    .map(|(k, v)| {
                        let v = match v {
                            Value::Array(a) if k == "answers" => Value::from(a.len()),
                            v => strip(v),
                        };
                        (k, v)
                    })
                    .collect(),
            ),
            Value::Array(a) => Value::Array(a.into_iter().map(strip).collect()),
            v => v,
        }
    }
    strip(serde_json::to_value(t).unwrap())
}

#[test]
fn every_built_in_template_of_every_language_loads_and_applies() {
    for id in template::builtin_ids() {
        let en = template::builtin(id, Lang::En).unwrap();
        for &lang in Lang::ALL {
            let t = template::builtin(id, lang).unwrap();
            assert_eq!(t.lang, lang, "{id}: there is no built-in {id}.{lang}.json (the English file stood in)");
            assert_eq!(shape(&t), shape(&en), "{id}.{lang}: keys, rules, captures or branches differ from {id}.en.json");

            let init = NewWorkspace::new("New", lang, &t.plan.currency).with_template(id);
            let mut s = workspace::in_memory(&clock(), &init).unwrap_or_else(|e| panic!("{id}.{lang}: {e}"));
            let applied = pb::export(&s).unwrap();
            assert_eq!((applied.id.as_str(), applied.lang), (id, lang));
            let names =
                |t: &Template| -> Vec<String> { t.scripts.iter().map(|s| s.name.clone()).chain(t.regulations.iter().map(|r| r.title.clone())).collect() };
            assert_eq!(names(&applied), names(&t), "{id}.{lang}: the workspace holds the file's own words");
            assert_eq!(applied.scripts[0].blocks[0].text, t.scripts[0].blocks[0].text);
            let g = routines::generate(&mut s, &clock()).unwrap();
            assert!(g.created > 0, "{id}.{lang}: the routines plan the week");
            today::today_fresh(&mut s, &clock(), None).unwrap();
        }
    }
}
