//! The head-of-sales self-assessment (DESIGN.md Appendix A): 21 yes/no
//! questions, three for each of seven roles, in every language (the texts
//! live with the documents' in `pdf::i18n`), with practical suggestions for
//! each role that needs work. Only a firm "yes"
//! counts; "partly" (sometimes, not always, for some people) is a "no".

use crate::error::{Error, Result};
use crate::model::Lang;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An answer to one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum Answer {
    #[serde(rename = "yes")]
    Yes,
    /// Sometimes, not always, for some people: counts as "no".
    #[serde(rename = "partly")]
    Partly,
    #[serde(rename = "no")]
    No,
}

/// The seven roles, in the order of the questionnaire.
pub const ROLES: [&str; 7] = ["strategist", "leader_coordinator", "mobiliser", "coach_adviser", "servant_supporter", "critic_innovator", "head_not_performer"];

/// The 21 questions by number (1–21): the role is `(n - 1) % 7`; the text is
/// the document text `core.assessment.q<n>`.
const QUESTIONS: usize = 21;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Question {
    /// 1–21, as numbered in the method.
    pub number: u8,
    pub role: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RoleInfo {
    pub code: String,
    pub name: String,
    /// The role's questions by number.
    pub questions: Vec<u8>,
    pub suggestions: Vec<String>,
}

/// The questionnaire in one language: questions in the order asked (1–21)
/// and the seven roles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Questionnaire {
    pub lang: Lang,
    pub questions: Vec<Question>,
    pub roles: Vec<RoleInfo>,
}

pub fn questionnaire(lang: Lang) -> Questionnaire {
    use crate::pdf::i18n::t;
    let questions = (0..QUESTIONS)
        .map(|i| Question { number: i as u8 + 1, role: ROLES[i % 7].to_string(), text: t(lang, &format!("core.assessment.q{}", i + 1)).to_string() })
        .collect();
    let roles = ROLES
        .iter()
        .enumerate()
        .map(|(i, code)| RoleInfo {
            code: code.to_string(),
            name: t(lang, &format!("core.assessment.{code}")).to_string(),
            questions: vec![i as u8 + 1, i as u8 + 8, i as u8 + 15],
            suggestions: (1..=3).map(|n| t(lang, &format!("core.assessment.{code}.{n}")).to_string()).collect(),
        })
        .collect();
    Questionnaire { lang, questions, roles }
}

/// One role's result: firm yeses out of three.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RoleScore {
    pub role: String,
    pub name: String,
    /// 0–3.
    pub score: u8,
    /// Three firm yeses.
    pub strong: bool,
    /// Suggestions for a role below 3 (empty when strong).
    pub suggestions: Vec<String>,
}

/// Checks there are exactly 21 answers.
pub fn check_answers(answers: &[Answer]) -> Result<()> {
    if answers.len() != QUESTIONS {
        return Err(Error::validation("answers", format!("Answer all 21 questions (got {}).", answers.len())));
    }
    Ok(())
}

/// Scores per role in the questionnaire's order; only a firm yes counts.
pub fn score(answers: &[Answer], lang: Lang) -> Result<Vec<RoleScore>> {
    check_answers(answers)?;
    let q = questionnaire(lang);
    Ok(q.roles
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let score = [i, i + 7, i + 14].iter().filter(|&&n| answers[n] == Answer::Yes).count() as u8;
            RoleScore { role: r.code, name: r.name, score, strong: score == 3, suggestions: if score == 3 { vec![] } else { r.suggestions } }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_all_21_questions_in_seven_roles_of_three() {
        for lang in [Lang::En, Lang::Ru] {
            let q = questionnaire(lang);
            assert_eq!(q.questions.len(), 21);
            assert_eq!(q.roles.len(), 7);
            for r in &q.roles {
                assert_eq!(r.questions.len(), 3);
                assert_eq!(r.suggestions.len(), 3);
                for n in &r.questions {
                    assert_eq!(q.questions[*n as usize - 1].role, r.code, "question {n}");
                }
            }
            assert!(q.questions.iter().all(|x| x.text.len() > 20));
        }
        // Appendix A: question 14 is the head-not-performer's "no personal quota".
        assert_eq!(questionnaire(Lang::En).questions[13].role, "head_not_performer");
        assert!(questionnaire(Lang::Ru).questions[13].text.contains("личного плана"));
        assert!(questionnaire(Lang::Ru).roles.iter().all(|r| r.suggestions.iter().all(|s| s.chars().any(|c| ('а'..='я').contains(&c)))));
        // Bulgarian, Greek and Hungarian read their own words, never the English.
        let en = questionnaire(Lang::En);
        for (lang, letters) in [(Lang::Bg, 'а'..='я'), (Lang::El, 'α'..='ω'), (Lang::Hu, 'á'..='ű')] {
            let q = questionnaire(lang);
            for (a, b) in q.questions.iter().zip(&en.questions) {
                assert_ne!(a.text, b.text, "{lang}: question {} is in English", a.number);
            }
            for (a, b) in q.roles.iter().zip(&en.roles) {
                assert_ne!(a.name, b.name, "{lang}: {}", a.code);
                assert_eq!(a.suggestions.len(), 3);
                assert!(a.suggestions.iter().zip(&b.suggestions).all(|(x, y)| x != y), "{lang}: {}", a.code);
            }
            assert!(q.questions.iter().all(|x| x.text.chars().any(|c| letters.contains(&c))), "{lang}");
        }
    }

    #[test]
    fn only_a_firm_yes_counts() {
        use Answer::*;
        let mut a = [No; 21];
        // Strategist (1, 8, 15): yes, yes, partly → 2 — "sometimes" is a no.
        a[0] = Yes;
        a[7] = Yes;
        a[14] = Partly;
        // Leader-coordinator (2, 9, 16): three firm yeses → strong.
        a[1] = Yes;
        a[8] = Yes;
        a[15] = Yes;
        // Mobiliser (3, 10, 17): partly everywhere → 0.
        a[2] = Partly;
        a[9] = Partly;
        a[16] = Partly;
        let s = score(&a, Lang::En).unwrap();
        assert_eq!(s.iter().map(|r| r.score).collect::<Vec<_>>(), vec![2, 3, 0, 0, 0, 0, 0]);
        assert!(s[1].strong && s[1].suggestions.is_empty());
        assert!(!s[0].strong && s[0].suggestions.len() == 3);
        assert_eq!(score(&a[..20], Lang::En).unwrap_err().field.as_deref(), Some("answers"));
    }
}
