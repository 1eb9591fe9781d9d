/* lineup-content-type.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lineup-content-type.h"

struct _LineupContentType
{
  GObject parent_instance;

  gint64 id;
  char *key;
  char *name;
  double target_min;
  double target_max;
};

G_DEFINE_FINAL_TYPE (LineupContentType, lineup_content_type, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_ICON_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lineup_content_type_finalize (GObject *object)
{
  LineupContentType *self = (LineupContentType *) object;

  g_free (self->key);
  g_free (self->name);

  G_OBJECT_CLASS (lineup_content_type_parent_class)->finalize (object);
}

static void
lineup_content_type_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LineupContentType *self = LINEUP_CONTENT_TYPE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ICON_NAME:
      g_value_set_string (value, lineup_content_type_get_icon_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_content_type_class_init (LineupContentTypeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lineup_content_type_finalize;
  object_class->get_property = lineup_content_type_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_content_type_init (LineupContentType *self)
{
  self->target_min = -1;
  self->target_max = -1;
}

LineupContentType *
lineup_content_type_new (gint64      id,
                         const char *key,
                         const char *name,
                         double      target_min,
                         double      target_max)
{
  LineupContentType *self = g_object_new (LINEUP_TYPE_CONTENT_TYPE, NULL);

  self->id = id;
  self->key = g_strdup (key);
  self->name = g_strdup (name);
  self->target_min = target_min;
  self->target_max = target_max;

  return self;
}

gint64
lineup_content_type_get_id (LineupContentType *self)
{
  g_return_val_if_fail (LINEUP_IS_CONTENT_TYPE (self), 0);
  return self->id;
}

const char *
lineup_content_type_get_key (LineupContentType *self)
{
  g_return_val_if_fail (LINEUP_IS_CONTENT_TYPE (self), NULL);
  return self->key;
}

const char *
lineup_content_type_get_name (LineupContentType *self)
{
  g_return_val_if_fail (LINEUP_IS_CONTENT_TYPE (self), NULL);
  return self->name;
}

const char *
lineup_content_type_get_icon_name (LineupContentType *self)
{
  static const char * const known[] = {
    "educational", "narrative", "proof", "community", "promotional",
  };

  g_return_val_if_fail (LINEUP_IS_CONTENT_TYPE (self), NULL);

  for (guint i = 0; self->key && i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (self->key, known[i]))
      {
        static const char * const icons[] = {
          "lineup-type-educational-symbolic",
          "lineup-type-narrative-symbolic",
          "lineup-type-proof-symbolic",
          "lineup-type-community-symbolic",
          "lineup-type-promotional-symbolic",
        };
        return icons[i];
      }

  return "lineup-type-other-symbolic";
}

double
lineup_content_type_get_target_min (LineupContentType *self)
{
  g_return_val_if_fail (LINEUP_IS_CONTENT_TYPE (self), -1);
  return self->target_min;
}

double
lineup_content_type_get_target_max (LineupContentType *self)
{
  g_return_val_if_fail (LINEUP_IS_CONTENT_TYPE (self), -1);
  return self->target_max;
}
