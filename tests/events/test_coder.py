"""The event coder on the team's own sentences: types, arguments, modality, reported speech.

These check mechanisms (one sentence each); accuracy is measured by ``eventwire eval`` on gold data.
"""

from __future__ import annotations

import pytest


def _one(events, event_type):
    matching = [e for e in events if e.event == event_type]
    assert matching, f"no {event_type} in {[e.event for e in events]}"
    return matching[0]


def _codes(actors):
    return [a.code for a in actors]


def test_verb_trigger_subject_is_actor_object_is_recipient(code):
    event = _one(code("Ukraine accused Russia of shelling a nuclear power plant."), "ACCUSE")
    assert _codes(event.actor) == ["UKR"] and _codes(event.recipient) == ["RUS"]
    assert event.quad_code == 3 and event.cameo


def test_compound_actors_are_one_event_with_a_list(code):
    events = [e for e in code("The United States and France condemned the missile strikes.") if e.event == "ACCUSE"]
    assert len(events) == 1
    assert _codes(events[0].actor) == ["USA", "FRA"]


def test_passive_voice_swaps_in_the_agent(code):
    event = _one(code("Two journalists were detained by police in Minsk on Sunday."), "COERCE")
    assert [a.sector for a in event.actor] == ["COP"]
    assert event.recipient[0].sector == "JRN"
    assert event.mode == "arrest" and event.size.arrested == 2


def test_nominal_trigger_with_light_verb_takes_the_verbs_subject(code):
    event = _one(code("Israel launched an offensive against Hamas in Gaza."), "ASSAULT")
    assert _codes(event.actor) == ["ISR"]
    assert event.event_text == "offensive"


def test_modifiers_refine_mode_and_type(code):
    assert _one(code("A drone attack hit the port."), "ASSAULT").mode == "drone"
    assert _one(code("Workers began a general strike on Monday."), "PROTEST").mode == "strike"
    assert _one(code("An air strike hit the market."), "ASSAULT").mode == "aerial"


def test_negation(code):
    event = _one(code("Russia denied shelling the train station."), "ASSAULT")
    assert event.aux_mode == "negation"
    assert _one(code("The army did not attack the village."), "ASSAULT").aux_mode == "negation"


def test_future_and_expected(code):
    event = _one(code("Russia is expected to annex four regions on Friday."), "COERCE")
    assert event.aux_mode == "future" and _codes(event.actor) == ["RUS"]
    assert event.date == "2022-09-30"  # the coming Friday after Thursday 29 September


def test_hypothetical(code):
    assert _one(code("The fighting could spread to the capital if talks fail."), "ASSAULT").aux_mode == "hypothetical"


def test_threat_of_attack_is_threaten_not_assault(code):
    events = code("Iran threatened to attack Israel.")
    assert [e.event for e in events] == ["THREATEN"]
    assert events[0].mode == "violence" and _codes(events[0].recipient) == ["ISR"]


def test_refused_cooperation_is_reject(code):
    event = _one(code("Scholz said Germany would never recognise the annexation."), "REJECT")
    assert _codes(event.actor) == ["DEU"] and event.aux_mode is None


def test_scheduled_meeting_is_consult_future_but_a_promise_to_meet_is_agree(code):
    scheduled = code("The foreign ministers of Chile and Peru will meet in Geneva next week.")
    assert [(e.event, e.aux_mode) for e in scheduled] == [("CONSULT", "future")]
    promised = code("Chile said it would meet Peruvian negotiators in Geneva next week.")
    assert [(e.event, e.aux_mode) for e in promised] == [("AGREE", None)]


def test_reported_speech_is_attributed_and_the_statement_is_not_an_event(code):
    events = code("The regional governor said Russian forces shelled Kupiansk overnight.")
    assert [e.event for e in events] == ["ASSAULT"]
    assert events[0].attribution == "The regional governor"
    assert _codes(events[0].actor) == ["RUS"]


def test_casualty_verb_folds_into_the_attack(code):
    events = code("Russian forces shelled Lyman on Tuesday, killing three people.")
    assert len(events) == 1
    event = events[0]
    assert event.size.dead == 3 and event.mode == "heavy-weapons"
    assert event.event_loc is not None and event.event_loc.resolved_place == "Lyman"
    assert event.date == "2022-09-27"


def test_several_events_in_one_sentence(code):
    events = code("Police detained 40 protesters after demonstrators blocked a highway in Tbilisi.")
    assert {"COERCE", "PROTEST"} <= {e.event for e in events}


@pytest.mark.parametrize(
    "sentence",
    [
        "Sunny weather is expected across the region on Saturday, with highs of 25 degrees.",
        "Shares in the carmaker rose 4 percent in early trading.",
        "The striker scored twice as the visitors won 3-1.",
        "Dear readers, please consider supporting our journalism today.",
    ],
)
def test_sentences_with_no_event(code, sentence):
    assert code(sentence) == []


# --------------------------------------------------------------------------- salience, framing, relevance


def test_a_protest_demand_is_part_of_the_protest(code):
    events = code("Thousands of nurses marched through Lisbon on Saturday to demand higher wages.")
    assert [e.event for e in events] == ["PROTEST"]


def test_background_mentions_are_not_coded_again(code):
    events = code("The government imposed a curfew in the city after the riots on Sunday.")
    assert [e.event for e in events] == ["COERCE"]


def test_an_announced_attack_is_a_threat(code):
    events = code('"Our forces will strike back at any aggressor," the Iranian defence minister said.')
    assert [(e.event, e.mode, e.aux_mode) for e in events] == [("THREATEN", "violence", None)]
    assert _codes(events[0].actor) == ["IRN"]


def test_a_conditional_withdrawal_is_a_threat_and_the_condition_is_not_coded(code):
    events = code("Kenya will pull its police officers out of Haiti unless the transition council is formed.")
    assert [e.event for e in events] == ["THREATEN"]


def test_an_obligation_stated_by_a_speaker_is_a_request(code):
    events = code("Egypt said on Monday that Ethiopia must stop filling the dam reservoir.")
    request = next(e for e in events if e.event == "REQUEST")
    assert _codes(request.actor) == ["EGY"]
    assert _codes(request.recipient) == ["ETH"]


def test_a_commanded_act_is_done_by_whoever_gave_the_order(code):
    events = code("A court in Tunis ordered the arrest of two opposition leaders on Wednesday.")
    assert [e.event for e in events] == ["COERCE"]


def test_an_offer_to_withdraw_is_agree(code):
    events = code("Armenia is willing to withdraw its troops from the border villages, the prime minister said.")
    assert [e.event for e in events] == ["AGREE"]


@pytest.mark.parametrize(
    "text",
    [
        "A landslide struck a mountain village in Nepal on Monday, killing at least nine people.",
        "A minibus collided with a lorry outside Lusaka, killing eleven passengers.",
        "Brazil beat Uruguay 2-0 in Montevideo to top the qualifying group for the World Cup.",
        "A Japanese carmaker agreed to buy a Swedish battery firm for 900 million euros.",
        "Subscribe to our newsletter and support independent reporting from the front line.",
    ],
)
def test_sentences_with_no_political_event_code_nothing(code, text):
    assert code(text) == []


def test_anniversaries_are_historical(code):
    events = code("Five years ago on Tuesday, soldiers opened fire on protesters in Khartoum, killing dozens.")
    assault = next(e for e in events if e.event == "ASSAULT")
    assert assault.aux_mode == "historical"
    assert assault.date == "2017-09-27"  # five years before this week's Tuesday (27 September 2022)


def test_a_weapon_hitting_something_is_an_attack(code):
    events = code("Two shells hit a bus station in the centre of Donetsk on Monday morning, local officials said.")
    assert [e.event for e in events] == ["ASSAULT"]
    [died] = code("At least three civilians died when a missile hit a high-rise in Kharkiv on Tuesday.")
    assert died.size.dead == 3
    assert code("The storm hit the northern coast on Monday.") == []


def test_a_crowd_gathering_to_demand_something_is_a_protest(code):
    events = code("Hundreds of people gathered outside the parliament in Yerevan on Sunday, demanding new elections.")
    assert "PROTEST" in {e.event for e in events}
    assert code("Hundreds of people gathered in Yerevan on Sunday for the funeral of the poet.") == []


def test_a_strike_on_a_place_is_an_attack_and_a_strike_on_a_day_a_walkout(code):
    assert [e.event for e in code("The strike on Zaporizhzhia wounded eleven people, the governor said.")] == [
        "ASSAULT"
    ]
    assert {e.event for e in code("Dock workers in Rotterdam will hold a strike on Friday over pay.")} == {"PROTEST"}


def test_the_capital_of_a_named_country_is_its_capital_city(code):
    [event] = code("Police detained dozens of opposition supporters in the Georgian capital on Saturday.")
    assert event.event_loc.resolved_place == "Tbilisi"
    assert event.event_loc.province is not None  # a town carries the admin-1 region it lies in


def test_a_date_in_the_clause_that_spells_the_event_out(code):
    text = "Four people were killed when a rocket struck a market in Kostiantynivka on Wednesday."
    [event] = code(text, "2023-09-08")  # one attack, not one for "killed" and one for "struck"
    assert event.date == "2023-09-06" and event.date_precision == "day" and event.size.dead == 4
    [since] = code("Bakhmut has been shelled every day since Russian troops advanced in May 2022.", "2023-01-10")
    assert since.aux_mode != "historical"


def test_of_names_the_target_of_an_arrest_or_killing_and_the_actor_of_a_visit(code):
    [arrest] = [e for e in code("The arrest of Senegalese opposition leader Ousmane Sonko on Friday angered many.")
                if e.event == "COERCE"]  # fmt: skip
    assert arrest.actor == [] and [r.code for r in arrest.recipient] == ["SEN"]
    [visit] = code("The visit of President Emmanuel Macron to Algiers ended on Thursday.")
    assert [a.code for a in visit.actor] == ["FRA"]


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("A Nigerian army convoy reached Damboa on Monday to reinforce the garrison, officials said.", "MOBILIZE"),
        ("A convoy of 20 trucks carrying flour and medicine reached Kadugli on Sunday, the WFP said.", "AID"),
        ("Ethiopia's government and the TPLF returned to the negotiating table in Pretoria on Tuesday.", "CONSULT"),
        ("The United States on Friday added four Wagner commanders to its sanctions list.", "SANCTION"),
        ("Hundreds of students held a sit-in outside the education ministry in Dhaka on Monday.", "PROTEST"),
        ("Minibus drivers demonstrated in Kisumu on Tuesday against a new fuel levy.", "PROTEST"),
        ("Police and smugglers traded fire near the border post of Chaman on Sunday.", "ASSAULT"),
        ("Emergency food supplies arrived in the flooded district of Sukkur on Thursday.", "AID"),
        ("The Moldovan army was placed on high alert on Saturday, the defence ministry said.", "MOBILIZE"),
        ("Armenia moved additional troops to the Syunik region on Monday, officials said.", "MOBILIZE"),
        ("Thousands of teachers took to the streets of Nairobi on Monday over unpaid salaries.", "PROTEST"),
        ("A car packed with explosives blew up outside a checkpoint in Mogadishu on Sunday.", "ASSAULT"),
        ("A roadside device went off as a patrol passed near Gao on Tuesday, the army said.", "ASSAULT"),
        ("Nine fishermen were taken into custody by the coast guard off Jaffna on Sunday.", "COERCE"),
        ("Armed men took away eleven pupils from a school near Bamenda on Monday.", "ASSAULT"),
        ("Canada ordered two Russian diplomats to leave the country within a week, Ottawa said on Friday.", "SANCTION"),
        ("Hundreds of dockworkers blocked the port road in Mombasa on Tuesday over unpaid wages.", "PROTEST"),
        ("UN food trucks crossed into northern Gaza on Sunday, the agency said.", "AID"),
        ("Twelve trucks loaded with maize and beans reached Kadugli on Sunday after a week on the road.", "AID"),
        ("UNICEF lorries crossed into Sudan at Adre on Friday.", "AID"),
        ("Students and citizens blocked the main bridge in Kragujevac for ten hours on Saturday.", "PROTEST"),
        ("Neighbours are blocking the road to the airport at Senkata since early morning.", "PROTEST"),
        (
            "Gunmen stormed a ward of Gwoza and kidnapped six people, members of a vigilance group told our reporter.",
            "ASSAULT",
        ),
        ("Armed men stopped a coach near Quetta on Sunday night and killed five passengers.", "ASSAULT"),
        ("An IDF aircraft struck a motorcycle near Tyre on Monday, the army said.", "ASSAULT"),
        ("Militants martyred four policemen at a checkpoint in Bannu on Friday.", "ASSAULT"),
        ("A roadside device targeted an army patrol in Tarmiyah on Tuesday.", "ASSAULT"),
        ("A convoy of 20 trucks carrying cereals and pulses reached Adré on Wednesday.", "AID"),
        ("The Georgian president received the French foreign minister in Tbilisi on Monday.", "CONSULT"),
        ("An armed group raided the village of Solhan on Friday night, residents said.", "ASSAULT"),
        ("Police raided the offices of an opposition newspaper in Dhaka on Tuesday.", "COERCE"),
        ("Kinshasa brushed off the UN's appeal to free the opposition leader on Monday.", "REJECT"),
        ("Egypt's president pardoned 900 prisoners on Sunday to mark the holiday.", "RETREAT"),
    ],
)
def test_events_told_by_their_arguments(code, text, event):
    assert event in {e.event for e in code(text)}


@pytest.mark.parametrize(
    "text",
    [
        "A fuel tanker exploded on a highway near Lagos on Friday, killing six people.",
        "The school bus reached the border crossing on Monday morning.",
        "The family returned to the dinner table after the storm had passed.",
        "The dinner guests exchanged gifts after the storm had passed.",
        "A lorry carrying flour overturned near Kaduna on Friday, killing four people.",
        "A Turkish Airlines plane crashed near Ankara on Friday, killing four people.",
        "The district hospital received six wounded soldiers on Monday.",
    ],
)
def test_things_that_arrive_or_explode_by_accident_are_not_events(code, text):
    assert code(text) == []


def test_meeting_a_list_of_demands_is_no_meeting(code):
    text = "Mali's junta has given a Canadian mining company a month to meet a list of demands or lose its licence."
    assert "CONSULT" not in {e.event for e in code(text)}


def test_an_event_that_caused_another_is_not_its_actor(code):
    events = code("The detention of the opposition leader sparked protests in Kampala on Friday.")
    protest = next(e for e in events if e.event == "PROTEST")
    assert all("detention" not in a.entity_text for a in protest.actor)


def test_armed_groups_that_round_people_up_abduct_them(code):
    [taken] = code("Bandits rounded up 30 villagers near Gusau on Sunday, residents said.")
    assert (taken.event, taken.mode) == ("ASSAULT", "abduct")
    [arrest] = code("Police rounded up 30 protesters in Gusau on Sunday.")
    assert (arrest.event, arrest.mode) == ("COERCE", "arrest")


def test_a_condemned_attack_with_its_perpetrator_and_place_is_also_an_attack(code):
    events = code("The UN condemned an attack by the CODECO militia on civilians in Djugu on Tuesday.")
    assert {e.event for e in events} == {"ACCUSE", "ASSAULT"}
    topic = code("France condemned the attack on the embassy.")
    assert [e.event for e in topic] == ["ACCUSE"]


def test_organisations_need_their_capitals(code):
    [order] = code("Residents of Gondar must stay indoors after 8 p.m., the city's security council announced.")
    assert all(a.code != "UNO" for a in order.actor)


def test_a_blockade_by_protesters_is_a_protest_and_a_state_s_is_coercion(code):
    [protest] = code("Indigenous protesters kept up a blockade of the main highway near Itaituba on Tuesday.")
    assert (protest.event, protest.mode) == ("PROTEST", "obstruct")
    [siege] = code("Israel tightened its blockade of Gaza on Monday.")
    assert siege.event == "COERCE"


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Aid workers distributed food rations to 8,000 displaced families in Kalehe on Thursday.", "AID"),
        ("The UN refugee agency got forty truckloads of tents into Renk on Monday.", "AID"),
        ("Three hundred Rwandan police officers landed in Bangui on Friday to join the UN mission.", "MOBILIZE"),
        ("Heavily armed units of the special police entered Leposavic on Sunday morning.", "MOBILIZE"),
        ("Mobile internet was cut across Kandahar province on Tuesday on the orders of the governor.", "COERCE"),
        ("The Treasury added two Houthi financiers to its Specially Designated Nationals list on Monday.", "SANCTION"),
        ("The gang leader gave the government 72 hours to step down.", "THREATEN"),
        ("Families of the missing blocked the Karakoram highway at Chilas on Monday.", "PROTEST"),
        ("The militia commander vowed to take the war to the capital.", "THREATEN"),
        ("Police put attendance at the Pancevo bridge blockade at 5,000.", "PROTEST"),
    ],
)
def test_more_events_told_by_their_arguments(code, text, event):
    assert event in {e.event for e in code(text)}


def test_a_deadline_set_by_a_court_and_leaflets_handed_out_are_not_events(code):
    assert "THREATEN" not in {e.event for e in code("The judge gave the prosecution two weeks to file its reply.")}
    assert "AID" not in {e.event for e in code("Volunteers distributed leaflets in the market on Saturday.")}


def test_lifting_a_curfew_is_a_retreat_and_the_curfew_is_not_imposed_again(code):
    assert [(e.event, e.mode) for e in code("Authorities lifted the curfew in Jos on Sunday.")] == [
        ("RETREAT", "access")
    ]
    assert [e.event for e in code("Police lifted the cordon around the stadium on Monday.")] == ["RETREAT"]


def test_forces_ready_to_attack_threaten(code):
    events = code("The commander warned that his forces were ready to resume strikes on the rebels.")
    assert "THREATEN" in {e.event for e in events} and "ASSAULT" not in {e.event for e in events}


def test_a_release_welcomed_with_its_day_is_reported_and_a_bare_ceasefire_is_not(code):
    events = code("Amnesty welcomed the release on Monday of two journalists held in Asmara.")
    release = _one(events, "RETREAT")
    assert release.mode == "release" and release.actor == [] and release.recipient[0].sector == "JRN"
    assert [e.event for e in code("France welcomed the ceasefire.")] == ["SUPPORT"]


def test_an_accusation_that_is_rejected_was_still_made(code):
    events = code("Rwanda on Tuesday rejected accusations by Kinshasa that its troops had shelled Goma.")
    accusation = _one(events, "ACCUSE")
    assert _codes(accusation.actor) == ["COD"] and accusation.aux_mode is None
    assert [e.event for e in code("Rwanda rejected the accusations.")] == ["REJECT"]


def test_a_reduced_relative_with_an_agent_is_passive(code):
    events = code("Six soldiers kidnapped on 3 May by bandits in Zamfara have been freed.")
    abduction = next(e for e in events if e.event == "ASSAULT")
    assert "bandits" in abduction.actor[0].entity_text and "soldiers" in abduction.recipient[0].entity_text


def test_people_handed_over_are_released(code):
    events = code("The six hostages were handed over to the Red Cross in Tibu on Friday.")
    assert (_one(events, "RETREAT").mode) == "release"


def test_coming_under_fire_is_an_attack_on_the_subject(code):
    [attack] = code("An army patrol came under fire from Islamist fighters near Gao on Tuesday.")
    assert attack.event == "ASSAULT"
    assert "fighters" in attack.actor[0].entity_text and "patrol" in attack.recipient[0].entity_text


def test_talks_can_have_a_goal(code):
    events = code("The two delegations agreed to resume talks in Doha, with a prisoner exchange as their first goal.")
    assert "AGREE" in {e.event for e in events}


def test_coordinated_nouns_share_the_phrase_after_them(code):
    release = _one(code("The ICRC oversaw the release and transfer of nine detainees on Monday."), "RETREAT")
    assert "detainees" in release.recipient[0].entity_text


def test_a_patrol_that_is_attacked_is_the_target_not_a_deployment(code):
    events = code("Militants attacked an army patrol near Gao on Tuesday.")
    assert [e.event for e in events] == ["ASSAULT"]
    assert events[0].recipient[0].sector == "MIL"


def test_attacks_promised_on_a_condition_are_a_threat(code):
    events = code(
        "The Houthi leader said his forces would resume attacks on ships in the Red Sea if the siege tightened."
    )
    assert "THREATEN" in {e.event for e in events} and "ASSAULT" not in {e.event for e in events}


def test_captives_returned_to_a_commission_are_released(code):
    events = code("The two hostages were returned to their families on Sunday.")
    assert (_one(events, "RETREAT").mode) == "release"
    assert code("The refugees were returned to Myanmar.") == []


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Gunmen set fire to dozens of houses in the village before fleeing into the bush.", "ASSAULT"),
        ("Gunmen took 30 passengers hostage after stopping the bus near Zamfara.", "ASSAULT"),
        ("Niger cut ties with Ukraine over its alleged support for rebels in Mali.", "SANCTION"),
        ("Taiwan scrambled jets after 30 Chinese aircraft crossed the median line.", "MOBILIZE"),
        ("Mozambique sought assistance from Rwanda to fight the insurgency in Cabo Delgado.", "REQUEST"),
        ("The EU expressed concern over the arrest of the opposition leader.", "ACCUSE"),
        ("Two policemen and three militants were killed in a gunfight in Kulgam.", "ASSAULT"),
    ],
)
def test_phrases_added_to_the_lexicon(code, text, event):
    assert event in {e.event for e in code(text)}


def test_weapons_fired_or_used_together_are_one_act(code):
    events = code("Police fired tear gas and rubber bullets at protesters in Nairobi on Tuesday.")
    assert [(e.event, e.mode) for e in events] == [("ASSAULT", "crowd-control")]
    [used] = code("Riot police used water cannon and tear gas against protesters in Tbilisi.")
    assert used.event == "ASSAULT" and used.actor


def test_a_court_that_raps_the_government_commits_no_assault(code):
    assert "ASSAULT" not in {e.event for e in code("The Supreme Court raps the Centre over delay in appointments.")}
    assert "ASSAULT" in {e.event for e in code("Soldiers raped two women in the village, residents said.")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("An exchange of fire between the two armies was reported near the border on Monday.", {"ASSAULT"}),
        ("The minister recalled that the treaty had been signed in 1990.", set()),
        ("Macron held a call with Zelensky on Monday.", {"CONSULT"}),
        ("The United States withdrew from the Paris climate agreement.", {"SANCTION"}),
        ("Russia evacuated its troops from Kherson.", {"RETREAT"}),
        ("The court found the former president guilty of corruption on Monday.", {"SANCTION"}),
        ("Teachers will strike on Monday over pay.", {"PROTEST"}),
        ("Rebels violated the ceasefire on Monday.", {"ASSAULT"}),
    ],
)
def test_words_whose_arguments_decide_the_event(code, text, expected):
    assert {e.event for e in code(text)} == expected


def test_a_presidential_race_is_not_sport(code):
    events = code(
        "The opposition leader withdrew from the presidential race on Monday, accusing the commission of fraud."
    )
    assert "ACCUSE" in {e.event for e in events}
    assert code("The striker scored twice as the club won the title race.") == []


def test_lifting_sanctions_is_a_retreat_with_no_release(code):
    events = code("The West African bloc ECOWAS lifted economic sanctions on Mali on Sunday.")
    lifted = _one(events, "RETREAT")
    assert lifted.mode is None
