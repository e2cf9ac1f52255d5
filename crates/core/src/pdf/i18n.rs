//! Every fixed text printed in a document, in every language, through one
//! catalogue; plus dates, numbers and money formatted per locale.
//!
//! Add a key to *every* language's table: a test fails when the tables'
//! key sets differ, and [`t`] panics in debug builds on an unknown key.

use crate::locale;
use crate::model::{ActivityKind, DealStatus, Lang, Source};
use chrono::{Datelike, NaiveDate};

pub(crate) type Table = &'static [(&'static str, &'static str)];

const EN: Table = &[
    ("page_x_of_y", "Page {x} of {y}"),
    ("contents", "Contents"),
    ("prepared_on", "Prepared on {date}"),
    ("prepared_by", "Prepared by {name}"),
    ("missing", "—"),
    ("total", "Total"),
    ("minutes", "{n}\u{a0}min"),
    // Client profile
    ("profile.title", "Client profile"),
    ("profile.card", "Company card"),
    ("profile.name", "Company"),
    ("profile.industry", "Industry"),
    ("profile.city", "City"),
    ("profile.phone", "Phone"),
    ("profile.email", "E-mail"),
    ("profile.website", "Website"),
    ("profile.employees", "Employees"),
    ("profile.revenue", "Yearly revenue"),
    ("profile.parent", "Part of"),
    ("record.yes", "Yes"),
    ("record.no", "No"),
    ("record.changed", "Changed"),
    ("record.merged", "Merged: “{merged}” into “{kept}”"),
    ("record.moved", "Records moved over: {count}."),
    ("profile.tags", "Tags"),
    ("profile.contact_fields", "More about the contacts"),
    ("profile.abc", "ABC category"),
    ("profile.source", "Source"),
    ("profile.owner", "Account owner"),
    ("profile.notes", "Notes"),
    ("profile.next_step", "Next step"),
    ("profile.no_next_step", "No next step is planned. Agree one with the client and put it in the calendar."),
    ("profile.contacts", "Contacts"),
    ("profile.no_contacts", "No contacts recorded."),
    ("profile.addresses", "Addresses"),
    ("profile.address_whose", "Of"),
    ("profile.address_kind", "Kind"),
    ("profile.address", "Address"),
    ("address.office", "Office"),
    ("address.delivery", "Delivery"),
    ("address.billing", "Billing"),
    ("address.home", "Home"),
    ("address.other", "Other"),
    ("profile.contact_name", "Name"),
    ("profile.contact_title", "Position"),
    ("profile.deals", "Open deals"),
    ("profile.no_deals", "No open deals."),
    ("profile.deal", "Deal"),
    ("profile.step", "Step"),
    ("profile.value", "Value"),
    ("profile.deal_next", "Next step"),
    ("profile.due", "Due"),
    ("profile.orders", "Orders"),
    ("profile.no_orders", "No orders yet."),
    ("profile.orders_by_month", "Orders by month"),
    ("profile.date", "Date"),
    ("profile.amount", "Amount"),
    ("profile.margin", "Margin"),
    ("profile.margin_pct", "Margin, %"),
    ("profile.history", "Activity history"),
    ("profile.history_bounded", "The latest {n} of {total} activities."),
    ("profile.no_history", "No activities recorded."),
    ("profile.kind", "Type"),
    ("profile.subject", "Subject"),
    ("profile.outcome", "Outcome"),
    ("profile.by", "By"),
    ("profile.overdue", "overdue"),
    // Call register
    // Sales plan
    ("plan.title", "Sales plan"),
    ("plan.target", "Target"),
    ("plan.period", "Period"),
    ("plan.working_days", "Working days"),
    ("plan.turnover_target", "Turnover target"),
    ("plan.profit_target", "Profit target"),
    ("plan.margin", "Margin"),
    ("plan.repeat", "Expected repeat orders from clients"),
    ("plan.new", "Needed from new clients"),
    ("plan.first_deal_size", "Average first deal"),
    ("plan.backwards", "From the target to the daily work"),
    (
        "plan.backwards_note",
        "Worked backwards: the turnover from new clients gives the first deals; each step before needs more, at the business's conversion rates.",
    ),
    ("plan.step", "Step"),
    ("plan.needed", "Needed"),
    ("plan.rate", "Conversion to the next step"),
    ("plan.basis", "Basis"),
    ("plan.first_deals", "First deals"),
    ("plan.offers", "Offers"),
    ("plan.qualified", "Qualified leads"),
    ("plan.leads", "Leads"),
    ("plan.calls", "Calls"),
    ("plan.daily", "What it takes each day"),
    ("plan.calls_per_day", "Calls per working day"),
    ("plan.hours_per_week", "Prospecting hours per week"),
    ("plan.hours_value", "{n} h (6 min a call with notes)"),
    ("plan.cycle", "Sales cycle"),
    ("plan.cycle_value.one", "{n} day"),
    ("plan.cycle_value.other", "{n} days"),
    ("plan.prospect_from", "Prospecting for this period starts by"),
    ("plan.funnel_chart", "The funnel the target needs"),
    ("plan.by_month", "Month by month"),
    ("plan.month", "Month"),
    ("plan.turnover", "Turnover"),
    ("plan.assumptions", "Assumptions"),
    ("plan.measured", "measured, {n} cases"),
    ("plan.default", "default: too little history"),
    ("plan.margin_measured", "measured on the last 12 months' orders"),
    (
        "plan.covered",
        "This plan needs no new clients. The expected repeat orders of existing clients ({repeat}) already reach the turnover target ({target}), so the funnel below is all zero. To plan for growth, set a target above {repeat} on the Plan screen; keep prospecting on schedule all the same, so that the periods after this one have a full pipeline.",
    ),
    (
        "plan.late",
        "The date to start prospecting for this period, {date}, has passed (it is one sales cycle of {days} days before the period starts). Deals begun now may close after the period ends: start prospecting at once and expect part of this plan to move into the next period.",
    ),
    (
        "plan.by_month_note",
        "The period's figures are split over the months in proportion to their working days. Whole numbers are rounded by largest remainder (each month gets its whole share; the units left over go to the months with the largest fractions), so every column adds up to its total and to the figures above.",
    ),
    ("plan.whatif", "What-if: conversion {c}, first-deal size {d}."),
    ("plan.benchmark_note", "Compare these numbers with the middle of your niche, not with the market leaders."),
    ("calls.title", "Call register"),
    ("calls.period", "Period"),
    ("calls.person", "Person"),
    ("calls.everyone", "Everyone"),
    ("calls.summary", "Summary"),
    ("calls.count", "Calls"),
    ("calls.duration_total", "Talk time"),
    ("calls.days", "Days with calls"),
    ("calls.per_day", "Calls per day"),
    ("calls.per_week", "Calls per week"),
    ("calls.by_day", "Calls by day"),
    ("calls.none", "No calls were logged in this period."),
    ("calls.date", "Date"),
    ("calls.time", "Time"),
    ("calls.contact", "Contact"),
    ("calls.company", "Company"),
    ("calls.outcome", "Outcome"),
    ("calls.duration", "Duration"),
    ("calls.next_step", "Next step"),
    ("calls.day_total", "Day total"),
    ("calls.n_calls.one", "{n} call"),
    ("calls.n_calls.other", "{n} calls"),
    ("calls.week_axis", "Week starting"),
    ("calls.day_axis", "Day of the month, {from} – {to}"),
    // Regulation book
    ("book.title_role", "Regulation book: {role}"),
    ("book.title_all", "Regulation book of the sales team"),
    ("book.intro", "How our sales work"),
    (
        "book.intro.text",
        "We sell on a three-stage conveyor. Stage 1, lead generation, finds potential clients and qualifies them; its output is a qualified lead with a filled-in qualification card. Stage 2, the first deal, turns a qualified lead into a buyer; its output is a first sale and a client handed over with a hand-over card. Stage 3, account development, serves and grows regular clients: repeat orders, check-ins, cross-selling and asking for referrals, which feed stage 1 again.|Each stage has its own scripts (what to say, step by step, with answers to objections) and its own regulations (routines, norms and standards). This book is the part of them that belongs to your role. Follow it as written; when you find a better way, bring it to the weekly planning so that it becomes the new standard for everyone.|Every open deal has a next step with a date. We prospect every week on a fixed schedule, never in bursts. We ask for a referral after every success.",
    ),
    ("book.good_seller", "What a good salesperson is"),
    (
        "book.good_seller.items",
        "Confident, friendly and honest.|Knows the products and the words around them.|Believes in the company and knows its real strengths.|Is interested in people and reads their emotions.|Handles objections — the real ones and the polite brush-offs.|Asks the questions that help the buyer choose.|Closes without strain.",
    ),
    ("book.role.hunter", "Hunter"),
    ("book.role.closer", "Closer"),
    ("book.role.account_manager", "Account manager"),
    ("book.role.head_of_sales", "Head of sales"),
    ("book.stage.lead_generation", "lead generation"),
    ("book.stage.first_deal", "first deal"),
    ("book.stage.account_development", "account development"),
    ("book.stage", "Stage"),
    ("book.held_by", "Held by"),
    ("book.nobody", "Nobody yet"),
    ("book.receives", "Receives"),
    ("book.hands_over", "Hands over"),
    ("book.receives.hunter", "Target lists, inbound requests and referrals from clients"),
    ("book.receives.closer", "Qualified leads with a complete qualification card"),
    ("book.receives.account_manager", "New clients after their first sale, with a complete hand-over card"),
    ("book.receives.head_of_sales", "The results and the issues of every stage"),
    ("book.hands_over.hunter", "Qualified leads to the closer, with the qualification card"),
    ("book.hands_over.closer", "New clients to the account manager, with the hand-over card"),
    ("book.hands_over.account_manager", "Referrals to the hunter; repeat turnover to the plan"),
    ("book.hands_over.head_of_sales", "The plan, the standards and the decisions of the weekly planning"),
    (
        "book.several_stages",
        "One person holds more than one stage here. Keep the prospecting blocks in the calendar whatever else happens: a person who does everything settles into their existing clients and stops hunting, and growth stops.",
    ),
    (
        "book.purpose.hunter",
        "The hunter fills the conveyor. You find companies that may need what we sell, reach the person who decides, learn whether there is a real need, budget and timing, and hand a qualified lead to the closer. You are judged by the number of qualified leads, not by sales.",
    ),
    (
        "book.purpose.closer",
        "The closer turns a qualified lead into a buyer: needs analysis, an offer that answers those needs, objections and the close. You keep every open deal moving with a dated next step and hand every new client to the account manager with a complete hand-over card.",
    ),
    (
        "book.purpose.account_manager",
        "The account manager serves and grows the regular clients: repeat orders, invoices and payments, regular check-ins, cross-selling, and asking for referrals. Your clients should buy more, stay longer and bring their peers.",
    ),
    (
        "book.purpose.head_of_sales",
        "The head of sales plans, sets the rhythm and develops the people: derives the plan from the target, runs the daily, weekly and monthly reviews, keeps the standards written down and trains each person in their stage.",
    ),
    ("book.duties", "Duties"),
    (
        "book.duties.hunter",
        "Build and refresh the target lists of the segments we serve.|Call and write to prospects in fixed prospecting blocks every week.|Answer inbound requests quickly and qualify them.|Qualify each lead: need, decision maker, budget, timing.|Fill in the qualification card completely before handing a lead over.|Log every call in the call register with its outcome and next step.",
    ),
    (
        "book.duties.closer",
        "Meet or call every qualified lead promptly and analyse the needs.|Prepare and present offers that answer the needs in the client's words.|Handle objections and agree a concrete next step with a date at every contact.|Close the deal or close the opportunity (lost or disqualified, with the reason).|Hand each new client to the account manager with a complete hand-over card.|Keep the pipeline clean: no open deal without a dated next step.",
    ),
    (
        "book.duties.account_manager",
        "Welcome each new client and make the first delivery go well.|Check in with every client at the rhythm of their category (A, B, C).|Anticipate repeat orders and offer before the client has to ask.|Watch invoices and payments together with accounting.|Cross-sell what else the client can use.|Ask for a referral after every success and pass referrals to the hunter.",
    ),
    (
        "book.duties.head_of_sales",
        "Derive the sales plan backwards from the target and split it by person and stage.|Run the morning review, the Friday planning and the monthly review.|Keep the issues list: each issue with an owner and a due date.|Keep the scripts and regulations up to date with the team.|Train each person in their stage and review their calls.|Watch plan vs fact, pipeline coverage and the ABC picture of the clients.",
    ),
    ("book.scripts", "Scripts"),
    ("book.no_scripts", "No script is written for this stage yet."),
    ("book.script_version", "version {n}"),
    ("book.end_of_call", "end of the conversation"),
    ("book.capture", "Record: {label}"),
    ("book.branch", "If: {label} › go to {to}"),
    ("book.objections", "objections and answers"),
    ("book.regulations", "Regulations"),
    ("book.no_regulations", "No regulations are written for this role yet."),
    ("book.routines", "Routines"),
    ("book.norms", "Norms"),
    ("book.standards", "Standards"),
    ("book.col_rule", "Rule"),
    ("book.col_when", "When / what"),
    ("book.col_why", "Why and how"),
    ("book.col_meeting", "Meeting"),
    ("book.col_field", "Field"),
    ("book.col_required", "Required"),
    ("book.col_day", "Day"),
    ("book.col_start", "Start"),
    ("book.col_length", "Length"),
    ("book.required", "required"),
    ("book.optional", "optional"),
    ("book.documents_kept", "Documents kept: {docs}."),
    ("book.card_title", "The {card} you fill in"),
    ("book.card_note", "A deal moves to the next stage only with the required fields filled in. The next person must be able to continue without calling you."),
    ("book.card.qualification", "qualification card"),
    ("book.card.handover", "hand-over card"),
    ("book.meetings", "Routines and meetings"),
    (
        "book.meetings.hunter",
        "Morning review, 10–20 minutes: yesterday's calls and leads, today's plan, problems.|Friday planning, about an hour: progress against the plan, the issues list.|Monthly meeting: results, the best and the lagging, next month's plan.|One-to-one with the head of sales twice a month, 15–20 minutes.",
    ),
    (
        "book.meetings.closer",
        "Morning review, 10–20 minutes: yesterday's meetings and offers, today's plan, problems with clients.|Friday planning, about an hour: deals, coverage of the plan, the issues list.|Monthly meeting: results, the best and the lagging, next month's plan.|One-to-one with the head of sales twice a month, 15–20 minutes.",
    ),
    (
        "book.meetings.account_manager",
        "Morning review, 10–20 minutes: orders and payments, today's check-ins, problems with clients.|Friday planning, about an hour: repeat turnover against the plan, the issues list.|Monthly meeting: results, ABC migration of the clients, next month's plan.|One-to-one with the head of sales twice a month, 15–20 minutes.",
    ),
    (
        "book.meetings.head_of_sales",
        "Runs the morning review every working day (10–20 minutes, never longer).|Runs the Friday planning: progress, issues with owners and due dates, last week's issues closed or carried over.|Runs the monthly meeting (90–120 minutes, never merged with the weekly one) and approves next month's plan.|Holds one-to-ones twice a month, joint client visits and in-house training.",
    ),
    ("book.working_documents", "Working documents"),
    ("book.doc.call_register.name", "Call register"),
    ("book.doc.call_register.what", "every call with the time, the person, the outcome and the next step — the basis of the daily review"),
    ("book.doc.time_table.name", "Time table"),
    ("book.doc.time_table.what", "the week's time blocks per stage, planned against logged — so prospecting never gets crowded out"),
    ("book.doc.client_profile.name", "Client profile"),
    ("book.doc.client_profile.what", "the card of each client: contacts, needs, history, orders and the next step"),
    ("book.timetable_of", "Time table of {name}"),
    ("book.kpis", "KPIs and your share of the plan"),
    (
        "book.kpis.hunter",
        "Calls per working day against the plan's pace.|Conversations with decision makers per week.|Qualified leads handed over per month, with complete cards.|Share of leads the closer accepts as qualified.",
    ),
    (
        "book.kpis.closer",
        "First deals per month and their turnover.|Offers made per month and the offer-to-win rate.|Average sales cycle in days.|Open deals with a dated next step: 100 %.",
    ),
    (
        "book.kpis.account_manager",
        "Repeat-order turnover and profit per month.|Check-ins done on time per ABC category.|Referrals received per month.|Clients moving up the ABC categories; none lost.",
    ),
    (
        "book.kpis.head_of_sales",
        "Plan fulfilment: turnover and profit per month.|Weighted pipeline coverage of the remaining target.|New clients per month and the referral share.|No client above the concentration threshold.",
    ),
    ("book.plan_share", "Your share of the plan for {period}"),
    ("book.no_plan", "No plan is saved for the current period yet: your share appears here once the plan is set."),
    ("book.rule.every_day", "Every working day at {at}"),
    ("book.rule.every_week", "{days} at {at}"),
    ("book.rule.every_month", "Monthly on {days} at {at}"),
    ("book.rule.last_working_day", "the last working day"),
    ("book.rule.check_in", "Check in with clients: {parts}"),
    ("book.rule.check_in_part", "{abc} every {days} days"),
    ("book.rule.after_first_sale", "Within {days} days of a first sale: {action}"),
    ("book.rule.before_order", "{days} days before a client's expected repeat order"),
    ("book.rule.inbound", "Answer an inbound lead within {hours} hours"),
    ("book.rule.next_step", "No open deal without a dated next step for more than {days} days"),
    ("book.rule.stale", "No open deal without activity for more than {days} days"),
    ("book.rule.card_complete", "The {card} is complete before the deal moves on"),
    ("book.rule.client_contact", "Every {abc} client is contacted at least every {days} days"),
    ("book.rule.pace", "At least {calls} calls a week, at an even pace"),
    ("book.action.referral", "ask for a referral"),
    ("book.action.welcome_call", "a welcome call"),
    ("book.action.feedback", "ask for feedback"),
    // Weekly and monthly report
    ("report.title_week", "Weekly report, {from} – {to}"),
    ("report.title_month", "Monthly report, {month}"),
    ("report.file", "Report"),
    ("report.everyone", "Whole team"),
    ("report.results_week", "Results of the week"),
    ("report.results_month", "Results of the month"),
    ("report.plan_vs_fact", "Plan vs fact, {month}"),
    (
        "report.no_plan",
        "No plan is saved for this month, so there is no pace to compare with. Set the month's target on the Plan screen and print the report again.",
    ),
    (
        "report.funnel_note",
        "This funnel counts only the deals opened in this period ({from} – {to}) and how far each had got by the day of printing. Reached: deals at the step or past it. Still open: deals waiting at the step now. Conversion: the share that went on to the next step; at a stage's last step, the share handed on (lead generation) or won (first deal). Deals opened earlier and closed in this period count in the results above, not here, so the last step can show fewer wins than the results.",
    ),
    ("report.m.calls", "Calls"),
    ("report.m.meetings", "Meetings"),
    ("report.m.leads", "Leads"),
    ("report.m.qualified_leads", "Qualified leads"),
    ("report.m.offers", "Offers"),
    ("report.m.first_deals", "First deals"),
    ("report.m.repeat_orders", "Repeat orders"),
    ("report.m.turnover", "Turnover"),
    ("report.m.profit", "Profit"),
    ("report.col_measure", "Measure"),
    ("report.col_plan", "Plan"),
    ("report.col_fact", "Fact"),
    ("report.col_expected", "Due by now"),
    ("report.col_pace", "Pace"),
    ("report.col_per_day", "Needed a day"),
    ("report.col_state", "State"),
    ("report.behind", "behind"),
    ("report.on_pace", "on pace"),
    ("report.working_days", "Working days passed"),
    ("report.remaining", "Turnover still to make"),
    ("report.forecast", "Forecast at this pace"),
    ("report.pipeline", "Open deals closing this month"),
    ("report.weighted", "Weighted pipeline"),
    ("report.coverage", "Coverage of the remaining target"),
    ("report.signals", "Signals"),
    ("report.no_signals", "No risk signals: the plan is on track."),
    ("report.signal.no_plan", "There is no plan for this period."),
    ("report.signal.forecast_below_target", "At the current pace the month ends below the target."),
    ("report.signal.coverage_low", "The weighted pipeline does not cover the remaining target: add opportunities now."),
    ("report.signal.target_missed", "The period is over and the target was missed."),
    ("report.signal.behind_pace", "{measure}: behind the pace the plan needs."),
    ("report.funnel", "Funnel of the period"),
    ("report.funnel_empty", "No deals moved in this period."),
    ("report.funnel_chart", "Deals that reached each step"),
    ("report.col_step", "Step"),
    ("report.col_reached", "Reached"),
    ("report.col_open", "Still open"),
    ("report.col_conversion", "Conversion"),
    ("report.win_rate", "Win rate of first deals"),
    ("report.cycle", "Average sales cycle"),
    ("report.days.one", "{n} day"),
    ("report.days.other", "{n} days"),
    ("report.referral_share", "New clients from referrals"),
    ("report.issues", "Issues list"),
    ("report.no_review", "No review is recorded for this period: the issues list is kept in the weekly and monthly reviews."),
    ("report.no_issues", "The review of this period has no open issues."),
    ("report.col_issue", "Issue"),
    ("report.col_owner", "Owner"),
    ("report.col_due", "Due"),
    ("report.col_status", "Status"),
    ("report.issue.open", "open"),
    ("report.issue.done", "done"),
    ("report.issue.carried", "carried over"),
    ("report.abc_migration", "ABC migration of the clients"),
    ("report.abc_note", "How clients moved between the classes: rows are their class in {from}, columns their class in {to}."),
    ("report.no_orders", "no orders"),
    ("report.from_to", "Before › after"),
    ("report.up", "Up"),
    ("report.same", "Same"),
    ("report.down", "Down"),
    // Enumerations
    ("source.cold_call", "Cold call"),
    ("source.referral", "Referral"),
    ("source.inbound", "Inbound request"),
    ("source.web_search", "Internet search"),
    ("source.event", "Event"),
    ("source.repeat", "Repeat client"),
    ("source.other", "Other"),
    ("kind.call", "Call"),
    ("kind.meeting", "Meeting"),
    ("kind.task", "Task"),
    ("kind.email", "E-mail"),
    ("kind.note", "Note"),
    ("status.open", "Open"),
    ("status.won", "Won"),
    ("status.lost", "Lost"),
    ("status.disqualified", "Disqualified"),
    // Texts the core writes into records: a won deal's follow-ups, close reasons, a script run's note, a new script's first block, default card fields and steps
    ("core.win.account", "Account"),
    ("core.win.checkin", "First check-in after the first order"),
    ("core.win.referral", "Ask for a referral"),
    ("core.lost.price", "Price too high"),
    ("core.lost.competitor", "Chose a competitor"),
    ("core.lost.budget", "No budget"),
    ("core.lost.decider", "No decision maker reached"),
    ("core.lost.timing", "Not the right time"),
    ("core.disq.target", "Not our target client"),
    ("core.disq.need", "No need"),
    ("core.disq.duplicate", "Duplicate"),
    ("core.disq.closed", "Company closed"),
    ("core.disq.unreachable", "Cannot be reached"),
    ("core.run.script", "Script"),
    ("core.run.path", "Path"),
    ("core.run.answers", "Answers"),
    ("core.run.objection", "Objection"),
    ("core.run.answered_with", "answered with"),
    ("core.script.first_title", "Opening"),
    ("core.script.first_text", "Good morning, [Name]. This is [Your name] from [Company]."),
    ("core.card.need", "Need: what problem the client wants solved"),
    ("core.card.budget", "Budget"),
    ("core.card.decision_maker", "Decision maker"),
    ("core.card.timing", "Timing: when they want to buy"),
    ("core.card.source", "How we found them"),
    ("core.card.sold", "What was sold"),
    ("core.card.terms", "Terms: price, delivery, payment"),
    ("core.card.contacts", "Contacts on the client's side"),
    ("core.card.expectations", "What the client expects from us"),
    ("core.step.lead.new", "New lead"),
    ("core.step.lead.contact", "First contact made"),
    ("core.step.lead.interest", "Interest confirmed"),
    ("core.step.lead.qualified", "Qualified"),
    ("core.step.first.needs", "Needs analysis"),
    ("core.step.first.offer", "Offer sent"),
    ("core.step.first.negotiation", "Negotiation"),
    ("core.step.first.contract", "Contract and invoice"),
    ("core.step.account.checkin", "Check-in"),
    ("core.step.account.need", "Repeat need found"),
    ("core.step.account.offer", "Offer sent"),
    ("core.step.account.order", "Order confirmed"),
    // The self-assessment: the 21 questions, the seven roles and three suggestions for each
    (
        "core.assessment.q1",
        "I know the company's goals for the next 3–5 years and its strategy, helped shape them, and believe they are reachable and know how.",
    ),
    ("core.assessment.q2", "Each of my people has clear numeric targets for the key measures of their work and knows how their work is judged."),
    ("core.assessment.q3", "Because of me, my people set themselves more ambitious goals than I would."),
    ("core.assessment.q4", "My people regularly come to me for professional advice in hard situations — not only for approvals and signatures."),
    ("core.assessment.q5", "I make sure my people have everything they need, so they spend no time chasing it."),
    ("core.assessment.q6", "My people are not content with how things are and keep looking for new approaches and methods."),
    ("core.assessment.q7", "Someone on my team handles the key (VIP) clients, so I need not meet them personally."),
    ("core.assessment.q8", "I explain to my people not only today's urgent tasks but the goals and strategy for the next 1–5 years."),
    ("core.assessment.q9", "Every week I review each person's results with them, discuss the causes, and agree the next week's plan."),
    ("core.assessment.q10", "I remind people of deadlines and push when needed."),
    ("core.assessment.q11", "I regularly train my people in how the work is done, showing by my own example."),
    ("core.assessment.q12", "When my people get stuck with another department, I step in at once and help solve it."),
    ("core.assessment.q13", "I criticise the way things are constructively, always with a proposal or by working out a solution together."),
    ("core.assessment.q14", "I carry no personal sales quota: the plan is the sum of my people's plans."),
    ("core.assessment.q15", "My people take an active part in setting the year's goals, the marketing strategy and the annual plan."),
    ("core.assessment.q16", "I work out the standards of work with my people and discuss changes to how we work."),
    ("core.assessment.q17", "For each task I make sure people see why it matters, including what depends on it."),
    ("core.assessment.q18", "For each person I know what they must learn next, step by step, on their own and with trainers."),
    ("core.assessment.q19", "I keep paperwork and side tasks off my salespeople so that most of their time goes to clients."),
    ("core.assessment.q20", "I keep producing ideas for the sales system, and my people follow that example."),
    (
        "core.assessment.q21",
        "I sell myself only to show someone how, to help close the plan at most once a month, or to study a client or a seller in order to teach.",
    ),
    ("core.assessment.strategist", "Strategist"),
    (
        "core.assessment.strategist.1",
        "Write the company's goals for the next 3 years on one page — turnover, clients, team — and how each year gets there. Check that you believe every line.",
    ),
    ("core.assessment.strategist.2", "Once a quarter, spend 30 minutes with each person on where the business is going and what their part in it is."),
    (
        "core.assessment.strategist.3",
        "Before the next annual plan, ask every salesperson for their own numbers and ideas first, then build the plan from them.",
    ),
    ("core.assessment.leader_coordinator", "Leader-coordinator"),
    (
        "core.assessment.leader_coordinator.1",
        "Give each person three to five numbers they are judged by (calls, meetings, offers, first deals, turnover) and show them weekly.",
    ),
    (
        "core.assessment.leader_coordinator.2",
        "Hold the Friday review every week without exception: each person's results, the causes, and next week's plan with owners and dates.",
    ),
    (
        "core.assessment.leader_coordinator.3",
        "Write the standards of work (scripts, regulations, next-step rule) together with the team and review them once a quarter.",
    ),
    ("core.assessment.mobiliser", "Mobiliser"),
    (
        "core.assessment.mobiliser.1",
        "Ask each person to propose their own target for next month before you name yours, and praise the bold ones in front of the team.",
    ),
    ("core.assessment.mobiliser.2", "Put every deadline into the weekly issue list with an owner and a date, and check it at the start of each review."),
    ("core.assessment.mobiliser.3", "When you give a task, say in one sentence why it matters and who is waiting for the result."),
    ("core.assessment.coach_adviser", "Coach-adviser"),
    ("core.assessment.coach_adviser.1", "Make a weekly slot where people bring their hardest deal, and work through it together instead of signing off."),
    ("core.assessment.coach_adviser.2", "Once a month, go to a call or meeting with each salesperson and show the step they find hardest yourself."),
    ("core.assessment.coach_adviser.3", "Keep for each person a short list of the next skill to learn, with a date and how they will practise it."),
    ("core.assessment.servant_supporter", "Servant-supporter"),
    ("core.assessment.servant_supporter.1", "Ask each person what they waited for or chased last week (prices, samples, contracts) and remove the top cause."),
    (
        "core.assessment.servant_supporter.2",
        "Agree with the other departments who answers sales' requests and by when, and step in the same day when it stalls.",
    ),
    ("core.assessment.servant_supporter.3", "Move invoices, reports and data entry off the salespeople — to templates, to the app, or to an assistant."),
    ("core.assessment.critic_innovator", "Critic-innovator"),
    ("core.assessment.critic_innovator.1", "Add one question to every weekly review: what should we try differently next week? Pick one idea and test it."),
    (
        "core.assessment.critic_innovator.2",
        "Whenever you criticise how something is done, bring a proposal with it or work one out with the person there and then.",
    ),
    (
        "core.assessment.critic_innovator.3",
        "Keep a list of ideas for the sales system and test one new approach each month (a script, a source, an offer), measuring the result.",
    ),
    ("core.assessment.head_not_performer", "Head, not performer"),
    ("core.assessment.head_not_performer.1", "Hand each key client to a named person with a hand-over card and introduce them in person; then step back."),
    ("core.assessment.head_not_performer.2", "Build the plan as the sum of your people's plans; keep your own name off the sales lines."),
    (
        "core.assessment.head_not_performer.3",
        "Go to clients only to show someone how, to close at most once a month, or to learn about a client or a seller so you can teach.",
    ),
    // A scheduled routine's task note
    ("core.routine.target_calls", "Target calls:"),
];

const RU: Table = &[
    ("page_x_of_y", "Страница {x} из {y}"),
    ("contents", "Содержание"),
    ("prepared_on", "Подготовлено {date}"),
    ("prepared_by", "Подготовил(а): {name}"),
    ("missing", "—"),
    ("total", "Итого"),
    ("minutes", "{n}\u{a0}мин"),
    ("profile.title", "Профиль клиента"),
    ("profile.card", "Карточка компании"),
    ("profile.name", "Компания"),
    ("profile.industry", "Отрасль"),
    ("profile.city", "Город"),
    ("profile.phone", "Телефон"),
    ("profile.email", "Эл. почта"),
    ("profile.website", "Сайт"),
    ("profile.employees", "Сотрудников"),
    ("profile.revenue", "Годовая выручка"),
    ("profile.parent", "Входит в"),
    ("record.yes", "Да"),
    ("record.no", "Нет"),
    ("record.changed", "Изменено"),
    ("record.merged", "Объединено: «{merged}» → «{kept}»"),
    ("record.moved", "Перенесено записей: {count}."),
    ("profile.tags", "Теги"),
    ("profile.contact_fields", "Подробнее о контактах"),
    ("profile.abc", "Категория ABC"),
    ("profile.source", "Источник"),
    ("profile.owner", "Ответственный"),
    ("profile.notes", "Заметки"),
    ("profile.next_step", "Следующий шаг"),
    ("profile.no_next_step", "Следующий шаг не запланирован. Договоритесь с клиентом и внесите его в календарь."),
    ("profile.contacts", "Контактные лица"),
    ("profile.no_contacts", "Контактные лица не указаны."),
    ("profile.addresses", "Адреса"),
    ("profile.address_whose", "Чей"),
    ("profile.address_kind", "Вид"),
    ("profile.address", "Адрес"),
    ("address.office", "Офис"),
    ("address.delivery", "Доставка"),
    ("address.billing", "Для счетов"),
    ("address.home", "Домашний"),
    ("address.other", "Другой"),
    ("profile.contact_name", "Имя"),
    ("profile.contact_title", "Должность"),
    ("profile.deals", "Открытые сделки"),
    ("profile.no_deals", "Открытых сделок нет."),
    ("profile.deal", "Сделка"),
    ("profile.step", "Этап"),
    ("profile.value", "Сумма"),
    ("profile.deal_next", "Следующий шаг"),
    ("profile.due", "Срок"),
    ("profile.orders", "Заказы"),
    ("profile.no_orders", "Заказов пока нет."),
    ("profile.orders_by_month", "Заказы по месяцам"),
    ("profile.date", "Дата"),
    ("profile.amount", "Сумма"),
    ("profile.margin", "Маржа"),
    ("profile.margin_pct", "Маржа, %"),
    ("profile.history", "История взаимодействия"),
    ("profile.history_bounded", "Последние {n} из {total} действий."),
    ("profile.no_history", "Действий пока нет."),
    ("profile.kind", "Тип"),
    ("profile.subject", "Тема"),
    ("profile.outcome", "Результат"),
    ("profile.by", "Кто"),
    ("profile.overdue", "просрочено"),
    // Sales plan
    ("plan.title", "План продаж"),
    ("plan.target", "Цель"),
    ("plan.period", "Период"),
    ("plan.working_days", "Рабочих дней"),
    ("plan.turnover_target", "Цель по обороту"),
    ("plan.profit_target", "Цель по прибыли"),
    ("plan.margin", "Маржа"),
    ("plan.repeat", "Ожидаемые повторные заказы клиентов"),
    ("plan.new", "Нужно от новых клиентов"),
    ("plan.first_deal_size", "Средняя первая сделка"),
    ("plan.backwards", "От цели к ежедневной работе"),
    (
        "plan.backwards_note",
        "Расчёт от обратного: оборот от новых клиентов даёт число первых сделок; каждому шагу перед ними нужно больше — по конверсиям вашего бизнеса.",
    ),
    ("plan.step", "Шаг"),
    ("plan.needed", "Нужно"),
    ("plan.rate", "Конверсия в следующий шаг"),
    ("plan.basis", "Основание"),
    ("plan.first_deals", "Первые сделки"),
    ("plan.offers", "Предложения"),
    ("plan.qualified", "Квалифицированные лиды"),
    ("plan.leads", "Лиды"),
    ("plan.calls", "Звонки"),
    ("plan.daily", "Что это значит каждый день"),
    ("plan.calls_per_day", "Звонков в рабочий день"),
    ("plan.hours_per_week", "Часов на поиск клиентов в неделю"),
    ("plan.hours_value", "{n} ч (6 минут на звонок с записями)"),
    ("plan.cycle", "Цикл сделки"),
    ("plan.cycle_value.one", "{n} день"),
    ("plan.cycle_value.few", "{n} дня"),
    ("plan.cycle_value.many", "{n} дней"),
    ("plan.prospect_from", "Поиск клиентов для этого периода начать не позже"),
    ("plan.funnel_chart", "Воронка, которая нужна для цели"),
    ("plan.by_month", "По месяцам"),
    ("plan.month", "Месяц"),
    ("plan.turnover", "Оборот"),
    ("plan.assumptions", "Допущения"),
    ("plan.measured", "измерено, случаев: {n}"),
    ("plan.default", "по умолчанию: мало истории"),
    ("plan.margin_measured", "по заказам за последние 12 месяцев"),
    (
        "plan.covered",
        "Этому плану не нужны новые клиенты. Ожидаемые повторные заказы текущих клиентов ({repeat}) уже достигают цели по обороту ({target}), поэтому вся воронка ниже — нули. Чтобы запланировать рост, задайте на экране «План» цель больше {repeat}; поиск клиентов всё равно ведите по расписанию, чтобы у следующих периодов была полная воронка.",
    ),
    (
        "plan.late",
        "Дата начала поиска клиентов для этого периода, {date}, уже прошла (это один цикл сделки, {days} дн., до начала периода). Сделки, начатые сейчас, могут закрыться после конца периода: начните поиск немедленно и учтите, что часть плана может перейти в следующий период.",
    ),
    (
        "plan.by_month_note",
        "Показатели периода распределены по месяцам пропорционально рабочим дням. Целые числа округлены методом наибольшего остатка (каждый месяц получает целую часть своей доли, оставшиеся единицы — месяцы с наибольшими дробными частями), поэтому каждый столбец в сумме равен итогу и цифрам выше.",
    ),
    ("plan.whatif", "Сценарий «что если»: конверсия {c}, размер первой сделки {d}."),
    ("plan.benchmark_note", "Сравнивайте эти числа с серединой вашей ниши, а не с лидерами рынка."),
    ("calls.title", "Журнал звонков"),
    ("calls.period", "Период"),
    ("calls.person", "Сотрудник"),
    ("calls.everyone", "Все сотрудники"),
    ("calls.summary", "Итоги"),
    ("calls.count", "Звонков"),
    ("calls.duration_total", "Время разговоров"),
    ("calls.days", "Дней со звонками"),
    ("calls.per_day", "Звонки по дням"),
    ("calls.per_week", "Звонки по неделям"),
    ("calls.by_day", "Звонки по дням"),
    ("calls.none", "За этот период звонков нет."),
    ("calls.date", "Дата"),
    ("calls.time", "Время"),
    ("calls.contact", "Контакт"),
    ("calls.company", "Компания"),
    ("calls.outcome", "Результат"),
    ("calls.duration", "Длит."),
    ("calls.next_step", "Следующий шаг"),
    ("calls.day_total", "Итого за день"),
    ("calls.n_calls.one", "{n} звонок"),
    ("calls.n_calls.few", "{n} звонка"),
    ("calls.n_calls.many", "{n} звонков"),
    ("calls.week_axis", "Неделя, начиная с"),
    ("calls.day_axis", "День месяца, {from} – {to}"),
    ("source.cold_call", "Холодный звонок"),
    ("source.referral", "Рекомендация"),
    ("source.inbound", "Входящее обращение"),
    ("source.web_search", "Поиск в интернете"),
    ("source.event", "Мероприятие"),
    ("source.repeat", "Повторный клиент"),
    ("source.other", "Другое"),
    ("kind.call", "Звонок"),
    ("kind.meeting", "Встреча"),
    ("kind.task", "Задача"),
    ("kind.email", "Письмо"),
    ("kind.note", "Заметка"),
    ("status.open", "Открыта"),
    ("status.won", "Выиграна"),
    ("status.lost", "Проиграна"),
    ("status.disqualified", "Дисквалифицирована"),
    // Регламент
    ("book.title_role", "Регламент: {role}"),
    ("book.title_all", "Регламент отдела продаж"),
    ("book.intro", "Как устроены наши продажи"),
    (
        "book.intro.text",
        "Мы продаём по трёхступенчатому конвейеру. Первая ступень — поиск клиентов: находим потенциальных клиентов и квалифицируем их; результат — квалифицированный лид с заполненной квалификационной карточкой. Вторая ступень — первая сделка: превращаем квалифицированного лида в покупателя; результат — первая продажа и клиент, переданный дальше с карточкой передачи. Третья ступень — развитие клиентов: обслуживаем и растим постоянных клиентов — повторные заказы, регулярные контакты, допродажи и просьбы о рекомендациях, которые снова питают первую ступень.|У каждой ступени свои скрипты (что говорить шаг за шагом, с ответами на возражения) и свой регламент (рутины, нормы и стандарты). В этой книге — та их часть, которая относится к вашей роли. Работайте так, как здесь написано; если нашли способ лучше — принесите его на пятничную планёрку, чтобы он стал новым стандартом для всех.|У каждой открытой сделки есть следующий шаг с датой. Поиск клиентов идёт каждую неделю по расписанию, а не рывками. После каждого успеха мы просим рекомендацию.",
    ),
    ("book.good_seller", "Каким должен быть хороший продавец"),
    (
        "book.good_seller.items",
        "Уверенный, доброжелательный и честный.|Знает продукт и всё, что вокруг него.|Верит в компанию и знает её настоящие сильные стороны.|Интересуется людьми и понимает их эмоции.|Работает с возражениями — и настоящими, и вежливыми отговорками.|Задаёт вопросы, которые помогают клиенту выбрать.|Закрывает сделку без нажима.",
    ),
    ("book.role.hunter", "Охотник"),
    ("book.role.closer", "Переговорщик"),
    ("book.role.account_manager", "Менеджер по работе с клиентами"),
    ("book.role.head_of_sales", "Руководитель отдела продаж"),
    ("book.stage.lead_generation", "поиск клиентов"),
    ("book.stage.first_deal", "первая сделка"),
    ("book.stage.account_development", "развитие клиентов"),
    ("book.stage", "Ступень"),
    ("book.held_by", "Исполнитель"),
    ("book.nobody", "Пока никто"),
    ("book.receives", "Получает"),
    ("book.hands_over", "Передаёт"),
    ("book.receives.hunter", "Списки целевых компаний, входящие заявки и рекомендации клиентов"),
    ("book.receives.closer", "Квалифицированных лидов с заполненной квалификационной карточкой"),
    ("book.receives.account_manager", "Новых клиентов после первой продажи с заполненной карточкой передачи"),
    ("book.receives.head_of_sales", "Результаты и проблемы каждой ступени"),
    ("book.hands_over.hunter", "Квалифицированных лидов переговорщику вместе с квалификационной карточкой"),
    ("book.hands_over.closer", "Новых клиентов менеджеру по работе с клиентами вместе с карточкой передачи"),
    ("book.hands_over.account_manager", "Рекомендации — охотнику; повторный оборот — в план"),
    ("book.hands_over.head_of_sales", "План, стандарты и решения пятничной планёрки"),
    (
        "book.several_stages",
        "Здесь один человек ведёт несколько ступеней. Блоки поиска клиентов остаются в календаре при любых обстоятельствах: продавец, который делает всё сам, «оседает» на своих клиентах и перестаёт искать новых — и рост останавливается.",
    ),
    (
        "book.purpose.hunter",
        "Охотник наполняет конвейер. Вы находите компании, которым может быть нужно то, что мы продаём, выходите на человека, который принимает решение, выясняете, есть ли реальная потребность, бюджет и сроки, и передаёте квалифицированного лида переговорщику. Вас оценивают по числу квалифицированных лидов, а не по продажам.",
    ),
    (
        "book.purpose.closer",
        "Переговорщик превращает квалифицированного лида в покупателя: выявление потребностей, предложение под эти потребности, возражения и закрытие. У каждой открытой сделки есть следующий шаг с датой, а каждого нового клиента вы передаёте менеджеру по работе с клиентами с заполненной карточкой передачи.",
    ),
    (
        "book.purpose.account_manager",
        "Менеджер по работе с клиентами обслуживает и развивает постоянных клиентов: повторные заказы, счета и оплаты, регулярные контакты, допродажи и просьбы о рекомендациях. Ваши клиенты должны покупать больше, оставаться дольше и приводить коллег.",
    ),
    (
        "book.purpose.head_of_sales",
        "Руководитель отдела продаж планирует, задаёт ритм и развивает людей: выводит план из цели, проводит ежедневные, еженедельные и ежемесячные разборы, держит стандарты записанными и обучает каждого работе на его ступени.",
    ),
    ("book.duties", "Обязанности"),
    (
        "book.duties.hunter",
        "Составлять и обновлять списки целевых компаний в наших сегментах.|Звонить и писать потенциальным клиентам в фиксированные блоки поиска каждую неделю.|Быстро отвечать на входящие заявки и квалифицировать их.|Квалифицировать каждого лида: потребность, ЛПР, бюджет, сроки.|Полностью заполнять квалификационную карточку перед передачей лида.|Записывать каждый звонок в журнал звонков с результатом и следующим шагом.",
    ),
    (
        "book.duties.closer",
        "Оперативно встречаться или созваниваться с каждым квалифицированным лидом и выявлять потребности.|Готовить и презентовать предложения, которые отвечают потребностям словами клиента.|Отрабатывать возражения и при каждом контакте договариваться о конкретном следующем шаге с датой.|Закрывать сделку или закрывать возможность (проиграна или дисквалифицирована — с причиной).|Передавать каждого нового клиента менеджеру по работе с клиентами с полной карточкой передачи.|Держать воронку в порядке: ни одной открытой сделки без следующего шага с датой.",
    ),
    (
        "book.duties.account_manager",
        "Встретить каждого нового клиента и добиться, чтобы первая поставка прошла хорошо.|Связываться с каждым клиентом с периодичностью его категории (A, B, C).|Предвидеть повторные заказы и предлагать раньше, чем клиенту придётся просить.|Следить за счетами и оплатами вместе с бухгалтерией.|Допродавать то, что ещё может пригодиться клиенту.|После каждого успеха просить рекомендацию и передавать рекомендации охотнику.",
    ),
    (
        "book.duties.head_of_sales",
        "Выводить план продаж из цели и распределять его по людям и ступеням.|Проводить утреннюю планёрку, пятничное планирование и ежемесячное собрание.|Вести список вопросов: у каждого вопроса есть ответственный и срок.|Вместе с командой поддерживать скрипты и регламенты в актуальном виде.|Обучать каждого работе на его ступени и разбирать звонки.|Следить за планом и фактом, покрытием плана воронкой и ABC-картиной клиентов.",
    ),
    ("book.scripts", "Скрипты"),
    ("book.no_scripts", "Для этой ступени скрипт ещё не написан."),
    ("book.script_version", "версия {n}"),
    ("book.end_of_call", "конец разговора"),
    ("book.capture", "Записать: {label}"),
    ("book.branch", "Если: {label} › перейти к «{to}»"),
    ("book.objections", "возражения и ответы"),
    ("book.regulations", "Регламент"),
    ("book.no_regulations", "Для этой роли правила ещё не записаны."),
    ("book.routines", "Рутины"),
    ("book.norms", "Нормы"),
    ("book.standards", "Стандарты"),
    ("book.col_rule", "Правило"),
    ("book.col_when", "Когда / что"),
    ("book.col_why", "Зачем и как"),
    ("book.col_meeting", "Встреча"),
    ("book.col_field", "Поле"),
    ("book.col_required", "Обязательно"),
    ("book.col_day", "День"),
    ("book.col_start", "Начало"),
    ("book.col_length", "Длительность"),
    ("book.required", "обязательно"),
    ("book.optional", "по желанию"),
    ("book.documents_kept", "Ведутся документы: {docs}."),
    ("book.card_title", "Что вы заполняете: {card}"),
    (
        "book.card_note",
        "Сделка переходит на следующую ступень только с заполненными обязательными полями. Следующий сотрудник должен продолжить работу, не звоня вам.",
    ),
    ("book.card.qualification", "квалификационная карточка"),
    ("book.card.handover", "карточка передачи"),
    ("book.meetings", "Рутины и встречи"),
    (
        "book.meetings.hunter",
        "Утренняя планёрка, 10–20 минут: вчерашние звонки и лиды, план на сегодня, проблемы.|Пятничное планирование, около часа: выполнение плана, список вопросов.|Ежемесячное собрание: итоги, лучшие и отстающие, план на следующий месяц.|Встреча один на один с руководителем дважды в месяц, 15–20 минут.",
    ),
    (
        "book.meetings.closer",
        "Утренняя планёрка, 10–20 минут: вчерашние встречи и предложения, план на сегодня, проблемы с клиентами.|Пятничное планирование, около часа: сделки, покрытие плана, список вопросов.|Ежемесячное собрание: итоги, лучшие и отстающие, план на следующий месяц.|Встреча один на один с руководителем дважды в месяц, 15–20 минут.",
    ),
    (
        "book.meetings.account_manager",
        "Утренняя планёрка, 10–20 минут: заказы и оплаты, контакты на сегодня, проблемы с клиентами.|Пятничное планирование, около часа: повторный оборот против плана, список вопросов.|Ежемесячное собрание: итоги, миграция клиентов по ABC, план на следующий месяц.|Встреча один на один с руководителем дважды в месяц, 15–20 минут.",
    ),
    (
        "book.meetings.head_of_sales",
        "Каждый рабочий день проводит утреннюю планёрку (10–20 минут, не дольше).|Проводит пятничное планирование: выполнение плана, вопросы с ответственными и сроками, вопросы прошлой недели закрыты или перенесены.|Проводит ежемесячное собрание (90–120 минут, никогда не вместе с еженедельным) и утверждает план на следующий месяц.|Дважды в месяц проводит встречи один на один, совместные визиты к клиентам и внутреннее обучение.",
    ),
    ("book.working_documents", "Рабочие документы"),
    ("book.doc.call_register.name", "Журнал звонков"),
    ("book.doc.call_register.what", "каждый звонок со временем, собеседником, результатом и следующим шагом — основа утренней планёрки"),
    ("book.doc.time_table.name", "Табель времени"),
    ("book.doc.time_table.what", "блоки времени недели по ступеням, план против факта — чтобы поиск клиентов не вытесняли другие дела"),
    ("book.doc.client_profile.name", "Профиль клиента"),
    ("book.doc.client_profile.what", "карточка каждого клиента: контакты, потребности, история, заказы и следующий шаг"),
    ("book.timetable_of", "Табель времени: {name}"),
    ("book.kpis", "Показатели и ваша доля плана"),
    (
        "book.kpis.hunter",
        "Звонков в рабочий день против темпа, которого требует план.|Разговоров с ЛПР в неделю.|Квалифицированных лидов в месяц, переданных с полными карточками.|Доля лидов, которых переговорщик принимает как квалифицированных.",
    ),
    (
        "book.kpis.closer",
        "Первых сделок в месяц и их оборот.|Предложений в месяц и доля выигранных предложений.|Средний цикл сделки в днях.|Открытых сделок со следующим шагом и датой: 100 %.",
    ),
    (
        "book.kpis.account_manager",
        "Оборот и прибыль повторных заказов в месяц.|Контакты, сделанные вовремя, по категориям ABC.|Рекомендаций в месяц.|Клиенты поднимаются по категориям ABC; потерянных нет.",
    ),
    (
        "book.kpis.head_of_sales",
        "Выполнение плана: оборот и прибыль в месяц.|Взвешенное покрытие оставшейся цели воронкой.|Новых клиентов в месяц и доля рекомендаций.|Ни один клиент не превышает порог концентрации.",
    ),
    ("book.plan_share", "Ваша доля плана на {period}"),
    ("book.no_plan", "План на текущий период ещё не сохранён: ваша доля появится здесь, когда план будет утверждён."),
    ("book.rule.every_day", "Каждый рабочий день в {at}"),
    ("book.rule.every_week", "{days} в {at}"),
    ("book.rule.every_month", "Ежемесячно: {days}, в {at}"),
    ("book.rule.last_working_day", "последний рабочий день"),
    ("book.rule.check_in", "Связываться с клиентами: {parts}"),
    ("book.rule.check_in_part", "{abc} — каждые {days} дн."),
    ("book.rule.after_first_sale", "В течение {days} дн. после первой продажи: {action}"),
    ("book.rule.before_order", "За {days} дн. до ожидаемого повторного заказа клиента"),
    ("book.rule.inbound", "Ответить на входящую заявку в течение {hours} ч"),
    ("book.rule.next_step", "Ни одной открытой сделки без следующего шага с датой дольше {days} дн."),
    ("book.rule.stale", "Ни одной открытой сделки без активности дольше {days} дн."),
    ("book.rule.card_complete", "Перед переходом сделки дальше заполнена {card}"),
    ("book.rule.client_contact", "С каждым клиентом категории {abc} — контакт не реже чем раз в {days} дн."),
    ("book.rule.pace", "Не меньше {calls} звонков в неделю, равномерно"),
    ("book.action.referral", "попросить рекомендацию"),
    ("book.action.welcome_call", "приветственный звонок"),
    ("book.action.feedback", "попросить обратную связь"),
    // Еженедельный и ежемесячный отчёт
    ("report.title_week", "Отчёт за неделю, {from} – {to}"),
    ("report.title_month", "Отчёт за месяц: {month}"),
    ("report.file", "Отчёт"),
    ("report.everyone", "Вся команда"),
    ("report.results_week", "Итоги недели"),
    ("report.results_month", "Итоги месяца"),
    ("report.plan_vs_fact", "План и факт: {month}"),
    ("report.no_plan", "План на этот месяц не сохранён, поэтому темп сравнить не с чем. Задайте цель месяца на экране «План» и распечатайте отчёт снова."),
    (
        "report.funnel_note",
        "Эта воронка считает только сделки, открытые в этом периоде ({from} – {to}), и то, как далеко каждая продвинулась ко дню печати. «Дошло»: сделки на этом шаге или дальше. «Ещё открыто»: сделки, которые сейчас ждут на этом шаге. «Конверсия»: доля перешедших на следующий шаг; на последнем шаге этапа — доля переданных дальше (поиск клиентов) или выигранных (первая сделка). Сделки, открытые раньше и закрытые в этом периоде, учтены в итогах выше, а не здесь, поэтому на последнем шаге побед может быть меньше, чем в итогах.",
    ),
    ("report.m.calls", "Звонки"),
    ("report.m.meetings", "Встречи"),
    ("report.m.leads", "Лиды"),
    ("report.m.qualified_leads", "Квалифицированные лиды"),
    ("report.m.offers", "Предложения"),
    ("report.m.first_deals", "Первые сделки"),
    ("report.m.repeat_orders", "Повторные заказы"),
    ("report.m.turnover", "Оборот"),
    ("report.m.profit", "Прибыль"),
    ("report.col_measure", "Показатель"),
    ("report.col_plan", "План"),
    ("report.col_fact", "Факт"),
    ("report.col_expected", "Нужно к сегодня"),
    ("report.col_pace", "Темп"),
    ("report.col_per_day", "Нужно в день"),
    ("report.col_state", "Состояние"),
    ("report.behind", "отстаём"),
    ("report.on_pace", "в темпе"),
    ("report.working_days", "Прошло рабочих дней"),
    ("report.remaining", "Осталось сделать оборота"),
    ("report.forecast", "Прогноз при текущем темпе"),
    ("report.pipeline", "Открытые сделки с закрытием в этом месяце"),
    ("report.weighted", "Взвешенная воронка"),
    ("report.coverage", "Покрытие оставшейся цели"),
    ("report.signals", "Сигналы"),
    ("report.no_signals", "Сигналов риска нет: план выполняется."),
    ("report.signal.no_plan", "На этот период нет плана."),
    ("report.signal.forecast_below_target", "При текущем темпе месяц закончится ниже цели."),
    ("report.signal.coverage_low", "Взвешенная воронка не покрывает оставшуюся цель: добавляйте возможности сейчас."),
    ("report.signal.target_missed", "Период закончился, цель не достигнута."),
    ("report.signal.behind_pace", "{measure}: отстаём от темпа, которого требует план."),
    ("report.funnel", "Воронка за период"),
    ("report.funnel_empty", "За этот период сделки не двигались."),
    ("report.funnel_chart", "Сделки, дошедшие до каждого шага"),
    ("report.col_step", "Шаг"),
    ("report.col_reached", "Дошло"),
    ("report.col_open", "Ещё открыто"),
    ("report.col_conversion", "Конверсия"),
    ("report.win_rate", "Доля выигранных первых сделок"),
    ("report.cycle", "Средний цикл сделки"),
    ("report.days.one", "{n} день"),
    ("report.days.few", "{n} дня"),
    ("report.days.many", "{n} дней"),
    ("report.referral_share", "Новые клиенты по рекомендациям"),
    ("report.issues", "Список вопросов"),
    ("report.no_review", "Разбор за этот период не записан: список вопросов ведётся в еженедельных и ежемесячных разборах."),
    ("report.no_issues", "В разборе этого периода нет открытых вопросов."),
    ("report.col_issue", "Вопрос"),
    ("report.col_owner", "Ответственный"),
    ("report.col_due", "Срок"),
    ("report.col_status", "Статус"),
    ("report.issue.open", "открыт"),
    ("report.issue.done", "решён"),
    ("report.issue.carried", "перенесён"),
    ("report.abc_migration", "Миграция клиентов по ABC"),
    ("report.abc_note", "Как клиенты переходили между категориями: строки — категория за {from}, столбцы — за {to}."),
    ("report.no_orders", "нет заказов"),
    ("report.from_to", "Было › стало"),
    ("report.up", "Выше"),
    ("report.same", "Так же"),
    ("report.down", "Ниже"),
    // Texts the core writes into records: a won deal's follow-ups, close reasons, a script run's note, a new script's first block, default card fields and steps
    ("core.win.account", "Развитие"),
    ("core.win.checkin", "Первый контакт после первого заказа"),
    ("core.win.referral", "Попросить рекомендацию"),
    ("core.lost.price", "Слишком дорого"),
    ("core.lost.competitor", "Выбрали конкурента"),
    ("core.lost.budget", "Нет бюджета"),
    ("core.lost.decider", "Не вышли на ЛПР"),
    ("core.lost.timing", "Не вовремя"),
    ("core.disq.target", "Не наш целевой клиент"),
    ("core.disq.need", "Нет потребности"),
    ("core.disq.duplicate", "Дубль"),
    ("core.disq.closed", "Компания закрылась"),
    ("core.disq.unreachable", "Не удаётся связаться"),
    ("core.run.script", "Скрипт"),
    ("core.run.path", "Путь"),
    ("core.run.answers", "Ответы"),
    ("core.run.objection", "Возражение"),
    ("core.run.answered_with", "ответ"),
    ("core.script.first_title", "Приветствие"),
    ("core.script.first_text", "Добрый день, [Имя]. Это [Ваше имя], компания [Компания]."),
    ("core.card.need", "Потребность: какую задачу клиент хочет решить"),
    ("core.card.budget", "Бюджет"),
    ("core.card.decision_maker", "Лицо, принимающее решение"),
    ("core.card.timing", "Сроки: когда планируют покупку"),
    ("core.card.source", "Откуда пришёл клиент"),
    ("core.card.sold", "Что продано"),
    ("core.card.terms", "Условия: цена, доставка, оплата"),
    ("core.card.contacts", "Контакты на стороне клиента"),
    ("core.card.expectations", "Ожидания клиента"),
    ("core.step.lead.new", "Новый лид"),
    ("core.step.lead.contact", "Первый контакт"),
    ("core.step.lead.interest", "Интерес подтверждён"),
    ("core.step.lead.qualified", "Квалифицирован"),
    ("core.step.first.needs", "Анализ потребностей"),
    ("core.step.first.offer", "Предложение отправлено"),
    ("core.step.first.negotiation", "Переговоры"),
    ("core.step.first.contract", "Договор и счёт"),
    ("core.step.account.checkin", "Контакт с клиентом"),
    ("core.step.account.need", "Выявлена потребность"),
    ("core.step.account.offer", "Предложение отправлено"),
    ("core.step.account.order", "Заказ подтверждён"),
    // The self-assessment: the 21 questions, the seven roles and three suggestions for each
    ("core.assessment.q1", "Я знаю цели компании на 3–5 лет и её стратегию, участвовал в их выработке, верю, что они достижимы, и знаю, как их достичь."),
    ("core.assessment.q2", "У каждого моего сотрудника есть чёткие числовые цели по ключевым показателям работы, и он знает, как оценивается его работа."),
    ("core.assessment.q3", "Благодаря мне сотрудники ставят себе более амбициозные цели, чем поставил бы я."),
    ("core.assessment.q4", "Сотрудники регулярно приходят ко мне за профессиональным советом в трудных ситуациях — а не только за согласованием и подписью."),
    ("core.assessment.q5", "Я слежу, чтобы у сотрудников было всё необходимое для работы и им не приходилось тратить время на поиски."),
    ("core.assessment.q6", "Мои сотрудники не довольствуются тем, как всё устроено, и постоянно ищут новые подходы и методы."),
    ("core.assessment.q7", "С ключевыми (VIP) клиентами работает кто-то из команды, и мне не нужно встречаться с ними лично."),
    ("core.assessment.q8", "Я объясняю сотрудникам не только сегодняшние срочные задачи, но и цели и стратегию на 1–5 лет вперёд."),
    ("core.assessment.q9", "Каждую неделю я разбираю с каждым сотрудником его результаты, обсуждаю причины и согласую план на следующую неделю."),
    ("core.assessment.q10", "Я напоминаю о сроках и подталкиваю, когда это нужно."),
    ("core.assessment.q11", "Я регулярно обучаю сотрудников приёмам работы, показывая на собственном примере."),
    ("core.assessment.q12", "Когда у сотрудников возникает затруднение с другим отделом, я сразу вмешиваюсь и помогаю его решить."),
    ("core.assessment.q13", "Я критикую существующий порядок конструктивно — всегда с предложением или вырабатывая решение вместе."),
    ("core.assessment.q14", "У меня нет личного плана продаж: план — это сумма планов моих сотрудников."),
    ("core.assessment.q15", "Сотрудники активно участвуют в постановке целей на год, в выработке маркетинговой стратегии и годового плана."),
    ("core.assessment.q16", "Я вырабатываю стандарты работы вместе с сотрудниками и обсуждаю с ними изменения в том, как мы работаем."),
    ("core.assessment.q17", "По каждой задаче я добиваюсь, чтобы сотрудники понимали, зачем она нужна и что от неё зависит."),
    ("core.assessment.q18", "Для каждого сотрудника я знаю, чему ему нужно научиться дальше — шаг за шагом, самостоятельно и с тренерами."),
    ("core.assessment.q19", "Я освобождаю продавцов от бумажной работы и побочных задач, чтобы большая часть их времени уходила на клиентов."),
    ("core.assessment.q20", "Я постоянно предлагаю идеи для системы продаж, и сотрудники следуют этому примеру."),
    (
        "core.assessment.q21",
        "Я продаю сам только чтобы показать, как надо, помочь закрыть план не чаще раза в месяц или изучить клиента либо продавца, чтобы учить.",
    ),
    ("core.assessment.strategist", "Стратег"),
    (
        "core.assessment.strategist.1",
        "Запишите цели компании на 3 года на одной странице — оборот, клиенты, команда — и как к ним прийти по годам. Проверьте, что верите в каждую строку.",
    ),
    ("core.assessment.strategist.2", "Раз в квартал уделите каждому сотруднику 30 минут: куда идёт бизнес и какова в этом его роль."),
    (
        "core.assessment.strategist.3",
        "Перед следующим годовым планом сначала попросите каждого продавца предложить свои цифры и идеи, а затем стройте план из них.",
    ),
    ("core.assessment.leader_coordinator", "Лидер-координатор"),
    (
        "core.assessment.leader_coordinator.1",
        "Дайте каждому 3–5 показателей, по которым оценивается его работа (звонки, встречи, КП, первые сделки, оборот), и показывайте их еженедельно.",
    ),
    (
        "core.assessment.leader_coordinator.2",
        "Проводите пятничную планёрку каждую неделю без исключений: результаты каждого, причины и план на следующую неделю с ответственными и сроками.",
    ),
    (
        "core.assessment.leader_coordinator.3",
        "Пишите стандарты работы (скрипты, регламенты, правило следующего шага) вместе с командой и пересматривайте их раз в квартал.",
    ),
    ("core.assessment.mobiliser", "Мобилизатор"),
    (
        "core.assessment.mobiliser.1",
        "Попросите каждого предложить свою цель на следующий месяц до того, как назовёте свою, и отмечайте смелые цели перед командой.",
    ),
    ("core.assessment.mobiliser.2", "Вносите каждый срок в список вопросов недели с ответственным и датой и проверяйте его в начале каждой планёрки."),
    ("core.assessment.mobiliser.3", "Ставя задачу, одной фразой объясняйте, зачем она нужна и кто ждёт результата."),
    ("core.assessment.coach_adviser", "Наставник-консультант"),
    (
        "core.assessment.coach_adviser.1",
        "Заведите еженедельное время, когда сотрудники приносят самую трудную сделку, и разбирайте её вместе, а не просто согласуйте.",
    ),
    (
        "core.assessment.coach_adviser.2",
        "Раз в месяц выходите на звонок или встречу с каждым продавцом и сами показывайте тот шаг, который ему даётся труднее всего.",
    ),
    ("core.assessment.coach_adviser.3", "Ведите по каждому короткий список следующего навыка для освоения — с датой и способом тренировки."),
    ("core.assessment.servant_supporter", "Слуга-помощник"),
    (
        "core.assessment.servant_supporter.1",
        "Спросите каждого, чего он ждал или за чем бегал на прошлой неделе (цены, образцы, договоры), и устраните главную причину.",
    ),
    (
        "core.assessment.servant_supporter.2",
        "Договоритесь с другими отделами, кто и в какой срок отвечает на запросы продаж, и вмешивайтесь в тот же день, если дело встало.",
    ),
    ("core.assessment.servant_supporter.3", "Снимите с продавцов счета, отчёты и ввод данных — шаблонами, программой или помощником."),
    ("core.assessment.critic_innovator", "Критик-новатор"),
    (
        "core.assessment.critic_innovator.1",
        "Добавьте в каждую планёрку вопрос: что попробуем сделать по-другому на следующей неделе? Выберите одну идею и проверьте её.",
    ),
    (
        "core.assessment.critic_innovator.2",
        "Критикуя то, как что-то делается, всегда приходите с предложением или вырабатывайте решение вместе с человеком сразу.",
    ),
    (
        "core.assessment.critic_innovator.3",
        "Ведите список идей для системы продаж и каждый месяц проверяйте один новый подход (скрипт, источник, предложение), измеряя результат.",
    ),
    ("core.assessment.head_not_performer", "Руководитель, а не исполнитель"),
    (
        "core.assessment.head_not_performer.1",
        "Передайте каждого ключевого клиента конкретному сотруднику с карточкой передачи и представьте его лично, затем отойдите в сторону.",
    ),
    ("core.assessment.head_not_performer.2", "Стройте план как сумму планов сотрудников; не ставьте своё имя в строки продаж."),
    (
        "core.assessment.head_not_performer.3",
        "Выходите к клиентам только чтобы показать, как надо, помочь закрыть план не чаще раза в месяц или изучить клиента либо продавца, чтобы учить.",
    ),
    // A scheduled routine's task note
    ("core.routine.target_calls", "Цель, звонков:"),
];

pub(crate) fn table(lang: Lang) -> Table {
    match lang {
        Lang::En => EN,
        Lang::Ru => RU,
        Lang::Bg => super::texts_bg::BG,
        Lang::El => super::texts_el::EL,
        Lang::Hu => super::texts_hu::HU,
    }
}

/// The text of `key` in `lang`. A key that `lang` does not have yet (a text
/// added in English only) prints in English; the test
/// `every_language_has_every_key_once` lists such keys. A key unknown even
/// in English is a bug: it panics in debug builds and prints `?` in release.
pub fn t(lang: Lang, key: &str) -> &'static str {
    match table(lang).iter().find(|(k, _)| *k == key) {
        Some((_, v)) => v,
        None => {
            let en = EN.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
            debug_assert!(en.is_some(), "missing document text “{key}”");
            en.unwrap_or("?")
        }
    }
}

/// [`t`] with `{name}` placeholders filled in.
pub fn tf(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let mut s = t(lang, key).to_string();
    for (k, v) in args {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

/// The plural forms a language's tables give for a counted phrase (CLDR
/// categories for whole numbers): `key.one`/`key.other` in en, bg, el, hu;
/// `key.one`/`key.few`/`key.many` in ru (1 звонок, 2 звонка, 5 звонков).
pub fn plural_forms(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Ru => &["one", "few", "many"],
        Lang::En | Lang::Bg | Lang::El | Lang::Hu => &["one", "other"],
    }
}

/// A counted phrase with the right plural form of `lang` (see [`plural_forms`]).
pub fn plural(lang: Lang, key: &str, n: i64) -> String {
    let form = locale::plural_category(lang, n);
    let full = format!("{key}.{form}");
    // A language whose table lacks the phrase prints it in English, with English forms.
    let (lang_t, full) =
        if table(lang).iter().any(|(k, _)| *k == full) { (lang, full) } else { (Lang::En, format!("{key}.{}", locale::plural_category(Lang::En, n))) };
    tf(lang_t, &full, &[("n", &int(lang, n))])
}

pub fn source(lang: Lang, s: Source) -> &'static str {
    t(lang, &format!("source.{}", s.code()))
}

pub fn address_kind(lang: Lang, k: crate::address::AddressKind) -> &'static str {
    t(lang, &format!("address.{}", k.as_str()))
}

pub fn kind(lang: Lang, k: ActivityKind) -> &'static str {
    t(lang, &format!("kind.{}", k.code()))
}

pub fn status(lang: Lang, s: DealStatus) -> &'static str {
    t(lang, &format!("status.{}", s.code()))
}

// Dates, numbers and money: one rule per locale, from pdf/formats.json
// (crate::locale), the same the app's screens use.
pub use crate::locale::{date, date_with_weekday, decimal, decimal_separator, int, money, money_whole, month, month_long, percent, short_date};

/// The Monday of `d`'s week.
pub fn week_start(d: NaiveDate) -> NaiveDate {
    d - chrono::Duration::days(d.weekday().num_days_from_monday() as i64)
}

pub fn minutes(lang: Lang, n: i64) -> String {
    tf(lang, "minutes", &[("n", &int(lang, n))])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    const FORMS: [&str; 4] = ["one", "few", "many", "other"];

    /// A key without its plural form (`calls.n_calls.few` → `calls.n_calls`):
    /// a counted phrase is one with a `.one` form (`source.other` is not).
    fn base(t: Table, k: &str) -> &str {
        match k.rsplit_once('.') {
            Some((b, f)) if FORMS.contains(&f) && t.iter().any(|(o, _)| *o == format!("{b}.one")) => b,
            _ => k,
        }
    }

    /// Lists, per language, the keys that language lacks or has extra:
    /// a text added in English only prints in English until it is
    /// translated, and this test says which ones to fill.
    #[test]
    fn every_language_has_every_key_once() {
        let keys = |t: Table| {
            let set: BTreeSet<_> = t.iter().map(|(k, _)| *k).collect();
            assert_eq!(set.len(), t.len(), "a key is listed twice");
            set.into_iter().map(|k| base(t, k)).collect::<BTreeSet<_>>()
        };
        let en = keys(EN);
        let mut report = vec![];
        for lang in Lang::ALL {
            let other = keys(table(*lang));
            let missing: Vec<_> = en.difference(&other).collect();
            let extra: Vec<_> = other.difference(&en).collect();
            if !(missing.is_empty() && extra.is_empty()) {
                report.push(format!("{lang}: missing {missing:?}, extra {extra:?}"));
            }
        }
        assert!(report.is_empty(), "document texts to translate (crates/core/src/pdf/texts_*.rs):\n{}", report.join("\n"));
        for lang in Lang::ALL {
            for (k, v) in table(*lang) {
                assert!(!v.trim().is_empty(), "{lang}: {k} is empty");
            }
        }
    }

    /// Every counted phrase has exactly the CLDR forms of each language.
    #[test]
    fn plural_phrases_have_the_forms_of_their_language() {
        for lang in Lang::ALL {
            let t = table(*lang);
            let bases: BTreeSet<_> = t.iter().filter(|(k, _)| base(t, k) != *k).map(|(k, _)| base(t, k)).collect();
            for b in bases {
                let forms: Vec<_> = FORMS.iter().filter(|f| t.iter().any(|(k, _)| *k == format!("{b}.{f}"))).copied().collect();
                let mut want = plural_forms(*lang).to_vec();
                want.sort_by_key(|f| FORMS.iter().position(|x| x == f));
                assert_eq!(forms, want, "{lang}: {b}");
            }
        }
    }

    #[test]
    fn new_languages_are_written_in_their_own_script() {
        let share = |lang: Lang, script: fn(char) -> bool| {
            let text: String = table(lang).iter().map(|(_, v)| *v).collect();
            let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
            letters.iter().filter(|c| script(**c)).count() as f64 / letters.len() as f64
        };
        assert!(share(Lang::Bg, |c| ('\u{400}'..='\u{4ff}').contains(&c)) > 0.95);
        assert!(share(Lang::El, |c| ('\u{370}'..='\u{3ff}').contains(&c) || ('\u{1f00}'..='\u{1fff}').contains(&c)) > 0.95);
        let hu = table(Lang::Hu).iter().map(|(_, v)| *v).collect::<String>();
        assert!(["ő", "ű", "á", "é"].iter().all(|c| hu.contains(c)));
        // Translated, not copied: few texts equal the English one.
        for lang in [Lang::Bg, Lang::El, Lang::Hu] {
            let same = table(lang).iter().filter(|(k, v)| EN.iter().any(|(ek, ev)| ek == k && ev == v) && v.chars().any(char::is_alphabetic)).count();
            assert!(same <= 6, "{lang}: {same} texts left in English");
        }
    }

    #[test]
    fn enumerations_have_texts_in_every_language() {
        for lang in Lang::ALL {
            for s in Source::ALL {
                assert!(!source(*lang, *s).contains('.'));
            }
            for k in ActivityKind::ALL {
                assert!(!kind(*lang, *k).is_empty());
            }
            for s in DealStatus::ALL {
                assert!(!status(*lang, *s).is_empty());
            }
        }
    }

    #[test]
    fn dates_and_money_per_locale() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        assert_eq!(date(Lang::Ru, d), "24.11.2026");
        assert_eq!(date(Lang::En, d), "24 Nov 2026");
        assert_eq!(date(Lang::Bg, d), "24.11.2026\u{a0}г.");
        assert_eq!(date(Lang::El, d), "24/11/2026");
        assert_eq!(date(Lang::Hu, d), "2026. 11. 24.");
        assert_eq!(money(Lang::Ru, 123_456, "RUB"), "1\u{a0}234,56\u{a0}₽");
        assert_eq!(money(Lang::En, 123_456, "EUR"), "€1,234.56");
        assert_eq!(money(Lang::En, -5, "EUR"), "-€0.05");
        assert_eq!(money(Lang::En, 100_000_000, "CHF"), "1,000,000 CHF");
        assert_eq!(money(Lang::En, 100_000_050, "CHF"), "1,000,000.50 CHF");
        assert_eq!(money(Lang::Ru, 99, "EUR"), "0,99\u{a0}€");
        assert_eq!(money(Lang::El, 123_456, "EUR"), "1.234,56\u{a0}€");
        assert_eq!(money(Lang::Hu, 123_456, "HUF"), "1\u{a0}235\u{a0}Ft");
        assert_eq!(money(Lang::Bg, 123_400, "BGN"), "1\u{a0}234\u{a0}лв.");
        assert_eq!(money_whole(Lang::En, 123_456, "EUR"), "€1,235");
        assert_eq!(int(Lang::Ru, 1_234_567), "1\u{a0}234\u{a0}567");
        assert_eq!(int(Lang::El, 1_234_567), "1.234.567");
        assert_eq!(int(Lang::En, 999), "999");
        assert_eq!(percent(Lang::Ru, 23.45), "23,4\u{a0}%");
        assert_eq!(percent(Lang::En, 1234.56), "1,234.6%");
        assert_eq!(percent(Lang::Ru, 23.0), "23\u{a0}%");
        assert_eq!(percent(Lang::Hu, 22.2), "22,2%");
        assert_eq!(decimal(Lang::Ru, 23.45, 1), "23,4");
        assert_eq!(decimal(Lang::En, 93.76, 1), "93.8");
        assert_eq!(decimal(Lang::Ru, 12345.0, 1), "12\u{a0}345");
        assert_eq!(decimal(Lang::Ru, 12345.25, 2), "12\u{a0}345,25");
        assert_eq!(decimal(Lang::El, 12345.25, 2), "12.345,25");
        assert_eq!(decimal(Lang::En, 3.10, 2), "3.1");
        assert_eq!(decimal(Lang::En, -0.04, 1), "0");
        assert_eq!(decimal(Lang::En, -2.5, 1), "-2.5");
        assert_eq!(decimal(Lang::En, 7.0, 0), "7");
        assert_eq!(month_long(Lang::Bg, 2026, 10), "ноември 2026\u{a0}г.");
        assert_eq!(month(Lang::El, 2026, 4), "Μαΐ 26");
        assert_eq!(tf(Lang::En, "page_x_of_y", &[("x", "2"), ("y", "7")]), "Page 2 of 7");
        assert_eq!(tf(Lang::Ru, "page_x_of_y", &[("x", "2"), ("y", "7")]), "Страница 2 из 7");
        assert_eq!(tf(Lang::Hu, "page_x_of_y", &[("x", "2"), ("y", "7")]), "2. oldal / 7");
    }

    #[test]
    fn counted_phrases_take_the_plural_of_their_language() {
        assert_eq!(plural(Lang::En, "calls.n_calls", 1), "1 call");
        assert_eq!(plural(Lang::En, "calls.n_calls", 2), "2 calls");
        assert_eq!(plural(Lang::Ru, "calls.n_calls", 21), "21 звонок");
        assert_eq!(plural(Lang::Ru, "calls.n_calls", 3), "3 звонка");
        assert_eq!(plural(Lang::Ru, "calls.n_calls", 12), "12 звонков");
        assert_eq!(plural(Lang::Ru, "calls.n_calls", 1005), "1\u{a0}005 звонков");
        assert_eq!(plural(Lang::Bg, "calls.n_calls", 1), "1 обаждане");
        assert_eq!(plural(Lang::Bg, "calls.n_calls", 21), "21 обаждания", "bg: only 1 is singular");
        assert_eq!(plural(Lang::El, "calls.n_calls", 1), "1 κλήση");
        assert_eq!(plural(Lang::El, "calls.n_calls", 1234), "1.234 κλήσεις");
        assert_eq!(plural(Lang::Hu, "calls.n_calls", 5), "5 hívás", "hu: the noun stays singular after a number");
        assert_eq!(plural(Lang::Bg, "report.days", 1), "1 ден");
        assert_eq!(plural(Lang::El, "report.days", 30), "30 ημέρες");
        assert_eq!(plural(Lang::Ru, "report.days", 22), "22 дня");
    }
}
