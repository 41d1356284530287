/* session_home: what the home screen shows: the campaign of the day and the drafts, each judged. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsdecl/session.h"
#include "session_internal.h"

VOCAB_DEFINE(session_draft_state_vocab, SESSION_DRAFT_STATES, SESSION_DRAFT_STATE_COUNT)

/* ---- the home, judged ------------------------------------------------------------------------ */

static void campaign_of_day(session *s, session_home *h)
{
    int year = session_current_year(s);
    const rules_campaign *c = year ? session_campaign(s, year, NULL) : NULL;
    if (!c)
        return;
    h->year = c->year;
    snprintf(h->title, sizeof h->title, "%s", c->title);
    h->opens = c->window.opens;
    h->opens_approximate = c->window.opens_approximate;
    h->has_closes = c->window.has_closes;
    h->closes = c->window.has_closes ? c->window.closes : (date_t){0, 0, 0};
    h->closes_inferred = c->window.closes_inferred;
}

void session_home_read(session *s, session_home *h)
{
    memset(h, 0, sizeof *h);
    campaign_of_day(s, h);
    diag_list d;
    diag_init(&d);
    session_list(s, &h->drafts, &h->n, &d);
    snprintf(h->problem, sizeof h->problem, "%s", d.count ? d.items[0].message : "");
    diag_free(&d);
    if (!h->problem[0]) /* a damaged rules or list file: named, not « no campaign found » */
        session_rules_problem(s, h->problem, sizeof h->problem);
}

void session_home_free(session_home *h)
{
    free(h->drafts);
    memset(h, 0, sizeof *h);
}
