"""Words around place names that the places stage reads as evidence: locative prepositions, place
nouns, personal titles, speech verbs, "near" phrases, and capitalised English words that are also
place names. Plain data, one concept per set; `places.py` holds the logic.
"""

from __future__ import annotations

from dataclasses import dataclass

from .rank import REGION_WORDS

PLACE_LABELS = frozenset({"GPE", "LOC"})
LOCATIVES = frozenset(
    "in near at of from around towards toward outside into across inside within between "
    "through throughout via to on by off beyond along".split()
)  # fmt: skip
PLACE_NOUNS = frozenset(
    "village villages town towns city cities region province oblast governorate district area "
    "settlement settlements county state border frontier outskirts suburb municipality "
    "neighbourhood neighborhood capital community communities island port resident residents "
    "native natives hamlet hamlets commune township locality".split()
)  # fmt: skip
# Nouns that make a capitalised name a settlement even when the gazetteer lacks it: "the village of
# X", "the hamlet of X", "X village", "the province of X". Narrower than PLACE_NOUNS ("X residents",
# "X border" and "Islamic State" say less about an unknown name).
SETTLEMENT_NOUNS = frozenset(
    "village villages town city hamlet settlement township commune municipality locality "
    "district province region county oblast governorate prefecture".split()
)  # fmt: skip
# Words after a place name that make an organisation local to it: "the Oakdale Fire Department",
# "Crestwood School Board", "Kidal Regional Council".
CIVIC_WORDS = frozenset(
    "police fire sheriff sheriff's school schools board council city county township town "
    "village borough municipal public library court courthouse regional district chamber "
    "hospital mayor high elementary middle jail airport civic".split()
)  # fmt: skip
# Words after a place name that make it a disease's name: "Ebola virus", "West Nile fever",
# "Spanish flu", "Lyme disease".
DISEASE_WORDS = frozenset(
    "virus viruses ebolavirus flu influenza fever disease hemorrhagic haemorrhagic strain".split()
)  # fmt: skip
# Words after a country's name that make it a currency's: "the US dollar exchange rate", "Hong
# Kong dollars" (where nothing happened; the country is no context of the story either).
CURRENCY_WORDS = frozenset(
    "dollar dollars euro euros pound pounds rupee rupees yuan yen franc francs lira liras peso "
    "pesos rouble roubles ruble rubles dinar dinars riyal riyals rial rials naira shilling "
    "shillings cedi kwacha rand birr dirham dirhams hryvnia lari dram manat taka".split()
)  # fmt: skip
TITLES = frozenset(
    "mr mrs ms miss dr president minister spokesman spokeswoman spokesperson general gen col "
    "colonel lt lieutenant captain capt sgt sergeant sen senator rep gov governor mayor judge prof "
    "professor sir lord king queen prince princess pope rev reverend father sheikh commander chief "
    "ambassador secretary chairman chairwoman journalist analyst officer coach actor singer "
    "brother sister son daughter wife husband mother uncle aunt st saint".split()
)  # fmt: skip
SPEECH_VERBS = frozenset(
    "say deny confirm accuse claim announce report state insist warn condemn reject respond tell "
    "call demand urge threaten blame dismiss declare add note allege argue stress vow pledge "
    "propose protest denounce admit acknowledge criticize criticise welcome refuse agree".split()
)  # fmt: skip
NEAR_BEFORE = (
    ("near",), ("outskirts", "of"), ("direction", "of"), ("directions", "of"), ("around",),
    ("outside",), ("vicinity", "of"), ("close", "to"), ("villages", "around"), ("north", "of"),
    ("south", "of"), ("east", "of"), ("west", "of"), ("km", "from"), ("kilometres", "from"),
    ("kilometers", "from"), ("miles", "from"), ("towards",), ("toward",), ("suburbs", "of"),
    ("environs", "of"), ("surroundings", "of"),
)  # fmt: skip
NEAR_AFTER = frozenset({"area", "areas", "outskirts", "vicinity", "environs", "suburbs"})
DIRECTIONS = frozenset(
    "northern southern eastern western central northeastern northwestern southeastern "
    "southwestern north south east west northeast northwest southeast southwest".split()
)  # fmt: skip
# Capitalised English words that are also GeoNames place names; kept out of the n-gram matcher
# unless NER itself tags them GPE/LOC. A word that the same article also writes in lower case is
# treated the same way (a cheap, per-article word-frequency signal).
COMMON_WORDS = frozenset(
    "of mobile victory rich hope liberty unity union independence freedom progress justice "
    "peace march may june august friday sunday monday tuesday wednesday thursday saturday "
    "police army security military defense defence ministry health house senate council "
    "court church school university hospital airport station bridge river lake mount north "
    "south east west central new old great little big long white black red green blue "
    "gold golden silver bay beach park garden forest island islands valley springs spring "
    "falls fort port city town village state county district province region county center "
    "centre prime general president interior foreign national republic federal royal grand "
    "saint st we us it and or but the a an this that these those so also as at by for in on "
    "to up all some many most more one two three just even only well good best real "
    "reading bath orange nice split cork bologna china turkey chile jersey guinea man "
    "deal early commerce industry energy alliance concord harmony eden providence paradise "
    "media post press times star sun mirror guardian reuters agence tass afp ap "
    "said says told according officials official source sources god lord van mission "
    "temple magnolia superior supreme western eastern northern southern metro".split()
)  # fmt: skip
CONNECTORS = frozenset({"of", "de", "del", "la", "le", "and", "upon", "on", "the", "da", "do", "-"})
POPULATION_FOR_BARE_WORD = 100_000
POPULATION_FOR_PERSON_TAG = 1_000_000
# Verbs whose object is typically a place in conflict news: "shelled X", "captured X".
TARGET_VERBS = frozenset(
    "attack shell bomb capture seize strike hit enter storm raid besiege recapture liberate "
    "overrun occupy encircle surround bombard target shell evacuate visit".split()
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Trim:
    """A way to place an unknown name: look up the name without its first (or last) token when
    that token is one of `words`; `admin` and `near` say what the dropped word implied."""

    words: frozenset[str]
    drop_first: bool
    admin: bool = False
    near: bool = False


# "Upper X", "Verin X" (Armenian "upper"), "Nizhny X" (Russian "lower"), "Novyi X" ("new"): a
# village named after a nearby X.
QUALIFIERS = frozenset(
    "upper lower greater lesser verin nerkin nizhny nizhni nizhniy nizhnya verkhny verkhni "
    "verkhniy verkhnya staryi stary staryy stara novyi novy novyy nova".split()
)  # fmt: skip
# Tried in order when the whole name is unknown: "Donetsk region", "Upper X"/"Verin X" (a village
# named after X: located only near it), "northern Syria" (a part of it).
TRIMS = (
    Trim(REGION_WORDS, drop_first=False, admin=True),
    Trim(QUALIFIERS, drop_first=True, near=True),
    Trim(DIRECTIONS, drop_first=True, near=True),
    Trim(frozenset({"city", "town", "village", "township"}), drop_first=False),
)


