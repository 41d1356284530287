/* declaration: the screen of an open declaration: keys to the focused field first, then to the
 * actions of the table; every change judged again and fed to the autosaver. Saving, leaving and
 * finalising a version are decided here, never in a field's key handler, and carried out by the
 * loop: each write is a step the key handler defers, or the answer of a dialog. */
#include "declaration.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "bind.h"
#include "dialog.h"
#include "edit.h"
#include "frame.h"
#include "fsdecl/text.h"
#include "tabs.h"
#include "typing.h"

static const screen_ops decl_ops;

static void changed(app *a)
{
    session_changed(a->doc, app_now_ms(a));
    a->message[0] = '\0';
    int v = a->doc->decl->recommit; /* this change unticked the attestation: said once */
    if (v && v != a->recommit_said) {
        char why[256];
        tabs_recommit_words(v, true, why, sizeof why);
        app_say(a, TERM_WARN, "%s %s", term_symbol(TERM_SYM_WARN), why);
    }
    a->recommit_said = v;
}

static void go_to_tab(app *a, int tab);

static void move_focus(app *a, int step)
{
    form_t *f = &a->form;
    if (edit_leave(a)) {
        changed(a);
        tabs_build(a); /* the value given may show or hide rows */
    }
    int next = form_next_focusable(f, f->focus, step);
    if (next >= 0) {
        form_focus_row(f, next);
    } else if (f->focus >= 0 && step > 0 && a->tab + 1 < a->ntabs) {
        go_to_tab(a, a->tab + 1); /* past the last field: the next tab */
    } else if (f->focus >= 0 && step < 0 && a->tab > 0) {
        go_to_tab(a, a->tab - 1); /* before the first: the previous tab, on its last field */
        form_focus_row(f, form_next_focusable(f, (int)f->nrows, -1));
    } else {
        f->scroll += step; /* nothing to focus, or no tab beyond: the view scrolls */
        f->scroll = f->scroll < 0 ? 0 : f->scroll;
    }
}

static void go_to_tab(app *a, int tab)
{
    if (tab < 0 || tab >= a->ntabs || tab == a->tab)
        return;
    if (edit_leave(a))
        changed(a);
    a->tab = tab;
    memset(&a->form.focus_bind, 0, sizeof a->form.focus_bind);
    a->form.focus_anchor = NULL;
    a->form.focus = -1;
    a->form.scroll = 0;
    tabs_build(a);
    form_focus_row(&a->form, form_next_focusable(&a->form, -1, 1));
}

/* The tab showing indicator id, focused on its first field. */
/* Goes to the field that fixes what is missing: the indicator's first field, the proof's own
 * state, or the first unticked box of the attestation (the tab before the recap). */
static void jump_to(app *a, const eval_missing *m)
{
    if (m->kind == EVAL_MISSING_ATTESTATION) {
        go_to_tab(a, a->ntabs - 2);
        bool accuracy = a->doc->decl->attestation.accuracy;
        form_focus_binding(&a->form,
                           (binding){accuracy ? BIND_KEEP_PROOFS : BIND_ACCURACY, NULL, 0});
        return;
    }
    const rules_indicator *ind = m->ind;
    for (int t = 0; ind && t < a->ntabs; t++)
        if (a->tab_index[t] == ind->volet && t > 0 && t < a->ntabs - 2) {
            go_to_tab(a, t);
            bool found = false;
            if (m->kind == EVAL_MISSING_PROOF)
                found = form_focus_binding(
                    &a->form, (binding){BIND_PROOF_STATE, ind, (int)(m->doc - ind->documents)});
            if (!found)
                found = form_focus_anchor(&a->form, ind->id);
            if (found)
                form_show_block(&a->form);
            return;
        }
}

/* F1: the focused indicator's help from the rules and its sources, then the keys. */
static char *decl_help(app *a, screen *sc, char *title, size_t size)
{
    (void)sc;
    form_row *r = form_focused(&a->form);
    const rules_indicator *ind =
        r && r->anchor ? rules_find_indicator(a->doc->rules, r->anchor) : NULL;
    char *text = malloc(16384);
    if (!text)
        return NULL;
    size_t n = 0;
    if (ind) {
        n += (size_t)snprintf(text + n, 16384 - n, "%s\n\n%s\n\nSources :", ind->label, ind->help);
        for (size_t i = 0; i < ind->sources.count && n < 15000; i++)
            n += (size_t)snprintf(text + n, 16384 - n, "\n- %s, %s%s", ind->sources.items[i].file,
                                  ind->sources.items[i].section,
                                  ind->sources.items[i].inferred ? " (déduit)" : "");
        n += (size_t)snprintf(text + n, 16384 - n, "\n\n");
    }
    const char *about = !ind && r ? bind_help(r->bind) : NULL; /* an identity field's */
    if (about)
        n += (size_t)snprintf(text + n, 16384 - n, "%s\n\n%s\n\n", r->text, about);
    char lines[96][160];
    size_t k = keymap_help_lines(lines, 96);
    n += (size_t)snprintf(text + n, 16384 - n, "Touches :");
    for (size_t i = 0; i < k && n < 16000; i++)
        n += (size_t)snprintf(text + n, 16384 - n, "\n%s", lines[i]);
    snprintf(title, size, "%s", ind ? "Aide de l'indicateur" : about ? "Aide du champ" : "Aide");
    return text;
}

/* The recap as PDF in the user's folder; the status line says where, or why not. A step. */
static void write_pdf(app *a, void *unused)
{
    (void)unused;
    char path[4200];
    diag_list d;
    diag_init(&d);
    if (edit_leave(a))
        changed(a);
    const char *home = getenv("HOME");
    size_t hl = home ? strlen(home) : 0;
    if (session_write_pdf(a->doc, RECAP_PDF_RECAP, path, sizeof path, &d))
        app_say(a, TERM_OK, "%s Récapitulatif écrit : %s%s", term_symbol(TERM_SYM_OK),
                hl && strncmp(path, home, hl) == 0 && path[hl] == '/' ? "~" : "",
                hl && strncmp(path, home, hl) == 0 && path[hl] == '/' ? path + hl : path);
    else
        app_say(a, TERM_BAD, "%s PDF impossible : %s : %s", term_symbol(TERM_SYM_BAD),
                d.count ? d.items[0].file : path, d.count ? d.items[0].message : "erreur");
    diag_free(&d);
}

/* ---- a finalised version -------------------------------------------------------------------- */

static const char *const close_button[] = {"Fermer", NULL};

/* Says why no version can be finalised now, in a box. */
static void refuse(app *a, const session_report *r, const diag_list *d)
{
    char text[1024];
    char *why = session_explain(r);
    snprintf(text, sizeof text, "Aucune version n'a été finalisée : %s%s%s", why ? why : "erreur",
             d && d->count ? ". " : ".", d && d->count ? d->items[0].message : "");
    free(why);
    dialog_ask(a, "Version non finalisée", text, close_button, 0, NULL, NULL);
}

/* The version's box read: the declaration changed (it has a version more). */
static void finalised_read(app *a, void *ctx, int answer, const void *value)
{
    (void)ctx, (void)answer, (void)value;
    changed(a);
}

/* Confirmed: the typing not validated effaced if it was to be, then the version finalised
 * (numbered, dated, kept on this computer), and what to do next said: fsdecl sends nothing. */
static void finalise_confirmed(app *a, bool efface, int answer)
{
    if (answer != 0)
        return;
    if (efface) {
        typing_drop_all(a);
        tabs_build(a);
    }
    int version;
    store_version info;
    session_report r;
    diag_list d;
    diag_init(&d);
    session_outcome o = session_transmit(a->doc, &version, &info, &r, &d);
    if (o != SESSION_OK) {
        refuse(a, &r, &d);
        diag_free(&d);
        return;
    }
    diag_free(&d);
    app_clock_hhmm(a->saved_at, sizeof a->saved_at);
    char text[1600], when[64], how[600];
    date_stamp_fr(info.date, when, sizeof when);
    recap_declare_words(a->doc->rules, how, sizeof how);
    snprintf(text, sizeof text, "Version %d finalisée le %s, gardée sur cet ordinateur.\n\n%s",
             version, when, how);
    app_say(a, TERM_OK,
            "%s Version %d finalisée : à déclarer sur Amelipro ou par le formulaire "
            "papier.",
            term_symbol(TERM_SYM_OK), version);
    dialog_ask(a, "Version finalisée", text, close_button, 0, finalised_read, NULL);
}

static void confirmed_keeping(app *a, void *ctx, int answer, const void *value)
{
    (void)ctx, (void)value;
    finalise_confirmed(a, false, answer);
}

static void confirmed_effacing(app *a, void *ctx, int answer, const void *value)
{
    (void)ctx, (void)value;
    finalise_confirmed(a, true, answer);
}

/* Asks to confirm a version of the declaration as it is; efface: the typing not validated goes
 * first. */
static void ask_finalise(app *a, bool efface)
{
    static const char *const confirm[] = {"Finaliser", "Annuler", NULL};
    char text[1600], lo[48], hi[48];
    const eval_result *e = session_judge(a->doc);
    text_money(e ? e->min_cents : 0, lo, sizeof lo);
    text_money(e ? e->max_cents : 0, hi, sizeof hi);
    snprintf(text, sizeof text,
             "Finaliser une version de cette déclaration (%s%s%s) ? Elle sera numérotée, datée et "
             "gardée sur cet ordinateur ; fsdecl n'envoie rien à l'Assurance Maladie. %s Vous "
             "pourrez la modifier et finaliser une nouvelle version jusqu'à la clôture.",
             lo, e && e->min_cents != e->max_cents ? " à " : "",
             e && e->min_cents != e->max_cents ? hi : "",
             e && e->nblocking ? "Elle est incomplète : la version le sera aussi."
                               : "Elle est complète.");
    dialog_ask(a, "Finaliser une version", text, confirm, 0,
               efface ? confirmed_effacing : confirmed_keeping, NULL);
}

static void efface_answered(app *a, void *ctx, int answer, const void *value)
{
    (void)ctx, (void)value;
    if (answer == 0)
        ask_finalise(a, true);
}

/* The « Finaliser une version » button: typing (refused, or hidden since by another answer) is
 * not in the declaration: effaced only when nothing else stops the version, and once it is
 * confirmed. */
static void finalise(app *a)
{
    session_report r;
    session_outcome first = session_transmit_check(a->doc, &r);
    if (first != SESSION_OK && first != SESSION_TYPING_PENDING) {
        refuse(a, &r, NULL); /* said before anything is asked */
        return;
    }
    if (first != SESSION_TYPING_PENDING) {
        ask_finalise(a, false);
        return;
    }
    static const char *const drop[] = {"Les effacer et continuer", "Annuler", NULL};
    char text[1600], list[600];
    typing_list_fr(a, list, sizeof list);
    snprintf(text, sizeof text,
             "Des saisies ne sont pas validées et ne font pas partie de la déclaration : %s. "
             "Corrigez-les dans leur champ, ou effacez-les pour finaliser la version sans elles.",
             list);
    dialog_ask(a, "Saisies non validées", text, drop, 1, efface_answered, NULL);
}

/* ---- saving and leaving ---------------------------------------------------------------------- */

static bool save(app *a)
{
    edit_leave(a);
    diag_list d;
    diag_init(&d);
    bool ok = session_save(a->doc, &d);
    if (ok) {
        app_clock_hhmm(a->saved_at, sizeof a->saved_at);
        a->autosaved_at[0] = '\0';
        app_say(a, TERM_OK, "%s Brouillon enregistré à %s.", term_symbol(TERM_SYM_OK), a->saved_at);
    } else {
        app_say(a, TERM_BAD, "%s Enregistrement impossible : %s", term_symbol(TERM_SYM_BAD),
                d.count ? d.items[0].message : "erreur");
    }
    diag_free(&d);
    return ok;
}

/* F2, as a step. */
static void save_step(app *a, void *unused)
{
    (void)unused;
    save(a);
}

/* The declaration's screen is left: popped once the step or answer that decided it is over. */
static void leave(app *a)
{
    screen *top = app_top(a);
    if (top && top->ops == &decl_ops)
        top->closing = true;
}

/* Nothing unsaved: leaving; an autosave of this opening may hold typing undone since: it goes. */
static void leave_saved(app *a)
{
    if (a->doc->autosaved) { /* never a recovery this opening did not write */
        diag_list d;
        diag_init(&d);
        session_abandon(a->doc, &d);
        diag_free(&d);
    }
    leave(a);
}

static void unsaved_answered(app *a, void *ctx, int choice, const void *value)
{
    (void)ctx, (void)value;
    if (choice == 0) {
        if (save(a))
            leave(a);
    } else if (choice == 1) {
        diag_list d;
        diag_init(&d);
        session_abandon(a->doc, &d);
        diag_free(&d);
        leave(a);
    }
}

/* The changes not saved: saved, dropped, or the declaration kept open. */
static void leave_unsaved(app *a)
{
    if (!session_unsaved(a->doc)) {
        leave_saved(a);
        return;
    }
    static const char *const buttons[] = {"Enregistrer", "Ne pas enregistrer", "Annuler", NULL};
    dialog_ask(a, "Quitter", "La déclaration a des modifications non enregistrées.", buttons, 0,
               unsaved_answered, NULL);
}

static void typing_lost_answered(app *a, void *ctx, int answer, const void *value)
{
    (void)ctx, (void)value;
    if (answer == 0)
        leave_unsaved(a);
}

/* F10, as a step: typing past what the declaration keeps is lost by leaving it, never without
 * asking; then the changes not saved. */
static void leave_step(app *a, void *unused)
{
    (void)unused;
    edit_leave_declaration(a);
    if (a->doc->read_only) {
        leave(a);
        return;
    }
    if (!a->typing_left_out) {
        leave_unsaved(a);
        return;
    }
    static const char *const buttons[] = {"Quitter quand même", "Annuler", NULL};
    size_t n = a->typing_left_out;
    char text[256];
    snprintf(text, sizeof text,
             n > 1 ? "%zu saisies non validées au-delà de %d ne peuvent pas être gardées : elles "
                     "seront perdues en quittant."
                   : "%zu saisie non validée au-delà de %d ne peut pas être gardée : elle sera "
                     "perdue en quittant.",
             n, DECL_MAX_TYPING);
    dialog_ask(a, "Quitter", text, buttons, 1, typing_lost_answered, NULL);
}

/* SIGTERM, SIGHUP: what was typed is saved, then the program leaves. A step. */
static void leave_on_signal(app *a, void *unused)
{
    (void)unused;
    edit_leave_declaration(a);
    diag_list d;
    diag_init(&d);
    if (!a->doc->read_only && session_unsaved(a->doc))
        session_save(a->doc, &d);
    else if (!a->doc->read_only && a->doc->autosaved)
        session_abandon(a->doc, &d); /* an autosave of typing undone since */
    diag_free(&d);
}

/* ---- the screen ------------------------------------------------------------------------------ */

static void missing_chosen(app *a, void *ctx, int answer, const void *value)
{
    (void)ctx;
    if (answer == 1 && value)
        jump_to(a, value);
}

static void picked(app *a, bool change)
{
    if (change)
        changed(a);
}

/* An action of the table. */
static unsigned act(app *a, wiz_action act, int key)
{
    switch (act) {
    case ACT_NEXT: move_focus(a, 1); break;
    case ACT_PREV: move_focus(a, -1); break;
    case ACT_NEXT_TAB: go_to_tab(a, (a->tab + 1) % a->ntabs); break;
    case ACT_PREV_TAB: go_to_tab(a, (a->tab + a->ntabs - 1) % a->ntabs); break;
    case ACT_GOTO_TAB: go_to_tab(a, (key & ~KEYS_ALT_FLAG) - '1'); break;
    case ACT_SAVE: app_defer(a, save_step, NULL); break;
    case ACT_HELP: dialog_help(a, app_top(a)); break;
    case ACT_MISSING:
        if (edit_leave(a))
            changed(a);
        dialog_missing(a, missing_chosen, NULL);
        break;
    case ACT_PDF: app_defer(a, write_pdf, NULL); break;
    case ACT_QUIT:
    case ACT_INTERRUPT: app_defer(a, leave_step, NULL); break;
    case ACT_ENTER: move_focus(a, 1); break;
    case ACT_CANCEL: break; /* nothing being typed */
    default: return SCREEN_UNHANDLED;
    }
    return SCREEN_HANDLED;
}

static keymap_stack decl_keys(app *a, screen *s)
{
    (void)s;
    return edit_keys(a); /* on the rows the frame was drawn from: the focused field's first */
}

static unsigned decl_key(app *a, screen *s, int key, wiz_action action)
{
    (void)s;
    if (key == APP_KEY_EXIT || key == APP_KEY_END) {
        if (key == APP_KEY_EXIT)
            app_defer(a, leave_on_signal, NULL);
        return SCREEN_QUIT;
    }
    edit_result r = edit_action(a, action, key);
    if (r == EDIT_TRANSMIT) /* the button asks: the declaration finalises, not the field */
        finalise(a);
    else if (r == EDIT_PICK)
        edit_pick(a, picked);
    else if (r == EDIT_CHANGED)
        changed(a);
    if (r != EDIT_UNHANDLED)
        return SCREEN_HANDLED;
    if (action == ACT_NONE)
        return SCREEN_UNHANDLED;
    return act(a, action, key);
}

/* What the last key typed is kept by the next autosave. */
static void decl_sync(app *a, screen *s)
{
    (void)s;
    typing_sync(a);
}

static void decl_draw(app *a, screen *s)
{
    (void)s;
    frame_draw(a);
}

/* The declaration left (or the program): closed, its typing and rows forgotten. */
static void decl_release(app *a, screen *s)
{
    (void)s;
    typing_forget(a);
    form_free(&a->form);
    a->message[0] = '\0'; /* what was said was about the declaration left */
    session_close(a->doc);
    a->doc = NULL;
}

static const screen_ops decl_ops = {
    .draw = decl_draw,
    .keys = decl_keys,
    .key = decl_key,
    .sync = decl_sync,
    .help = decl_help,
    .release = decl_release,
};

void declaration_open(app *a, session_doc *doc, const session_report *r)
{
    screen *s = calloc(1, sizeof *s);
    if (!s) {
        session_close(doc);
        app_say(a, TERM_BAD, "%s Mémoire insuffisante.", term_symbol(TERM_SYM_BAD));
        return;
    }
    s->ops = &decl_ops;
    a->doc = doc;
    a->saved_at[0] = '\0';
    a->recommit_said = 0;
    form_reset(&a->form);
    a->form.focus = -1;
    if (doc->read_only && r->outcome == SESSION_READ_ONLY) { /* the user's own choice */
        app_say(a, TERM_WARN, "%s Lecture seule, comme demandé : rien n'y sera modifié.",
                term_symbol(TERM_SYM_WARN));
    } else if (doc->read_only) {
        char *why = session_explain(r);
        app_say(a, TERM_WARN, "%s Lecture seule : %s.", term_symbol(TERM_SYM_WARN), why ? why : "");
        free(why);
    } else {
        a->message[0] = '\0';
    }
    tabs_setup(a);
    typing_restore(a);
    tabs_build(a);
    form_focus_row(&a->form, form_next_focusable(&a->form, -1, 1));
    app_push(a, s, NULL, NULL, NULL);
}
