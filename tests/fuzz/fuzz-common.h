/* fuzz-common.h: what every libFuzzer harness in tests/fuzz shares.
 *
 * The one-time setup (criticals are fatal, a fixed locale and zone, a
 * temporary folder), the check every failing call must pass (an error, with
 * a message a person can read), and a fake HTTP layer that answers a
 * LineupHttp's requests from the fuzzer's bytes, one answer after another,
 * without a socket. Not here: the harnesses themselves (fuzz-*.c) and the
 * corpus replayer (fuzz-replay.c).
 *
 * The fake layer reads its input as answers separated by a line "%%":
 *
 *   200                      the status; "!N" is a transport error N instead
 *   Link: <…>; rel="next"    header lines, up to an empty line
 *
 *   {"id": "1"}              the body, to the separator or the end
 *
 * Once the answers run out, every further request fails as a refused
 * connection, so a harness's calls always end. A request that carries
 * credentials to another origin than the account's is a crash: a server's
 * links must never take the token elsewhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "lineup-http.h"

G_BEGIN_DECLS

int          LLVMFuzzerTestOneInput (const uint8_t *data,
                                     size_t         size);

/* Once per process; returns the temporary folder (removed at exit). */
const char  *fuzz_setup             (void);

/* Aborts (a crash for libFuzzer) unless @error is set with a readable message. */
void         fuzz_check_failure     (const char    *what,
                                     const GError  *error);

/* The first line of @data (the operation's name), and the answers after it. */
typedef struct _FuzzAnswers FuzzAnswers;

FuzzAnswers *fuzz_answers_new       (const uint8_t *data,
                                     size_t         size,
                                     char         **out_first_line);
void         fuzz_answers_free      (FuzzAnswers   *answers);
/* Credentials (an Authorization header) may go to @origin
 * ("https://host[:port]") only: a request that sends them elsewhere aborts. */
void         fuzz_answers_set_origin (FuzzAnswers  *answers,
                                      const char   *origin);
/* A LineupHttp that answers from @answers (which must outlive it). */
LineupHttp  *fuzz_answers_http      (FuzzAnswers   *answers);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FuzzAnswers, fuzz_answers_free)

G_END_DECLS
