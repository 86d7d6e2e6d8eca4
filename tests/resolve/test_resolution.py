"""Resolution: actor codes and sectors, places, dates, numbers and per-place casualty counts."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.resolve.actors import load_actor_kb
from eventwire.resolve.dates import parse_expression
from eventwire.resolve.numbers import parse_number
from eventwire.resolve.places import Context, distance_km, load_gazetteer

THURSDAY = dt.date(2022, 9, 29)


@pytest.fixture(scope="module")
def kb():
    return load_actor_kb()


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


@pytest.fixture(scope="module")
def resolve_actor(pipeline, kb):
    def run(text: str):
        doc = pipeline.nlp(text)
        return kb.resolve(doc[:])

    return run


@pytest.mark.parametrize(
    ("text", "code", "sector"),
    [
        ("the Kremlin", "RUS", "GOV"),
        ("the Pentagon", "USA", "MIL"),
        ("Downing Street", "GBR", "GOV"),
        ("Kyiv", "UKR", "GOV"),
        ("Ukrainian troops", "UKR", "MIL"),
        ("Russian riot police", "RUS", "COP"),
        ("the U.S. State Department", "USA", "GOV"),
        ("Iranian protesters", "IRN", "CVL"),
        ("the United Nations", "UNO", None),
        ("the European Union", "EUR", None),
    ],
)
def test_actor_codes_and_sectors(resolve_actor, text, code, sector):
    actor = resolve_actor(text)
    assert (actor.code, actor.sector) == (code, sector)
    assert actor.entity_text == text


def test_possessive_country_with_forces_is_military(code):
    events = code("Kyiv's forces recaptured the town.")
    assert events and (events[0].actor[0].code, events[0].actor[0].sector) == ("UKR", "MIL")


def test_abbreviations_are_case_sensitive(kb):
    assert kb.lookup("US").code == "USA"
    assert kb.lookup("us") is None


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Kharkov", "UKR"),
        ("Kharkiv", "UKR"),
        ("Zaporozhye", "UKR"),
        ("Lugansk", "UKR"),
        ("Kiev", "UKR"),
        ("Baydhabo", "SOM"),
    ],
)
def test_spelling_variants_resolve(gazetteer, name, country):
    place = gazetteer.best_city(name)
    assert place is not None and place.country_code == country


def test_document_context_disambiguates(gazetteer):
    # several towns share a name; a document about one country prefers that country's town
    candidates = {p.country_code for p in gazetteer.cities("Alexandria")}
    assert len(candidates) > 1
    assert gazetteer.best_city("Alexandria", frozenset({"ROU"})).country_code == "ROU"


def test_event_location_comes_from_the_events_own_clause(code):
    events = code("Officials in Kyiv said Russian forces pummelled Lyman on Tuesday.")
    [event] = [e for e in events if e.event == "ASSAULT"]
    assert event.event_loc.resolved_place == "Lyman" and event.event_loc.resolution == 4


@pytest.mark.parametrize(
    ("text", "future", "expected", "precision"),
    [
        ("Friday", True, "2022-09-30", "day"),
        ("Friday", False, "2022-09-23", "day"),
        ("Thursday", False, "2022-09-29", "day"),
        ("Sept. 27", False, "2022-09-27", "day"),
        ("last week", False, "2022-09-22", "week"),
        ("this summer", False, "2022-06-01", "season"),
        ("2014", False, "2014-01-01", "year"),
        ("October 2021", False, "2021-10-01", "month"),
        ("the weekend", False, "2022-09-24", "week"),
        ("this weekend", True, "2022-10-01", "week"),
        ("12.09.2022", False, "2022-09-12", "day"),
        ("03-09-2022", False, "2022-09-03", "day"),
        ("09/12/2022", False, "2022-09-12", "day"),
        ("26/09", False, "2022-09-26", "day"),
    ],
)
def test_date_expressions_resolve_against_publication(text, future, expected, precision):
    parsed = parse_expression(text, THURSDAY, future)
    assert parsed is not None
    assert (parsed.date.isoformat(), parsed.precision) == (expected, precision)


def test_background_years_before_publication_are_historical(code):
    event = next(e for e in code("Russia annexed Crimea in 2014.") if e.event == "COERCE")
    assert event.date == "2014-01-01" and event.date_precision == "year" and event.aux_mode == "historical"


def test_a_date_in_a_phrase_about_what_came_before_is_not_the_event_s(code):
    text = (
        "On 26 September, several thousand miners from a copper mine in Kitwe, Zambia, staged a road blockade after"
        " wages for July, August and September went unpaid."
    )
    [protest] = code(text)
    assert (protest.date, protest.date_precision) == ("2022-09-26", "day")


def test_an_event_at_the_same_time_as_a_dated_one_takes_its_date(code):
    events = code("Police fired tear gas in Lima on Tuesday as hundreds of young people marched on Congress.")
    assert {(e.event, e.date, e.date_precision) for e in events} == {
        ("ASSAULT", "2022-09-27", "day"),
        ("PROTEST", "2022-09-27", "day"),
    }


def test_a_day_number_the_model_leaves_out_of_a_date_is_taken_back(code):
    [attack] = code("On the afternoon of 26 September, gunmen attacked a police post in Zinapécuaro.")
    assert (attack.date, attack.date_precision) == ("2022-09-26", "day")


def test_no_date_in_text_uses_publication(code):
    event = code("Troops shelled the village.")[0]
    assert (event.date, event.date_precision) == ("2022-09-29", "publication")


@pytest.mark.parametrize(
    ("text", "value"),
    [("12", 12), ("1,200", 1200), ("three", 3), ("twenty-five", 25), ("a hundred", 100), ("dozens", 12), ("x", None)],
)
def test_numbers(text, value):
    assert parse_number(text) == value


def test_counts_are_never_summed_across_places(code):
    events = code(
        "Shelling killed three people in the Donetsk region, five in Kharkiv and wounded seven in Zaporizhzhia."
    )
    by_place = {e.event_loc.extracted_place: e.size for e in events if e.event_loc}
    assert by_place["the Donetsk region"].dead == 3
    assert by_place["Kharkiv"].dead == 5
    assert by_place["Zaporizhzhia"].injured == 7 and by_place["Zaporizhzhia"].dead is None
    assert len({e.id for e in events}) == len(events) == 3


def test_counts_in_one_place_stay_together(code):
    [event] = code("Gunmen killed four villagers and wounded six in an attack on Monday.")
    assert (event.size.dead, event.size.injured) == (4, 6)


# --------------------------------------------------------------------------- leaders, coreference, groups


def _codes(actors) -> list[str | None]:
    return [a.code for a in actors]


def test_leaders_are_read_as_the_person_in_office_on_the_publication_date(kb):
    assert kb.person("Zelenskyy").code == "UKR"
    assert kb.person("Erdogan").code == "TUR"
    assert kb.person("Bush", dt.date(1991, 3, 1)).name == "George H. W. Bush"
    assert kb.person("Bush", dt.date(2004, 3, 1)).name == "George W. Bush"
    assert kb.person("Nobody Atall") is None


def test_a_named_leader_codes_the_event_actor(code):
    events = code("Putin threatened to cut gas supplies to Moldova on Tuesday.", "2022-09-29")
    threat = next(e for e in events if e.event == "THREATEN")
    assert _codes(threat.actor) == ["RUS"]
    assert threat.actor[0].sector == "GOV"


def test_pronoun_takes_the_latest_compatible_actor(code):
    events = code("Norway said on Monday it had expelled two Iranian diplomats for spying.")
    expel = next(e for e in events if e.event == "SANCTION")
    assert _codes(expel.actor) == ["NOR"]
    assert _codes(expel.recipient) == ["IRN"]


def test_short_form_refers_back_to_the_named_government(code):
    events = code(
        "Poland's prime minister travelled to Vilnius on Monday. The president condemned the border incursion."
    )
    condemn = next(e for e in events if e.event == "ACCUSE")
    assert _codes(condemn.actor) == ["POL"]


def test_coordinated_nationalities_are_one_event_with_both_actors(code):
    events = code("Chilean and Peruvian negotiators agreed on Friday to reopen the border crossing.")
    agree = next(e for e in events if e.event == "AGREE")
    assert sorted(_codes(agree.actor)) == ["CHL", "PER"]


def test_unnamed_groups_belong_to_the_country_of_the_event(code):
    events = code("Police arrested forty students in Dhaka on Sunday.")
    arrest = next(e for e in events if e.event == "COERCE")
    assert _codes(arrest.actor) == ["BGD"]


# --------------------------------------------------------------------------- gazetteer and geoparser (issue 4)


def test_gazetteer_has_admin1_regions_and_their_cities(gazetteer):
    region = gazetteer.region("Donetsk")
    assert region.feature_code == "ADM1" and region.country_code == "UKR" and region.geonameid is not None
    lyman = gazetteer.best("Lyman", Context(admin1={region.admin1_code: 1.0}))
    assert lyman.admin1_code == region.admin1_code  # the Lyman in Donetsk oblast, not the one near Kharkiv


def test_disputed_territory_policy(gazetteer):
    assert gazetteer.best("Crimea").country_code == "UKR"
    assert gazetteer.best("Gaza Strip").country_code == "PSE"
    assert gazetteer.best("Golan Heights").country_code == "SYR"


def test_bare_name_is_the_city_and_the_unit_word_makes_it_the_region(gazetteer):
    assert gazetteer.best("Kharkiv").resolution == 4
    assert gazetteer.region("Kharkiv").resolution == 2


def test_us_counties_and_state_abbreviations(gazetteer):
    county = gazetteer.best("Laurel County", Context(admin1={"US.KY": 1.0}))
    assert county.feature_code == "ADM2" and county.admin1_name == "Kentucky"
    assert gazetteer.best("Ky.").name == "Kentucky"


def test_geoparser_resolves_mentions_together(pipeline):
    from eventwire.pipeline import make_document

    text = "Firefighters in Paris battled a blaze on Lamar Avenue, the Lamar County sheriff said. Texas officials"
    text += " sent help from Dallas."
    [(clean, toponyms)] = list(pipeline.geoparse([make_document(text, "2010-03-01", title="")]))
    paris = next(t for t in toponyms if t.text == "Paris")
    assert paris.place.country_code == "USA" and paris.place.admin1_code == "US.TX"
    assert all(clean.text[t.start : t.end] == t.text for t in toponyms)


def _toponyms(pipeline, text: str) -> dict[str, list]:
    from eventwire.pipeline import make_document

    [(clean, toponyms)] = list(pipeline.geoparse([make_document(text, "2010-03-01", title="")]))
    assert all(clean.text[t.start : t.end] == t.text for t in toponyms)
    found: dict[str, list] = {}
    for t in toponyms:
        found.setdefault(t.text, []).append(t.place)
    return found


def test_a_county_and_its_town_settle_together(pipeline):
    text = (
        "Deputies in Walker County arrested two men after a chase that ended near the courthouse. "
        "The men were taken to the county jail in Huntsville, a sheriff's spokesman said."
    )
    found = _toponyms(pipeline, text)
    assert {p.admin1_code for p in found["Walker County"] + found["Huntsville"]} == {"US.TX"}


def test_short_form_of_a_county_named_elsewhere(pipeline):
    text = (
        "School boards in Oconee County and Barrow County voted on Tuesday to delay the new calendar. "
        "Barrow will hold a public hearing next month, and Oconee expects to follow."
    )
    found = _toponyms(pipeline, text)
    barrow = found["Barrow"][0]
    assert barrow.admin1_code == "US.GA" and barrow.country_code == "USA"


def test_compass_part_of_a_state_and_a_state_agency(pipeline):
    text = (
        "Most school districts in Northeast Georgia are reviewing their layoff rules. Clarke County and "
        "Jackson County expect cuts, the Georgia Department of Education said."
    )
    found = _toponyms(pipeline, text)
    assert found["Northeast Georgia"][0].admin1_code == "US.GA"
    assert found["Georgia"][0].country_code == "USA"


def test_upper_case_dateline_after_a_byline_and_hyphenated_pairs(pipeline):
    text = (
        "BY ANNA REED Staff Reporter March 15, 2009 NEWARK -- The city council met on Monday. "
        "The talks touched on Egyptian-Israeli trade."
    )
    found = _toponyms(pipeline, text)
    assert "NEWARK" in found
    assert found["Egyptian"][0].country_code == "EGY" and found["Israeli"][0].country_code == "ISR"


def test_a_place_followed_by_its_state_or_country_lies_there(pipeline):
    text = (
        "Firefighters were called to a house fire in Belgrade, Minn., on Sunday night. Crews from nearby towns "
        "helped, and the family of four escaped unhurt."
    )
    found = _toponyms(pipeline, text)
    assert found["Belgrade"][0].admin1_code == "US.MN" and found["Minn."][0].resolution == 2


def test_gazetteer_ruler_finds_towns_the_model_mislabels(pipeline):
    doc = pipeline.nlp("Russian forces pummelled Lyman on Tuesday and shelled the town of Kupiansk.")
    places = {e.text for e in doc.ents if e.label_ == "GPE"}
    assert {"Lyman", "Kupiansk"} <= places
    doc = pipeline.nlp("President Jackson spoke to reporters.")
    assert not any(e.label_ == "GPE" for e in doc.ents)


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        # a list of names before "counties": each is a county, and they settle in one state together
        ("Flood warnings cover Becker, Clay, Mahnomen, Otter Tail and Wilkin counties this week.", "Wilkin", "US.MN"),
        # a town of any size opening the name of its own fire department or school board
        (
            "Volunteers from the Oakdale Fire Department joined crews from Modesto and Stanislaus County.",
            "Oakdale",
            "US.CA",
        ),
        # "<person> of <town>" names where someone lives
        ("The award went to Kalena Horhn of Grand Prairie, a teacher in Dallas County.", "Grand Prairie", "US.TX"),
        # a legislator's home town after the party letter
        ("The bill's sponsor, Sen. Tony Strickland, R-Moorpark, spoke in Sacramento.", "Moorpark", "US.CA"),
        # a place entity that is not a place as a whole: the county inside it
        ("Lamar County Commissioners met in Paris, Texas, on Monday.", "Lamar County", "US.TX"),
        # party letters, residents, headline subjects, abbreviated saints
        ("Rep. Charles Rangel, D-N.Y., chairman of the committee, spoke in Washington.", "N.Y.", "US.NY"),
        ("The new law protects vulnerable Iowans, the governor said in Des Moines.", "Iowans", "US.IA"),
        (
            "Grand Prairie police investigate a shooting after a weekend party in Dallas County.",
            "Grand Prairie",
            "US.TX",
        ),
        ("Budget talks stall. ST. PAUL, Minn. -- Lawmakers met on Monday.", "ST. PAUL", "US.MN"),
        # a state's own name beside towns of another state is the state, not a hamlet that shares the name
        (
            "Retirees from Springfield, Ohio and Holyoke, Mass. are moving to Florida in record numbers.",
            "Florida",
            "US.FL",
        ),
    ],
)
def test_place_names_found_in_names_lists_and_residences(pipeline, text, name, admin1):
    found = _toponyms(pipeline, text)
    assert name in found and found[name][0] is not None and found[name][0].admin1_code == admin1
    assert "D" not in found and "Court" not in found  # a party letter, a generic word


def test_an_upper_case_dateline_before_a_colon_is_a_place(pipeline):
    found = _toponyms(pipeline, "Drug dealer arrested near airport. BEIRUT: A major drug dealer was arrested.")
    assert found["BEIRUT"][0].country_code == "LBN"


def test_bare_compass_words_and_a_single_county_word_are_not_places(pipeline):
    text = "Officials in the East said other Indiana counties, like Boone County, were spared."
    found = _toponyms(pipeline, text)
    assert "East" not in found
    assert found["Indiana"][0].admin1_code == "US.IN" and found["Indiana"][0].resolution == 2


def test_a_district_the_gazetteer_lacks_lies_in_the_city_that_owns_it(pipeline):
    found = _toponyms(pipeline, "Thousands of garment workers marched in Dhaka's Mirpur area on Thursday.")
    assert {p.country_code for p in found["Dhaka"] + found["Mirpur"]} == {"BGD"}


def test_a_city_s_district_lies_in_that_city_not_in_a_namesake_elsewhere_in_the_country(pipeline):
    # the gazetteer's only Kyivskyi is a village of Poltava region, 130 km away
    found = _toponyms(pipeline, "Guided bombs struck Kharkiv's Kyivskyi district on Saturday.")
    kharkiv, district = found["Kharkiv"][0], found["Kyivskyi"][0]
    assert distance_km((kharkiv.lat, kharkiv.lon), (district.lat, district.lon)) < 20


def test_the_country_across_a_border_is_not_where_the_event_is(code):
    [deployment] = code("Lithuania has started moving some 800 more troops to its eastern frontier with Belarus.")
    assert deployment.event == "MOBILIZE" and deployment.event_loc.country_code == "LTU"
    [there] = code("Lithuania sent 800 soldiers to Poland on Tuesday.")
    assert there.event_loc.country_code == "POL"


def test_an_institution_named_like_a_town_is_not_a_place(code, pipeline):
    # Congress, Arizona exists; "outside Congress" is the legislature's building, wherever the story is
    events = code("The weekly pensioners' protest outside Congress ended in clashes on Wednesday evening.")
    assert [e.event_loc for e in events if e.event == "PROTEST"] == [None]
    assert "Congress" not in _toponyms(pipeline, "Retirees marched to Congress on Wednesday.")


def test_a_road_named_for_the_towns_it_joins_is_in_neither(code):
    [protest] = code("Farmers blockaded the Athens-Thessaloniki highway on Monday.")
    assert protest.event == "PROTEST" and protest.event_loc is None
    # a town whose own name has a hyphen is one place
    [strike] = code("Russian missiles hit the Ivano-Frankivsk road junction on Monday, killing two.")
    assert strike.event_loc.resolved_place == "Ivano-Frankivsk"


def test_an_arabic_article_is_no_place_of_its_own(pipeline):
    found = _toponyms(pipeline, "Gunmen ambushed a patrol in the Al-Tarmiya sector north of Baghdad on Tuesday.")
    assert all(p is None or p.country_code == "IRQ" for places in found.values() for p in places)


def test_where_a_vehicle_was_bound_is_not_a_place_of_the_story(pipeline):
    found = _toponyms(pipeline, "Gunmen stopped a Lahore-bound bus near Kalat and took away four passengers.")
    assert "Lahore" not in found


def test_the_capital_alone_is_the_capital_of_the_story_s_country(code):
    [protest] = code("Bangladeshi garment workers protested over pay on Thursday in the capital.")
    assert protest.event_loc.resolved_place == "Dhaka"


def test_a_country_s_own_body_is_that_country_s(resolve_actor):
    assert resolve_actor("Pakistan's Foreign Office").code == "PAK"
    assert resolve_actor("the Foreign Office").code == "GBR"


def test_name_particles_written_joined_or_apart_meet(gazetteer):
    # GeoNames writes "De Soto Parish" and "LaSalle County"; reports write either
    assert gazetteer.best("DeSoto Parish").admin1_name == "Louisiana"
    assert {p.name for p in gazetteer.lookup("La Salle County")} >= {"LaSalle County", "La Salle County"}


def test_numeric_dates_clock_times_and_an_opening_date_phrase(code):
    [attack] = code("On 26.09.2022 at about 1415 hrs, a patrol came under fire from militants near Kupwara.")
    assert (attack.date, attack.date_precision) == ("2022-09-26", "day")
    [raid] = code("At 0530 hrs on Tuesday, militants attacked an army post in Kupwara.")
    assert raid.date == "2022-09-27" and raid.aux_mode is None
    assert parse_expression("about 1415", THURSDAY, False) is None
    assert parse_expression("24", THURSDAY, False) is None  # "Patrolman Rincón, 24, died on Tuesday"
