/* lineup-post.c: one planned post, kept small, as the app holds every post
 * of the plan (100,000 of them in the store's benchmark) for its views.
 *
 * Every text of a post (id, title, caption, the brief's fields, the due
 * date) lives in one allocation, one after the other, each ending in NUL;
 * `present` says which of the optional ones are there, and a post with no
 * text at all has none. The platforms are a bitmask over
 * lineup_platforms_get_all(), read back as one shared, static list per
 * mask. A setter rebuilds the block: posts are values, edited on copies
 * and read far more often than written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lineup-platform.h"
#include "lineup-post.h"

/* The texts, in the order they are kept in the block. */
enum {
  TEXT_ID,
  TEXT_TITLE,
  TEXT_BODY,
  TEXT_BRIEF,                                   /* … one a brief field */
  TEXT_DUE_ON = TEXT_BRIEF + LINEUP_N_BRIEF_FIELDS,
  TEXT_SOURCE,                                  /* the post this one was copied from */
  TEXT_EVERGREEN,                               /* "GAP" or "GAP UNTIL" */
  TEXT_CAPTIONS,                                /* per-network variants, a JSON object */
  TEXT_CONTENT_WARNING,                         /* shown before the caption (Mastodon) */
  N_TEXTS
};

/* Bits of `present`: the id, each brief field, the due date. The title and
 * the caption are always in a block ("" when empty). */
#define HAS_ID          (1u << 0)
#define HAS_BRIEF(f)    (1u << (1 + (f)))
#define HAS_DUE_ON      (1u << (1 + LINEUP_N_BRIEF_FIELDS))
#define HAS_SOURCE      (1u << (2 + LINEUP_N_BRIEF_FIELDS))
#define HAS_EVERGREEN   (1u << (3 + LINEUP_N_BRIEF_FIELDS))
#define HAS_CAPTIONS    (1u << (4 + LINEUP_N_BRIEF_FIELDS))
#define HAS_CONTENT_WARNING (1u << (5 + LINEUP_N_BRIEF_FIELDS))
G_STATIC_ASSERT (LINEUP_N_BRIEF_FIELDS + 6 <= 16);

/* Bit i of `platforms` is lineup_platforms_get_all()[i]. Keys that are not
 * one canonical set (unknown, repeated or out of order: a post not yet
 * validated) are kept as given, in the object's data, under this bit. */
#define PLATFORMS_AS_GIVEN (1u << 15)

struct _LineupPost
{
  GObject parent_instance;

  char *text;           /* the block, or NULL: no id, title and caption "" */
  gint64 pillar_id;
  gint64 type_id;
  gint64 scheduled_at;
  gint64 campaign_id;
  gint64 created_at;
  gint64 updated_at;
  gint64 deleted_at;
  gint32 revision;
  guint16 platforms;
  guint8 stage;
  guint16 present;
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

/* ---- the texts ---- */

static gboolean
text_is_present (LineupPost *self,
                 guint       field)
{
  if (field == TEXT_TITLE || field == TEXT_BODY)
    return TRUE;
  return (self->present & (field == TEXT_ID ? HAS_ID : 1u << (field - 2))) != 0;
}

static const char *
text_get (LineupPost *self,
          guint       field)
{
  const char *p = self->text;

  if (p == NULL || !text_is_present (self, field))
    return field == TEXT_TITLE || field == TEXT_BODY ? "" : NULL;
  for (guint i = 0; i < field; i++)
    if (text_is_present (self, i))
      p += strlen (p) + 1;
  return p;
}

/* Every text, NULL for those not there. */
static void
texts_read (LineupPost *self,
            const char *texts[N_TEXTS])
{
  const char *p = self->text;

  for (guint i = 0; i < N_TEXTS; i++)
    if (p != NULL && text_is_present (self, i))
      {
        texts[i] = p;
        p += strlen (p) + 1;
      }
    else
      texts[i] = (i == TEXT_TITLE || i == TEXT_BODY) ? "" : NULL;
}

static gsize
text_size (LineupPost *self)
{
  const char *p = self->text;

  if (p == NULL)
    return 0;
  for (guint i = 0; i < N_TEXTS; i++)
    if (text_is_present (self, i))
      p += strlen (p) + 1;
  return p - self->text;
}

/* Replaces the block with @texts (which may point into it). A title or
 * caption of NULL is ""; an empty brief field or due date is none, as the
 * setters have always said. */
static void
texts_write (LineupPost *self,
             const char *texts[N_TEXTS])
{
  gsize lengths[N_TEXTS];
  gsize size = 0;
  guint present = 0;
  char *block, *p;

  for (guint i = 0; i < N_TEXTS; i++)
    {
      const char *t = texts[i];

      if (i == TEXT_TITLE || i == TEXT_BODY)
        t = t ? t : "";
      else if (i == TEXT_ID)
        present |= t ? HAS_ID : 0;
      else if (t && *t)
        present |= 1u << (i - 2);
      else
        t = NULL;
      texts[i] = t;
      lengths[i] = t ? strlen (t) + 1 : 0;
      size += lengths[i];
    }

  /* Nothing but an empty title and caption: no block at all. */
  if (present == 0 && size == 2)
    block = NULL;
  else
    {
      block = p = g_malloc (size);
      for (guint i = 0; i < N_TEXTS; i++)
        if (texts[i])
          {
            memcpy (p, texts[i], lengths[i]);
            p += lengths[i];
          }
    }

  g_free (self->text);
  self->text = block;
  self->present = present;
}

static void
text_set (LineupPost *self,
          guint       field,
          const char *value)
{
  const char *texts[N_TEXTS];

  texts_read (self, texts);
  texts[field] = value;
  texts_write (self, texts);
}

/* ---- the platforms ---- */

static GQuark
platforms_as_given_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("lineup-post-platforms-as-given");
  return quark;
}

/* The position of @key (exactly, @len bytes) in the platform table, or -1. */
static int
platform_index (const char *key,
                gsize       len)
{
  guint n;
  const LineupPlatformInfo *all = lineup_platforms_get_all (&n);

  for (guint i = 0; i < n; i++)
    if (strncmp (all[i].key, key, len) == 0 && all[i].key[len] == '\0')
      return i;
  return -1;
}

/* The shared list of keys for @mask, in the table's order. */
static const char * const *
platforms_of_mask (guint mask)
{
  static const char * const none[] = { NULL };
  static gpointer *lists;    /* one a mask, made when first asked for */
  const LineupPlatformInfo *all;
  const char **list;
  guint n, k = 0;

  if (mask == 0)
    return none;

  all = lineup_platforms_get_all (&n);
  if (g_once_init_enter (&lists))
    {
      G_STATIC_ASSERT (PLATFORMS_AS_GIVEN == 1u << 15);
      g_assert (n < 15);
      g_once_init_leave (&lists, g_new0 (gpointer, 1u << n));
    }

  list = g_atomic_pointer_get (&lists[mask]);
  if (list)
    return list;

  list = g_new0 (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    if (mask & (1u << i))
      list[k++] = all[i].key;
  if (!g_atomic_pointer_compare_and_exchange (&lists[mask], NULL, list))
    {
      g_free (list);
      list = g_atomic_pointer_get (&lists[mask]);
    }
  return list;
}

static void
platforms_set_mask (LineupPost *self,
                    guint       mask)
{
  if (self->platforms & PLATFORMS_AS_GIVEN)
    g_object_set_qdata (G_OBJECT (self), platforms_as_given_quark (), NULL);
  self->platforms = mask;
}

/* ---- the object ---- */

static void
lineup_post_finalize (GObject *object)
{
  LineupPost *self = (LineupPost *) object;

  /* The keys as given, if any, go with the object's data. */
  g_free (self->text);

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
      g_value_set_string (value, lineup_post_get_id (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, lineup_post_get_title (self));
      break;
    case PROP_BODY:
      g_value_set_string (value, lineup_post_get_body (self));
      break;
    case PROP_STAGE:
      g_value_set_int (value, lineup_post_get_stage (self));
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
  copy->text = self->text ? g_memdup2 (self->text, text_size (self)) : NULL;
  copy->present = self->present;
  copy->pillar_id = self->pillar_id;
  copy->type_id = self->type_id;
  copy->stage = self->stage;
  if (self->platforms & PLATFORMS_AS_GIVEN)
    lineup_post_set_platforms (copy, lineup_post_get_platforms (self));
  else
    copy->platforms = self->platforms;
  copy->scheduled_at = self->scheduled_at;
  copy->campaign_id = self->campaign_id;
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
  const char *ta[N_TEXTS], *tb[N_TEXTS];

  g_return_val_if_fail (LINEUP_IS_POST (a), FALSE);
  g_return_val_if_fail (LINEUP_IS_POST (b), FALSE);

  if (a->pillar_id != b->pillar_id ||
      a->type_id != b->type_id ||
      a->scheduled_at != b->scheduled_at ||
      a->campaign_id != b->campaign_id)
    return FALSE;
  if ((a->platforms | b->platforms) & PLATFORMS_AS_GIVEN
        ? !g_strv_equal (lineup_post_get_platforms (a), lineup_post_get_platforms (b))
        : a->platforms != b->platforms)
    return FALSE;

  texts_read (a, ta);
  texts_read (b, tb);
  for (guint i = TEXT_TITLE; i < N_TEXTS; i++)
    if (g_strcmp0 (ta[i], tb[i]) != 0)
      return FALSE;

  return TRUE;
}

gboolean
lineup_post_equal (LineupPost *a,
                   LineupPost *b)
{
  return lineup_post_content_equal (a, b) &&
         g_strcmp0 (lineup_post_get_id (a), lineup_post_get_id (b)) == 0 &&
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
  return g_strcmp0 ((a->present & HAS_ID) ? a->text : NULL,
                    (b->present & HAS_ID) ? b->text : NULL);
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
  return (self->present & HAS_ID) ? self->text : NULL;
}

const char *
lineup_post_get_title (LineupPost *self)
{
  g_return_val_if_fail (LINEUP_IS_POST (self), NULL);
  return text_get (self, TEXT_TITLE);
}

void
lineup_post_set_title (LineupPost *self,
                       const char *title)
{
  g_return_if_fail (LINEUP_IS_POST (self));
  text_set (self, TEXT_TITLE, title);
}

const char *
lineup_post_get_body (LineupPost *self)
{
  g_return_val_if_fail (LINEUP_IS_POST (self), NULL);
  return text_get (self, TEXT_BODY);
}

void
lineup_post_set_body (LineupPost *self,
                      const char *body)
{
  g_return_if_fail (LINEUP_IS_POST (self));
  text_set (self, TEXT_BODY, body);
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
  g_return_if_fail (lineup_post_get_id (self) == NULL);
  self->stage = stage;
}

void
_lineup_post_set_stage (LineupPost  *self,
                        LineupStage  stage)
{
  /* A stage out of range (a damaged row) stays out of range, for the
   * store's validation to refuse. */
  self->stage = (guint) stage < G_MAXUINT8 ? stage : G_MAXUINT8;
}

const char * const *
lineup_post_get_platforms (LineupPost *self)
{
  g_return_val_if_fail (LINEUP_IS_POST (self), NULL);

  if (self->platforms & PLATFORMS_AS_GIVEN)
    return g_object_get_qdata (G_OBJECT (self), platforms_as_given_quark ());
  return platforms_of_mask (self->platforms);
}

void
lineup_post_set_platforms (LineupPost         *self,
                           const char * const *keys)
{
  guint mask = 0;
  int last = -1;

  g_return_if_fail (LINEUP_IS_POST (self));

  for (guint i = 0; keys && keys[i]; i++)
    {
      int index = platform_index (keys[i], strlen (keys[i]));

      if (index <= last)
        {
          /* Not a canonical set: kept as given, for validation to name. */
          char **copy = g_strdupv ((char **) keys);

          g_object_set_qdata_full (G_OBJECT (self), platforms_as_given_quark (),
                                   copy, (GDestroyNotify) g_strfreev);
          self->platforms = PLATFORMS_AS_GIVEN;
          return;
        }
      mask |= 1u << index;
      last = index;
    }
  platforms_set_mask (self, mask);
}

void
_lineup_post_set_platforms_joined (LineupPost *self,
                                   const char *joined)
{
  guint mask = 0;
  int last = -1;
  const char *p = joined;

  if (joined == NULL || *joined == '\0')
    {
      platforms_set_mask (self, 0);
      return;
    }

  for (;;)
    {
      const char *comma = strchr (p, ',');
      gsize len = comma ? (gsize) (comma - p) : strlen (p);
      int index = platform_index (p, len);

      if (index <= last)
        {
          g_auto(GStrv) keys = g_strsplit (joined, ",", -1);

          lineup_post_set_platforms (self, (const char * const *) keys);
          return;
        }
      mask |= 1u << index;
      last = index;
      if (comma == NULL)
        break;
      p = comma + 1;
    }
  platforms_set_mask (self, mask);
}

gboolean
lineup_post_has_platform (LineupPost *self,
                          const char *key)
{
  int index;

  g_return_val_if_fail (LINEUP_IS_POST (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (self->platforms & PLATFORMS_AS_GIVEN)
    return g_strv_contains (lineup_post_get_platforms (self), key);
  index = platform_index (key, strlen (key));
  return index >= 0 && (self->platforms & (1u << index)) != 0;
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
  if (!(self->present & HAS_BRIEF (field)))
    return NULL;
  return text_get (self, TEXT_BRIEF + field);
}

void
lineup_post_set_brief (LineupPost       *self,
                       LineupBriefField  field,
                       const char       *text)
{
  g_return_if_fail (LINEUP_IS_POST (self));
  g_return_if_fail ((guint) field < LINEUP_N_BRIEF_FIELDS);
  /* An empty field and no field are the same thing to a planner. */
  text_set (self, TEXT_BRIEF + field, text);
}

const char *
lineup_post_get_due_on (LineupPost *self)
{
  g_return_val_if_fail (LINEUP_IS_POST (self), NULL);
  if (!(self->present & HAS_DUE_ON))
    return NULL;
  return text_get (self, TEXT_DUE_ON);
}

void
lineup_post_set_due_on (LineupPost *self,
                        const char *due_on)
{
  g_return_if_fail (LINEUP_IS_POST (self));
  text_set (self, TEXT_DUE_ON, due_on);
}

const char *
lineup_post_get_source_id (LineupPost *self)
{
  g_return_val_if_fail (LINEUP_IS_POST (self), NULL);
  if (!(self->present & HAS_SOURCE))
    return NULL;
  return text_get (self, TEXT_SOURCE);
}

void
lineup_post_set_source_id (LineupPost *self,
                           const char *source_id)
{
  g_return_if_fail (LINEUP_IS_POST (self));
  text_set (self, TEXT_SOURCE, source_id);
}

const char *
lineup_post_get_evergreen (LineupPost *self)
{
  g_return_val_if_fail (LINEUP_IS_POST (self), NULL);
  if (!(self->present & HAS_EVERGREEN))
    return NULL;
  return text_get (self, TEXT_EVERGREEN);
}

void
lineup_post_set_evergreen (LineupPost *self,
                           const char *evergreen)
{
  g_return_if_fail (LINEUP_IS_POST (self));
  text_set (self, TEXT_EVERGREEN, evergreen);
}

/* ---- per-network caption variants ---- */

/* @json as an object of non-empty strings keyed by platform keys, or NULL
 * when it is not one (or is empty). */
static JsonObject *
captions_parse (const char *json)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  if (json == NULL || *json == '\0')
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  members = json_object_get_members (object);
  for (GList *l = members; l; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);

      if (platform_index (l->data, strlen (l->data)) < 0 ||
          !JSON_NODE_HOLDS_VALUE (node) ||
          json_node_get_value_type (node) != G_TYPE_STRING)
        return NULL;
    }
  return json_object_ref (object);
}

/* @object's non-empty variants in the platform table's order, or NULL
 * when there is none. */
static char *
captions_write (JsonObject *object)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  const LineupPlatformInfo *all;
  guint n, written = 0;

  all = lineup_platforms_get_all (&n);
  json_builder_begin_object (builder);
  for (guint i = 0; object && i < n; i++)
    {
      const char *text = json_object_has_member (object, all[i].key)
                           ? json_object_get_string_member (object, all[i].key) : NULL;

      if (text == NULL || *text == '\0')
        continue;
      json_builder_set_member_name (builder, all[i].key);
      json_builder_add_string_value (builder, text);
      written++;
    }
  json_builder_end_object (builder);
  if (written == 0)
    return NULL;
  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

const char *
lineup_post_get_captions (LineupPost *self)
{
  g_return_val_if_fail (LINEUP_IS_POST (self), NULL);
  if (!(self->present & HAS_CAPTIONS))
    return NULL;
  return text_get (self, TEXT_CAPTIONS);
}

void
lineup_post_set_captions (LineupPost *self,
                          const char *json)
{
  JsonObject *object;
  g_autofree char *canonical = NULL;

  g_return_if_fail (LINEUP_IS_POST (self));

  object = captions_parse (json);
  if (object == NULL)
    {
      /* Kept as given (or none, for "" and NULL): validation names it. */
      text_set (self, TEXT_CAPTIONS, json);
      return;
    }
  canonical = captions_write (object);
  json_object_unref (object);
  text_set (self, TEXT_CAPTIONS, canonical);
}

gboolean
lineup_post_captions_valid (LineupPost *self)
{
  const char *json = lineup_post_get_captions (self);
  JsonObject *object;

  if (json == NULL)
    return TRUE;
  object = captions_parse (json);
  if (object == NULL)
    return FALSE;
  json_object_unref (object);
  return TRUE;
}

char *
lineup_post_dup_caption_variant (LineupPost *self,
                                 const char *platform)
{
  JsonObject *object;
  char *text = NULL;

  g_return_val_if_fail (LINEUP_IS_POST (self), NULL);

  if (platform == NULL || (object = captions_parse (lineup_post_get_captions (self))) == NULL)
    return NULL;
  if (json_object_has_member (object, platform))
    text = g_strdup (json_object_get_string_member (object, platform));
  json_object_unref (object);
  if (text && *text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

void
lineup_post_set_caption_variant (LineupPost *self,
                                 const char *platform,
                                 const char *text)
{
  JsonObject *object;
  g_autofree char *canonical = NULL;

  g_return_if_fail (LINEUP_IS_POST (self));
  g_return_if_fail (platform != NULL);

  object = captions_parse (lineup_post_get_captions (self));
  if (object == NULL)
    object = json_object_new ();
  if (text && *text)
    json_object_set_string_member (object, platform, text);
  else if (json_object_has_member (object, platform))
    json_object_remove_member (object, platform);
  canonical = captions_write (object);
  json_object_unref (object);
  text_set (self, TEXT_CAPTIONS, canonical);
}

char *
lineup_post_dup_caption_for (LineupPost *self,
                             const char *platform)
{
  char *variant = lineup_post_dup_caption_variant (self, platform);

  return variant ? variant : g_strdup (lineup_post_get_body (self));
}

/* ---- the content warning ---- */

const char *
lineup_post_get_content_warning (LineupPost *self)
{
  g_return_val_if_fail (LINEUP_IS_POST (self), "");
  if (!(self->present & HAS_CONTENT_WARNING))
    return "";
  return text_get (self, TEXT_CONTENT_WARNING);
}

void
lineup_post_set_content_warning (LineupPost *self,
                                 const char *warning)
{
  g_return_if_fail (LINEUP_IS_POST (self));
  text_set (self, TEXT_CONTENT_WARNING, warning);
}

gboolean
lineup_evergreen_parse (const char *text,
                        guint      *out_min_gap_days,
                        char      **out_until)
{
  g_auto(GStrv) parts = NULL;
  guint64 gap;

  if (text == NULL || *text == '\0')
    return FALSE;
  parts = g_strsplit (text, " ", -1);
  if (g_strv_length (parts) > 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 0, LINEUP_EVERGREEN_MAX_GAP_DAYS, &gap, NULL))
    return FALSE;
  if (parts[1] != NULL)
    {
      int y, m, d;
      char tail;

      if (strlen (parts[1]) != 10 || sscanf (parts[1], "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
          !g_date_valid_dmy (d, m, y) || parts[1][4] != '-' || parts[1][7] != '-')
        return FALSE;
    }
  if (out_min_gap_days)
    *out_min_gap_days = gap;
  if (out_until)
    *out_until = g_strdup (parts[1]);
  return TRUE;
}

char *
lineup_evergreen_format (guint       min_gap_days,
                         const char *until)
{
  return until && *until ? g_strdup_printf ("%u %s", min_gap_days, until)
                         : g_strdup_printf ("%u", min_gap_days);
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
  text_set (self, TEXT_ID, id);
}

void
_lineup_post_set_texts (LineupPost         *self,
                        const char         *id,
                        const char         *title,
                        const char         *body,
                        const char * const *brief,
                        const char         *due_on)
{
  const char *texts[N_TEXTS] = { id, title, body };

  for (guint i = 0; i < LINEUP_N_BRIEF_FIELDS; i++)
    texts[TEXT_BRIEF + i] = brief[i];
  texts[TEXT_DUE_ON] = due_on;
  texts_write (self, texts);
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
