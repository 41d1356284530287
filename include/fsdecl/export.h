/* export: the drafts of the store handed over in bulk (docs/export-format.md): a campaign's drafts
 * as CSV (RFC 4180) or JSON Lines, one row per draft, and the store's drafts as JSON Lines. Rows
 * are streamed: one draft is read, judged, written and freed before the next, so memory does not
 * grow with the number of drafts. The columns of a campaign are generated from its rules (one per
 * field of each indicator, named from the rules' ids) in a stable order.
 *
 * The writers write to a stream the caller opened (standard output, or a file given by -o);
 * nothing here prints to a terminal, and text from a draft is sanitised (no control character but
 * the line breaks of an address, no invalid UTF-8). */
#ifndef FSDECL_EXPORT_H
#define FSDECL_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "fsdecl/diag.h"
#include "fsdecl/session.h"
#include "fsdecl/vocab.h"

/* X(CONSTANT, "id after --format", "French"). */
#define EXPORT_FORMATS(X)                                                                          \
    X(EXPORT_CSV, "csv", "CSV (RFC 4180, UTF-8, virgules, lignes en CRLF)")                        \
    X(EXPORT_JSONL, "jsonl", "JSON Lines (un objet par ligne)")
typedef enum { EXPORT_FORMATS(VOCAB_ENUM) } export_format;
enum { EXPORT_FORMAT_COUNT = 0 EXPORT_FORMATS(VOCAB_COUNT) };
extern const vocab_t export_format_vocab;

/* What an export wrote. */
typedef struct {
    size_t rows;       /* drafts written, unreadable ones included */
    size_t unreadable; /* rows of drafts that could not be read or judged (state not judged) */
} export_stats;

/* Writes every draft of campaign year in the session's store to f, sorted by name, with the
 * header row first in CSV. A draft that cannot be read is a row with its state and its error
 * (diagnosed in d as well), never the end of the export. False (diagnosed) when the campaign's
 * rules cannot be read (nothing is written), the store cannot be listed to the end, or f refuses
 * a write. */
bool export_campaign(session *s, int year, export_format fmt, FILE *f, export_stats *st,
                     diag_list *d);

/* `fsdecl drafts --json`: one draft of the store as one JSON object on one line of f, with its
 * finalised versions (n of them, oldest first) and its state words (session_state_words). False
 * when memory runs out or f refuses the write. */
bool export_summary_line(FILE *f, const session_summary *sum, const store_version *versions,
                         size_t n);

/* An output file written whole or not at all: export_output_open makes a temporary file beside
 * path (mode 0600) whose name goes to tmp (PATH_MAX bytes); export_output_commit flushes it,
 * syncs it and renames it over path (ok true), or removes it (ok false, or on any failure), so that
 * an export that fails leaves any earlier file at path as it was. Both diagnose a failure. */
FILE *export_output_open(const char *path, char *tmp, diag_list *d);
bool export_output_commit(FILE *f, const char *tmp, const char *path, bool ok, diag_list *d);

#endif
