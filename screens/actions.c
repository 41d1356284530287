/* actions: the action table and what is generated from it. */
#include "actions.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "fsdecl/text.h"

#define ACT_INFO(constant, keys, shown, label, help, where, footer)                                \
    {constant, ACT_KEYS keys, shown, label, help, where, footer},
static const action_info ACTIONS[] = {WIZ_ACTIONS(ACT_INFO)};
#undef ACT_INFO
_Static_assert(sizeof ACTIONS / sizeof ACTIONS[0] == ACT_NONE, "action table");

const action_info *action_info_of(wiz_action a)
{
    return a < ACT_NONE ? &ACTIONS[a] : NULL;
}

wiz_action action_for_key(int key, unsigned where)
{
    for (size_t i = 0; i < ACT_NONE; i++) {
        if (!(ACTIONS[i].where & where))
            continue;
        for (size_t k = 0; k < 6 && ACTIONS[i].keys[k]; k++)
            if (ACTIONS[i].keys[k] == key)
                return ACTIONS[i].id;
    }
    return ACT_NONE;
}

void action_footer(unsigned where, int width, char *buf, size_t size)
{
    buf[0] = '\0';
    size_t used = 0;
    for (size_t i = 0; i < ACT_NONE; i++) {
        if (!ACTIONS[i].footer || !(ACTIONS[i].where & where))
            continue;
        char item[96];
        snprintf(item, sizeof item, "%s%s %s", buf[0] ? "  " : "", ACTIONS[i].shown,
                 ACTIONS[i].label);
        size_t w = text_width(item);
        if ((int)(used + w) > width || strlen(buf) + strlen(item) + 1 > size)
            break;
        strcat(buf, item);
        used += w;
    }
}

void action_hint(const wiz_action *acts, size_t n, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && used < size; i++) {
        const action_info *a = action_info_of(acts[i]);
        int k = snprintf(buf + used, size - used, "%s%s %s", i ? " · " : " ", a->shown, a->label);
        used += k > 0 ? (size_t)k : 0;
    }
    if (used + 1 < size)
        strcat(buf, " ");
}

size_t action_help_lines(char lines[][160], size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < ACT_NONE && n < max; i++) {
        const action_info *a = &ACTIONS[i];
        const char *where = a->where == CTX_HOME    ? " (accueil)"
                            : a->where == CTX_FIELD ? " (dans un champ)"
                                                    : "";
        int pad = 14 - (int)text_width(a->shown);
        snprintf(lines[n++], 160, "%s%*s %s%s : %s", a->shown, pad > 0 ? pad : 0, "", a->label,
                 where, a->help);
    }
    return n;
}
