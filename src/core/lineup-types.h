/* lineup-types.h: forward declarations and the small enums every part shares.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _LineupStore LineupStore;
typedef struct _LineupPost LineupPost;
typedef struct _LineupPillar LineupPillar;
typedef struct _LineupContentType LineupContentType;
typedef struct _LineupCampaign LineupCampaign;
typedef struct _LineupPostModel LineupPostModel;

/* The workflow stages, in the order a post goes through them. The numeric
 * values are stored in the database: never renumber, only append. */
typedef enum {
  LINEUP_STAGE_BRIEF = 0,
  LINEUP_STAGE_DRAFT = 1,
  LINEUP_STAGE_IN_REVIEW = 2,
  LINEUP_STAGE_APPROVED = 3,
  LINEUP_STAGE_SCHEDULED = 4,
  LINEUP_STAGE_PUBLISHED = 5,
} LineupStage;

#define LINEUP_N_STAGES 6

/* "brief", "draft", "in-review", … : the spelling of the command line and of
 * exports. */
const char *lineup_stage_to_key   (LineupStage stage);
/* "Brief", "In review", … : translated, for people. */
const char *lineup_stage_to_label (LineupStage stage);
/* Accepts the key, the label, and "in_review"/"in review" in any case. */
gboolean    lineup_stage_from_string (const char  *text,
                                      LineupStage *out_stage);
/* "brief, draft, in-review, approved, scheduled, published" for error messages. */
const char *lineup_stage_list_keys (void);

/* A person's role in the team kept in the plan. Stored as the key. */
typedef enum {
  LINEUP_ROLE_LEAD,
  LINEUP_ROLE_EDITOR,
  LINEUP_ROLE_APPROVER,
} LineupRole;

#define LINEUP_N_ROLES 3

const char *lineup_role_to_key      (LineupRole role);    /* "lead", "editor", "approver" */
const char *lineup_role_to_label    (LineupRole role);    /* "Lead", … translated */
gboolean    lineup_role_from_string (const char *text,
                                     LineupRole *out_role);

/* What a line of a post's history records. Stored as the key. */
typedef enum {
  LINEUP_HISTORY_STAGE,            /* a move between stages (or the creation) */
  LINEUP_HISTORY_APPROVE,          /* an approval, which may complete the chain */
  LINEUP_HISTORY_REQUEST_CHANGES,  /* sent back to Draft with a comment */
  LINEUP_HISTORY_COMMENT,
  LINEUP_HISTORY_CHECK,            /* a checklist item ticked */
  LINEUP_HISTORY_UNCHECK,
  LINEUP_HISTORY_EDIT,             /* content edited after approval */
} LineupHistoryKind;

#define LINEUP_N_HISTORY_KINDS 7

const char *lineup_history_kind_to_key   (LineupHistoryKind kind);
gboolean    lineup_history_kind_from_key (const char        *key,
                                          LineupHistoryKind *out_kind);

G_END_DECLS
