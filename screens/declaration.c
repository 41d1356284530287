/* declaration: the loop of an open declaration: keys to the focused field first, then to the
 * actions of the table; every change judged again and fed to the autosaver. Saving, leaving and
 * transmitting are decided here, never in a field's key handler. */
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
static void help(app *a)
{
    form_row *r = form_focused(&a->form);
    const rules_indicator *ind =
        r && r->anchor ? rules_find_indicator(a->doc->rules, r->anchor) : NULL;
    char *text = malloc(16384);
    if (!text)
        return;
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
    dialog_text(a, ind ? "Aide de l'indicateur" : about ? "Aide du champ" : "Aide", text);
    free(text);
}

/* The recap as PDF in the user's folder; the status line says where, or why not. */
static void write_pdf(app *a)
{
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

/* Says why no version can be finalised now, in a box. */
static void refuse(app *a, const session_report *r, const diag_list *d)
{
    static const char *const ok[] = {"Fermer", NULL};
    char text[1024];
    char *why = session_explain(r);
    snprintf(text, sizeof text, "Aucune version n'a été finalisée : %s%s%s", why ? why : "erreur",
             d && d->count ? ". " : ".", d && d->count ? d->items[0].message : "");
    free(why);
    dialog_ask(a, "Version non finalisée", text, ok, 0);
}

/* Confirms, finalises a version (numbered, dated, kept on this computer) and says what to do next:
 * fsdecl sends nothing. True when a version was made. */
static bool transmit(app *a)
{
    static const char *const confirm[] = {"Finaliser", "Annuler", NULL};
    static const char *const ok[] = {"Fermer", NULL};
    static const char *const drop[] = {"Les effacer et continuer", "Annuler", NULL};
    char text[1600], lo[48], hi[48];
    session_report r;
    /* typing (refused, or hidden since by another answer) is not in the declaration: effaced only
     * when nothing else stops the version, and once it is confirmed */
    session_outcome first = session_transmit_check(a->doc, &r);
    if (first != SESSION_OK && first != SESSION_TYPING_PENDING) {
        refuse(a, &r, NULL); /* said before anything is asked */
        return false;
    }
    bool efface = first == SESSION_TYPING_PENDING;
    if (efface) {
        char list[600];
        typing_list_fr(a, list, sizeof list);
        snprintf(
            text, sizeof text,
            "Des saisies ne sont pas validées et ne font pas partie de la déclaration : %s. "
            "Corrigez-les dans leur champ, ou effacez-les pour finaliser la version sans elles.",
            list);
        if (dialog_ask(a, "Saisies non validées", text, drop, 1) != 0)
            return false;
    }
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
    if (dialog_ask(a, "Finaliser une version", text, confirm, 0) != 0)
        return false;
    if (efface) {
        typing_drop_all(a);
        tabs_build(a);
    }
    int version;
    store_version info;
    diag_list d;
    diag_init(&d);
    session_outcome o = session_transmit(a->doc, &version, &info, &r, &d);
    if (o != SESSION_OK) {
        refuse(a, &r, &d);
        diag_free(&d);
        return false;
    }
    diag_free(&d);
    app_clock_hhmm(a->saved_at, sizeof a->saved_at);
    char when[64], how[600];
    date_stamp_fr(info.date, when, sizeof when);
    recap_declare_words(a->doc->rules, how, sizeof how);
    snprintf(text, sizeof text, "Version %d finalisée le %s, gardée sur cet ordinateur.\n\n%s",
             version, when, how);
    app_say(a, TERM_OK,
            "%s Version %d finalisée : à déclarer sur Amelipro ou par le formulaire "
            "papier.",
            term_symbol(TERM_SYM_OK), version);
    dialog_ask(a, "Version finalisée", text, ok, 0);
    return true;
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

/* Nothing unsaved, but an autosave of this opening may hold typing undone since: it goes. */
static void drop_stale_autosave(app *a)
{
    diag_list d;
    diag_init(&d);
    session_abandon(a->doc, &d);
    diag_free(&d);
}

/* Typing past what the declaration keeps is lost by leaving it: never without asking. */
static bool confirm_typing_lost(app *a)
{
    static const char *const buttons[] = {"Quitter quand même", "Annuler", NULL};
    size_t n = a->typing_left_out;
    char text[256];
    snprintf(text, sizeof text,
             n > 1 ? "%zu saisies non validées au-delà de %d ne peuvent pas être gardées : elles "
                     "seront perdues en quittant."
                   : "%zu saisie non validée au-delà de %d ne peut pas être gardée : elle sera "
                     "perdue en quittant.",
             n, DECL_MAX_TYPING);
    return dialog_ask(a, "Quitter", text, buttons, 1) == 0;
}

static bool confirm_leave(app *a)
{
    edit_leave_declaration(a);
    if (a->doc->read_only)
        return true;
    if (a->typing_left_out && !confirm_typing_lost(a))
        return false;
    if (!session_unsaved(a->doc)) {
        if (a->doc->autosaved) /* never a recovery this opening did not write */
            drop_stale_autosave(a);
        return true;
    }
    static const char *const buttons[] = {"Enregistrer", "Ne pas enregistrer", "Annuler", NULL};
    int choice = dialog_ask(a, "Quitter", "La déclaration a des modifications non enregistrées.",
                            buttons, 0);
    if (choice == 0)
        return save(a);
    if (choice == 1) {
        diag_list d;
        diag_init(&d);
        session_abandon(a->doc, &d);
        diag_free(&d);
        return true;
    }
    return false;
}

/* An action of the table; false when the user leaves the declaration. */
static bool act(app *a, wiz_action act, int key)
{
    switch (act) {
    case ACT_NEXT: move_focus(a, 1); break;
    case ACT_PREV: move_focus(a, -1); break;
    case ACT_NEXT_TAB: go_to_tab(a, (a->tab + 1) % a->ntabs); break;
    case ACT_PREV_TAB: go_to_tab(a, (a->tab + a->ntabs - 1) % a->ntabs); break;
    case ACT_GOTO_TAB: go_to_tab(a, (key & ~KEYS_ALT_FLAG) - '1'); break;
    case ACT_SAVE: save(a); break;
    case ACT_HELP: help(a); break;
    case ACT_MISSING: {
        if (edit_leave(a))
            changed(a);
        eval_missing m;
        if (dialog_missing(a, &m))
            jump_to(a, &m);
        break;
    }
    case ACT_PDF: write_pdf(a); break;
    case ACT_QUIT:
    case ACT_INTERRUPT: return !confirm_leave(a);
    case ACT_ENTER: move_focus(a, 1); break;
    case ACT_CANCEL: break; /* nothing being typed */
    default: app_no_effect(a, key); break;
    }
    return true;
}

/* SIGTERM, SIGHUP: what was typed is saved, then the program leaves. */
static void leave_on_signal(app *a)
{
    edit_leave_declaration(a);
    diag_list d;
    diag_init(&d);
    if (!a->doc->read_only && session_unsaved(a->doc))
        session_save(a->doc, &d);
    else if (!a->doc->read_only && a->doc->autosaved)
        session_abandon(a->doc, &d); /* an autosave of typing undone since */
    diag_free(&d);
}

void declaration_run(app *a)
{
    a->draw = frame_draw;
    tabs_setup(a);
    typing_restore(a);
    tabs_build(a);
    form_focus_row(&a->form, form_next_focusable(&a->form, -1, 1));
    for (;;) {
        typing_sync(a); /* what the last key typed is kept by the next autosave */
        int key = app_next_key(a);
        if (key == APP_KEY_EXIT || key == APP_KEY_END) {
            if (key == APP_KEY_EXIT)
                leave_on_signal(a);
            a->quit = true;
            return;
        }
        /* on the rows the frame was drawn from: the focused field's keys, then the declaration's */
        wiz_action action = keymap_resolve(edit_keys(a), key);
        edit_result r = edit_action(a, action, key);
        if (r == EDIT_TRANSMIT) /* the button asks: the declaration transmits, not the field */
            r = transmit(a) ? EDIT_CHANGED : EDIT_MOVED;
        if (r == EDIT_CHANGED)
            changed(a);
        if (r != EDIT_UNHANDLED)
            continue;
        if (action == ACT_NONE)
            app_no_effect(a, key);
        else if (!act(a, action, key))
            return;
    }
}
