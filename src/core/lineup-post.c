/* lineup-post.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lineup-post.h"

struct _LineupPost
{
  GObject parent_instance;

  char *id;
  char *title;
  char *body;
  gint64 pillar_id;
  gint64 type_id;
  LineupStage stage;
  GStrv platforms;
  gint64 scheduled_at;
  gint64 campaign_id;
  char *brief[LINEUP_N_BRIEF_FIELDS];
  char *due_on;
  gint64 created_at;
  gint64 updated_at;
  gint revision;
  gint64 deleted_at;
};

G_DEFINE_FINAL_TYPE (LineupPost, lineup_post, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_BODY,
  PROP_STAGE,
  PROP_SCHEDULED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *key;
  const char *label;
} brief_fields[LINEUP_N_BRIEF_FIELDS] = {
  { "goal", N_("Goal") },
  { "audience", N_("Audience") },
  { "key_message", N_("Key message") },
  { "call_to_action", N_("Call to action") },
  { "hashtags", N_("Hashtags and keywords") },
  { "owner", N_("Owner") },
};

static void
lineup_post_finalize (GObject *object)
{
  LineupPost *self = (LineupPost *) object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->body);
  g_strfreev (self->platforms);
  for (guint i = 0; i < LINEUP_N_BRIEF_FIELDS; i++)
    g_free (self->brief[i]);
  g_free (self->due_on);

  G_OBJECT_CLASS (lineup_post_parent_class)->finalize (object);
}

static void
lineup_post_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LineupPost *self = LINEUP_POST (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;
    case PROP_STAGE:
      g_value_set_int (value, self->stage);
      break;
    case PROP_SCHEDULED_AT:
      g_value_set_int64 (value, self->scheduled_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_post_class_init (LineupPostClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lineup_post_finalize;
  object_class->get_property = lineup_post_get_property;

  /* Read-only: views bind to these with expressions; posts are values. */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STAGE] =
    g_param_spec_int ("stage", NULL, NULL, 0, LINEUP_N_STAGES - 1, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCHEDULED_AT] =
    g_param_spec_int64 ("scheduled-at", NULL, NULL, G_MININT64, G_MAXINT64,
                        LINEUP_POST_UNDATED,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_post_init (LineupPost *self)
{
  self->title = g_strdup ("");
  self->body = g_strdup ("");
  self->platforms = g_new0 (char *, 1);
  self->scheduled_at = LINEUP_POST_UNDATED;
  self->stage = LINEUP_STAGE_BRIEF;
}

LineupPost *
lineup_post_new (void)
{
  return g_object_new (LINEUP_TYPE_POST, NULL);
}

LineupPost *
lineup_post_copy (LineupPost *self)
{
  LineupPost *copy;

  g_return_val_if_fail (LINEUP_IS_POST (self), NULL);

  copy = lineup_post_new ();
  copy->id = g_strdup (self->id);
  g_free (copy->title);
  copy->title = g_strdup (self->title);
  g_free (copy->body);
  copy->body = g_strdup (self->body);
  copy->pillar_id = self->pillar_id;
  copy->type_id = self->type_id;
  copy->stage = self->stage;
  g_strfreev (copy->platforms);
  copy->platforms = g_strdupv (self->platforms);
  copy->scheduled_at = self->scheduled_at;
  copy->campaign_id = self->campaign_id;
  for (guint i = 0; i < LINEUP_N_BRIEF_FIELDS; i++)
    copy->brief[i] = g_strdup (self->brief[i]);
  copy->due_on = g_strdup (self->due_on);
  copy->created_at = self->created_at;
  copy->updated_at = self->updated_at;
  copy->revision = self->revision;
  copy->deleted_at = self->deleted_at;

  return copy;
}

gboolean
lineup_post_content_equal (LineupPost *a,
                           LineupPost *b)
{
  g_return_val_if_fail (LINEUP_IS_POST (a), FALSE);
  g_return_val_if_fail (LINEUP_IS_POST (b), FALSE);

  if (g_strcmp0 (a->title, b->title) != 0 ||
      g_strcmp0 (a->body, b->body) != 0 ||
      a->pillar_id != b->pillar_id ||
      a->type_id != b->type_id ||
      !g_strv_equal ((const char * const *) a->platforms,
                     (const char * const *) b->platforms) ||
      a->scheduled_at != b->scheduled_at ||
      a->campaign_id != b->campaign_id ||
      g_strcmp0 (a->due_on, b->due_on) != 0)
    return FALSE;

  for (guint i = 0; i < LINEUP_N_BRIEF_FIELDS; i++)
    if (g_strcmp0 (a->brief[i], b->brief[i]) != 0)
      return FALSE;

  return TRUE;
}

gboolean
lineup_post_equal (LineupPost *a,
                   LineupPost *b)
{
  return lineup_post_content_equal (a, b) &&
         g_strcmp0 (a->id, b->id) == 0 &&
         a->stage == b->stage &&
         a->created_at == b->created_at &&
         a->updated_at == b->updated_at &&
         a->revision == b->revision &&
         a->deleted_at == b->deleted_at;
}

int
lineup_post_compare_by_time (LineupPost *a,
                             LineupPost *b)
{
  gboolean a_dated = a->scheduled_at != LINEUP_POST_UNDATED;
  gboolean b_dated = b->scheduled_at != LINEUP_POST_UNDATED;

  if (a_dated != b_dated)
    return a_dated ? -1 : 1;
  if (a->scheduled_at != b->scheduled_at)
    return a->scheduled_at < b->scheduled_at ? -1 : 1;
  if (a->created_at != b->created_at)
    return a->created_at < b->created_at ? -1 : 1;
  return g_strcmp0 (a->id, b->id);
}

static int
compare_post_pointers (gconstpointer a,
                       gconstpointer b)
{
  return lineup_post_compare_by_time (*(LineupPost **) a, *(LineupPost **) b);
}

void
lineup_posts_sort_by_time (GPtrArray *posts)
{
  g_return_if_fail (posts != NULL);

  for (guint i = 1; i < posts->len; i++)
    if (lineup_post_compare_by_time (posts->pdata[i - 1], posts->pdata[i]) > 0)
      {
        g_ptr_array_sort (posts, compare_post_pointers);
        return;
      }
}

const char *
lineup_post_get_id (LineupPost *self)
{
  g_return_val_if_fail (LINEUP_IS_POST (self), NULL);
  return self->id;
}

const char *
lineup_post_get_title (LineupPost *self)
{
  g_return_val_if_fail (LINEUP_IS_POST (self), NULL);
  return self->title;
}

void
lineup_post_set_title (LineupPost *self,
                       const char *title)
{
  g_return_if_fail (LINEUP_IS_POST (self));
  g_free (self->title);
  self->title = g_strdup (title ? title : "");
}

const char *
lineup_post_get_body (LineupPost *self)
{
  g_return_val_if_fail (LINEUP_IS_POST (self), NULL);
  return self->body;
}

void
lineup_post_set_body (LineupPost *self,
                      const char *body)
{
  g_return_if_fail (LINEUP_IS_POST (self));
  g_free (self->body);
  self->body = g_strdup (body ? body : "");
}

gint64
lineup_post_get_pillar_id (LineupPost *self)
{
  g_return_val_if_fail (LINEUP_IS_POST (self), 0);
  return self->pillar_id;
}

void
lineup_post_set_pillar_id (LineupPost *self,
                           gint64      pillar_id)
{
  g_return_if_fail (LINEUP_IS_POST (self));
  self->pillar_id = pillar_id;
}

gint64
lineup_post_get_type_id (LineupPost *self)
{
  g_return_val_if_fail (LINEUP_IS_POST (self), 0);
  return self->type_id;
}

void
lineup_post_set_type_id (LineupPost *self,
                         gint64      type_id)
{
  g_return_if_fail (LINEUP_IS_POST (self));
  self->type_id = type_id;
}

LineupStage
lineup_post_get_stage (LineupPost *self)
{
  g_return_val_if_fail (LINEUP_IS_POST (self), LINEUP_STAGE_BRIEF);
  return self->stage;
}

void
lineup_post_set_stage (LineupPost  *self,
                       LineupStage  stage)
{
  g_return_if_fail (LINEUP_IS_POST (self));
  g_return_if_fail ((guint) stage < LINEUP_N_STAGES);
  g_return_if_fail (self->id == NULL);
  self->stage = stage;
}

void
_lineup_post_set_stage (LineupPost  *self,
                        LineupStage  stage)
{
  self->stage = stage;
}

const char * const *
lineup_post_get_platforms (LineupPost *self)
{
  g_return_val_if_fail (LINEUP_IS_POST (self), NULL);
  return (const char * const *) self->platforms;
}

void
lineup_post_set_platforms (LineupPost         *self,
                           const char * const *keys)
{
  g_return_if_fail (LINEUP_IS_POST (self));
  g_strfreev (self->platforms);
  self->platforms = keys ? g_strdupv ((char **) keys) : g_new0 (char *, 1);
}

gboolean
lineup_post_has_platform (LineupPost *self,
                          const char *key)
{
  g_return_val_if_fail (LINEUP_IS_POST (self), FALSE);
  return g_strv_contains ((const char * const *) self->platforms, key);
}

gint64
lineup_post_get_scheduled_at (LineupPost *self)
{
  g_return_val_if_fail (LINEUP_IS_POST (self), LINEUP_POST_UNDATED);
  return self->scheduled_at;
}

void
lineup_post_set_scheduled_at (LineupPost *self,
                              gint64      scheduled_at)
{
  g_return_if_fail (LINEUP_IS_POST (self));
  self->scheduled_at = scheduled_at;
}

gboolean
lineup_post_is_dated (LineupPost *self)
{
  g_return_val_if_fail (LINEUP_IS_POST (self), FALSE);
  return self->scheduled_at != LINEUP_POST_UNDATED;
}

gint64
lineup_post_get_campaign_id (LineupPost *self)
{
  g_return_val_if_fail (LINEUP_IS_POST (self), 0);
  return self->campaign_id;
}

void
lineup_post_set_campaign_id (LineupPost *self,
                             gint64      campaign_id)
{
  g_return_if_fail (LINEUP_IS_POST (self));
  self->campaign_id = campaign_id;
}

const char *
lineup_post_get_brief (LineupPost       *self,
                       LineupBriefField  field)
{
  g_return_val_if_fail (LINEUP_IS_POST (self), NULL);
  g_return_val_if_fail ((guint) field < LINEUP_N_BRIEF_FIELDS, NULL);
  return self->brief[field];
}

void
lineup_post_set_brief (LineupPost       *self,
                       LineupBriefField  field,
                       const char       *text)
{
  g_return_if_fail (LINEUP_IS_POST (self));
  g_return_if_fail ((guint) field < LINEUP_N_BRIEF_FIELDS);
  g_free (self->brief[field]);
  /* An empty field and no field are the same thing to a planner. */
  self->brief[field] = (text && *text) ? g_strdup (text) : NULL;
}

const char *
lineup_post_get_due_on (LineupPost *self)
{
  g_return_val_if_fail (LINEUP_IS_POST (self), NULL);
  return self->due_on;
}

void
lineup_post_set_due_on (LineupPost *self,
                        const char *due_on)
{
  g_return_if_fail (LINEUP_IS_POST (self));
  g_free (self->due_on);
  self->due_on = (due_on && *due_on) ? g_strdup (due_on) : NULL;
}

gint64
lineup_post_get_created_at (LineupPost *self)
{
  g_return_val_if_fail (LINEUP_IS_POST (self), 0);
  return self->created_at;
}

gint64
lineup_post_get_updated_at (LineupPost *self)
{
  g_return_val_if_fail (LINEUP_IS_POST (self), 0);
  return self->updated_at;
}

gint
lineup_post_get_revision (LineupPost *self)
{
  g_return_val_if_fail (LINEUP_IS_POST (self), 0);
  return self->revision;
}

gint64
lineup_post_get_deleted_at (LineupPost *self)
{
  g_return_val_if_fail (LINEUP_IS_POST (self), 0);
  return self->deleted_at;
}

const char *
lineup_brief_field_to_key (LineupBriefField field)
{
  g_return_val_if_fail ((guint) field < LINEUP_N_BRIEF_FIELDS, NULL);
  return brief_fields[field].key;
}

const char *
lineup_brief_field_to_label (LineupBriefField field)
{
  g_return_val_if_fail ((guint) field < LINEUP_N_BRIEF_FIELDS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, brief_fields[field].label);
}

void
_lineup_post_set_id (LineupPost *self,
                     const char *id)
{
  g_free (self->id);
  self->id = g_strdup (id);
}

void
_lineup_post_set_bookkeeping (LineupPost *self,
                              gint64      created_at,
                              gint64      updated_at,
                              gint        revision,
                              gint64      deleted_at)
{
  self->created_at = created_at;
  self->updated_at = updated_at;
  self->revision = revision;
  self->deleted_at = deleted_at;
}
