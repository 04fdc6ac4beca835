"""Provides the cues of blame: phrase families, what each says is wrong, and its rewrite."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property

from agenda.checks.lexicon import words

# Suggestions quote the "Instead of / Write" guide in 000_1613f4bff7870ff6.txt and the
# blame-focused / blameless table in 003_6172d2bd334e54d9.txt.
REWRITE_AVAILABLE_INFO = 'Write instead: "At {time}, available information indicated…"'
REWRITE_MONITORING = 'Write instead: "The monitoring did not surface…"'
REWRITE_FACTORS = 'Write instead: "Contributing factors: [systemic gaps]"'
REWRITE_GUARDRAIL = 'Write instead: "Add guardrail: [specific check]"'
REWRITE_CONDITIONS = 'Ask instead: "What conditions allowed this?"'
REWRITE_RATIONAL = (
    "Describe what made it the most likely action given what they knew, not the person's character"
)
REWRITE_REMINDER = (
    'Name the missing safety net: "No checklist step or automation ensured [the step]"'
)


@dataclass(frozen=True)
class Pattern:
    """What a kind of blameful phrase is called, what is wrong with it, and the rewrite."""

    name: str
    message: str
    suggestion: str


@dataclass(frozen=True)
class Family:
    """One family of cue phrases, found by a regex over the lowercased sentence."""

    key: str
    """The family's id in the model's features: "cue:omission", "cue:omission:person"."""
    pattern: Pattern
    source: str
    """The regex, compiled on first use: importing the checks stays cheap before a first
    frame."""
    triggers: frozenset[str]
    """Words one of which every match contains, so a sentence without them skips the regex."""
    target: str = "subject"
    """Whose blame it is: "subject" (the clause's subject), "after" (the words after it:
    "blamed on a contractor"), "attributed" (a possessor, a maker or an agent: "his mistake",
    "made a mistake", "a mistake by an admin") or "none" (the phrase blames by itself)."""
    also: frozenset[str] = frozenset()
    """Where set, pieces of words one of which every match also holds, beyond its trigger: a
    sentence with the trigger but none of these ("the engineer checked") skips the regex."""

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.source)


FAILED = Pattern("person-failed", "makes a person the subject of a failure", REWRITE_AVAILABLE_INFO)
CAUSE = Pattern("person-failed", "makes a person the cause of the damage", REWRITE_AVAILABLE_INFO)
WRONG = Pattern(
    "person-failed",
    "puts the wrong choice on a person, not on what made it look right",
    REWRITE_AVAILABLE_INFO,
)
SKIPPED = Pattern(
    "person-failed", "makes a person the subject of a skipped safeguard", REWRITE_GUARDRAIL
)
MISTAKE = Pattern("person-failed", "makes a person's mistake the cause", REWRITE_FACTORS)
FALLBACK = Pattern("blameful-words", "reads as blaming a person", REWRITE_CONDITIONS)
"""For a sentence the model flags on its words alone, with no cue phrase."""

_OMIT_VERBS = (
    r"(?:did(?:n't| not)|never|had(?:n't| not)|has(?:n't| not)|does(?:n't| not)|do(?:n't| not))"
    r"\s+(?:even\s+|bother\s+to\s+)?(?!have\b|know\b|knew\b|receive|get\b|exist|need|expect|"
    r"mean|want|appear|seem|happen|work\b|affect|include|contain|matter|reach|require|own\b|"
    r"make\b|do\b|cause|change\b|"
    r"cover|support|show|take\b|look like|be\b|been\b)[a-z]+"
)
_PERSON_ERROR = (
    r"human|operator|pilot|engineer|engineering|developer|dev|staff|staffer|employee|"
    r"contractor|technician|admin|administrator|sysadmin|personnel|clerical|manual|individual|"
    r"worker|people|trader|dba|programmer|keying|typing"
)

FAMILIES: tuple[Family, ...] = (
    Family(
        "assumed",
        Pattern("incorrectly-assumed", "judges a decision with hindsight", REWRITE_AVAILABLE_INFO),
        (
            r"\b(?:incorrectly|wrongly|mistakenly|falsely|naively|erroneously)\s+(?:assumed|"
            r"believed|thought|concluded|decided|judged|presumed|expected)\b"
        ),
        words("incorrectly wrongly mistakenly falsely naively erroneously"),
    ),
    Family(
        "human-error",
        Pattern(
            "human-error",
            "names a person where the analysis should name conditions",
            REWRITE_FACTORS,
        ),
        (
            rf"\b(?:{_PERSON_ERROR})\s+(?:error|errors|mistake|mistakes|failure|failures|blunder|"
            r"blunders|slip|slips|oversight|lapse|lapses|fault|negligence|carelessness)\b"
        ),
        words(_PERSON_ERROR.replace("|", " ")),
        target="none",
        also=words("error mistake failure blunder slip oversight lapse fault negligence careless"),
    ),
    Family(
        "character",
        Pattern(
            "character",
            "judges a person's character instead of describing what happened",
            REWRITE_RATIONAL,
        ),
        (
            r"\b(?:careless\w*|negligen\w+|sloppy|sloppiness|incompeten\w+|inept\w*|"
            r"lazy(?![-\s]?load)|laziness|reckless\w*|bumbling|clumsy|clumsily|hapless|"
            r"complacen\w+|inattenti\w+|absent-?minded\w*|butterfinger\w*|asleep at the wheel|"
            r"dropped the ball|rookie|amateur\w*|cowboy\w*|idiot\w*|stupid\w*|dumb|bonehead\w*|"
            r"half a brain|lack of (?:care|attention|diligence|rigou?r|discipline|"
            r"professionalism|competence|judge?ment|common sense)|did(?:n't| not) bother|"
            r"could(?:n't| not) be bothered|not paying attention|too (?:slow|hasty|lazy|"
            r"careless)|got (?:sloppy|lazy|careless)|cut(?:ting)? corners)\b"
        ),
        words(
            "careless carelessly carelessness negligence negligent negligently sloppy sloppiness"
            " incompetence incompetent inept ineptly ineptitude lazy laziness reckless recklessly"
            " recklessness bumbling clumsy clumsily hapless complacent complacency inattentive"
            " inattention absent-minded absentminded butterfingers asleep dropped rookie amateur"
            " amateurish cowboy cowboys idiot idiots idiotic stupid stupidity dumb bonehead"
            " boneheaded half lack bother bothered paying too got cut cutting"
        ),
        target="none",
    ),
    Family(
        "remedy",
        Pattern(
            "person-remedy",
            "aims the remedy at a person instead of the system",
            REWRITE_GUARDRAIL,
        ),
        (
            r"\b(?:(?:be|been|being|was|were|is|are|get|got)\s+(?:\w+\s+)?(?:counsell?ed|"
            r"disciplined|fired|dismissed|suspended|terminated|let go|written up|spoken to|"
            r"talked to|coached|reassigned|demoted|punished|sanctioned|(?:warned|reminded|told|"
            r"asked) (?:not )?to|warned that)|dismissal|(?:a|the) (?:verbal|written|final) warning|"
            r"(?:taken|take|took) action (?:with|against)|disciplinary|retrain\w*|re-train\w*|"
            r"reprimand\w*|coach(?:ed|ing)? (?:on|about)|removed from the (?:on-call|rotation)|"
            r"double-check your|(?:remind|reminded|reminding|tell|told|ask|asked|warn|warned|"
            r"instruct|instructed|urge|urged)\s+(?:\w+\s+){0,3}?to\s+(?:be|pay|double|check|"
            r"verify|follow|read|slow|think|take|stay|always|never)|(?:will|would|must|should)"
            r"(?: not|n't| never) happen again|(?:additional|refresher|more|extra|further)\s+"
            r"training|received (?:\w+ )?training)\b"
        ),
        words(
            "counselled counseled disciplined fired dismissed suspended terminated let written"
            " spoken talked coached reassigned demoted punished sanctioned warned reminded told"
            " action disciplinary retrain retrained retraining re-train re-trained re-training"
            " reprimand reprimanded coach coaching removed double-check remind reminding tell"
            " ask asked warn instruct instructed urge urged happen training dismissal verbal"
            " written final"
        ),
        target="subject",
    ),
    Family(
        "careful",
        Pattern(
            "be-more-careful", "asks a person to change instead of the system", REWRITE_GUARDRAIL
        ),
        (
            r"\b(?:(?:be|being|been|more|less|extra)\s+(?:more\s+|extra\s+)?(?:careful|vigilant|"
            r"attentive|diligent|cautious)|pay(?:ing)?\s+(?:more\s+|closer\s+|better\s+)?"
            r"attention|(?:take|taking)\s+(?:more|extra|greater)\s+care|exercise\s+(?:more\s+|"
            r"greater\s+|extra\s+)?(?:care|caution)|think\s+twice|double[- ]check|"
            r"triple[- ]check|slow\s+down|stay\s+(?:focused|alert))\b"
        ),
        words(
            "careful vigilant attentive diligent cautious attention care caution twice"
            " double-check double triple triple-check slow stay"
        ),
    ),
    Family(
        "nobody",
        Pattern(
            "nobody-noticed",
            "blames the people who did not notice rather than what kept it from being visible",
            REWRITE_MONITORING,
        ),
        (
            r"\b(?:nobody|no one|no-one|none of (?:us|them|the \w+))\s+(?:\w+\s+){0,5}?"
            r"(?:noticed|checked|looked|saw|caught|reviewed|tested|paid attention|bothered|read|"
            r"verified|questioned|spotted|realised|realized|followed)\b"
        ),
        words("nobody no no-one none"),
        target="none",
    ),
    Family(
        "whose-fault",
        Pattern("person-fault", "assigns fault to a person", REWRITE_CONDITIONS),
        (r"\bwhose (?:fault|mistake|error|blunder|doing)\b"),
        words("whose"),
        target="none",
    ),
    Family(
        "who",
        Pattern("who-caused", "asks who, where a blameless review asks what", REWRITE_CONDITIONS),
        (
            r"\bwho\s+(?:(?:actually|exactly|really|first|just)\s+)?(?:[a-z]+ed|broke|ran|made|"
            r"thought|wrote|let|took|sent|put|did this|did it|forgot|shut|cut|hit|set|is to blame|"
            r"was to blame|is responsible|was responsible)\b"
        ),
        words("who"),
        target="none",
    ),
    Family(
        "forgot",
        Pattern(
            "forgot",
            "puts the gap in a person's memory rather than in the process",
            REWRITE_REMINDER,
        ),
        (r"\bforg(?:et|ets|ot|otten|etting)\b"),
        words("forget forgets forgot forgotten forgetting"),
    ),
    Family(
        "hindsight",
        Pattern(
            "should-have",
            "judges the moment with what we know now (hindsight)",
            REWRITE_MONITORING,
        ),
        (
            r"\b(?:(?:should|could|would|must|might|ought to)(?:n't| not| never)?\s+(?:\w+\s+)?"
            r"have\s+(?:been\s+)?[a-z]+|should've|could've|would've)\b"
        ),
        words("should could would must might ought shouldn't couldn't wouldn't mustn't"),
    ),
    Family(
        "omission",
        FAILED,
        (
            rf"\b(?:(?:failed|fails|fail|failing|neglected|neglects|omitted)\s+to|{_OMIT_VERBS}|"
            r"missed|misses|ignored|ignores|ignoring|overlooked|overlooks|skipped|skips|skipping|"
            r"bypassed|bypassing|sidestepped|circumvented|disregarded|violated)\b"
        ),
        words(
            "failed fails fail failing neglected neglects omitted did didn't never had hadn't has"
            " hasn't does doesn't do don't missed misses ignored ignores ignoring overlooked"
            " overlooks skipped skips skipping bypassed bypassing sidestepped circumvented"
            " disregarded violated"
        ),
    ),
    Family(
        "misdeed",
        FAILED,
        (
            r"\b(?:mis(?:read|judged|configured|typed|interpreted|handled|used|clicked|keyed|"
            r"applied)|fat[- ]?finger(?:ed|ing|s)?|botched|bungled|"
            r"broke|rushed|rubber[- ]stamped|messed up|screwed up|goofed|blundered)\b"
        ),
        words(
            "misread misjudged misconfigured mistyped misinterpreted mishandled misused"
            " mislabeled mislabelled misclicked miskeyed misapplied misidentified misrouted fat"
            " fat-fingered fat-finger fatfingered botched bungled broke rushed rubber"
            " rubber-stamped messed screwed goofed blundered fat-fingering fat-fingers"
        ),
    ),
    Family(
        "fault-adverb",
        Pattern(
            "fault-adverb",
            "judges a person's action with hindsight (mistakenly, accidentally…)",
            REWRITE_AVAILABLE_INFO,
        ),
        (
            r"\b(?:mistakenly|accidentally|accidently|inadvertently|erroneously|unintentionally|"
            r"unwittingly|unknowingly|wrongly|incorrectly|carelessly|negligently|recklessly|"
            r"hastily|sloppily|by mistake|by accident|in error)\b"
        ),
        words(
            "mistakenly accidentally accidently inadvertently erroneously unintentionally"
            " unwittingly unknowingly wrongly incorrectly carelessly negligently recklessly"
            " hastily sloppily mistake accident error"
        ),
    ),
    Family(
        "without",
        SKIPPED,
        (
            r"\bwithout\s+(?:(?:any|a|the|proper|adequate|sufficient|prior|first|even|properly|"
            r"enough|formal|further|their|his|her)\s+){0,2}(?:review\w*|test\w*|check\w*|"
            r"approv\w*|telling|asking|permission|authori[sz]\w*|sign[- ]off|verif\w*|consult\w*|"
            r"notify\w*|notice|warning|following|reading|looking|thinking|waiting|second|peer|qa|"
            r"backup\w*|double[- ]check\w*|care|caution)\b"
        ),
        words("without"),
    ),
    Family(
        "despite",
        Pattern(
            "person-failed",
            "makes a person the one who went against a warning",
            REWRITE_AVAILABLE_INFO,
        ),
        (
            r"\b(?:despite|in spite of|ignoring)\s+(?:(?:a|an|the|all|repeated|clear|written|two|"
            r"several|multiple|explicit|their|his|her)\s+){0,2}(?:warnings?|alerts?|alarms?|advice|"
            r"objections?|instructions?|policy|procedures?|rules?|runbook|failing|red)\b"
        ),
        words("despite spite ignoring"),
    ),
    Family("instead-of", WRONG, (r"\binstead of\b"), words("instead")),
    Family(
        "wrong",
        WRONG,
        (
            r"\b(?:wrong|incorrect|faulty|bad|broken|buggy|untested|defective|unreviewed|"
            r"unapproved|erroneous)\b"
        ),
        words(
            "wrong incorrect faulty bad broken buggy untested defective unreviewed unapproved"
            " erroneous"
        ),
    ),
    Family(
        "attribution",
        Pattern("blamed-on", "attributes the failure to a person", REWRITE_FACTORS),
        (
            r"\b(?:blamed? (?:it |this )?on|blames|blamed|pinned (?:\w+ )?on|pin (?:\w+ )?on|"
            r"traced (?:back )?to|tracked (?:back )?to|culprits?|caused by|triggered by|"
            r"because of|due to|result of|down to|lies with|rests with|falls on|fingered|"
            r"on the part of|under the bus|scapegoat\w*|to blame|responsib\w+|accountab\w+)\b"
        ),
        words(
            "blame blamed blames pinned pin traced tracked culprit culprits caused triggered"
            " because due result down lies rests falls fingered part under scapegoat"
            " scapegoated scapegoats responsible responsibility accountable accountability"
        ),
        target="after",
    ),
    Family(
        "fault",
        Pattern("person-fault", "assigns fault to a person", REWRITE_CONDITIONS),
        (r"\b(?:at fault|fault (?:of|lies with)|faults?)\b"),
        words("fault faults"),
        target="attributed",
    ),
    Family(
        "mistake",
        MISTAKE,
        (
            r"\b(?:mistakes?|blunders?|typos?|slip-ups?|goofs?|gaffes?|screw-?ups?|cock-?ups?|"
            r"oversights?|lapses?|missteps?|errors?)\b"
        ),
        words(
            "mistake mistakes blunder blunders typo typos slip-up slip-ups goof goofs gaffe"
            " gaffes screwup screw-up screwups screw-ups cockup cock-up cock-ups oversight"
            " oversights lapse lapses misstep missteps error errors"
        ),
        target="attributed",
    ),
    Family(
        "damage",
        CAUSE,
        (
            r"\b(?:deleted|dropped|wiped|erased|destroyed|truncated|corrupted|overwrote|leaked|"
            r"exposed|took down|brought down|knocked (?:\w+ )?(?:out|offline|over)|crashed|"
            r"killed|unplugged|switched off|turned off|shut down|powered (?:down|off)|"
            r"pulled the plug|disabled|removed|revoked|caused(?! by)|triggered(?! by)|"
            r"made (?:the|this|it) (?:\w+ )?(?:worse|longer)|twice as long)\b"
        ),
        words(
            "deleted dropped wiped erased destroyed truncated corrupted overwrote leaked exposed"
            " took brought knocked crashed killed unplugged switched turned shut powered pulled"
            " disabled removed revoked caused triggered made twice"
        ),
    ),
)
"""Every cue family, most specific first: an earlier family's phrase is not also a later one's."""

FAMILY_BY_KEY = {family.key: family for family in FAMILIES}

QUESTION = Family(
    "question",
    Pattern("question", "asks a person to justify themselves", REWRITE_CONDITIONS),
    (
        r"^\s*(?:why|how)\s+(?:come\s+)?(?:did|didn't|does|doesn't|do|don't|could|couldn't|"
        r"would|wouldn't|was|wasn't|were|weren't|is|isn't|has|hasn't|had|hadn't|can|can't)\s+"
        r"(?:not\s+)?(?:the\s+|a\s+|an\s+|our\s+)?([@a-z'-]+)|"
        r"^\s*what (?:was|were) (?:the\s+|a\s+|our\s+)?([@a-z'-]+) (?:\w+ )?thinking"
    ),
    words("why how what"),
    target="question",
)
"""A question that asks a person (not a system) to account for a failure."""

TOPIC_SOURCE = (
    r"\b(?:blameless|blame-free|blame culture|no blame|not to blame|not blaming|(?:the )?(?:term|"
    r"phrase|label|word|words|notion|idea|concept)\s+[\"“']|calling it|call it|avoid(?:ing)? "
    r"(?:the|saying|writing|blaming|blame)|instead of (?:blaming|asking|writing|saying|[\"“'])|"
    r"rather than (?:blaming|asking|who|a person|the person|people|individuals|the individual)|"
    r"(?:is|are|was) (?:never|not|rarely) (?:a|the) (?:root |real )?(?:cause|conclusion)|"
    r"start(?:ing)?(?: point)? (?:of|for) (?:the|an) investigation|not the (?:conclusion|end)|"
    r"symptom|"
    r"temptation|tempting|easy to blame|would be easy|blaming (?:the|an|a|one|"
    r"individual|people|him|her|them|someone)|scapegoat\w*|headlines?|press|news|coverage|"
    r"media|framed|the question (?:is|was|isn't|wasn't)|matter(?:s)? (?:less )?who|matters less|"
    r"(?:is|was)(?:n't| not) about|what,? not who|not who|asking who|teach(?:es)? us nothing|"
    r"tells? us nothing|not an action item|inevitable|make mistakes|mistakes happen|"
    r"to err is human|out of scope|fault-finding|finger-pointing|we ask|here to learn|"
    r"(?:where|when) (?:the |an )?(?:investigation|analysis|learning) (?:starts|begins)|"
    r"(?:is|was)(?:n't| not| no) (?:a |the )?(?:fix|solution|remedy)|would(?:n't| not) have "
    r"(?:stopped|prevented|helped|changed)|naming (?:a|the) (?:culprit|person)|telling \w+ to)\b"
)
"""Words that show blame is the topic, not the claim: "human error is the start of the
investigation, not the conclusion", "the question isn't who pushed the button"."""

TOPIC_WORDS = words(
    """
    blameless blame-free blame blaming term phrase label word words notion idea concept calling
    call avoid avoiding instead rather never rarely start starting investigation conclusion end
    symptom temptation tempting easy would scapegoat scapegoats scapegoated scapegoating headline
    headlines press news coverage media framed question matter matters about what not who asking
    teach teaches tell tells action inevitable mistakes err scope fault-finding finger-pointing
    ask learn starts begins fix solution remedy naming telling wouldn't isn't wasn't
    """
)
"""Words one of which every TOPIC phrase contains: the search runs only where one is."""


@cache
def topic() -> re.Pattern[str]:
    """TOPIC_SOURCE compiled, on first use."""
    return re.compile(TOPIC_SOURCE)
