/* lineup-campaign.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lineup-campaign.h"

struct _LineupCampaign
{
  GObject parent_instance;

  gint64 id;
  char *name;
  char *color;
  char *starts_on;
  char *ends_on;
};

G_DEFINE_FINAL_TYPE (LineupCampaign, lineup_campaign, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_COLOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lineup_campaign_finalize (GObject *object)
{
  LineupCampaign *self = (LineupCampaign *) object;

  g_free (self->name);
  g_free (self->color);
  g_free (self->starts_on);
  g_free (self->ends_on);

  G_OBJECT_CLASS (lineup_campaign_parent_class)->finalize (object);
}

static void
lineup_campaign_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LineupCampaign *self = LINEUP_CAMPAIGN (object);

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
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lineup_campaign_class_init (LineupCampaignClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lineup_campaign_finalize;
  object_class->get_property = lineup_campaign_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lineup_campaign_init (LineupCampaign *self)
{
}

LineupCampaign *
lineup_campaign_new (gint64      id,
                     const char *name,
                     const char *color,
                     const char *starts_on,
                     const char *ends_on)
{
  LineupCampaign *self = g_object_new (LINEUP_TYPE_CAMPAIGN, NULL);

  self->id = id;
  self->name = g_strdup (name);
  self->color = g_strdup (color);
  self->starts_on = g_strdup (starts_on);
  self->ends_on = g_strdup (ends_on);

  return self;
}

gint64
lineup_campaign_get_id (LineupCampaign *self)
{
  g_return_val_if_fail (LINEUP_IS_CAMPAIGN (self), 0);
  return self->id;
}

const char *
lineup_campaign_get_name (LineupCampaign *self)
{
  g_return_val_if_fail (LINEUP_IS_CAMPAIGN (self), NULL);
  return self->name;
}

const char *
lineup_campaign_get_color (LineupCampaign *self)
{
  g_return_val_if_fail (LINEUP_IS_CAMPAIGN (self), NULL);
  return self->color;
}

const char *
lineup_campaign_get_starts_on (LineupCampaign *self)
{
  g_return_val_if_fail (LINEUP_IS_CAMPAIGN (self), NULL);
  return self->starts_on;
}

const char *
lineup_campaign_get_ends_on (LineupCampaign *self)
{
  g_return_val_if_fail (LINEUP_IS_CAMPAIGN (self), NULL);
  return self->ends_on;
}
