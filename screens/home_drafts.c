/* home_drafts: correcting a draft's RPPS, the corbeille, and the RPPS check of the home's boxes. */
#include "home_drafts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialog.h"
#include "fsdecl/ident.h"
#include "fsdecl/text.h"

bool home_rpps_typed(app *a, void *ctx, const field_t *fl, char *why, size_t size)
{
    (void)a, (void)ctx;
    char value[32];
    field_get_text(fl, value, sizeof value);
    if (ident_check_rpps(value) == IDENT_OK ||
        (strlen(value) == 11 && strspn(value, "0123456789") == 11))
        return true;
    snprintf(why, size, "%s", ident_message(ident_check_rpps(value), "RPPS"));
    return false;
}

bool home_rpps_field(field_t *f, const char *rpps, bool any)
{
    const char *chars;
    size_t length;
    if (!ident_shape("RPPS", &chars, &length))
        return false;
    field_init_text(f, length, length);
    field_restrict(f, chars);
    if (rpps && (any || ident_check_rpps(rpps) == IDENT_OK))
        field_set_text(f, rpps);
    return true;
}

/* Says what the session refused, with its first reason when it gave one, into buf. */
static void refusal(const session_report *r, const diag_list *d, char *buf, size_t size)
{
    char *explained = session_explain(r), raw[800];
    snprintf(raw, sizeof raw, "%s%s%s", explained ? explained : "l'opération a échoué",
             d->count ? " : " : "", d->count ? d->items[0].message : "");
    text_sanitize(raw, false, buf, size);
    free(explained);
}

/* ---- correcting an RPPS ---------------------------------------------------------------------- */

typedef struct {
    char name[STORE_NAME_MAX]; /* the draft */
    char *select;              /* borrowed: the home's */
    char title[96];
    field_t rpps;      /* as typed: the box opens again on it */
    char value[32];    /* the RPPS given */
    char refused[512]; /* why the last one was refused, shown in the box */
} rename_flow;

static void ask_new_rpps(app *a, rename_flow *rf);

static void rename_now(app *a, rename_flow *rf)
{
    char new_name[STORE_NAME_MAX];
    session_report r;
    diag_list d;
    diag_init(&d);
    if (session_rename(a->s, rf->name, rf->value, new_name, &r, &d) == SESSION_OK) {
        snprintf(rf->select, STORE_NAME_MAX, "%s", new_name);
        app_say(a, TERM_OK, "%s RPPS corrigé : %s devient %s.", term_symbol(TERM_SYM_OK), rf->name,
                new_name);
        free(rf);
    } else {
        refusal(&r, &d, rf->refused, sizeof rf->refused);
        ask_new_rpps(a, rf);
    }
    diag_free(&d);
}

static void new_key_confirmed(app *a, void *ctx, int answer, const void *value)
{
    (void)value;
    if (answer == 1)
        rename_now(a, ctx);
    else
        ask_new_rpps(a, ctx);
}

static void new_rpps_answered(app *a, void *ctx, int answer, const void *value)
{
    rename_flow *rf = ctx;
    if (value)
        rf->rpps = *(const field_t *)value;
    if (answer != 1) {
        free(rf);
        return;
    }
    field_get_text(&rf->rpps, rf->value, sizeof rf->value);
    rf->refused[0] = '\0';
    if (ident_check_rpps(rf->value) != IDENT_BAD_KEY) {
        rename_now(a, rf);
        return;
    }
    static const char *const b[] = {"Corriger", "Il est juste : le garder", NULL};
    char text[400];
    snprintf(text, sizeof text,
             "La clé du numéro RPPS %s est incorrecte : il est sans doute mal tapé. Il nommera "
             "la déclaration (il pourra encore être corrigé par r sur l'accueil).",
             rf->value);
    dialog_ask(a, rf->title, text, b, 0, new_key_confirmed, rf);
}

static void ask_new_rpps(app *a, rename_flow *rf)
{
    dialog_input(a, rf->title, "N° RPPS corrigé (11 chiffres) :", &rf->rpps, home_rpps_typed, NULL,
                 rf->refused, new_rpps_answered, rf);
}

void home_rename(app *a, const char *name, char *select)
{
    rename_flow *rf = calloc(1, sizeof *rf);
    const char *dash = strchr(name, '-');
    if (!rf || !home_rpps_field(&rf->rpps, dash ? dash + 1 : NULL, true)) {
        free(rf);
        return;
    }
    snprintf(rf->name, sizeof rf->name, "%s", name);
    snprintf(rf->title, sizeof rf->title, "Corriger le RPPS de %s", name);
    rf->select = select;
    ask_new_rpps(a, rf);
}

/* ---- the corbeille --------------------------------------------------------------------------- */

static void delete_answered(app *a, void *ctx, int answer, const void *value)
{
    (void)value;
    char *name = ctx;
    if (answer == 1) {
        char id[STORE_TRASH_ID_MAX], why[800];
        session_report r;
        diag_list d;
        diag_init(&d);
        if (session_delete(a->s, name, id, &r, &d) == SESSION_OK) {
            app_say(a, TERM_OK, "%s %s est dans la corbeille : t pour la restaurer.",
                    term_symbol(TERM_SYM_OK), name);
        } else {
            refusal(&r, &d, why, sizeof why);
            app_say(a, TERM_BAD, "%s %s n'est pas supprimée : %s.", term_symbol(TERM_SYM_BAD), name,
                    why);
        }
        diag_free(&d);
    }
    free(name);
}

void home_delete(app *a, const char *name, const char *who)
{
    char *ctx = strdup(name), shown[160], text[600];
    if (!ctx)
        return;
    text_sanitize(who && who[0] && who[0] != ' ' ? who : "sans nom", false, shown, sizeof shown);
    snprintf(text, sizeof text,
             "Mettre la déclaration %s (%s) à la corbeille ? Elle quitte l'accueil avec ses "
             "versions finalisées ; t (Corbeille) la restaure telle qu'elle était.",
             name, shown);
    static const char *const b[] = {"Annuler", "Mettre à la corbeille", NULL};
    dialog_ask(a, "Supprimer la déclaration", text, b, 0, delete_answered, ctx);
}

/* The corbeille's list, kept while the pick list borrows it. */
typedef struct {
    char *select; /* borrowed: the home's */
    field_option *options;
    char (*ids)[STORE_TRASH_ID_MAX];
    char (*labels)[200];
} trash_list;

static void trash_list_free(void *ctx)
{
    trash_list *t = ctx;
    if (t)
        free(t->options), free(t->ids), free(t->labels);
    free(t);
}

static void restore_answered(app *a, void *ctx, int answer, const void *value)
{
    trash_list *t = ctx;
    const char *id = answer == 1 && value ? field_get_choice(value) : NULL;
    if (id) {
        char name[STORE_NAME_MAX], why[800];
        session_report r;
        diag_list d;
        diag_init(&d);
        if (session_undelete(a->s, id, name, &r, &d) == SESSION_OK) {
            snprintf(t->select, STORE_NAME_MAX, "%s", name);
            app_say(a, TERM_OK, "%s La déclaration %s est restaurée.", term_symbol(TERM_SYM_OK),
                    name);
        } else {
            refusal(&r, &d, why, sizeof why);
            app_say(a, TERM_BAD, "%s Rien n'est restauré : %s.", term_symbol(TERM_SYM_BAD), why);
        }
        diag_free(&d);
    }
    trash_list_free(t);
}

void home_trash(app *a, char *select)
{
    session_trash_entry *v = NULL;
    size_t n = 0;
    diag_list d;
    diag_init(&d);
    bool whole = session_trash(a->s, &v, &n, &d);
    trash_list *t = calloc(1, sizeof *t);
    if (t && n) {
        t->options = calloc(n, sizeof *t->options);
        t->ids = calloc(n, sizeof *t->ids);
        t->labels = calloc(n, sizeof *t->labels);
    }
    if (!t || (n && (!t->options || !t->ids || !t->labels))) {
        app_say(a, TERM_BAD, "%s mémoire insuffisante", term_symbol(TERM_SYM_BAD));
    } else if (!n) {
        app_say(a, whole ? TERM_NORMAL : TERM_BAD, "%s %s",
                term_symbol(whole ? TERM_SYM_INFO : TERM_SYM_BAD),
                whole     ? "La corbeille est vide."
                : d.count ? d.items[0].message
                          : "corbeille illisible");
    } else {
        for (size_t i = 0; i < n; i++) { /* the latest deleted first */
            const session_trash_entry *e = &v[n - 1 - i];
            char who[160], raw[400];
            text_sanitize(e->who[0] ? e->who : "(sans nom)", false, who, sizeof who);
            const char *when = e->item.deleted; /* "2025-12-20 14:32:05" */
            if (strlen(when) >= 16)
                snprintf(raw, sizeof raw, "%s  %s  supprimée le %.2s/%.2s/%.4s à %.5s",
                         e->item.name, who, when + 8, when + 5, when, when + 11);
            else
                snprintf(raw, sizeof raw, "%s  %s", e->item.name, who);
            snprintf(t->ids[i], sizeof t->ids[i], "%s", e->item.id);
            text_sanitize(raw, false, t->labels[i], sizeof t->labels[i]);
            t->options[i] = (field_option){t->ids[i], t->labels[i]};
        }
        t->select = select;
        field_t f;
        field_init_choice(&f, t->options, n);
        if (!whole)
            app_say(a, TERM_WARN, "%s %s", term_symbol(TERM_SYM_WARN), d.items[0].message);
        dialog_pick(a, "Corbeille : Entrée restaure la déclaration choisie", &f, restore_answered,
                    t);
        t = NULL;
    }
    trash_list_free(t);
    free(v);
    diag_free(&d);
}
