"""Provides the word classes the language checks read sentences with: people, systems, names."""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A set of words written as one string: long vocabularies stay readable."""
    return frozenset(text.split())


PERSON_WORDS = words(
    """
    engineer engineers developer developers dev devs programmer programmers coder coders
    technician technicians tech techs staffer staffers staff employee employees contractor
    contractors intern interns operator operators admin admins administrator administrators
    sysadmin sysadmins supervisor supervisors individual individuals author authors personnel
    someone somebody anyone anybody everyone everybody person persons people human humans
    he she him her his hers i me my you your yours they them their theirs
    sre sres dba dbas reviewer reviewers approver approvers responder responders on-call oncall
    teammate teammates colleague colleagues coworker coworkers co-worker co-workers worker
    workers manager managers lead leads analyst analysts architect architects tester testers
    trader traders clerk clerks officer officers executive executives ceo cto cio ciso vp
    director directors pilot pilots controller controllers crew guy guys hire hires newcomer
    junior juniors senior seniors expert experts specialist specialists consultant consultants
    owner owners maintainer maintainers committer committers submitter requester requesters
    member members nurse nurses doctor doctors physician pharmacist signaller signallers
    dispatcher dispatchers agent agents mechanic mechanics electrician electricians cashier
    representative representatives rep reps official officials volunteer volunteers idiot idiots
    moron morons muppet muppets clown clowns bozo
    numpty fool fools slob wanker
    """
)
"""Words that name a person, a role or a pronoun for one: the subject a blameful sentence puts
at the centre of the failure. "worker" and "operator" are people here; "queue worker" and
"Kubernetes operator" are told apart by the system word next to them."""

WE_WORDS = words("we us our ours ourselves team teams squad squads")
"""The collective "we" of an organisation describing its own gaps, and its teams: "the payment
team had never documented the contract" is about how the organisation works."""

SYSTEM_WORDS = words(
    """
    alert alerts alarm alarms alerting deploy deploys deployment deployments pipeline pipelines
    migration migrations database databases db dbs service services microservice monitoring
    monitor monitors check checks test tests job jobs script scripts system systems cron query
    queries index indexes cache caches server servers host hosts node nodes pod pods cluster
    clusters config configs configuration rollout rollouts rollback build builds ci probe probes
    balancer queue queues runbook runbooks playbook dashboard dashboards metric metrics failover
    backup backups replica replicas primary process processes tool tools tooling page pager
    rule rules code change changes release releases lock locks api apis endpoint endpoints
    request requests connection connections pool pools network router routers switch switches
    firewall dns proxy proxies gateway cdn sdk library libraries dependency dependencies app
    apps application applications platform software firmware update updates patch patches
    command commands cli console interface ui flag flags feature features disk disks volume
    volumes storage bucket buckets snapshot snapshots replication scheduler autoscaler
    controller-manager kubernetes k8s terraform ansible puppet chef jenkins github gitlab
    postgres postgresql mysql redis kafka rabbitmq elasticsearch nginx haproxy envoy vault
    certificate certificates cert certs token tokens key keys password passwords permission
    permissions policy policies procedure procedures checklist checklists documentation docs
    wiki template templates form menu button screen prompt terminal shell generator ups
    breaker breakers power supply cable cables circuit circuits battery batteries datacenter
    datacentre region regions zone zones environment environments staging production prod
    vendor provider providers cloud aws azure gcp thread threads handler
    handlers parser loader client clients consumer consumers producer producers webhook webhooks
    integration integrations canary canaries limiter throttle retry retries timeout timeouts
    schema schemas table tables row rows file files directory directories log logs logging
    workflow workflows automation bot bots daemon daemons container containers
    image images vm vms instance instances machine machines laptop laptops phone phones email
    emails rotation rota schedule calendar upgrade upgrades guard guards safeguard safeguards
    interlock interlocks confirmation session sessions credential credentials account accounts
    label labels drawing role roles
    """
)
"""Words that name a system, a tool, a process or a thing: "the alert failed to fire" is about
the alert."""

FIRST_NAMES = words(
    """
    aaron abdul abigail adam adrian ahmed aisha alan albert alex alexander alexandra alice
    alicia alison amanda amir amy ana andrea andrew andy angela anil anita ann anna anne
    anthony antonio arjun arthur ashley barbara ben benjamin beth betty bob bobby brandon brenda
    brian bruce bryan carl carla carlos carol caroline catherine charles charlie chen chris
    christina christine christopher cindy claire craig cynthia dan daniel danielle dave david
    deborah debra denise dennis diana diane dimitri dmitri donald donna doug douglas dylan ed
    eddie edward elena elizabeth ellen emily emma eric erica erik ethan eva evan fatima felix
    fernando francesca frank gabriel gareth gary george gerald giulia greg gregory hannah hans
    harold harry heather helen henry hiroshi hugo ian igor irene isaac isabel ivan jack jacob
    james jamie jane janet jason javier jean jeff jeffrey jennifer jeremy jerry jessica jim
    jimmy joan joe joel johan john jonathan jorge jose joseph josh joshua juan judith julia
    julie justin karen karl kate katherine kathleen kathy keith kelly ken kenji kenneth kevin
    kim kimberly kyle larry laura lauren leo leon li linda lisa liz lucas lucy luis luke
    maria marie marina mario marcus margaret mark martin mary matt matthew megan mehmet melissa
    michael michelle miguel mike mohamed mohammed monica nancy natalie nathan neil nicholas nick
    nicole nikhil nina noah olga oliver olivia omar oscar pablo pamela patricia patrick paul
    paula pedro peter philip phil pierre pradeep priya rachel rahul raj rajesh ramesh ravi
    rebecca richard rick robert roberto roger ron ronald rosa ruth ryan sam samantha samuel
    sandra sanjay sara sarah scott sean sergei sharon shirley simon sofia sophie stephanie
    stephen steve steven susan suresh tanya teresa thomas tim timothy tina todd tom tony tyler
    valerie vanessa victor vikram vincent virginia walter wei wendy william xavier yan yuki
    yusuf zach zachary zoe
    """
)
"""Common given names, so "Dave failed to check" is about a person even when Dave is not a
participant. Names that are also common words (will, mark, bill, grant, may, rob, chase, page,
max, ray, art) are left out: a false "person" costs more than a missed name."""

NEGATIONS = words(
    """
    not no never nobody none nothing neither nor without cannot n't isn't wasn't aren't
    weren't don't doesn't didn't won't wouldn't couldn't shouldn't hasn't haven't hadn't
    can't mustn't
    """
)
"""Words that negate what follows them: "it was not his fault"."""

DETERMINERS = words(
    """
    a an the this that these those one some any every each all our your their his her its
    my single lone certain particular
    """
)
"""Words that may stand between a verb and the person it points at: "caused by a single
engineer"."""
