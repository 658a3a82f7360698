"""PLOVER event mentions: trigger typing, roles, modality, place and doc_events rows."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.tokens import Doc, Span

from transforms.actors import references as actor_refs
from transforms.events import lexicon as triggers
from transforms.events import mentions as events

ANCHOR = dt.date(2024, 3, 6)  # a Wednesday


def _table(path) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def _cases(name: str) -> list[list[str]]:
    from pathlib import Path

    return _table(Path(__file__).parent / "cases" / "events" / f"{name}.tsv")


@pytest.fixture(scope="module")
def run(nlp):
    """Parse a text with the trained model, then run the component on it."""
    component = events.make_plover_events(nlp, "plover_events", None)
    return lambda text: component(nlp(text))


def _event(doc: Doc, trigger: str) -> events.EventMention:
    found = [e for e in doc._.events if doc[e.trigger].text == trigger]
    assert found, f"no event on {trigger!r}: {[doc[e.trigger].text for e in doc._.events]}"
    return found[0]


def _texts(doc: Doc, ev: events.EventMention, role: str) -> set[str]:
    return {doc[p.start:p.end].text for p in ev.participants if p.role == role}


# ---------------------------------------------------------------- trained model

@pytest.mark.parametrize("case", _cases("roles"), ids=lambda c: c[0][:40])
def test_roles(run, case):
    text, trigger, etype, sources, targets = case
    doc = run(text)
    ev = _event(doc, trigger)
    assert ev.type == etype
    assert _texts(doc, ev, "source") == (set() if sources == "-" else set(sources.split("|")))
    assert _texts(doc, ev, "target") == (set() if targets == "-" else set(targets.split("|")))


@pytest.mark.parametrize("case", _cases("modality"), ids=lambda c: c[0][:40])
def test_modality(run, case):
    text, trigger, modality = case
    doc = run(text)
    assert _event(doc, trigger).modality == modality


@pytest.mark.parametrize(("text", "trigger", "place"), [
    ("Narendra Modi met with Joe Biden in Washington.", "met", "Washington"),
    ("Greenpeace protested against Shell in London on Friday.", "protested", "London"),
    ("Canada imposed new sanctions on Russia.", "sanctions", None),
    # no phrase on the trigger says where: the sentence's locative place, never an actor
    ("Rebels attacked a Lagos market and killed two guards.", "attacked", "Lagos"),
    ("In Nairobi, police arrested three journalists on Monday.", "arrested", "Nairobi"),
    ("Kenya accused Somalia of arming rebels.", "accused", None),
    # a border may be crossed from either side: it locates nothing
    ("Gunmen attacked a convoy near the Kenya border in the Gedo region.", "attacked", "Gedo"),
    # a movement happens where it goes
    ("Chile's parliament approved the deployment of troops to Haiti.", "deployment", "Haiti"),
    # an institution with premises, "at" which it happens
    ("Students clashed with police at the University of Lagos on Monday.", "clashed",
     "University of Lagos"),
    # premises named anywhere in the sentence place it when the trigger names no place
    ("A rally at the University of Lagos was dispersed by police on Monday.", "dispersed",
     "University of Lagos"),
    # a place that owns one acted on, or an act, is no place of the event; the actor's is
    ("Manila summoned China's ambassador on Monday.", "summoned", None),
    ("The Hungarian parliament approved Sweden's bid to join NATO.", "approved", None),
    ("Kenya's parliament approved the budget on Monday.", "approved", "Kenya"),
    # a country compounded to the act is its actor, not its place
    ("US air strikes hit rebel positions on Sunday.", "strikes", None),
    # a country compounded to a thing says whose it is; a city says where
    ("Kurdish forces, backed by US air power, pushed back the militants.", "pushed", None),
    ("Police raided a Paris jewellery store on Monday.", "raided", "Paris"),
])
def test_location(run, text, trigger, place):
    doc = run(text)
    ev = _event(doc, trigger)
    span = ev.span(doc, ev.location)
    assert (span.text if span is not None else None) == place


def test_negated_renewal_is_a_rejection(run):
    doc = run("Norway did not renew its fishing agreement with Russia.")
    ev = _event(doc, "renew")
    assert ev.type == "REJECT"
    assert ev.modality == "occurred"  # the negation is the rejection, not a denial of it


@pytest.mark.parametrize(("text", "types"), [
    # a measure lifted is no measure taken
    ("Canada lifted sanctions on Iran on Monday.", ["RETREAT"]),
    ("Peru eased its restrictions on Bolivian imports.", ["RETREAT"]),
    # the purpose of a threatened act is threatened too
    ("Kenya's president threatened to deploy the army to end the protests.", ["THREATEN"]),
    # help offered is not given yet
    ("Japan made an offer of assistance to Turkey.", ["AGREE"]),
    # what a ban forbids is not held
    ("The government imposed a ban on opposition rallies.", ["COERCE"]),
    ("Authorities banned protests in the capital.", ["COERCE"]),
])
def test_the_only_events_of_a_sentence(run, text, types):
    assert [e.type for e in run(text)._.events] == types


def test_sentence_without_actors_yields_no_event(run):
    assert run("The weather improved after the talks ended.")._.events == []


def test_pronoun_subject_of_reported_clause_is_the_speaker(run):
    doc = run("Norway said it would sanction Russia.")
    ev = _event(doc, "sanction")
    assert _texts(doc, ev, "source") == {"Norway"}
    # an actor's own stated intent to sanction is a threat made (PLOVER THREATEN)
    assert (ev.type, ev.modality) == ("THREATEN", "occurred")


def test_date_is_the_governing_expression_not_a_bound(run):
    doc = run("Chile has attacked Peru three times since January, including once on May 25.")
    ev = _event(doc, "attacked")
    assert ev.span(doc, ev.date).text == "May 25"


def test_group_with_more_candidates_than_its_number_is_left_unresolved(run):
    doc = run("Kenya, Uganda and Tanzania held talks on Friday. "
              "The two countries agreed to open their border.")
    assert [e for e in doc._.events if doc[e.trigger].text == "agreed"] == []


def test_speaker_is_not_the_agent_of_a_passive_attack(run):
    doc = run("Israel said its embassy in Cairo was attacked.")
    assert all(_texts(doc, ev, "source") != {"Israel"} for ev in doc._.events
               if doc[ev.trigger].text == "attacked")


def test_a_state_body_acts_as_a_generic_actor_of_its_country(run):
    """v2: "the Egyptian government" is the actor Government (Egypt), whether or not the text
    also names Egypt; it no longer stands in for the country entity."""
    for text in ("Egypt hosted the talks. The Egyptian government condemned Libya.",
                 "The Egyptian government condemned Libya."):
        doc = run(text)
        assert _texts(doc, _event(doc, "condemned"), "source") == {"Egyptian government"}
        names = {e.id_ for e in doc.ents if e.text == "Egyptian government"}
        assert names == {"Government (Egypt)"}


# ---------------------------------------------------------------- doc_events rows

@pytest.fixture()
def calls(monkeypatch):
    """Stub the date normaliser: record its arguments, answer a marker."""
    seen: list[tuple] = []

    def fake(text, anchor, tense, context_year):
        seen.append((text, anchor, tense, context_year))
        return "1999-01-01"

    # event_rows looks the name up in transforms.events.mentions (imported from .circumstances)
    monkeypatch.setattr(events, "normalize_date", fake)
    return seen


def test_rows_date_from_expression_with_tense(run, calls):
    doc = run("Japan held talks with China on Monday.")
    rows = events.event_rows(doc, "d1", lambda s, e: s, ANCHOR)
    assert len(rows) == 1
    row = rows[0]
    assert (row["type"], row["trigger"], row["date"], row["date_text"]) == \
        ("CONSULT", "talks", "1999-01-01", "Monday")
    assert calls == [("Monday", ANCHOR, "past", None)]
    assert row["sentence"] == doc.text[row["start"]:row["end"]]
    assert {(p["text"], p["role"]) for p in row["participants"]} == \
        {("Japan", "source"), ("China", "source")}


def test_rows_without_date_expression_do_not_inherit_the_anchor(run, calls):
    rows = events.event_rows(run("Japan held talks with China."), "d1", lambda s, e: s, ANCHOR)
    assert [r["date"] for r in rows] == [None]
    assert calls == []


def test_rows_context_year_is_the_last_year_written_before(run, calls):
    doc = run("In 2019 Japan left the pact. In November that year, Japan held talks with China.")
    events.event_rows(doc, "d1", lambda s, e: s, None)
    assert ("November that year", None, "past", 2019) in calls


def test_rows_map_participants_and_drop_events_without_clusters(run, calls):
    doc = run("Japan held talks with China.")
    china = next(e for e in doc.ents if e.text == "China")
    only_china = events.event_rows(doc, "d", lambda s, e: 7 if s == china.start_char else None,
                                   None)
    assert [r["participants"] for r in only_china] == [[{"cluster": 7, "role": "source",
                                                         "text": "China"}]]
    assert events.event_rows(doc, "d", lambda s, e: None, None) == []


def test_rows_keep_both_sides_of_one_local_entity(run, calls):
    # two generic mentions of one local entity, one acting on the other
    doc = run("Chile sacked Peru.")
    rows = events.event_rows(doc, "d", lambda s, e: 3, None)
    assert rows[0]["participants"] == [{"cluster": 3, "role": "source", "text": "Chile"},
                                       {"cluster": 3, "role": "target", "text": "Peru"}]


def test_rows_with_the_real_date_normaliser(run):
    pytest.importorskip("transforms.dates.grammar")
    doc = run("Japan held talks with China today. Egypt met Jordan on Tuesday.")
    with_anchor = events.event_rows(doc, "d", lambda s, e: s, ANCHOR)
    assert [r["date"] for r in with_anchor] == ["2024-03-06", "2024-03-05"]
    assert [r["date"] for r in events.event_rows(doc, "d", lambda s, e: s, None)] == [None, None]


# ---------------------------------------------------------------- lexicon on hand-built Docs

@pytest.fixture(scope="module")
def lexicon():
    return triggers.TriggerLexicon.from_tsv()


def _doc(words, pos, lemmas, deps, heads, tags=None) -> Doc:
    vocab = spacy.blank("en").vocab
    return Doc(vocab, words=words, pos=pos, lemmas=lemmas, deps=deps, heads=heads,
               tags=tags or ["" for _ in words])


@pytest.mark.parametrize(("words", "pos", "lemmas", "deps", "heads", "tags", "at", "want"), [
    (["They", "struck", "a", "deal"], ["PRON", "VERB", "DET", "NOUN"],
     ["they", "strike", "a", "deal"], ["nsubj", "ROOT", "det", "dobj"], [1, 1, 3, 1], None, 1,
     "AGREE"),
    (["an", "air", "strike"], ["DET", "NOUN", "NOUN"], ["an", "air", "strike"],
     ["det", "compound", "ROOT"], [2, 2, 2], None, 2, "ASSAULT"),
    (["a", "hunger", "strike"], ["DET", "NOUN", "NOUN"], ["a", "hunger", "strike"],
     ["det", "compound", "ROOT"], [2, 2, 2], None, 2, "PROTEST"),
    (["withdraw", "from", "the", "treaty"], ["VERB", "ADP", "DET", "NOUN"],
     ["withdraw", "from", "the", "treaty"], ["ROOT", "prep", "det", "pobj"], [0, 0, 3, 1], None,
     0, "REJECT"),
    (["withdraw", "troops"], ["VERB", "NOUN"], ["withdraw", "troop"], ["ROOT", "dobj"], [0, 0],
     None, 0, "RETREAT"),
    (["talks", "began"], ["NOUN", "VERB"], ["talk", "begin"], ["nsubj", "ROOT"], [1, 1],
     ["NNS", "VBD"], 0, "CONSULT"),
    (["joint", "exercises"], ["ADJ", "NOUN"], ["joint", "exercise"], ["amod", "ROOT"], [1, 1],
     ["JJ", "NNS"], 1, "COOPERATE"),
    (["naval", "exercises"], ["ADJ", "NOUN"], ["naval", "exercise"], ["amod", "ROOT"], [1, 1],
     ["JJ", "NNS"], 1, "MOBILIZE"),
    (["call", "for", "calm"], ["VERB", "ADP", "NOUN"], ["call", "for", "calm"],
     ["ROOT", "prep", "pobj"], [0, 0, 1], None, 0, "REQUEST"),
])
def test_trigger_typing(lexicon, words, pos, lemmas, deps, heads, tags, at, want):
    sense = lexicon.classify(_doc(words, pos, lemmas, deps, heads, tags)[at])
    assert sense is not None and sense.type == want


@pytest.mark.parametrize(("words", "pos", "lemmas", "deps", "heads", "tags", "at"), [
    (["a", "talk"], ["DET", "NOUN"], ["a", "talk"], ["det", "ROOT"], [1, 1], ["DT", "NN"], 1),
    (["call", "him"], ["VERB", "PRON"], ["call", "he"], ["ROOT", "dobj"], [0, 0], None, 0),
    (["a", "strike"], ["DET", "NOUN"], ["a", "strike"], ["det", "ROOT"], [1, 1], None, 1),
    (["meeting"], ["ADJ"], ["meeting"], ["ROOT"], [0], None, 0),
])
def test_not_triggers(lexicon, words, pos, lemmas, deps, heads, tags, at):
    assert lexicon.classify(_doc(words, pos, lemmas, deps, heads, tags)[at]) is None


def test_lexicon_file_format(tmp_path):
    path = tmp_path / "lex.tsv"
    path.write_text("# comment\n@pact\tpact|LAW\n"
                    "quit\tVERB\tREJECT\t-\tobj:@pact\t-\nquit\tVERB\tRETREAT\tresign\t-\t-\n"
                    "renew\tVERB\tAGREE\t-\t-\tREJECT\n", encoding="utf-8")
    lex = triggers.TriggerLexicon.from_tsv(path)
    doc = _doc(["quit", "the", "pact"], ["VERB", "DET", "NOUN"], ["quit", "the", "pact"],
               ["ROOT", "det", "dobj"], [0, 2, 0])
    assert lex.classify(doc[0]) == triggers.TriggerSense("REJECT")
    doc = _doc(["quit"], ["VERB"], ["quit"], ["ROOT"], [0])
    assert lex.classify(doc[0]) == triggers.TriggerSense("RETREAT", "resign")
    doc = _doc(["renew"], ["VERB"], ["renew"], ["ROOT"], [0])
    assert lex.classify(doc[0]).neg_type == "REJECT"


def test_every_lexicon_row_can_be_reached(lexicon):
    # rows are tried in file order and the first that holds wins: a row after an
    # unconstrained one of the same lemma and part of speech, or after one with the same
    # constraints, is never used
    for (lemma, pos), entries in lexicon.entries.items():
        for i, entry in enumerate(entries[:-1]):
            assert entry.requires, f"{lemma}/{pos}: row {i + 1} hides the rows after it"
        seen = [entry.requires for entry in entries]
        assert len(seen) == len(set(seen)), f"{lemma}/{pos}: two rows, same constraints"


def test_component_takes_any_classifier(nlp):
    class Everything:
        def classify(self, token):
            return triggers.TriggerSense("AID") if token.lower_ == "helped" else None

    doc = events.PloverEvents(Everything())(nlp("Norway helped Sweden."))
    assert [(doc[e.trigger].text, e.type) for e in doc._.events] == [("helped", "AID")]


@pytest.mark.parametrize(("words", "pos", "lemmas", "deps", "heads", "want"), [
    (["suspend", "the", "decision", "to", "quit"], ["VERB", "DET", "NOUN", "PART", "VERB"],
     ["suspend", "the", "decision", "to", "quit"], ["ROOT", "det", "dobj", "aux", "acl"],
     [0, 2, 0, 4, 2], "RETREAT"),
    (["suspend", "the", "talks"], ["VERB", "DET", "NOUN"], ["suspend", "the", "talk"],
     ["ROOT", "det", "dobj"], [0, 2, 0], "REJECT"),
])
def test_suspending_a_decision_to_end_is_a_retreat(lexicon, words, pos, lemmas, deps, heads,
                                                     want):
    assert lexicon.classify(_doc(words, pos, lemmas, deps, heads)[0]).type == want


# ---------------------------------------------------------------- actor references

@pytest.mark.parametrize(("words", "lemmas", "tags", "want"), [
    (["the", "two", "countries"], ["the", "two", "country"], ["DT", "CD", "NNS"], 2),
    (["both", "sides"], ["both", "side"], ["DT", "NNS"], 2),
    (["the", "neighbours"], ["the", "neighbour"], ["DT", "NNS"], 2),
    (["the", "three", "leaders"], ["the", "three", "leader"], ["DT", "CD", "NNS"], 3),
    (["the", "countries"], ["the", "country"], ["DT", "NNS"], None),
    (["the", "two", "firms"], ["the", "two", "firm"], ["DT", "CD", "NNS"], None),
])
def test_group_size(words, lemmas, tags, want):
    last = len(words) - 1
    deps = {"DT": "det", "CD": "nummod", "NNS": "ROOT"}
    doc = _doc(words, ["DET"] * last + ["NOUN"], lemmas, [deps[t] for t in tags],
               [last] * len(words), tags)
    assert actor_refs.group_size(doc[last]) == want


def test_country_of_nationality_and_capital_cluster():
    doc = _doc(["South", "Korean", "officials", "met", "Tokyo"],
               ["ADJ", "ADJ", "NOUN", "VERB", "PROPN"],
               ["south", "korean", "official", "meet", "Tokyo"],
               ["amod", "amod", "nsubj", "ROOT", "dobj"], [1, 2, 3, 3, 3])
    doc.ents = [Span(doc, 0, 2, label="NORP"), Span(doc, 4, 5, label="GPE", span_id="Japan")]
    assert actor_refs.country_of(doc.ents[0]) == "South Korea"
    assert actor_refs.country_of(doc.ents[1]) == "Japan"
    assert actor_refs.as_country(doc.ents[0]) == doc.ents[0]  # no South Korea entity: itself


# ---------------------------------------------------------------- PLOVER 2.0 rules, negatives

@pytest.mark.parametrize("case", _cases("plover_rules"), ids=lambda c: c[0][:40])
def test_plover_rules(run, case):
    text, trigger, etype, mode = case
    ev = _event(run(text), trigger)
    assert (ev.type, ev.mode) == (etype, None if mode == "-" else mode)


@pytest.mark.parametrize("case", _cases("negatives"), ids=lambda c: c[0][:40])
def test_negatives_have_no_event(run, case):
    doc = run(case[0])
    assert [(doc[e.trigger].text, e.type) for e in doc._.events] == []


def test_conjoined_verbs_each_get_an_event(run):
    doc = run("Peru met Chile and agreed to reopen the border.")
    types = {(doc[e.trigger].text, e.type) for e in doc._.events}
    assert ("met", "CONSULT") in types
    assert any(t == "AGREE" or t == "CONCEDE" for _, t in types)
    reopen = [e for e in doc._.events if doc[e.trigger].text in ("agreed", "reopen")]
    assert all("Peru" in _texts(doc, e, "source") for e in reopen)


def test_several_events_in_one_sentence(run):
    doc = run("Colombia arrested Juan Perez and accused Ecuador of hiding him.")
    assert {"COERCE", "ACCUSE"} <= {e.type for e in doc._.events}


def _with_generic(nlp, text: str, spans: list[tuple[str, str, str]]) -> Doc:
    """Parse ``text``, then add generic actors (word, label, id) to doc.ents by hand, as the
    generic-actor component does before plover_events."""
    doc = nlp(text)
    ents = list(doc.ents)
    for word, label, name in spans:
        i = next(t.i for t in doc if t.text == word)
        ents = [e for e in ents if not e.start <= i < e.end]
        ents.append(Span(doc, i, i + 1, label=label, span_id=name))
    doc.ents = sorted(ents, key=lambda e: e.start)
    return events.make_plover_events(nlp, "plover_events", None)(doc)


def test_generic_actors_take_roles(nlp):
    doc = _with_generic(nlp, "Police arrested two protesters in Lagos on Monday.",
                        [("Police", "ORG", "Police (Nigeria)"),
                         ("protesters", "PERSON", "Protester (Nigeria)")])
    ev = _event(doc, "arrested")
    assert (ev.type, ev.mode) == ("COERCE", "arrest")
    assert _texts(doc, ev, "source") == {"Police"}
    assert _texts(doc, ev, "target") == {"protesters"}


def test_generic_passive_agent(nlp):
    doc = _with_generic(nlp, "The students were detained by soldiers.",
                        [("students", "PERSON", "Student (Unknown)"),
                         ("soldiers", "PERSON", "Military (Unknown)")])
    ev = _event(doc, "detained")
    assert _texts(doc, ev, "source") == {"soldiers"}
    assert _texts(doc, ev, "target") == {"students"}


def test_accident_with_generic_victims_is_no_event(nlp):
    doc = _with_generic(nlp, "A fire killed three workers at the plant.",
                        [("workers", "PERSON", "Worker (Unknown)")])
    assert doc._.events == []


def test_event_rows_carry_mode_and_location_offsets(run):
    doc = run("Narendra Modi met with Joe Biden in Washington.")
    rows = events.event_rows(doc, "d1", lambda s, e: s, ANCHOR)
    row = next(r for r in rows if r["trigger"] == "met")
    assert row["mode"] is None and row["location"] == "Washington"
    assert doc.text[row["location_start"]:row["location_end"]] == "Washington"
    doc = run("Kenya deported Ali Hassan to Somalia.")
    row = events.event_rows(doc, "d2", lambda s, e: s, ANCHOR)[0]
    assert row["mode"] == "deport" and row["location_start"] is None


def test_a_prison_sentence_is_also_an_arrest(run):
    doc = run("A court in Oslo sentenced Erik Lund to six years in prison.")
    found = {(doc[ev.trigger].text, ev.type, ev.mode) for ev in doc._.events}
    assert {("sentenced", "SANCTION", "convict"), ("sentenced", "COERCE", "arrest")} <= found
    fined = run("A court in Oslo fined Erik Lund for speeding.")
    assert not any(ev.type == "COERCE" for ev in fined._.events)
    life = run("A court in Oslo sentenced Erik Lund to three life terms.")
    assert "COERCE" in {ev.type for ev in life._.events}
    # a year that only dates the conviction is no prison term
    dated = run("Erik Lund was convicted of fraud the following year.")
    assert not any(ev.type == "COERCE" for ev in dated._.events)


def test_what_is_threatened_refused_or_demanded_is_no_event_of_its_own(run):
    threat = run("Peru threatened to scrap the fishing pact with Chile.")
    assert [ev.type for ev in threat._.events] == ["THREATEN"]
    refusal = run("Carlos Mendes refused to resign on Monday.")
    assert [ev.type for ev in refusal._.events] == ["REJECT"]
    demand = run("Britain called on Iran to release the prisoners.")
    assert [ev.type for ev in demand._.events] == ["REQUEST"]
    demanded = run("Demonstrators in Lima demanded the release of political prisoners.")
    assert [ev.type for ev in demanded._.events] == ["PROTEST"]


def test_a_for_phrase_owned_by_a_pronoun_is_not_the_subjects_act(run):
    doc = run("Police thanked residents for their assistance during the evacuation.")
    assert [ev.type for ev in doc._.events] == ["SUPPORT"]


def test_a_judged_act_with_no_actor_is_a_row_and_other_actorless_ones_are_not(run):
    doc = run("Peru condemned the shelling of the border post on Sunday.")
    rows = events.event_rows(doc, "d", lambda s, e: s, ANCHOR)
    assert {(r["trigger"], r["type"]) for r in rows} == {("condemned", "ACCUSE"),
                                                         ("shelling", "ASSAULT")}
    bare = run("The shelling of the border post lasted an hour.")
    assert events.event_rows(bare, "d", lambda s, e: s, ANCHOR) == []


def test_help_offered_is_an_intent_not_aid_given(run):
    doc = run("The embassy in Lima has offered assistance to the family of the victim.")
    assert [ev.type for ev in doc._.events] == ["AGREE"]


def test_a_pronoun_inside_its_own_clause_subject_resolves_without_looping(run):
    # "some of them" is the subject the second "them" may not refer to, and holds a "them"
    doc = run("Twenty students were trapped, and some of them said rescuers freed them.")
    assert _texts(doc, _event(doc, "freed"), "source") == {"rescuers"}
