/*
 * demo-text.c - the words of `sigsurvey demo`: event titles, presenters,
 * venues and the free-text answers, per answer key where the demo knows
 * the key, with a general pool for any other text question.
 */
#include <string.h>

#include "demo.h"
#include "util.h"

#define POOL(a) { a, ARRAY_SIZE(a) }

const struct demo_title demo_titles[] = {
	{ "ILL Basics for New Staff", "ill-basics", "ill-basics", "in_person" },
	{ "Copyright and Controlled Digital Lending", "cdl",
	  "webinar-series", "webinar" },
	{ "Rapido Workflows Q&A", "rapido-qa", "webinar-series", "webinar" },
	{ "International Lending Made Simple", "international-lending", NULL,
	  "hybrid" },
	{ "ILL Basics: Borrowing Step by Step", "ill-basics-borrowing",
	  "ill-basics", "in_person" },
	{ "Statistics That Tell a Story", "ill-statistics", NULL, "webinar" },
	{ "Lending Special Collections by Mail", "special-collections-mail",
	  NULL, "in_person" },
	{ "Tipasa Tips and Tricks", "tipasa-tips", "webinar-series",
	  "webinar" },
	{ "Members' Meet-up and Resource Sharing Roundtable", "meetup",
	  NULL, "in_person" },
	{ "Accessible Formats for Every Patron", "accessible-formats", NULL,
	  "hybrid" },
	{ "ILL Basics: Lending and Shipping", "ill-basics-lending",
	  "ill-basics", "in_person" },
	{ "E-resource Licences and What They Allow", "licensing",
	  "webinar-series", "webinar" },
	{ "Resource Sharing for Small and Rural Libraries", "small-libraries",
	  NULL, "hybrid" },
	{ "ILLiad Administration Clinic", "illiad-clinic", NULL, "in_person" },
	{ "Copyright Compliance and the CONTU Guidelines", "contu",
	  "webinar-series", "webinar" },
	{ "Packaging, Lost Items and Damaged Returns", "packaging", NULL,
	  "in_person" },
	{ "Members' Meet-up: The Year in Review", "year-in-review", NULL,
	  "in_person" },
	{ "Reciprocal Borrowing Agreements Explained", "reciprocal-borrowing",
	  NULL, "webinar" },
	{ "Document Delivery Without Tears", "document-delivery",
	  "webinar-series", "webinar" },
	{ "Mentoring Programme Kick-off", "mentoring-kickoff", NULL,
	  "hybrid" },
	{ "Year-End Statistics Workshop", "year-end-statistics", NULL,
	  "in_person" },
	{ "Rare and Fragile Items in Interlibrary Loan", "rare-items", NULL,
	  "hybrid" },
};
const size_t demo_ntitles = ARRAY_SIZE(demo_titles);

static const char *const presenters[] = {
	"Zoë Łukasik", "José Muñoz", "Priya Raghunathan", "Siobhán O'Connor",
	"Björn Ågren", "Nguyễn Thị Lan", "Amara Okafor", "François Lefèvre",
	"Kateřina Dvořáková", "Marcus Bell", "Hannah Kowalczyk", "Tomás Ruiz",
	"Aiko Tanaka", "Dimitris Papadopoulos",
};
const struct pool demo_presenters = POOL(presenters);

static const char *const venues[] = {
	"Central Library, Room 2B",
	"Riverside University Library, Training Suite",
	"Metro Library Association offices",
	"Northgate Public Library, Community Room",
	"State Library, Lecture Theatre",
};
const struct pool demo_venues = POOL(venues);

static const char *const email_users[] = {
	"zoe.lukasik", "jose.munoz", "priya.r", "soconnor", "bjorn.agren",
	"lan.nguyen", "a.okafor", "f.lefevre", "kdvorakova", "mbell",
	"ill-desk", "resource.sharing", "hkowalczyk", "t.ruiz", "aiko.t",
};
const struct pool demo_email_users = POOL(email_users);

static const char *const email_domains[] = {
	"library.example.org", "uni.example.edu", "citylibrary.example.net",
	"county.example.gov", "example.ac.uk",
};
const struct pool demo_email_domains = POOL(email_domains);

static const char *const worked[] = {
	"The worked examples were exactly what I needed.",
	"Clear slides and plenty of time for questions.",
	"Hearing how other libraries handle rush requests was really useful.",
	"The walkthrough of the borrowing workflow, step by step. I finally "
	"understand why our requests stall at the verification stage.",
	"Great pace, and the handout is already pinned above my desk.",
	"José Muñoz's examples from a small library made it feel achievable.",
	"Zoë answered every question patiently, even the very basic ones.",
	"Meeting colleagues from other libraries. We swapped contact details "
	"and have already sorted out two stuck loans.",
	"The copyright decision tree. I will share it with my whole team.",
	"Short and focused. Thank you for starting on time.",
	"Practical tips I could use the next morning.",
	"Loved the Q&A at the end - more of that please!",
	"The recording was available the same afternoon, which helped my "
	"colleague who could not attend.",
	"Good mix of theory and hands-on practice. The exercises with real "
	"request records were the highlight for me.",
	"Very friendly atmosphere, nobody felt silly for asking questions 😊",
	"The session on international shipping cleared up a lot of myths.",
	"Les exemples concrets étaient très utiles, merci beaucoup.",
	"とても分かりやすい説明でした。ありがとうございました。",
	"Πολύ χρήσιμη παρουσίαση, ειδικά τα παραδείγματα δανεισμού.",
	"Очень полезный семинар, спасибо организаторам.",
	"ورشة مفيدة جدا، شكرا على الأمثلة العملية.",
	"Everything. Best session I have attended this year 👏",
	"The statistics templates - I had been building mine from scratch "
	"every month.",
	"Siobhán's checklist for lending fragile items.",
};

static const char *const improve[] = {
	"More time for questions, please.",
	"The room was too warm and the projector was hard to read from the "
	"back.",
	"Could you share the slides before the session? I like to take notes "
	"on them.",
	"The sound on the webinar kept dropping out for the first ten "
	"minutes.",
	"A bit too basic for experienced staff. Maybe run an advanced track?",
	"It moved too fast for me as a newcomer. A glossary of ILL terms "
	"would help.",
	"Please record it - two of my colleagues could not get cover for the "
	"desk.",
	"Start a little later in the day; the morning train from the north is "
	"unreliable.",
	"More examples from public libraries, not only academic ones.",
	"Nothing really, it was great.",
	"The breakout groups were too large to be useful.",
	"Send the Zoom link earlier. I only found it five minutes before the "
	"start.",
	"Coffee! 😄",
	"Captions on the recording, please, for accessibility.",
	"Less reading from the slides, more demonstration in the live system.",
	"Die Folien waren etwas zu klein gedruckt.",
	"資料を事前に共有していただけると助かります。",
	"Λίγο περισσότερος χρόνος για ερωτήσεις θα βοηθούσε.",
	"Хотелось бы больше практических примеров.",
	"يرجى مشاركة الشرائح قبل الجلسة.",
	"Consider a session for libraries without an ILL system at all - "
	"some of us still use email and spreadsheets.",
	"The parking instructions were confusing. Otherwise excellent.",
};

static const char *const topics[] = {
	"Lending special collections by mail",
	"Copyright for document delivery",
	"Getting started with Rapido",
	"Writing an ILL policy from scratch",
	"Managing overdue and lost items",
	"International shipping and customs forms",
	"Statistics for annual reports",
	"Accessible formats and the Marrakesh Treaty",
	"Resource sharing in small libraries",
	"Negotiating ILL terms in e-resource licences",
	"Time management on a busy ILL desk",
	"Interlibrary loan for distance learners",
	"Digitisation on demand",
	"Handling difficult patron requests",
};

static const char *const descriptions[] = {
	"We get several requests a month for rare materials and nobody on "
	"our team is confident about packaging and insurance.",
	"A practical overview for staff who cover the ILL desk only part of "
	"the week.",
	"How other libraries decide what they will and will not lend, with "
	"sample policies to adapt.",
	"Our consortium is moving systems next year and we would like to hear "
	"from libraries that have already migrated.",
	"Many of our e-book licences are unclear about ILL. How do others "
	"read the clauses, and what do they ask vendors for?",
	"Step-by-step help with the annual statistics return, with examples "
	"of charts that persuade library managers.",
	"Ideas for reaching patrons who do not know ILL exists.",
	"A hands-on session in the live system, not only slides.",
	"Perhaps a panel with borrowers and lenders from different kinds of "
	"libraries, including school and special libraries.",
	"Zoë Łukasik gave a great talk on this at the state conference; "
	"could she be invited?",
	"Pour les bibliothèques francophones de la région, une session en "
	"français serait appréciée.",
	"海外の図書館との相互貸借の手続きについて知りたいです。",
};

static const char *const suggestions[] = {
	"Please keep the webinars - I cannot travel to the city often.",
	"Evening sessions would help those of us who run the desk alone.",
	"Thank you for all the work the committee does.",
	"A shared list of contacts at each member library would save us "
	"hours.",
	"More events outside the city centre, please; the drive takes two "
	"hours each way.",
	"I would like a mentor for my first year in resource sharing.",
	"The newsletter is great, but event announcements come too late to "
	"arrange cover.",
	"Could we have a discussion list for quick questions between events?",
	"Σας ευχαριστούμε για την οργάνωση.",
	"Спасибо за вашу работу!",
	"Muchas gracias al comité, el programa de mentores me ayudó mucho.",
	"Keep up the good work 🙌",
};

static const char *const names[] = {
	"Zoë Łukasik", "José Muñoz", "Priya Raghunathan", "Siobhán O'Connor",
	"Björn Ågren", "Lan Nguyễn", "Amara Okafor", "François Lefèvre",
	"Kateřina Dvořáková", "Marcus Bell", "Hannah Kowalczyk",
	"Tomás Ruiz", "田中 愛子", "Δημήτρης Παπαδόπουλος", "Ольга Иванова",
	"Sam Taylor",
};

static const char *const general[] = {
	"No comment at this time.",
	"Thank you!",
	"See my earlier answers.",
	"It depends on the time of year; the autumn term is always busy.",
	"Happy to discuss further by email.",
	"Ευχαριστώ.",
	"ありがとうございます。",
};

static const char *const other_topics[] = {
	"Courier services", "Patron-driven acquisition",
	"Open access alternatives", "Digitisation requests",
	"Music scores and media", "Theses and dissertations",
};

static const char *const other_systems[] = {
	"Alma resource sharing", "FOLIO", "Koha ILL module", "VDX",
	"Our own database",
};

static const char *const other_kinds[] = {
	"Hospital library", "Law firm library", "Museum library",
	"Prison library", "Archive",
};

static const char *const other_roles[] = {
	"Library director", "Reference librarian", "Volunteer",
	"Systems librarian",
};

static const char *const other_barriers[] = {
	"Childcare", "Part-time hours", "Manager does not allow time off",
	"Poor internet at our branch",
};

static const char *const other_general[] = {
	"Something else", "Not sure", "Mixed", "Depends",
};

static const struct {
	const char *key;
	struct pool pool;
} by_key[] = {
	{ "worked", POOL(worked) },
	{ "improve", POOL(improve) },
	{ "topic", POOL(topics) },
	{ "description", POOL(descriptions) },
	{ "suggestions", POOL(suggestions) },
	{ "comments", POOL(improve) },
	{ "name", POOL(names) },
	{ "next_topics_other", POOL(other_topics) },
	{ "systems_other", POOL(other_systems) },
	{ "library_type_other", POOL(other_kinds) },
	{ "role_other", POOL(other_roles) },
	{ "barriers_other", POOL(other_barriers) },
};

static const struct pool general_pool = POOL(general);
static const struct pool other_pool = POOL(other_general);

const struct pool *demo_text_pool(const char *k, int other)
{
	for (size_t i = 0; i < ARRAY_SIZE(by_key); i++)
		if (!strcmp(by_key[i].key, k))
			return &by_key[i].pool;
	return other ? &other_pool : &general_pool;
}
