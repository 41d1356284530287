/* edit: keys for the focused field; values given to the declaration through bind.c. */
#include "edit.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "bind.h"
#include "dialog.h"
#include "typing.h"

/* The pending edit of the focused field, made when focus arrives. A value kept with its reason
 * is being edited again: leaving the field gives the correction to the declaration. */
static form_pending *editing(form_t *f, const form_row *r, const field_t *fl)
{
    form_pending *p = form_pending_for(f, r->bind);
    if (p) {
        p->editing = true;
        return p;
    }
    if (f->npending == FORM_MAX_PENDING)
        return NULL;
    p = &f->pending[f->npending++];
    memset(p, 0, sizeof *p);
    p->bind = r->bind;
    p->field = *fl;
    p->before = *fl;
    p->editing = true;
    return p;
}

/* Gives a field's value to the declaration; keeps it pending with the reason when refused. */
static bool commit(app *a, binding b, const field_t *fl)
{
    form_t *f = &a->form;
    char err[256];
    if (bind_commit(a->doc, b, fl, err, sizeof err)) {
        form_pending_drop(f, b);
        return true;
    }
    form_pending *p = form_pending_for(f, b);
    if (!p && f->npending < FORM_MAX_PENDING) {
        p = &f->pending[f->npending++];
        memset(p, 0, sizeof *p);
        p->bind = b;
        p->before = *fl;
    }
    if (p) {
        p->field = *fl;
        p->editing = false;
        snprintf(p->error, sizeof p->error, "%s", err);
    }
    app_say(a, TERM_BAD, "%s %s", term_symbol(TERM_SYM_BAD), err);
    return false;
}

static bool leave(app *a)
{
    form_t *f = &a->form;
    form_row *r = form_focused(f);
    form_pending *p = r ? form_pending_for(f, r->bind) : NULL;
    if (!p || !p->editing || a->doc->read_only)
        return false;
    char now[2048], before[2048];
    field_get_text(&p->field, now, sizeof now);
    field_get_text(&p->before, before, sizeof before);
    if (!p->error[0] && strcmp(now, before) == 0) {
        form_pending_drop(f, r->bind); /* nothing typed: nothing to give */
        return false;
    }
    field_t value = p->field;
    return commit(a, r->bind, &value);
}

bool edit_leave(app *a)
{
    bool changed = leave(a);
    typing_sync(a); /* a value refused is kept with the declaration */
    return changed;
}

bool edit_leave_declaration(app *a)
{
    form_row *r = form_focused(&a->form);
    form_pending *p = r ? form_pending_for(&a->form, r->bind) : NULL;
    if (p && form_pending_untouched(p)) {
        typing_sync(a);
        return false;
    }
    return edit_leave(a);
}

static void say_refusal(app *a, const field_t *fl, field_result r)
{
    const char *why = field_refusal(fl, r);
    app_say(a, TERM_WARN, "%s %s", term_symbol(TERM_SYM_WARN), why[0] ? why : "touche refusée");
    beep();
}

/* A long list's type-ahead gives each match to the declaration at once, and keeps what was typed
 * so far, so that « méd » narrows to « Médecine générale » letter by letter. */
static edit_result commit_keeping_filter(app *a, form_row *r, const field_t *live)
{
    field_t typed = *live;
    if (!commit(a, r->bind, &typed))
        return EDIT_MOVED;
    form_pending *p = editing(&a->form, r, &typed);
    if (p)
        p->field = p->before = typed;
    return EDIT_CHANGED;
}

/* A text, date or number field, or a long list's type-ahead. */
static edit_result text_action(app *a, form_row *r, field_t *fl, wiz_action act, int key)
{
    if (!action_edits(act) && act != ACT_CANCEL)
        return EDIT_UNHANDLED;
    form_pending *p = editing(&a->form, r, fl);
    if (!p)
        return EDIT_UNHANDLED;
    field_t *live = &p->field;
    if (act == ACT_CANCEL) {
        *live = p->before;
        p->error[0] = '\0';
        return EDIT_MOVED;
    }
    size_t left_out = 0;
    field_result res = action_apply(live, act, key, a->paste, &left_out);
    if (act == ACT_PASTE && left_out)
        app_say(a, TERM_WARN, "%zu caractère%s du texte collé refusé%s", left_out,
                left_out > 1 ? "s" : "", left_out > 1 ? "s" : "");
    else if (res == FIELD_REFUSED || res == FIELD_FULL) {
        say_refusal(a, live, res);
        return EDIT_MOVED;
    }
    if (r->widget == WIDGET_LIST && res == FIELD_CHANGED && field_get_choice(live) &&
        !field_is_proposal(live))
        return commit_keeping_filter(a, r, live);
    return EDIT_MOVED;
}

/* A box, an answer or a few choices: the value is given at once. */
static edit_result choice_action(app *a, form_row *r, field_t *fl, wiz_action act)
{
    field_t v = *fl;
    if (r->widget == WIDGET_RADIO) {
        bool back = act == ACT_CHOICE_PREV;
        if (!back && act != ACT_CHOICE_NEXT && act != ACT_TOGGLE)
            return EDIT_UNHANDLED;
        size_t n = v.noptions, i = field_selected(&v);
        i = i == FIELD_NONE ? 0 : back ? (i + n - 1) % n : (i + 1) % n;
        field_set_choice(&v, v.options[i].id);
    } else if (act == ACT_TOGGLE) {
        field_act(&v, FIELD_ACT_TOGGLE);
    } else if (act == ACT_YES) {
        field_set_yesno(&v, DECL_YES);
    } else if (act == ACT_NO) {
        field_set_yesno(&v, DECL_NO);
    } else if (act == ACT_UNSET) {
        field_set_yesno(&v, DECL_UNSET);
    } else {
        return EDIT_UNHANDLED;
    }
    if (r->widget == WIDGET_CHECKBOX && field_get_yesno(&v) == DECL_NO)
        field_set_yesno(&v, DECL_UNSET); /* a box is ticked or not */
    return commit(a, r->bind, &v) ? EDIT_CHANGED : EDIT_MOVED;
}

/* A student removed: the edits pending for the students after it follow them to their new
 * place, and those of the student removed go with it. */
static void student_removed(form_t *f, binding removed)
{
    for (size_t i = 0; i < f->npending;) {
        binding *b = &f->pending[i].bind;
        if (!bind_follow_removed(b, removed)) {
            form_pending_drop(f, *b); /* the last one comes here: look at it again */
            continue;
        }
        i++;
    }
}

static edit_result press(app *a, form_row *r)
{
    char err[256];
    if (r->bind.kind == BIND_TRANSMIT)
        return EDIT_TRANSMIT;
    binding b = r->bind;
    if (bind_press(a->doc, b, err, sizeof err)) {
        if (b.kind == BIND_STUDENT_REMOVE) {
            student_removed(&a->form, b);
            typing_student_removed(a, b);
        }
        return EDIT_CHANGED;
    }
    app_say(a, TERM_BAD, "%s %s", term_symbol(TERM_SYM_BAD), err);
    return EDIT_MOVED;
}

keymap_stack edit_keys(app *a)
{
    form_row *r = form_focused(&a->form);
    if (!r)
        return KEYS_ON_FORM;
    switch (r->widget) {
    case WIDGET_TEXT: return KEYS_ON_TEXT;
    case WIDGET_LIST: return KEYS_ON_CHOICE;
    case WIDGET_CHECKBOX:
    case WIDGET_YESNO:
    case WIDGET_RADIO: return KEYS_ON_CHECK;
    default: return KEYS_ON_FORM;
    }
}

/* A long list opened: what the choice made there is given to, and who hears of it. */
typedef struct {
    binding b; /* the rows are rebuilt while the list is open: what is needed of the row */
    void (*done)(app *a, bool changed);
} pick_flow;

static void pick_answered(app *a, void *ctx, int answer, const void *value)
{
    pick_flow *p = ctx;
    field_t v;
    bool change = false;
    if (answer == 1 && value) {
        v = *(const field_t *)value;
        field_set_choice(&v, field_get_choice(&v)); /* the entry Enter took is chosen */
        change = commit(a, p->b, &v);
    }
    void (*done)(app *, bool) = p->done;
    free(p);
    if (done)
        done(a, change);
}

void edit_pick(app *a, void (*done)(app *a, bool changed))
{
    form_row *r = form_focused(&a->form);
    field_t *fl = r && r->widget == WIDGET_LIST ? form_row_field(&a->form, r) : NULL;
    pick_flow *p = fl ? malloc(sizeof *p) : NULL;
    if (!p)
        return;
    *p = (pick_flow){r->bind, done};
    char title[256];
    snprintf(title, sizeof title, "%s", r->text);
    dialog_pick(a, title, fl, pick_answered, p);
}

edit_result edit_action(app *a, wiz_action act, int key)
{
    form_t *f = &a->form;
    form_row *r = form_focused(f);
    if (!r || act == ACT_NONE)
        return EDIT_UNHANDLED;
    if (r->widget == WIDGET_BUTTON)
        return act == ACT_ENTER ? press(a, r) : EDIT_UNHANDLED;
    bool edits = action_edits(act) || (act >= ACT_TOGGLE && act <= ACT_CHOICE_NEXT);
    if (a->doc->read_only) {
        if (edits)
            app_say(a, TERM_WARN, "%s Lecture seule : rien ne peut être modifié.",
                    term_symbol(TERM_SYM_WARN));
        return edits ? EDIT_MOVED : EDIT_UNHANDLED;
    }
    field_t *fl = form_row_field(f, r);
    if (r->widget == WIDGET_LIST && act == ACT_ENTER)
        return EDIT_PICK;
    if (r->widget == WIDGET_TEXT || r->widget == WIDGET_LIST)
        return text_action(a, r, fl, act, key);
    return choice_action(a, r, fl, act);
}
