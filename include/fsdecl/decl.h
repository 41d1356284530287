/* decl: one physician's declaration for one campaign, as the draft file holds it.
 *
 * The file format (libconfig, documented key by key in docs/draft-format.md) is a public
 * interface: other programs write and read it. Everything a decl_t points to is owned by its
 * arena. Reading never judges the answers against a campaign: that is eval's job. */
#ifndef FSDECL_DECL_H
#define FSDECL_DECL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fsdecl/arena.h"
#include "fsdecl/date.h"
#include "fsdecl/diag.h"

enum { DECL_FORMAT = 1 };

typedef enum { DECL_UNSET, DECL_YES, DECL_NO } decl_yesno;
typedef enum { DECL_PROOF_TO_SEND, DECL_PROOF_SENT, DECL_PROOF_VALIDATED } decl_proof_state;

typedef struct {
    const char *id; /* the document's id in the rules (segur, lap, lap_process, dpi) */
    decl_proof_state state;
    bool has_date;
    date_t date; /* sent on / validated by the caisse on */
} decl_proof;

typedef struct {
    const char *name, *level; /* level: "interne niveau 1", "externe" ... */
    bool has_from, has_to;
    date_t from, to;
} decl_student;

typedef struct {
    const char *id;
    decl_yesno value;
} decl_part;

typedef struct {
    const char *id;
    int64_t numerator, denominator;
} decl_component;

typedef struct {
    const char *indicator;
    decl_yesno value;
    bool prefilled; /* the CNAM pre-filled this answer */
    struct {
        const char *editor, *name, *version;
        bool has_acquired;
        date_t acquired;
        bool hospital_dpi; /* the establishment's patient record (DPI) */
    } software;
    struct {
        const char *name;
        bool has_certified;
        date_t certified;
        bool provisional; /* provisional certification, or an old référentiel */
        bool has_process_started;
        date_t process_started;
    } lap;
    const char **choices; /* list entry ids */
    size_t nchoices;
    const char *other; /* a free answer, where the rules allow one */
    decl_student *students;
    size_t nstudents;
    bool has_ratio; /* the doctor's own counts, for a computed ratio */
    int64_t numerator, denominator;
    bool has_count;
    int64_t count;
    decl_part *parts;
    size_t nparts;
    decl_component *components;
    size_t ncomponents;
    decl_proof *proofs;
    size_t nproofs;
    const char *comment;
    int line;
} decl_answer;

typedef struct {
    arena_t *arena;
    const char *path;
    int format;
    const char *writer; /* fsdecl version that wrote it */
    int campaign;       /* reference year */
    struct {
        const char *last_name, *first_name, *rpps, *am_number, *specialty, *address, *caisse;
        const char *establishment, *finess; /* hospital practitioner using a DPI */
    } identity;
    bool first_year; /* first year of declaring */
    decl_answer *answers;
    size_t nanswers, capanswers;
    struct {
        bool accuracy;    /* « Je certifie l'exactitude des informations saisies » */
        bool keep_proofs; /* « Je m'engage à tenir à disposition ... les documents justificatifs » */
        bool has_date;
        date_t date;
    } attestation;
} decl_t;

/* An empty declaration, with its own arena. */
decl_t *decl_new(void);
void decl_free(decl_t *d);
/* Reads a draft file. NULL with diagnostics ("file:line: message") on any problem. */
decl_t *decl_load(const char *path, diag_list *diag);
/* Reads a declaration from text in memory (display names it in messages). */
decl_t *decl_parse(const char *text, size_t len, const char *display, diag_list *diag);

/* The declaration as draft text (format DECL_FORMAT), every field that is set, in a stable order:
 * reading it back gives the same declaration. writer names the program writing it. The text is
 * malloc'ed; NULL when memory runs out. */
char *decl_write(const decl_t *d, const char *writer, size_t *len);

const decl_answer *decl_find_answer(const decl_t *d, const char *indicator);
const decl_proof *decl_find_proof(const decl_answer *a, const char *id);
decl_yesno decl_find_part(const decl_answer *a, const char *id);

#endif
