/* declaration: the loop of an open declaration: keys to the focused field first, then to the
 * actions of the table; every change judged again and fed to the autosaver. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "dialog.h"
#include "edit.h"
#include "fsdecl/text.h"
#include "typing.h"

static void changed(app *a)
{
    session_changed(a->doc, app_now_ms(a));
    a->message[0] = '\0';
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
static void jump_to(app *a, const char *id)
{
    const rules_indicator *ind = rules_find_indicator(a->doc->rules, id);
    for (int t = 0; ind && t < a->ntabs; t++)
        if (a->tab_index[t] == ind->volet && t > 0 && t < a->ntabs - 2) {
            go_to_tab(a, t);
            if (form_focus_anchor(&a->form, id))
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
    char lines[96][160];
    size_t k = keymap_help_lines(lines, 96);
    n += (size_t)snprintf(text + n, 16384 - n, "Touches :");
    for (size_t i = 0; i < k && n < 16000; i++)
        n += (size_t)snprintf(text + n, 16384 - n, "\n%s", lines[i]);
    dialog_text(a, ind ? "Aide de l'indicateur" : "Aide", text);
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

/* An action of the table; false when the user leaves the declaration. */
static bool act(app *a, wiz_action act, int key)
{
    switch (act) {
    case ACT_NEXT: move_focus(a, 1); break;
    case ACT_PREV: move_focus(a, -1); break;
    case ACT_NEXT_TAB: go_to_tab(a, (a->tab + 1) % a->ntabs); break;
    case ACT_PREV_TAB: go_to_tab(a, (a->tab + a->ntabs - 1) % a->ntabs); break;
    case ACT_GOTO_TAB: go_to_tab(a, (key & ~KEYS_ALT_FLAG) - '1'); break;
    case ACT_SAVE: app_save(a); break;
    case ACT_HELP: help(a); break;
    case ACT_MISSING: {
        if (edit_leave(a))
            changed(a);
        const char *id = dialog_missing(a);
        if (id)
            jump_to(a, id);
        break;
    }
    case ACT_PDF: write_pdf(a); break;
    case ACT_QUIT:
    case ACT_INTERRUPT: return !app_confirm_leave(a);
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

void app_run_declaration(app *a)
{
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
