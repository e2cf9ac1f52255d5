#!/usr/bin/env python3
"""Check the built-in Conveyor templates against FORMAT.md (format 1).

Usage: python3 crates/core/templates/check.py [FILE.json ...]
Without arguments it checks every *.json beside this script and compares every
other language's file of each variant with the English one (same keys, rules,
branches and captures; only the words, the currency and the amounts differ). Exit code 1 on any problem; every
problem is printed as "file: where: what".
Standard library only.
"""
import json
import re
import sys
from pathlib import Path

STAGES = ["lead_generation", "first_deal", "account_development"]
ROLES = {"hunter", "closer", "account_manager", "head_of_sales"}
KINDS = {"routine", "norm", "standard"}
BLOCK_KINDS = {"opening", "qualification", "presentation", "objections", "close", "referral", "other"}
LANGS = {"en", "ru", "bg", "el", "hu"}
DOCUMENTS = {"call_register", "time_table", "client_profile"}
PROFILE_TARGETS = {"profile:notes", "profile:title", "profile:email", "profile:phone"}
ROUTINE_TYPES = {"schedule", "client_check_in", "after_first_sale", "before_expected_order"}
NORM_TYPES = {"inbound_response", "next_step_required", "stale_deal", "handoff_card_complete",
              "client_contact", "prospecting_pace"}
# Bulgaria has paid in euro since 1 January 2026; Hungary in forint.
CURRENCY = {"en": "EUR", "ru": "RUB", "bg": "EUR", "el": "EUR", "hu": "HUF"}
KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
HHMM = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
HHMM_IN = re.compile(r"[0-9]{1,2}[:.][0-5][0-9]")
# Things that must never appear in text for people.
FORBIDDEN = [re.compile(p, re.I) for p in (r"lorem", r"ipsum", r"\bTODO\b", r"\bTBD\b", r"\bFIXME\b", r"\bxxx\b")]
HTML_OR_LINK = re.compile(r"<[a-zA-Z/!]|\]\(|!\[|https?://")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
GREEK = re.compile(r"[\u0370-\u03FF\u1F00-\u1FFF]")
# Letters Russian has and Bulgarian does not: Russian text left in a Bulgarian file.
RUSSIAN_ONLY = re.compile(r"[ыэёЫЭЁ]")
HUNGARIAN = re.compile(r"[áéíóöőúüűÁÉÍÓÖŐÚÜŰ]")
# One word in two alphabets (a Latin letter typed inside a Cyrillic or Greek word) looks right
# on screen but is never found by search.
MIXED_WORD = re.compile(r"\b(?=\w*[A-Za-z])(?=\w*[\u0370-\u03FF\u0400-\u04FF])\w+\b")
ENGLISH_WORDS = re.compile(r"\b(the|and|you|your|with|our|this|that|what|will|would)\b", re.I)
# A regulation's rule is printed beside its title; a title that repeats a time or a number
# says it twice (and goes stale when the rule is edited). Checked for the languages that follow it.
TITLE_NAMES_ONLY = {"bg", "el", "hu"}


class Checker:
    def __init__(self, path):
        self.path = path
        self.problems = []
        self.lang = None

    def err(self, where, what):
        self.problems.append(f"{self.path.name}: {where}: {what}")

    def text(self, where, value, md=False, required=True):
        if not isinstance(value, str) or (required and not value.strip()):
            self.err(where, "must be non-empty text")
            return
        for pat in FORBIDDEN:
            if pat.search(value):
                self.err(where, f"placeholder text {pat.pattern!r}")
        if HTML_OR_LINK.search(value):
            self.err(where, "HTML, links and images are not allowed in the Markdown subset")
        # Text must be in the file's language: no Cyrillic in English files, and every
        # Russian text has Cyrillic in it (a forgotten English string would not).
        if self.lang == "en" and CYRILLIC.search(value):
            self.err(where, "Cyrillic text in an English file")
        if self.lang == "ru" and not CYRILLIC.search(value):
            self.err(where, "text in a Russian file has no Russian in it")
        if self.lang in ("en", "hu") and GREEK.search(value):
            self.err(where, f"Greek text in a {self.lang} file")
        if self.lang == "bg":
            if not CYRILLIC.search(value):
                self.err(where, "text in a Bulgarian file has no Bulgarian in it")
            if RUSSIAN_ONLY.search(value):
                self.err(where, "letters ы, э or ё are Russian, not Bulgarian")
        if self.lang == "el":
            if not GREEK.search(value):
                self.err(where, "text in a Greek file has no Greek in it")
            if CYRILLIC.search(value):
                self.err(where, "Cyrillic text in a Greek file")
        if self.lang == "hu":
            if CYRILLIC.search(value):
                self.err(where, "Cyrillic text in a Hungarian file")
            # A short label may happen to have no accented letter; a longer text without one,
            # or with English words in it, was left in English.
            if (len(value) >= 80 and not HUNGARIAN.search(value)) or ENGLISH_WORDS.search(value):
                self.err(where, "text in a Hungarian file looks English")
        mixed = MIXED_WORD.search(value)
        if mixed:
            self.err(where, f"the word {mixed.group(0)!r} mixes two alphabets")
        if not md and "\n" in value:
            self.err(where, "line breaks are only allowed in md fields")

    def int_in(self, where, value, lo, hi):
        if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
            self.err(where, f"must be a whole number {lo}..{hi}, got {value!r}")
            return False
        return True

    def exact_keys(self, where, obj, required, optional=()):
        if not isinstance(obj, dict):
            self.err(where, "must be an object")
            return False
        for k in required:
            if k not in obj:
                self.err(where, f"missing field {k!r}")
        for k in obj:
            if k not in required and k not in optional:
                self.err(where, f"unknown field {k!r}")
        return True

    def check(self, doc):
        self.exact_keys("file", doc, ["format", "format_version", "id", "lang", "name", "description",
                                      "steps", "cards", "scripts", "regulations", "plan"])
        if doc.get("format") != "conveyor-template":
            self.err("format", "must be 'conveyor-template'")
        if doc.get("format_version") != 1:
            self.err("format_version", "must be 1")
        tid, lang = doc.get("id"), doc.get("lang")
        self.lang = lang
        if not isinstance(tid, str) or not KEBAB.match(tid):
            self.err("id", "must be kebab-case")
        if lang not in LANGS:
            self.err("lang", f"must be one of {sorted(LANGS)}")
        if self.path.name != f"{tid}.{lang}.json":
            self.err("id/lang", f"file name must be {tid}.{lang}.json")
        self.text("name", doc.get("name"))
        self.text("description", doc.get("description"), md=True)
        self.check_steps(doc.get("steps"))
        card_keys = self.check_cards(doc.get("cards"))
        self.check_scripts(doc.get("scripts"), card_keys)
        self.check_regulations(doc.get("regulations"))
        self.check_plan(doc.get("plan"), lang)

    def check_steps(self, steps):
        if not self.exact_keys("steps", steps, STAGES):
            return
        for stage in STAGES:
            lst = steps.get(stage)
            if not isinstance(lst, list) or not 3 <= len(lst) <= 5:
                self.err(f"steps.{stage}", "must have 3 to 5 steps")
                continue
            names, prev = set(), -1
            for i, s in enumerate(lst):
                w = f"steps.{stage}[{i}]"
                self.exact_keys(w, s, ["name", "probability_pct"])
                self.text(w + ".name", s.get("name"))
                if s.get("name") in names:
                    self.err(w, "step names must be unique within a stage")
                names.add(s.get("name"))
                p = s.get("probability_pct")
                if self.int_in(w + ".probability_pct", p, 0, 100):
                    if p < prev:
                        self.err(w, "probabilities must not fall along a stage")
                    prev = p

    def check_cards(self, cards):
        keys = {}
        if not self.exact_keys("cards", cards, ["qualification", "handover"]):
            return keys
        seen_all = set()
        for card in ("qualification", "handover"):
            lst = cards.get(card)
            if not isinstance(lst, list) or not 5 <= len(lst) <= 7:
                self.err(f"cards.{card}", "must have 5 to 7 fields")
                continue
            keys[card] = []
            for i, f in enumerate(lst):
                w = f"cards.{card}[{i}]"
                self.exact_keys(w, f, ["key", "label", "required"])
                k = f.get("key")
                if not isinstance(k, str) or not SNAKE.match(k):
                    self.err(w + ".key", "must be snake_case")
                if k in keys[card]:
                    self.err(w + ".key", f"duplicate key {k!r}")
                # "card:<key>" names no card, so a key must also be unique across both cards.
                if k in seen_all and k not in keys[card]:
                    self.err(w + ".key", f"{k!r} is also a key of the other card; capture targets would be ambiguous")
                seen_all.add(k)
                keys[card].append(k)
                self.text(w + ".label", f.get("label"))
                if not isinstance(f.get("required"), bool):
                    self.err(w + ".required", "must be true or false")
            if not any(f.get("required") is True for f in lst):
                self.err(f"cards.{card}", "at least one field must be required")
        return keys

    def check_scripts(self, scripts, card_keys):
        if not isinstance(scripts, list):
            self.err("scripts", "must be a list")
            return
        all_cards = {k for ks in card_keys.values() for k in ks}
        stage_card = {"lead_generation": "qualification", "first_deal": "handover"}
        script_keys, per_stage, n_objections = set(), {s: 0 for s in STAGES}, 0
        for si, sc in enumerate(scripts):
            w = f"scripts[{si}]"
            self.exact_keys(w, sc, ["key", "stage", "name", "purpose", "blocks", "objections"])
            key = sc.get("key")
            w = f"script {key!r}"
            if not isinstance(key, str) or not KEBAB.match(key):
                self.err(w, "key must be kebab-case")
            if key in script_keys:
                self.err(w, "duplicate script key")
            script_keys.add(key)
            stage = sc.get("stage")
            if stage not in STAGES:
                self.err(w + ".stage", f"must be one of {STAGES}")
            else:
                per_stage[stage] += 1
            self.text(w + ".name", sc.get("name"))
            self.text(w + ".purpose", sc.get("purpose"))
            blocks = sc.get("blocks") or []
            if len(blocks) < 6:
                self.err(w + ".blocks", f"needs at least 6 blocks, has {len(blocks)}")
            block_keys = [b.get("key") for b in blocks if isinstance(b, dict)]
            if len(set(block_keys)) != len(block_keys):
                self.err(w + ".blocks", "block keys must be unique")
            branching, captured = 0, set()
            for bi, b in enumerate(blocks):
                bw = f"{w}.blocks[{bi}:{b.get('key')}]"
                self.exact_keys(bw, b, ["key", "kind", "title", "text"], ["captures", "branches"])
                if not isinstance(b.get("key"), str) or not KEBAB.match(b.get("key")):
                    self.err(bw + ".key", "must be kebab-case")
                if b.get("kind") not in BLOCK_KINDS:
                    self.err(bw + ".kind", f"must be one of {sorted(BLOCK_KINDS)}")
                self.text(bw + ".title", b.get("title"))
                self.text(bw + ".text", b.get("text"), md=True)
                for ci, c in enumerate(b.get("captures", [])):
                    cw = f"{bw}.captures[{ci}]"
                    self.exact_keys(cw, c, ["target", "label"])
                    t = c.get("target", "")
                    if t.startswith("card:"):
                        if t[5:] not in all_cards:
                            self.err(cw, f"{t!r} names no card field of this file")
                        captured.add(t[5:])
                    elif t not in PROFILE_TARGETS:
                        self.err(cw, f"unknown target {t!r}")
                    self.text(cw + ".label", c.get("label"))
                if "captures" in b and not b["captures"]:
                    self.err(bw, "an empty captures list should be left out")
                brs = b.get("branches", [])
                if "branches" in b and not brs:
                    self.err(bw, "an empty branches list should be left out")
                if brs:
                    branching += 1
                for ri, r in enumerate(brs):
                    rw = f"{bw}.branches[{ri}]"
                    self.exact_keys(rw, r, ["label", "to"])
                    self.text(rw + ".label", r.get("label"))
                    to = r.get("to")
                    if to != "end" and to not in block_keys:
                        self.err(rw, f"goes to {to!r}, which is no block of this script")
                    if to == b.get("key"):
                        self.err(rw, "a branch must not point at its own block")
            if branching < 2:
                self.err(w, f"at least 2 blocks need branches, {branching} have")
            card = stage_card.get(stage)
            if card:
                for k in card_keys.get(card, []):
                    if k not in captured:
                        self.err(w, f"never captures card field {k!r} of the {card} card")
            objs = sc.get("objections") or []
            if len(objs) < 3:
                self.err(w + ".objections", f"needs at least 3, has {len(objs)}")
            n_objections += len(objs)
            for oi, o in enumerate(objs):
                ow = f"{w}.objections[{oi}]"
                self.exact_keys(ow, o, ["objection", "keywords", "answers"])
                self.text(ow + ".objection", o.get("objection"))
                kws = o.get("keywords")
                if not isinstance(kws, list) or not kws:
                    self.err(ow + ".keywords", "needs at least one keyword")
                else:
                    for kw in kws:
                        if not isinstance(kw, str) or not kw.strip() or kw != kw.lower():
                            self.err(ow + ".keywords", f"{kw!r} must be lower-case text")
                    if len(set(kws)) != len(kws):
                        self.err(ow + ".keywords", "duplicate keyword")
                ans = o.get("answers")
                if not isinstance(ans, list) or not 1 <= len(ans) <= 3:
                    self.err(ow + ".answers", "needs 1 to 3 answers")
                else:
                    for ai, a in enumerate(ans):
                        self.text(f"{ow}.answers[{ai}]", a, md=True)
        for s, n in per_stage.items():
            if n != 1:
                self.err("scripts", f"stage {s} has {n} scripts; built-in templates have exactly one")
        if n_objections < 12:
            self.err("scripts", f"needs at least 12 objections in total, has {n_objections}")

    def check_rule(self, w, kind, rule):
        t = rule.get("type") if isinstance(rule, dict) else None
        if kind == "routine" and t not in ROUTINE_TYPES:
            self.err(w, f"a routine needs a rule of type {sorted(ROUTINE_TYPES)}")
            return t
        if kind == "norm" and t not in NORM_TYPES:
            self.err(w, f"a norm needs a rule of type {sorted(NORM_TYPES)}")
            return t
        if t == "schedule":
            self.exact_keys(w, rule, ["type", "every", "at", "minutes", "activity"], ["days", "target_calls"])
            every, days = rule.get("every"), rule.get("days")
            if every not in ("day", "week", "month"):
                self.err(w + ".every", "must be day, week or month")
            if every == "day" and days is not None:
                self.err(w + ".days", "not used with every = day")
            if every == "week" and (not isinstance(days, list) or not days or
                                    not all(isinstance(d, int) and 1 <= d <= 7 for d in days)):
                self.err(w + ".days", "ISO weekdays 1..7 needed for every = week")
            if every == "month" and (not isinstance(days, list) or not days or
                                     not all(isinstance(d, int) and (1 <= d <= 31 or d == -1) for d in days)):
                self.err(w + ".days", "days of month 1..31 or -1 needed for every = month")
            if not isinstance(rule.get("at"), str) or not HHMM.match(rule["at"]):
                self.err(w + ".at", "must be HH:MM")
            self.int_in(w + ".minutes", rule.get("minutes"), 5, 480)
            if rule.get("activity") not in ("call", "meeting", "task"):
                self.err(w + ".activity", "must be call, meeting or task")
            if "target_calls" in rule:
                self.int_in(w + ".target_calls", rule["target_calls"], 1, 500)
                if rule.get("activity") != "call":
                    self.err(w + ".target_calls", "only makes sense for call blocks")
        elif t == "client_check_in":
            self.exact_keys(w, rule, ["type", "days"])
            d = rule.get("days")
            if self.exact_keys(w + ".days", d, ["A", "B", "C"]):
                for c in "ABC":
                    self.int_in(f"{w}.days.{c}", d.get(c), 1, 365)
                if all(isinstance(d.get(c), int) for c in "ABC") and not d["A"] <= d["B"] <= d["C"]:
                    self.err(w + ".days", "A clients should be checked at least as often as B, B as C")
        elif t == "after_first_sale":
            self.exact_keys(w, rule, ["type", "within_days", "action"])
            self.int_in(w + ".within_days", rule.get("within_days"), 0, 90)
            if rule.get("action") not in ("referral", "welcome_call", "feedback"):
                self.err(w + ".action", "must be referral, welcome_call or feedback")
        elif t == "before_expected_order":
            self.exact_keys(w, rule, ["type", "days_before"])
            self.int_in(w + ".days_before", rule.get("days_before"), 0, 60)
        elif t == "inbound_response":
            self.exact_keys(w, rule, ["type", "hours"])
            self.int_in(w + ".hours", rule.get("hours"), 1, 168)
        elif t in ("next_step_required", "stale_deal"):
            self.exact_keys(w, rule, ["type", "days"])
            self.int_in(w + ".days", rule.get("days"), 1, 365)
        elif t == "handoff_card_complete":
            self.exact_keys(w, rule, ["type", "card"])
            if rule.get("card") not in ("qualification", "handover"):
                self.err(w + ".card", "must be qualification or handover")
        elif t == "client_contact":
            self.exact_keys(w, rule, ["type", "abc", "days"])
            if rule.get("abc") not in ("A", "B", "C"):
                self.err(w + ".abc", "must be A, B or C")
            self.int_in(w + ".days", rule.get("days"), 1, 365)
        elif t == "prospecting_pace":
            self.exact_keys(w, rule, ["type", "calls_per_week"])
            self.int_in(w + ".calls_per_week", rule.get("calls_per_week"), 1, 1000)
        return t

    def check_regulations(self, regs):
        if not isinstance(regs, list):
            self.err("regulations", "must be a list")
            return
        keys, per_stage, used, kinds_per_stage, docs = set(), {s: 0 for s in STAGES}, set(), {}, set()
        head = []
        for ri, r in enumerate(regs):
            key = r.get("key")
            w = f"regulation {key!r}"
            kind = r.get("kind")
            self.exact_keys(w, r, ["key", "stage", "role", "kind", "title", "text"],
                            ["rule"] if kind != "standard" else ["documents"])
            if not isinstance(key, str) or not KEBAB.match(key):
                self.err(w, "key must be kebab-case")
            if key in keys:
                self.err(w, "duplicate regulation key")
            keys.add(key)
            stage, role = r.get("stage"), r.get("role")
            if stage is not None and stage not in STAGES:
                self.err(w + ".stage", f"must be one of {STAGES} or null")
            if role not in ROLES:
                self.err(w + ".role", f"must be one of {sorted(ROLES)}")
            if stage is None and role != "head_of_sales":
                self.err(w, "rules without a stage belong to the head of sales")
            expected_role = {"lead_generation": "hunter", "first_deal": "closer",
                             "account_development": "account_manager"}.get(stage)
            if expected_role and role != expected_role:
                self.err(w + ".role", f"a {stage} rule is owned by the {expected_role}")
            if kind not in KINDS:
                self.err(w + ".kind", f"must be one of {sorted(KINDS)}")
            self.text(w + ".title", r.get("title"))
            if self.lang in TITLE_NAMES_ONLY and isinstance(r.get("rule"), dict) and isinstance(r.get("title"), str):
                values = {str(v) for v in r["rule"].values() if isinstance(v, int)}
                values |= {str(x) for v in r["rule"].values() if isinstance(v, (list, dict))
                           for x in (v.values() if isinstance(v, dict) else v)}
                if HHMM_IN.search(r["title"]) or values & set(re.findall(r"[0-9]+", r["title"])):
                    self.err(w + ".title", "names the regulation only; its times and numbers come from the rule")
            self.text(w + ".text", r.get("text"), md=True)
            if stage in per_stage:
                per_stage[stage] += 1
                kinds_per_stage.setdefault(stage, set()).add(kind)
            if kind == "standard":
                if "rule" in r:
                    self.err(w, "standards have no rule")
                d = r.get("documents", [])
                if not isinstance(d, list) or any(x not in DOCUMENTS for x in d) or len(set(d)) != len(d):
                    self.err(w + ".documents", f"must be distinct names from {sorted(DOCUMENTS)}")
                else:
                    docs.update(d)
            elif kind in ("routine", "norm"):
                if "rule" not in r:
                    self.err(w, f"a {kind} needs a rule")
                else:
                    t = self.check_rule(w + ".rule", kind, r["rule"])
                    used.add(t)
                    if stage is None and t == "schedule":
                        head.append(r["rule"])
        for s, n in per_stage.items():
            if n < 5:
                self.err("regulations", f"stage {s} needs at least 5 regulations, has {n}")
            if kinds_per_stage.get(s, set()) != KINDS:
                self.err("regulations", f"stage {s} should mix routines, norms and standards")
        missing = (ROUTINE_TYPES | NORM_TYPES) - used
        if missing:
            self.err("regulations", f"rule types never used: {sorted(missing)}")
        if docs != DOCUMENTS:
            self.err("regulations", f"standards never name documents {sorted(DOCUMENTS - docs)}")

        def has(every, days, at, minutes):
            return any(h.get("every") == every and h.get("days") == days and
                       (at is None or h.get("at") == at) and h.get("minutes") == minutes for h in head)
        if not has("day", None, "08:45", 15):
            self.err("regulations", "head of sales: daily review at 08:45 for 15 minutes is missing")
        if not has("week", [5], "17:00", 60):
            self.err("regulations", "head of sales: Friday planning at 17:00 for 60 minutes is missing")
        if not has("month", [-1], None, 90):
            self.err("regulations", "head of sales: monthly review on the last working day, 90 minutes, is missing")

    def check_plan(self, plan, lang):
        req = ["working_days", "currency", "avg_first_deal_minor", "avg_repeat_order_minor",
               "repeat_orders_per_client_per_month_pct", "margin_pct", "sales_cycle_days", "rates_pct",
               "niche_benchmark"]
        if not self.exact_keys("plan", plan, req):
            return
        wd = plan.get("working_days")
        if (not isinstance(wd, list) or not wd or sorted(set(wd)) != wd
                or not all(isinstance(d, int) and 1 <= d <= 7 for d in wd)):
            self.err("plan.working_days", "ascending distinct ISO weekdays 1..7")
        if lang in CURRENCY and plan.get("currency") != CURRENCY[lang]:
            self.err("plan.currency", f"the {lang} files use {CURRENCY[lang]}")
        self.int_in("plan.avg_first_deal_minor", plan.get("avg_first_deal_minor"), 1, 10**12)
        self.int_in("plan.avg_repeat_order_minor", plan.get("avg_repeat_order_minor"), 1, 10**12)
        self.int_in("plan.repeat_orders_per_client_per_month_pct",
                    plan.get("repeat_orders_per_client_per_month_pct"), 0, 3000)
        self.int_in("plan.margin_pct", plan.get("margin_pct"), 1, 100)
        self.int_in("plan.sales_cycle_days", plan.get("sales_cycle_days"), 1, 365)
        rates = plan.get("rates_pct")
        rk = ["call_to_lead", "lead_to_qualified", "qualified_to_offer", "offer_to_win"]
        if self.exact_keys("plan.rates_pct", rates, rk):
            for k in rk:
                self.int_in(f"plan.rates_pct.{k}", rates.get(k), 1, 100)
        self.text("plan.niche_benchmark", plan.get("niche_benchmark"), md=True)


def shape(doc):
    """Everything that must be identical between the languages of one variant."""
    p = doc.get("plan", {})
    return {
        "id": doc.get("id"),
        "steps": {s: [x.get("probability_pct") for x in v] for s, v in doc.get("steps", {}).items()},
        "cards": {c: [(f.get("key"), f.get("required")) for f in v] for c, v in doc.get("cards", {}).items()},
        "scripts": [
            {
                "key": s.get("key"), "stage": s.get("stage"),
                "blocks": [(b.get("key"), b.get("kind"),
                            [c.get("target") for c in b.get("captures", [])],
                            [r.get("to") for r in b.get("branches", [])]) for b in s.get("blocks", [])],
                "objections": [len(o.get("answers", [])) for o in s.get("objections", [])],
            }
            for s in doc.get("scripts", [])
        ],
        "regulations": [
            (r.get("key"), r.get("stage"), r.get("role"), r.get("kind"),
             json.dumps(r.get("rule"), sort_keys=True), r.get("documents"))
            for r in doc.get("regulations", [])
        ],
        "plan": {k: v for k, v in p.items()
                 if k not in ("currency", "avg_first_deal_minor", "avg_repeat_order_minor", "niche_benchmark")},
    }


def diff(a, b, where=""):
    if type(a) is not type(b):
        return [f"{where or 'file'}: {a!r} vs {b!r}"]
    if isinstance(a, dict):
        out = []
        for k in sorted(set(a) | set(b), key=str):
            out += diff(a.get(k), b.get(k), f"{where}.{k}" if where else str(k))
        return out
    if isinstance(a, list):
        if len(a) != len(b):
            return [f"{where}: {len(a)} items vs {len(b)}"]
        out = []
        for i, (x, y) in enumerate(zip(a, b)):
            out += diff(x, y, f"{where}[{i}]")
        return out
    return [] if a == b else [f"{where}: {a!r} vs {b!r}"]


def main(argv):
    here = Path(__file__).resolve().parent
    paths = [Path(a) for a in argv] if argv else sorted(here.glob("*.json"))
    problems, docs = [], {}
    for path in paths:
        try:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
        except (OSError, json.JSONDecodeError) as e:
            problems.append(f"{path.name}: does not parse: {e}")
            continue
        c = Checker(path)
        c.check(doc)
        problems += c.problems
        docs[path.name] = doc
        scripts = doc.get("scripts", [])
        print(f"{path.name}: {path.stat().st_size} bytes, "
              f"{sum(len(s.get('blocks', [])) for s in scripts)} blocks in {len(scripts)} scripts, "
              f"{sum(len(s.get('objections', [])) for s in scripts)} objections, "
              f"{len(doc.get('regulations', []))} regulations"
              + ("" if not c.problems else f" — {len(c.problems)} problems"))
    for name, doc in docs.items():
        if doc.get("lang") == "en":
            for lang in sorted(LANGS - {"en"}):
                other = name[: -len(".en.json")] + f".{lang}.json"
                if other in docs:
                    problems += [f"{name} vs {other}: {d}" for d in diff(shape(doc), shape(docs[other]))]
                elif not argv:
                    problems.append(f"{name}: no {lang} file {other}")
    for p in problems:
        print(p)
    print("OK" if not problems else f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
