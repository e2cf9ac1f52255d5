//! Reviews and the self-assessment.

use super::Shell;
use conveyor_core::assessment::{self, Answer, Questionnaire};
use conveyor_core::model::Lang;
use conveyor_core::store::reviews::ReviewIssue;
use conveyor_core::usecases::reviews::{self, AssessmentResult, IssueInput, Review, ReviewKind, ReviewStart, ReviewSummary};
use std::collections::BTreeMap;

commands! {
    /// Opens (creating the first time) the daily, weekly or monthly review.
    fn review_start(shell, start: ReviewStart) -> Review {
        let Shell { session, clock, .. } = shell;
        reviews::start_review(session.store_mut()?, clock, &start)
    }

    /// One stored review with its issues and numbers.
    fn review_get(shell, review_id: i64) -> Review {
        reviews::get_review(shell.session.store()?, &shell.clock, review_id)
    }

    /// Saves a review's answers (by key).
    fn review_save(shell, review_id: i64, answers: BTreeMap<String, String>) -> Review {
        let Shell { session, clock, .. } = shell;
        reviews::save_review(session.store_mut()?, clock, review_id, &answers)
    }

    /// Closes a review, keeping its numbers as they stand.
    fn review_close(shell, review_id: i64) -> Review {
        let Shell { session, clock, .. } = shell;
        reviews::close_review(session.store_mut()?, clock, review_id)
    }

    /// Reopens a closed review.
    fn review_reopen(shell, review_id: i64) -> Review {
        let Shell { session, clock, .. } = shell;
        reviews::reopen_review(session.store_mut()?, clock, review_id)
    }

    /// The history of reviews, the latest first.
    fn review_list(shell, kind: Option<ReviewKind>, person_id: Option<i64>, limit: u32) -> Vec<ReviewSummary> {
        reviews::list_reviews(shell.session.store()?, kind, person_id, limit)
    }

    /// Adds an issue (owner, due date) to an open review.
    fn review_issue_add(shell, review_id: i64, issue: IssueInput) -> ReviewIssue {
        let Shell { session, clock, .. } = shell;
        reviews::add_issue(session.store_mut()?, clock, review_id, &issue)
    }

    /// Changes an issue's text, owner or due date.
    fn review_issue_update(shell, issue_id: i64, issue: IssueInput) -> ReviewIssue {
        let Shell { session, clock, .. } = shell;
        reviews::update_issue(session.store_mut()?, clock, issue_id, &issue)
    }

    /// Marks an issue done (or open again).
    fn review_issue_done(shell, issue_id: i64, done: bool) -> ReviewIssue {
        let Shell { session, clock, .. } = shell;
        reviews::set_issue_done(session.store_mut()?, clock, issue_id, done)
    }

    /// Carries an earlier review's open issue into a later review.
    fn review_issue_carry(shell, issue_id: i64, to_review_id: i64) -> ReviewIssue {
        let Shell { session, clock, .. } = shell;
        reviews::carry_issue(session.store_mut()?, clock, issue_id, to_review_id)
    }

    /// The self-assessment's 21 questions, roles and suggestions in a language.
    fn assessment_questions(shell, lang: Lang) -> Questionnaire {
        let _ = shell;
        Ok(assessment::questionnaire(lang))
    }

    /// Saves one sitting of the self-assessment and scores it per role.
    fn assessment_save(shell, answers: Vec<Answer>, person_id: Option<i64>, lang: Lang) -> AssessmentResult {
        let Shell { session, clock, .. } = shell;
        reviews::save_assessment(session.store_mut()?, clock, &answers, person_id, lang)
    }

    /// Every self-assessment, the oldest first.
    fn assessment_history(shell, lang: Lang) -> Vec<AssessmentResult> {
        reviews::assessment_history(shell.session.store()?, lang)
    }
}
