/* lineup-pillar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lineup-pillar.h"

struct _LineupPillar
{
  GObject parent_instance;

  gint64 id;
  char *name;
  char *color;
  double target;
};

G_DEFINE_FINAL_TYPE (LineupPillar, lineup_pillar, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_COLOR,
  PROP_TARGET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lineup_pillar_finalize (GObject *object)
{
  LineupPillar *self = (LineupPillar *) object;

  g_free (self->name);
  g_free (self->color);

  G_OBJECT_CLASS (lineup_pillar_parent_class)->finalize (object);
}

static void
lineup_pillar_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LineupPillar *self = LINEUP_PILLAR (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;
    case PROP_TARGET:
      g_value_set_double (value, self->target);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_pillar_class_init (LineupPillarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lineup_pillar_finalize;
  object_class->get_property = lineup_pillar_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TARGET] =
    g_param_spec_double ("target", NULL, NULL, -1, 100, -1,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_pillar_init (LineupPillar *self)
{
  self->target = -1;
}

LineupPillar *
lineup_pillar_new (gint64      id,
                   const char *name,
                   const char *color,
                   double      target)
{
  LineupPillar *self = g_object_new (LINEUP_TYPE_PILLAR, NULL);

  self->id = id;
  self->name = g_strdup (name);
  self->color = g_strdup (color);
  self->target = target;

  return self;
}

gint64
lineup_pillar_get_id (LineupPillar *self)
{
  g_return_val_if_fail (LINEUP_IS_PILLAR (self), 0);
  return self->id;
}

const char *
lineup_pillar_get_name (LineupPillar *self)
{
  g_return_val_if_fail (LINEUP_IS_PILLAR (self), NULL);
  return self->name;
}

const char *
lineup_pillar_get_color (LineupPillar *self)
{
  g_return_val_if_fail (LINEUP_IS_PILLAR (self), NULL);
  return self->color;
}

double
lineup_pillar_get_target (LineupPillar *self)
{
  g_return_val_if_fail (LINEUP_IS_PILLAR (self), -1);
  return self->target;
}
