//! The head-of-sales self-assessment (DESIGN.md Appendix A): 21 yes/no
//! questions, three for each of seven roles, in English and Russian, with
//! practical suggestions for each role that needs work. Only a firm "yes"
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

struct RoleText {
    code: &'static str,
    en: &'static str,
    ru: &'static str,
    suggestions_en: [&'static str; 3],
    suggestions_ru: [&'static str; 3],
}

const ROLE_TEXTS: [RoleText; 7] = [
    RoleText {
        code: "strategist",
        en: "Strategist",
        ru: "Стратег",
        suggestions_en: [
            "Write the company's goals for the next 3 years on one page — turnover, clients, team — and how each year gets there. Check that you believe every line.",
            "Once a quarter, spend 30 minutes with each person on where the business is going and what their part in it is.",
            "Before the next annual plan, ask every salesperson for their own numbers and ideas first, then build the plan from them.",
        ],
        suggestions_ru: [
            "Запишите цели компании на 3 года на одной странице — оборот, клиенты, команда — и как к ним прийти по годам. Проверьте, что верите в каждую строку.",
            "Раз в квартал уделите каждому сотруднику 30 минут: куда идёт бизнес и какова в этом его роль.",
            "Перед следующим годовым планом сначала попросите каждого продавца предложить свои цифры и идеи, а затем стройте план из них.",
        ],
    },
    RoleText {
        code: "leader_coordinator",
        en: "Leader-coordinator",
        ru: "Лидер-координатор",
        suggestions_en: [
            "Give each person three to five numbers they are judged by (calls, meetings, offers, first deals, turnover) and show them weekly.",
            "Hold the Friday review every week without exception: each person's results, the causes, and next week's plan with owners and dates.",
            "Write the standards of work (scripts, regulations, next-step rule) together with the team and review them once a quarter.",
        ],
        suggestions_ru: [
            "Дайте каждому 3–5 показателей, по которым оценивается его работа (звонки, встречи, КП, первые сделки, оборот), и показывайте их еженедельно.",
            "Проводите пятничную планёрку каждую неделю без исключений: результаты каждого, причины и план на следующую неделю с ответственными и сроками.",
            "Пишите стандарты работы (скрипты, регламенты, правило следующего шага) вместе с командой и пересматривайте их раз в квартал.",
        ],
    },
    RoleText {
        code: "mobiliser",
        en: "Mobiliser",
        ru: "Мобилизатор",
        suggestions_en: [
            "Ask each person to propose their own target for next month before you name yours, and praise the bold ones in front of the team.",
            "Put every deadline into the weekly issue list with an owner and a date, and check it at the start of each review.",
            "When you give a task, say in one sentence why it matters and who is waiting for the result.",
        ],
        suggestions_ru: [
            "Попросите каждого предложить свою цель на следующий месяц до того, как назовёте свою, и отмечайте смелые цели перед командой.",
            "Вносите каждый срок в список вопросов недели с ответственным и датой и проверяйте его в начале каждой планёрки.",
            "Ставя задачу, одной фразой объясняйте, зачем она нужна и кто ждёт результата.",
        ],
    },
    RoleText {
        code: "coach_adviser",
        en: "Coach-adviser",
        ru: "Наставник-консультант",
        suggestions_en: [
            "Make a weekly slot where people bring their hardest deal, and work through it together instead of signing off.",
            "Once a month, go to a call or meeting with each salesperson and show the step they find hardest yourself.",
            "Keep for each person a short list of the next skill to learn, with a date and how they will practise it.",
        ],
        suggestions_ru: [
            "Заведите еженедельное время, когда сотрудники приносят самую трудную сделку, и разбирайте её вместе, а не просто согласуйте.",
            "Раз в месяц выходите на звонок или встречу с каждым продавцом и сами показывайте тот шаг, который ему даётся труднее всего.",
            "Ведите по каждому короткий список следующего навыка для освоения — с датой и способом тренировки.",
        ],
    },
    RoleText {
        code: "servant_supporter",
        en: "Servant-supporter",
        ru: "Слуга-помощник",
        suggestions_en: [
            "Ask each person what they waited for or chased last week (prices, samples, contracts) and remove the top cause.",
            "Agree with the other departments who answers sales' requests and by when, and step in the same day when it stalls.",
            "Move invoices, reports and data entry off the salespeople — to templates, to the app, or to an assistant.",
        ],
        suggestions_ru: [
            "Спросите каждого, чего он ждал или за чем бегал на прошлой неделе (цены, образцы, договоры), и устраните главную причину.",
            "Договоритесь с другими отделами, кто и в какой срок отвечает на запросы продаж, и вмешивайтесь в тот же день, если дело встало.",
            "Снимите с продавцов счета, отчёты и ввод данных — шаблонами, программой или помощником.",
        ],
    },
    RoleText {
        code: "critic_innovator",
        en: "Critic-innovator",
        ru: "Критик-новатор",
        suggestions_en: [
            "Add one question to every weekly review: what should we try differently next week? Pick one idea and test it.",
            "Whenever you criticise how something is done, bring a proposal with it or work one out with the person there and then.",
            "Keep a list of ideas for the sales system and test one new approach each month (a script, a source, an offer), measuring the result.",
        ],
        suggestions_ru: [
            "Добавьте в каждую планёрку вопрос: что попробуем сделать по-другому на следующей неделе? Выберите одну идею и проверьте её.",
            "Критикуя то, как что-то делается, всегда приходите с предложением или вырабатывайте решение вместе с человеком сразу.",
            "Ведите список идей для системы продаж и каждый месяц проверяйте один новый подход (скрипт, источник, предложение), измеряя результат.",
        ],
    },
    RoleText {
        code: "head_not_performer",
        en: "Head, not performer",
        ru: "Руководитель, а не исполнитель",
        suggestions_en: [
            "Hand each key client to a named person with a hand-over card and introduce them in person; then step back.",
            "Build the plan as the sum of your people's plans; keep your own name off the sales lines.",
            "Go to clients only to show someone how, to close at most once a month, or to learn about a client or a seller so you can teach.",
        ],
        suggestions_ru: [
            "Передайте каждого ключевого клиента конкретному сотруднику с карточкой передачи и представьте его лично, затем отойдите в сторону.",
            "Стройте план как сумму планов сотрудников; не ставьте своё имя в строки продаж.",
            "Выходите к клиентам только чтобы показать, как надо, помочь закрыть план не чаще раза в месяц или изучить клиента либо продавца, чтобы учить.",
        ],
    },
];

/// The 21 questions by number (1–21): the role is `(n - 1) % 7`.
const QUESTIONS: [(&str, &str); 21] = [
    (
        "I know the company's goals for the next 3–5 years and its strategy, helped shape them, and believe they are reachable and know how.",
        "Я знаю цели компании на 3–5 лет и её стратегию, участвовал в их выработке, верю, что они достижимы, и знаю, как их достичь.",
    ),
    (
        "Each of my people has clear numeric targets for the key measures of their work and knows how their work is judged.",
        "У каждого моего сотрудника есть чёткие числовые цели по ключевым показателям работы, и он знает, как оценивается его работа.",
    ),
    (
        "Because of me, my people set themselves more ambitious goals than I would.",
        "Благодаря мне сотрудники ставят себе более амбициозные цели, чем поставил бы я.",
    ),
    (
        "My people regularly come to me for professional advice in hard situations — not only for approvals and signatures.",
        "Сотрудники регулярно приходят ко мне за профессиональным советом в трудных ситуациях — а не только за согласованием и подписью.",
    ),
    (
        "I make sure my people have everything they need, so they spend no time chasing it.",
        "Я слежу, чтобы у сотрудников было всё необходимое для работы и им не приходилось тратить время на поиски.",
    ),
    (
        "My people are not content with how things are and keep looking for new approaches and methods.",
        "Мои сотрудники не довольствуются тем, как всё устроено, и постоянно ищут новые подходы и методы.",
    ),
    (
        "Someone on my team handles the key (VIP) clients, so I need not meet them personally.",
        "С ключевыми (VIP) клиентами работает кто-то из команды, и мне не нужно встречаться с ними лично.",
    ),
    (
        "I explain to my people not only today's urgent tasks but the goals and strategy for the next 1–5 years.",
        "Я объясняю сотрудникам не только сегодняшние срочные задачи, но и цели и стратегию на 1–5 лет вперёд.",
    ),
    (
        "Every week I review each person's results with them, discuss the causes, and agree the next week's plan.",
        "Каждую неделю я разбираю с каждым сотрудником его результаты, обсуждаю причины и согласую план на следующую неделю.",
    ),
    ("I remind people of deadlines and push when needed.", "Я напоминаю о сроках и подталкиваю, когда это нужно."),
    (
        "I regularly train my people in how the work is done, showing by my own example.",
        "Я регулярно обучаю сотрудников приёмам работы, показывая на собственном примере.",
    ),
    (
        "When my people get stuck with another department, I step in at once and help solve it.",
        "Когда у сотрудников возникает затруднение с другим отделом, я сразу вмешиваюсь и помогаю его решить.",
    ),
    (
        "I criticise the way things are constructively, always with a proposal or by working out a solution together.",
        "Я критикую существующий порядок конструктивно — всегда с предложением или вырабатывая решение вместе.",
    ),
    (
        "I carry no personal sales quota: the plan is the sum of my people's plans.",
        "У меня нет личного плана продаж: план — это сумма планов моих сотрудников.",
    ),
    (
        "My people take an active part in setting the year's goals, the marketing strategy and the annual plan.",
        "Сотрудники активно участвуют в постановке целей на год, в выработке маркетинговой стратегии и годового плана.",
    ),
    (
        "I work out the standards of work with my people and discuss changes to how we work.",
        "Я вырабатываю стандарты работы вместе с сотрудниками и обсуждаю с ними изменения в том, как мы работаем.",
    ),
    (
        "For each task I make sure people see why it matters, including what depends on it.",
        "По каждой задаче я добиваюсь, чтобы сотрудники понимали, зачем она нужна и что от неё зависит.",
    ),
    (
        "For each person I know what they must learn next, step by step, on their own and with trainers.",
        "Для каждого сотрудника я знаю, чему ему нужно научиться дальше — шаг за шагом, самостоятельно и с тренерами.",
    ),
    (
        "I keep paperwork and side tasks off my salespeople so that most of their time goes to clients.",
        "Я освобождаю продавцов от бумажной работы и побочных задач, чтобы большая часть их времени уходила на клиентов.",
    ),
    (
        "I keep producing ideas for the sales system, and my people follow that example.",
        "Я постоянно предлагаю идеи для системы продаж, и сотрудники следуют этому примеру.",
    ),
    (
        "I sell myself only to show someone how, to help close the plan at most once a month, or to study a client or a seller in order to teach.",
        "Я продаю сам только чтобы показать, как надо, помочь закрыть план не чаще раза в месяц или изучить клиента либо продавца, чтобы учить.",
    ),
];

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
    let questions = QUESTIONS
        .iter()
        .enumerate()
        .map(|(i, (en, ru))| Question {
            number: i as u8 + 1,
            role: ROLES[i % 7].to_string(),
            text: match lang {
                Lang::En | Lang::Bg | Lang::El | Lang::Hu => *en,
                Lang::Ru => *ru,
            }
            .to_string(),
        })
        .collect();
    let roles = ROLE_TEXTS
        .iter()
        .enumerate()
        .map(|(i, r)| RoleInfo {
            code: r.code.to_string(),
            name: match lang {
                Lang::En | Lang::Bg | Lang::El | Lang::Hu => r.en,
                Lang::Ru => r.ru,
            }
            .to_string(),
            questions: vec![i as u8 + 1, i as u8 + 8, i as u8 + 15],
            suggestions: match lang {
                Lang::En | Lang::Bg | Lang::El | Lang::Hu => r.suggestions_en,
                Lang::Ru => r.suggestions_ru,
            }
            .iter()
            .map(|s| s.to_string())
            .collect(),
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
    if answers.len() != QUESTIONS.len() {
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
