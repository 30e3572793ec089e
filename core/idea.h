/*
 * idea.h - the rules of the topic board that both front ends share: the
 * statuses an idea may have and their words, and what a topic or a
 * description the committee writes may hold.
 */
#ifndef SIGSURVEY_IDEA_H
#define SIGSURVEY_IDEA_H

#include <stddef.h>

#define IDEA_TOPIC_MAX 120          /* characters, as the form's question */
#define IDEA_DESCRIPTION_MAX 3000
#define IDEA_NOTE_MAX 500
#define IDEA_PAGE 50                /* ideas per page of /ideas */

/*
 * The statuses, in the order the board offers them as filters: the ones
 * shown in public first. "new" waits for moderation and "merged" has
 * gone into another idea; neither is ever shown in public.
 */
extern const char *const idea_statuses[];   /* NULL-terminated */
extern const char *const idea_public_statuses[];

/* 1 when s is one of idea_statuses (public: of idea_public_statuses). */
int idea_status_valid(const char *s);
int idea_status_public(const char *s);
/*
 * 1 when the committee may set s with `status` (a public status: new is
 * left by approving, merged by merging).
 */
int idea_status_settable(const char *s);
/* The status as members read it ("Suggested", "Scheduled", ...). */
const char *idea_status_label(const char *s);
/*
 * NULL when s may be a topic (max IDEA_TOPIC_MAX characters) or a
 * description (IDEA_DESCRIPTION_MAX, may be empty), note (IDEA_NOTE_MAX);
 * otherwise what is wrong, a static sentence.
 */
const char *idea_topic_problem(const char *s);
const char *idea_description_problem(const char *s);
const char *idea_note_problem(const char *s);

/*
 * The local day of now as YYYY-MM-DD: the lists' "today", before which a
 * scheduled idea's event has taken place and the idea reads done.
 */
void idea_today(long long now, char out[11]);

#endif
