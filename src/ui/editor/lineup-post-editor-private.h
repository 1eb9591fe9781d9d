/* lineup-post-editor-private.h: what the post editor's files share. The
 * editor is one window in three files: lineup-post-editor.c (the form,
 * saving, "Save changes?"), lineup-post-editor-stage.c (the Stage list,
 * offering what the workflow allows) and lineup-post-editor-conflicts.c (a
 * shared plan's conflicts on this post, with Keep buttons);
 * lineup-post-editor-snippets.c: the Insert Snippet menu;
 * lineup-post-editor-queue.c: Add to Queue;
 * lineup-post-editor-times.c: the best times of its networks;
 * lineup-post-editor-media.c: the Media group (pictures, videos, alt text).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lineup-post-editor.h"

G_BEGIN_DECLS

typedef struct _LineupEditorMedia LineupEditorMedia;

struct _LineupPostEditor
{
  AdwWindow parent_instance;

  LineupStore *store;
  LineupPost *post;           /* NULL for a new post */
  GPtrArray *pillar_ids;      /* gint64 per combo position; the last is "New pillar…" */
  GPtrArray *type_ids;
  GPtrArray *campaign_ids;    /* position 0 is "None" */
  GPtrArray *platform_checks; /* GtkCheckButton per lineup_platforms_get_all() entry */
  AdwEntryRow *brief_rows[LINEUP_N_BRIEF_FIELDS];
  AdwEntryRow *due_row;
  GDate date;
  GPtrArray *accounts;        /* LineupAccount, in the order of account_checks */
  GPtrArray *account_checks;  /* GtkCheckButton per account */
  GPtrArray *account_rows;    /* AdwActionRow per account */
  GStrv targets;              /* the accounts the post goes to, as saved */

  GtkRevealer *error_revealer;
  GtkLabel *error_label;
  AdwEntryRow *title_row;
  GtkTextView *body_view;
  AdwEntryRow *cw_row;        /* the content warning (Mastodon's spoiler_text) */
  GtkLabel *count_label;
  GtkFlowBox *platform_box;
  AdwPreferencesGroup *publish_group;
  AdwComboRow *pillar_row;
  AdwEntryRow *new_pillar_row;
  AdwComboRow *type_row;
  AdwComboRow *stage_row;
  GtkMenuButton *date_button;
  GtkSwitch *date_switch;
  GtkCalendar *calendar;
  AdwEntryRow *time_row;
  AdwComboRow *campaign_row;
  AdwPreferencesGroup *brief_group;
  AdwPreferencesGroup *delete_group;
  AdwPreferencesPage *page;
  GtkBox *conflict_box;

  GPtrArray *stage_reasons;   /* why not, per stage (NULL: offered); see update_stage_choices () */
  GPtrArray *stage_items;     /* the Stage list's bound GtkListItems (not owned) */
  guint stage_choices_idle;
  char *baseline;             /* the form as opened (form_fingerprint ()) */
  AdwMessageDialog *confirm;  /* "Save changes?", while it shows */
  GtkMenuButton *snippet_button;
  AdwActionRow *queue_row;
  AdwActionRow *series_row;   /* the Repeat group (lineup-post-editor-series.c) */
  GtkWidget *repeat_button;
  LineupSeriesScope series_scope;
  gboolean series_answered;   /* "this / following / all" asked for this save */
  GtkWidget *links_expander;  /* "Links as They Go Out" (lineup-post-editor-links.c) */
  GtkWidget *links_box;
  AdwActionRow *best_row;     /* best times (lineup-post-editor-times.c) */
  GtkBox *best_box;
  GtkStackSwitcher *caption_switcher; /* the main caption, then a tab per chosen network */
  GtkStack *caption_stack;
  GPtrArray *variant_views;   /* GtkTextView per lineup_platforms_get_all() entry */
  GPtrArray *variant_counts;  /* GtkLabel per entry */
  AdwPreferencesGroup *media_group; /* lineup-post-editor-media.c */
  LineupEditorMedia *media;
};

/* lineup-post-editor-counts.c: the counts under the caption and on each
 * network's tab. */
void        lineup_post_editor_update_counts          (LineupPostEditor  *self);

/* lineup-post-editor.c */
/* The caption as typed (newly allocated). */
char       *lineup_post_editor_get_body               (LineupPostEditor  *self);
void        lineup_post_editor_show_error             (LineupPostEditor  *self,
                                                       const char        *message);
gboolean    lineup_post_editor_read_form              (LineupPostEditor  *self,
                                                       LineupPost        *post,
                                                       GError           **error);
void        lineup_post_editor_load_post              (LineupPostEditor  *self);
void        lineup_post_editor_take_baseline          (LineupPostEditor  *self);
gboolean    lineup_post_editor_has_changes            (LineupPostEditor  *self);

/* Saves a new post as the form stands, @then running in the same
 * transaction with its id (one undo step); the editor then edits the saved
 * post. FALSE with @error (nothing saved) when the form or @then fails. */
typedef gboolean (*LineupPostEditorThen) (LineupPostEditor  *self,
                                          const char        *post_id,
                                          gpointer           data,
                                          GError           **error);
gboolean    lineup_post_editor_save_new               (LineupPostEditor      *self,
                                                       LineupPostEditorThen   then,
                                                       gpointer               data,
                                                       GError               **error);

/* lineup-post-editor-stage.c */
LineupStage lineup_post_editor_stored_stage           (LineupPostEditor  *self);
void        lineup_post_editor_update_stage_choices   (LineupPostEditor  *self);
void        lineup_post_editor_form_changed           (LineupPostEditor  *self);
void        lineup_post_editor_setup_stage_chooser    (LineupPostEditor  *self);

/* lineup-post-editor-snippets.c */
void        lineup_post_editor_setup_snippets         (LineupPostEditor  *self);
/* lineup-post-editor-queue.c: Add to Queue */
void        lineup_post_editor_setup_queue            (LineupPostEditor  *self);
void        lineup_post_editor_queue_action           (GtkWidget         *widget,
                                                       const char        *action_name,
                                                       GVariant          *param);
/* lineup-post-editor-times.c: the Best row's buttons */
void        lineup_post_editor_setup_best_times       (LineupPostEditor  *self);
/* lineup-post-editor-series.c */
void        lineup_post_editor_update_series          (LineupPostEditor  *self);
/* TRUE when it asked which posts of the series a change is for: the save
 * waits for the answer. */
gboolean    lineup_post_editor_series_ask             (LineupPostEditor  *self);
/* lineup-post-editor-conflicts.c */
void        lineup_post_editor_update_conflicts       (LineupPostEditor  *self);
/* lineup-post-editor-family.c: the Evergreen switch, source and copies */
void        lineup_post_editor_add_family             (LineupPostEditor  *self);
/* lineup-post-editor-links.c: each network's links as they go out */
void        lineup_post_editor_setup_links            (LineupPostEditor  *self);
void        lineup_post_editor_update_links           (LineupPostEditor  *self);
/* The form's caption (@body, or the buffer's when NULL) and campaign on a
 * copy of the post (a new one for a new post): what the store tags and
 * counts as it goes out. */
LineupPost *lineup_post_editor_draft_post             (LineupPostEditor  *self,
                                                       const char        *body);

/* lineup-post-editor-variants.c: a caption tab per chosen network */
void        lineup_post_editor_setup_variants         (LineupPostEditor  *self);
void        lineup_post_editor_update_variants        (LineupPostEditor  *self);
/* Each network's tab into @post's variants (an empty tab: none). */
void        lineup_post_editor_read_variants          (LineupPostEditor  *self,
                                                       LineupPost        *post);
/* The tabs' texts, for the form's fingerprint. */
void        lineup_post_editor_append_variants        (LineupPostEditor  *self,
                                                       GString           *out);

/* lineup-post-editor-media.c: the post's pictures and videos */
void        lineup_post_editor_setup_media            (LineupPostEditor  *self);
void        lineup_post_editor_dispose_media          (LineupPostEditor  *self);

G_END_DECLS
