/* session_home: what the home screen shows: the campaign of the day and the drafts, each judged. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsdecl/session.h"
#include "session_internal.h"

VOCAB_DEFINE(session_draft_state_vocab, SESSION_DRAFT_STATES, SESSION_DRAFT_STATE_COUNT)

/* ---- the home, judged ------------------------------------------------------------------------ */

static void campaign_shown(session *s, int year, session_home *h)
{
    year = year ? year : session_current_year(s);
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
    session_home_read_campaign(s, 0, h);
}

void session_home_read_campaign(session *s, int year, session_home *h)
{
    memset(h, 0, sizeof *h);
    campaign_shown(s, year, h);
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

/* ---- a campaign in words --------------------------------------------------------------------- */

session_campaign_state session_campaign_words(const rules_campaign *c, date_t today, char *buf,
                                              size_t size)
{
    char o[16], cl[16] = "";
    date_format_fr(c->window.opens, o, sizeof o);
    if (c->window.has_closes)
        date_format_fr(c->window.closes, cl, sizeof cl);
    long left = c->window.has_closes ? date_to_days(c->window.closes) - date_to_days(today) : 0;
    if (date_cmp(today, c->window.opens) < 0) {
        snprintf(buf, size, "la saisie ouvre %sle %s", c->window.opens_approximate ? "vers " : "",
                 o);
        return SESSION_CAMPAIGN_NOT_OPEN;
    }
    if (!c->window.has_closes)
        snprintf(buf, size, "saisie ouverte depuis le %s, clôture non annoncée", o);
    else if (left >= 0 && c->window.closes_inferred) /* no count of days left against a guess */
        snprintf(buf, size, "saisie ouverte, clôture probable le %s (non publiée)", cl);
    else if (left >= 0)
        snprintf(buf, size, "saisie ouverte jusqu'au %s à minuit, encore %ld jour%s", cl, left + 1,
                 left + 1 > 1 ? "s" : "");
    else
        snprintf(buf, size, "saisie close depuis le %s%s", cl,
                 c->window.closes_inferred ? " (date probable, non publiée)" : "");
    return left >= 0 || !c->window.has_closes ? SESSION_CAMPAIGN_OPEN : SESSION_CAMPAIGN_CLOSED;
}

size_t session_campaign_years(const session *s, int *years, size_t max)
{
    return paths_campaign_years(session_paths(s)->rules_dir, years, max);
}
