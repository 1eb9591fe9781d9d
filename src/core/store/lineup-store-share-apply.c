/* lineup-store-share-apply.c: applying a shared plan's record of a post
 * (docs/sharing.md §3) to the store.
 *
 * Every field is checked first, so that a bad record writes nothing (not
 * even a pillar it names); then, as one operation announced as remote (no
 * undo step, LineupCommit.remote), the post becomes what the record says:
 * created with the record's UID as its id, brought back when deleted, its
 * pillar, type and campaign found by name or added, its history, ticks,
 * targets, publishing states and conflicts replaced. Reading a post as a
 * record is in lineup-store-share-records.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "lineup-store-private.h"
#include "lineup-store-share.h"

/* ---- checking a record ---- */

typedef struct {
  char   *text;
  char   *actor;
  gint64  at;
} ParsedCheck;

typedef struct {
  const char        *text;   /* the line in the record (borrowed) */
  gint64             at;
  LineupHistoryKind  kind;
  int                from;
  int                to;
  char              *actor;
  char              *comment;
} ParsedLine;

/* A record checked field by field: what the post becomes, still without
 * the ids of its pillar, type and campaign, which may have to be added. */
typedef struct {
  LineupPost *post;
  const char *pillar;        /* names as in the record; NULL: none given */
  const char *type;
  const char *campaign;
  gint64      created;       /* 0: not given */
  GArray     *checks;        /* of ParsedCheck */
  GArray     *log;           /* of ParsedLine */
  GPtrArray  *targets;       /* key, name, key, name… */
  GPtrArray  *publish;       /* key, value, … */
  GPtrArray  *conflicts;     /* field, value, by-or-NULL, … */
  char       *series;        /* the series' uid, or NULL */
  GDate       occurs_on;     /* the occurrence's local date in it */
  gboolean    series_own;
  char       *results;       /* the `results` field, or NULL */
  char       *url;           /* the `url` field, or NULL */
  char       *media;         /* the `media` field, or NULL */
} ParsedPost;

static void
parsed_check_clear (ParsedCheck *check)
{
  g_free (check->text);
  g_free (check->actor);
}

static void
parsed_line_clear (ParsedLine *line)
{
  g_free (line->actor);
  g_free (line->comment);
}

static void
parsed_post_free (ParsedPost *parsed)
{
  g_clear_object (&parsed->post);
  g_array_unref (parsed->checks);
  g_array_unref (parsed->log);
  g_ptr_array_unref (parsed->targets);
  g_ptr_array_unref (parsed->publish);
  g_ptr_array_unref (parsed->conflicts);
  g_free (parsed->series);
  g_free (parsed->results);
  g_free (parsed->url);
  g_free (parsed->media);
  g_free (parsed);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParsedPost, parsed_post_free)

/* Sets (or prefixes) @error so that it names the post and the field. */
static gboolean
field_error (GError     **error,
             const char  *uid,
             const char  *field,
             const char  *problem)
{
  if (error && *error)
    g_prefix_error (error, _("The post %s from the shared plan cannot be applied (field “%s”): "), uid, field);
  else
    g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                 _("The post %s from the shared plan cannot be applied (field “%s”): %s. Correct it on the server, or delete it there"),
                 uid, field, problem);
  return FALSE;
}

static gboolean
check_field_name (const char  *uid,
                  const char  *field,
                  const char  *value,
                  GError     **error)
{
  if (value != NULL && !_lineup_store_check_name (_("The name"), value, error))
    return field_error (error, uid, field, NULL);
  return TRUE;
}

/* "LOGIN UNIXTIME": the login may hold spaces, the time is after the last. */
static gboolean
parse_actor_time (const char  *value,
                  char       **out_actor,
                  gint64      *out_at)
{
  const char *space = value ? strrchr (value, ' ') : NULL;
  g_autofree char *actor = NULL;

  if (space == NULL || space == value || !_lineup_share_parse_int (space + 1, 0, G_MAXINT64, out_at))
    return FALSE;
  actor = g_strndup (value, space - value);
  if (!_lineup_store_check_name ("", actor, NULL))
    return FALSE;
  *out_actor = g_steal_pointer (&actor);
  return TRUE;
}

static gboolean
parse_log (ParsedPost               *parsed,
           const char               *uid,
           const LineupShareRecord  *record,
           GError                  **error)
{
  GPtrArray *log = lineup_share_record_get_log (record);

  for (guint i = 0; i < log->len; i++)
    {
      g_autofree char *kind = NULL, *from = NULL, *to = NULL;
      ParsedLine line = { 0, };
      LineupStage stage, from_stage = LINEUP_STAGE_BRIEF;

      if (!lineup_share_log_line_parse (g_ptr_array_index (log, i), &line.at, &kind, &from, &to,
                                        &line.actor, &line.comment) ||
          !lineup_history_kind_from_key (kind, &line.kind) ||
          !_lineup_share_stage_from_key (to, &stage) ||
          (from && !_lineup_share_stage_from_key (from, &from_stage)) ||
          !_lineup_store_check_name ("", line.actor, NULL) ||
          !_lineup_store_check_text ("", line.comment, LINEUP_FIELD_MAX_CHARS, NULL))
        {
          g_autofree char *problem = g_strdup_printf (_("the line “%s” is not a history line (AT|KIND|FROM|TO|ACTOR|COMMENT with known kinds and stages)"),
                                                      (char *) g_ptr_array_index (log, i));
          parsed_line_clear (&line);
          return field_error (error, uid, "log", g_utf8_validate (problem, -1, NULL) ? problem : "?");
        }
      line.text = g_ptr_array_index (log, i);
      line.to = stage;
      line.from = from ? (int) from_stage : -1;
      g_array_append_val (parsed->log, line);
    }
  return TRUE;
}

static gboolean
parse_accounts_and_conflicts (ParsedPost               *parsed,
                              const char               *uid,
                              const LineupShareRecord  *record,
                              GError                  **error)
{
  g_auto(GStrv) targets = lineup_share_record_list_prefixed (record, "target:");
  g_auto(GStrv) publish = lineup_share_record_list_prefixed (record, "publish:");
  g_auto(GStrv) conflicts = lineup_share_record_list_prefixed (record, "conflict:");

  for (guint i = 0; targets[i]; i++)
    {
      const char *name = lineup_share_record_get (record, targets[i]);

      if (targets[i][strlen ("target:")] == '\0')
        return field_error (error, uid, targets[i], _("an account needs a key"));
      if (!check_field_name (uid, targets[i], name, error))
        return FALSE;
      g_ptr_array_add (parsed->targets, g_strdup (targets[i] + strlen ("target:")));
      g_ptr_array_add (parsed->targets, g_strdup (name));
    }
  for (guint i = 0; publish[i]; i++)
    {
      const char *value = lineup_share_record_get (record, publish[i]);

      if (publish[i][strlen ("publish:")] == '\0' || *value == '\0' ||
          !_lineup_store_check_text ("", value, LINEUP_FIELD_MAX_CHARS, NULL))
        return field_error (error, uid, publish[i], _("expected “STATE URL MESSAGE”"));
      g_ptr_array_add (parsed->publish, g_strdup (publish[i] + strlen ("publish:")));
      g_ptr_array_add (parsed->publish, g_strdup (value));
    }
  for (guint i = 0; conflicts[i]; i++)
    {
      const char *field = conflicts[i] + strlen ("conflict:");
      g_autofree char *by_field = g_strconcat ("conflict-by:", field, NULL);
      const char *by = lineup_share_record_get (record, by_field);

      if (*field == '\0')
        return field_error (error, uid, conflicts[i], _("a conflict needs the field it is about"));
      if (!_lineup_store_check_text (_("The other value"), lineup_share_record_get (record, conflicts[i]),
                                     LINEUP_BODY_MAX_CHARS, error))
        return field_error (error, uid, conflicts[i], NULL);
      if (!check_field_name (uid, by_field, by, error))
        return FALSE;
      g_ptr_array_add (parsed->conflicts, g_strdup (field));
      g_ptr_array_add (parsed->conflicts, g_strdup (lineup_share_record_get (record, conflicts[i])));
      g_ptr_array_add (parsed->conflicts, g_strdup (by));
    }
  return TRUE;
}

static ParsedPost *
parse_post (LineupStore              *self,
            const char               *uid,
            const LineupShareRecord  *record,
            GError                  **error)
{
  g_autoptr(ParsedPost) parsed = g_new0 (ParsedPost, 1);
  const char *title = lineup_share_record_get (record, "title");
  const char *body = lineup_share_record_get (record, "body");
  const char *value;
  g_auto(GStrv) checks = lineup_share_record_list_prefixed (record, "check:");
  LineupStage stage = LINEUP_STAGE_BRIEF;
  gint64 at = LINEUP_POST_UNDATED;

  parsed->post = lineup_post_new ();
  parsed->checks = g_array_new (FALSE, TRUE, sizeof (ParsedCheck));
  g_array_set_clear_func (parsed->checks, (GDestroyNotify) parsed_check_clear);
  parsed->log = g_array_new (FALSE, TRUE, sizeof (ParsedLine));
  g_array_set_clear_func (parsed->log, (GDestroyNotify) parsed_line_clear);
  parsed->targets = g_ptr_array_new_with_free_func (g_free);
  parsed->publish = g_ptr_array_new_with_free_func (g_free);
  parsed->conflicts = g_ptr_array_new_with_free_func (g_free);

  if (!_lineup_store_check_text (_("The title"), title, LINEUP_TITLE_MAX_CHARS, error) ||
      !_lineup_store_check_one_line (_("The title"), title, error))
    return field_error (error, uid, "title", NULL), NULL;
  {
    g_autofree char *stripped = g_strstrip (g_strdup (title ? title : ""));

    if (*stripped == '\0')
      return field_error (error, uid, "title", _("it is empty; every post needs a title")), NULL;
  }
  if (!_lineup_store_check_text (_("The caption"), body, LINEUP_BODY_MAX_CHARS, error))
    return field_error (error, uid, "body", NULL), NULL;
  lineup_post_set_title (parsed->post, title);
  lineup_post_set_body (parsed->post, body ? body : "");

  if ((value = lineup_share_record_get (record, "at")) && !_lineup_share_parse_utc (value, &at))
    return field_error (error, uid, "at", _("expected a UTC time as YYYYMMDDTHHMMSSZ")), NULL;
  lineup_post_set_scheduled_at (parsed->post, at);

  if ((value = lineup_share_record_get (record, "stage")) && !_lineup_share_stage_from_key (value, &stage))
    {
      g_autofree char *problem = g_strdup_printf (_("unknown stage; expected one of %s"), lineup_stage_list_keys ());
      return field_error (error, uid, "stage", problem), NULL;
    }
  _lineup_post_set_stage (parsed->post, stage);

  parsed->pillar = lineup_share_record_get (record, "pillar");
  parsed->type = lineup_share_record_get (record, "type");
  parsed->campaign = lineup_share_record_get (record, "campaign");
  if (!check_field_name (uid, "pillar", parsed->pillar, error) ||
      !check_field_name (uid, "type", parsed->type, error) ||
      !check_field_name (uid, "campaign", parsed->campaign, error))
    return NULL;

  if ((value = lineup_share_record_get (record, "platforms")) && *value)
    {
      g_auto(GStrv) keys = g_strsplit (value, ",", -1);
      g_auto(GStrv) canonical = NULL;

      for (guint i = 0; keys[i]; i++)
        g_strstrip (keys[i]);
      if (!lineup_platforms_normalize ((const char * const *) keys, &canonical, error))
        return field_error (error, uid, "platforms", NULL), NULL;
      lineup_post_set_platforms (parsed->post, (const char * const *) canonical);
    }

  for (guint i = 0; i < LINEUP_N_BRIEF_FIELDS; i++)
    {
      const char *key = lineup_brief_field_to_key (i);

      value = lineup_share_record_get (record, key);
      if (!_lineup_store_check_text (lineup_brief_field_to_label (i), value, LINEUP_FIELD_MAX_CHARS, error))
        return field_error (error, uid, key, NULL), NULL;
      lineup_post_set_brief (parsed->post, i, value && *value ? value : NULL);
    }

  if ((value = lineup_share_record_get (record, "due")) && !lineup_parse_date (value, NULL))
    return field_error (error, uid, "due", _("expected a date as YYYY-MM-DD")), NULL;
  lineup_post_set_due_on (parsed->post, value);

  if ((value = lineup_share_record_get (record, "series")))
    {
      g_auto(GStrv) parts = g_strsplit (value, " ", -1);
      guint n = g_strv_length (parts);

      if ((n != 2 && n != 3) || *parts[0] == '\0' || strlen (parts[0]) > 255 || !lineup_parse_date (parts[1], &parsed->occurs_on) ||
          (n == 3 && g_strcmp0 (parts[2], "own") != 0))
        return field_error (error, uid, "series", _("expected the series’ UID, a space and the date as YYYY-MM-DD (then “ own”)")), NULL;
      parsed->series = g_strdup (parts[0]);
      parsed->series_own = n == 3;
    }
  if ((value = lineup_share_record_get (record, "source")) &&
      (!_lineup_store_check_one_line (_("The source post"), value, error) ||
       !_lineup_store_check_text (_("The source post"), value, LINEUP_NAME_MAX_CHARS, error)))
    return field_error (error, uid, "source", NULL), NULL;
  lineup_post_set_source_id (parsed->post, value && *value ? value : NULL);
  if ((value = lineup_share_record_get (record, "evergreen")) && *value &&
      !lineup_evergreen_parse (value, NULL, NULL))
    return field_error (error, uid, "evergreen", _("expected the minimum gap in days, then optionally the last date as YYYY-MM-DD")), NULL;
  lineup_post_set_evergreen (parsed->post, value && *value ? value : NULL);
  lineup_post_set_captions (parsed->post, lineup_share_record_get (record, "captions"));
  if (!lineup_post_captions_valid (parsed->post))
    return field_error (error, uid, "captions", _("expected a JSON object of platform keys to caption texts")), NULL;
  lineup_post_set_content_warning (parsed->post, lineup_share_record_get (record, "content_warning"));
  if (!_lineup_store_results_check_fields (record, error))
    return field_error (error, uid, "results", NULL), NULL;
  parsed->results = g_strdup (lineup_share_record_get (record, "results"));
  parsed->url = g_strdup (lineup_share_record_get (record, "url"));
  parsed->media = g_strdup (lineup_share_record_get (record, "media"));

  if ((value = lineup_share_record_get (record, "created")) &&
      !_lineup_share_parse_int (value, 1, G_MAXINT64, &parsed->created))
    return field_error (error, uid, "created", _("expected unix seconds")), NULL;

  for (guint i = 0; checks[i]; i++)
    {
      ParsedCheck check = { g_strdup (checks[i] + strlen ("check:")), NULL, 0 };

      if (!parse_actor_time (lineup_share_record_get (record, checks[i]), &check.actor, &check.at))
        {
          parsed_check_clear (&check);
          return field_error (error, uid, checks[i], _("expected “LOGIN UNIXTIME”")), NULL;
        }
      g_array_append_val (parsed->checks, check);
    }

  if (!parse_accounts_and_conflicts (parsed, uid, record, error) ||
      !parse_log (parsed, uid, record, error))
    return NULL;
  return g_steal_pointer (&parsed);
}

/* ---- applying ---- */

static gboolean
run_for_post (LineupStore  *self,
              const char   *sql,
              const char   *id,
              GError      **error)
{
  sqlite3_stmt *stmt = _lineup_store_share_prepare_for_post (self, sql, id, error);

  return stmt && _lineup_store_step_done (self, stmt, _("save the post from the shared plan"), error);
}

/* Inserts ( @id, @a, @b ) or ( @id, @a, @b, @c ) with @sql. */
static gboolean
insert_for_post (LineupStore  *self,
                 const char   *sql,
                 const char   *id,
                 const char   *a,
                 const char   *b,
                 const char   *c,
                 gint64        n,
                 GError      **error)
{
  sqlite3_stmt *stmt = _lineup_store_share_prepare_for_post (self, sql, id, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 2, a, -1, SQLITE_STATIC);
  if (b)
    sqlite3_bind_text (stmt, 3, b, -1, SQLITE_STATIC);
  if (c)
    sqlite3_bind_text (stmt, 4, c, -1, SQLITE_STATIC);
  else if (n >= 0)
    sqlite3_bind_int64 (stmt, 4, n);
  return _lineup_store_step_done (self, stmt, _("save the post from the shared plan"), error);
}

/* The pillar, type and campaign the record names, added when the plan
 * lacks them; the first pillar and type when it names none. */
static gboolean
resolve_catalog (LineupStore  *self,
                 ParsedPost   *parsed,
                 GError      **error)
{
  LineupPillar *pillar = NULL;
  LineupContentType *type = NULL;
  LineupCampaign *campaign = NULL;
  const char *fallback = _("General");

  if (parsed->pillar)
    pillar = lineup_store_find_pillar (self, parsed->pillar);
  else if (g_list_model_get_n_items (lineup_store_get_pillars (self)) > 0)
    {
      g_autoptr(LineupPillar) first = g_list_model_get_item (lineup_store_get_pillars (self), 0);
      pillar = first;
    }
  if (pillar == NULL &&
      (pillar = lineup_store_add_pillar (self, parsed->pillar ? parsed->pillar : fallback, NULL, -1, error)) == NULL)
    return FALSE;

  if (parsed->type)
    type = lineup_store_find_content_type (self, parsed->type);
  else if (g_list_model_get_n_items (lineup_store_get_content_types (self)) > 0)
    {
      g_autoptr(LineupContentType) first = g_list_model_get_item (lineup_store_get_content_types (self), 0);
      type = first;
    }
  if (type == NULL &&
      (type = lineup_store_add_content_type (self, parsed->type ? parsed->type : fallback, error)) == NULL)
    return FALSE;

  if (parsed->campaign && (campaign = lineup_store_find_campaign (self, parsed->campaign)) == NULL)
    {
      /* The plan's record gives a campaign its dates; until it comes, the
       * post's own day (or today) stands for them. */
      GDate day;
      char date[16];

      if (lineup_post_is_dated (parsed->post))
        lineup_store_utc_to_local (self, lineup_post_get_scheduled_at (parsed->post), &day, NULL);
      else
        lineup_store_get_today (self, &day);
      g_date_strftime (date, sizeof date, "%Y-%m-%d", &day);
      campaign = lineup_store_add_campaign (self, parsed->campaign, _lineup_store_next_palette_color (self),
                                            date, date, error);
      if (campaign == NULL)
        return FALSE;
    }

  lineup_post_set_pillar_id (parsed->post, lineup_pillar_get_id (pillar));
  lineup_post_set_type_id (parsed->post, lineup_content_type_get_id (type));
  lineup_post_set_campaign_id (parsed->post, campaign ? lineup_campaign_get_id (campaign) : 0);
  return TRUE;
}

/* Within a second, a creation comes first; otherwise the order stays. */
static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  const ParsedLine *x = *(ParsedLine * const *) a, *y = *(ParsedLine * const *) b;

  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  return (x->from >= 0) - (y->from >= 0);
}

/* Makes the post's history the record's log. The log is a set ordered by
 * time: lines this copy already has keep their order (which the seconds
 * of the log do not tell), new ones go in by time. */
static gboolean
write_log (LineupStore  *self,
           const char   *id,
           ParsedPost   *parsed,
           GError      **error)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) existing = _lineup_store_share_history_lines (self, id, error);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  gboolean same;

  if (existing == NULL)
    return FALSE;
  for (guint i = 0; i < parsed->log->len; i++)
    {
      ParsedLine *line = &g_array_index (parsed->log, ParsedLine, i);

      g_hash_table_insert (wanted, (gpointer) line->text, line);
    }
  for (guint i = 0; i < existing->len; i++)
    {
      ParsedLine *line = g_hash_table_lookup (wanted, existing->pdata[i]);

      if (line && g_hash_table_add (placed, (gpointer) line->text))
        g_ptr_array_add (order, line);
    }
  for (guint i = 0; i < parsed->log->len; i++)
    {
      ParsedLine *line = &g_array_index (parsed->log, ParsedLine, i);

      if (!g_hash_table_contains (placed, line->text))
        g_ptr_array_add (order, line);
    }
  g_ptr_array_sort (order, compare_lines);   /* stable */

  same = order->len == existing->len;
  for (guint i = 0; same && i < order->len; i++)
    same = g_str_equal (((ParsedLine *) order->pdata[i])->text, existing->pdata[i]);
  if (same)
    return TRUE;

  if (!run_for_post (self, "DELETE FROM stage_history WHERE post_id = ?", id, error))
    return FALSE;
  for (guint i = 0; i < order->len; i++)
    {
      ParsedLine *line = order->pdata[i];

      if (!_lineup_store_write_history_line (self, line->kind, id, line->from, line->to,
                                             line->actor, line->comment, line->at, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_checks (LineupStore  *self,
              const char   *id,
              ParsedPost   *parsed,
              GError      **error)
{
  static const char sql[] =
    "INSERT OR REPLACE INTO post_checks (post_id, item_id, actor, at) "
    "SELECT ?1, id, ?3, ?4 FROM checklist WHERE text = ?2 ORDER BY position, id LIMIT 1";

  if (!run_for_post (self, "DELETE FROM post_checks WHERE post_id = ?", id, error))
    return FALSE;
  /* A tick of an item this plan does not have is ignored. */
  for (guint i = 0; i < parsed->checks->len; i++)
    {
      ParsedCheck *check = &g_array_index (parsed->checks, ParsedCheck, i);

      if (!insert_for_post (self, sql, id, check->text, check->actor, NULL, check->at, error))
        return FALSE;
    }
  return TRUE;
}

/* Targets of this machine's accounts go where its publisher reads them;
 * every target and state is kept as it came, to travel on. Returns
 * whether this machine's targets changed in *@out_changed. */
static gboolean
write_accounts (LineupStore  *self,
                const char   *id,
                ParsedPost   *parsed,
                gboolean     *out_changed,
                GError      **error)
{
  static const char own_sql[] = "SELECT group_concat(account_id, ',') FROM (SELECT account_id FROM post_targets WHERE post_id = ? ORDER BY account_id)";
  static const char target_sql[] = "INSERT OR IGNORE INTO post_targets (post_id, account_id) VALUES (?, ?)";
  static const char other_target_sql[] = "INSERT OR REPLACE INTO share_targets (post_id, key, name) VALUES (?, ?, ?)";
  static const char other_publish_sql[] = "INSERT OR REPLACE INTO share_publish (post_id, key, value) VALUES (?, ?, ?)";
  g_autoptr(GHashTable) accounts = _lineup_store_share_account_keys (self, TRUE, error);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3_stmt *stmt;

  if (accounts == NULL)
    return FALSE;
  if ((stmt = _lineup_store_share_prepare_for_post (self, own_sql, id, error)) == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    before = g_strdup (_lineup_store_column_text (stmt, 0));
  _lineup_store_finish (stmt);

  if (!run_for_post (self, "DELETE FROM post_targets WHERE post_id = ?", id, error) ||
      !run_for_post (self, "DELETE FROM share_targets WHERE post_id = ?", id, error) ||
      !run_for_post (self, "DELETE FROM share_publish WHERE post_id = ?", id, error))
    return FALSE;
  for (guint i = 0; i + 1 < parsed->targets->len; i += 2)
    {
      const char *key = g_ptr_array_index (parsed->targets, i);
      const char *account = g_hash_table_lookup (accounts, key);

      if ((account && !insert_for_post (self, target_sql, id, account, NULL, NULL, -1, error)) ||
          !insert_for_post (self, other_target_sql, id, key, g_ptr_array_index (parsed->targets, i + 1),
                            NULL, -1, error))
        return FALSE;
    }
  /* This machine's publisher keeps the states of its own accounts in its
   * own table; what came is kept too, and read back while it has none. */
  for (guint i = 0; i + 1 < parsed->publish->len; i += 2)
    if (!insert_for_post (self, other_publish_sql, id, g_ptr_array_index (parsed->publish, i),
                          g_ptr_array_index (parsed->publish, i + 1), NULL, -1, error))
      return FALSE;

  if ((stmt = _lineup_store_share_prepare_for_post (self, own_sql, id, error)) == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    after = g_strdup (_lineup_store_column_text (stmt, 0));
  _lineup_store_finish (stmt);
  *out_changed = g_strcmp0 (before, after) != 0;
  return TRUE;
}

static gboolean
write_conflicts (LineupStore  *self,
                 const char   *id,
                 ParsedPost   *parsed,
                 GError      **error)
{
  static const char sql[] = "INSERT OR REPLACE INTO share_conflicts (post_id, field, value, by) VALUES (?, ?, ?, ?)";

  if (!run_for_post (self, "DELETE FROM share_conflicts WHERE post_id = ?", id, error))
    return FALSE;
  for (guint i = 0; i + 2 < parsed->conflicts->len; i += 3)
    {
      const char *by = g_ptr_array_index (parsed->conflicts, i + 2);
      sqlite3_stmt *stmt = _lineup_store_share_prepare_for_post (self, sql, id, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (parsed->conflicts, i), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, g_ptr_array_index (parsed->conflicts, i + 1), -1, SQLITE_STATIC);
      _lineup_store_bind_text_or_null (stmt, 4, by);
      if (!_lineup_store_step_done (self, stmt, _("save the conflict"), error))
        return FALSE;
    }
  return TRUE;
}

/* The post as the record makes it, over @current (NULL: a new post). */
static gboolean
write_post (LineupStore  *self,
            const char   *uid,
            LineupPost   *current,
            ParsedPost   *parsed,
            GError      **error)
{
  static const char created_sql[] = "UPDATE posts SET created_at = ?2 WHERE id = ?1";
  LineupPost *post = parsed->post;
  g_autoptr(LineupPost) old = NULL;
  gint64 now = _lineup_store_now_seconds ();
  gint64 created;
  gboolean targets_changed = FALSE;
  sqlite3_stmt *stmt;

  if (!resolve_catalog (self, parsed, error))
    return FALSE;

  created = parsed->created ? parsed->created : current ? lineup_post_get_created_at (current) : now;
  _lineup_post_set_id (post, uid);
  _lineup_post_set_bookkeeping (post, created, now,
                                current == NULL ? 1 :
                                  lineup_post_get_revision (current) +
                                  (lineup_post_content_equal (current, post) ? 0 : 1),
                                0);
  if (!_lineup_store_validate_post (self, post, error))
    {
      g_prefix_error (error, _("The post %s from the shared plan cannot be applied: "), uid);
      return FALSE;
    }

  if (!_lineup_store_write_post_row (self, post, error))
    return FALSE;
  /* The row's creation time is part of its key, which the upsert keeps. */
  if (current && lineup_post_get_created_at (current) != created)
    {
      if ((stmt = _lineup_store_share_prepare_for_post (self, created_sql, uid, error)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 2, created);
      if (!_lineup_store_step_done (self, stmt, _("save the post from the shared plan"), error))
        return FALSE;
    }
  if (!write_log (self, uid, parsed, error) ||
      !write_checks (self, uid, parsed, error) ||
      !write_accounts (self, uid, parsed, &targets_changed, error) ||
      !write_conflicts (self, uid, parsed, error))
    return FALSE;
  if (parsed->series)
    {
      g_autofree char *had = _lineup_store_series_link_field (self, uid);

      if (!_lineup_store_write_series_link (self, uid, parsed->series, &parsed->occurs_on,
                                            parsed->series_own, error))
        return FALSE;
      /* Undo steps that restore the links would drop this one. */
      if (had == NULL)
        _lineup_store_drop_catalog_steps (self);
    }
  if (!_lineup_store_results_write_fields (self, uid, parsed->results, parsed->url, error))
    return FALSE;
  if (!_lineup_store_media_write_fields (self, uid, parsed->media, error))
    return FALSE;

  /* A new post was "deleted" before, as lineup_store_add_post announces one. */
  if (current)
    old = g_object_ref (current);
  else
    {
      old = lineup_post_copy (post);
      _lineup_post_set_bookkeeping (old, created, now, 1, now);
    }
  _lineup_store_queue_signal (self, PENDING_POST, old, post);
  if (targets_changed)
    _lineup_store_publishing_changed (self);
  return TRUE;
}

static gboolean
check_uid (const char  *uid,
           GError     **error)
{
  if (uid == NULL || *uid == '\0' || strlen (uid) > 255 || !g_utf8_validate (uid, -1, NULL) ||
      !_lineup_store_check_one_line ("", uid, NULL) || strchr (uid, '/') != NULL)
    {
      g_set_error (error, LINEUP_STORE_ERROR, LINEUP_STORE_ERROR_INVALID,
                   _("“%s” is not the UID of a post: expected up to 255 characters on one line, without “/”"),
                   uid && g_utf8_validate (uid, -1, NULL) ? uid : "?");
      return FALSE;
    }
  return TRUE;
}

static gboolean
apply_deletion (LineupStore  *self,
                const char   *uid,
                GError      **error)
{
  g_autoptr(LineupPost) current = _lineup_store_read_post (self, uid, NULL);
  g_autoptr(LineupPost) changed = NULL;
  gint64 now = _lineup_store_now_seconds ();

  if (current == NULL || lineup_post_get_deleted_at (current) != 0)
    return TRUE;

  changed = lineup_post_copy (current);
  _lineup_post_set_bookkeeping (changed, lineup_post_get_created_at (current), now,
                                lineup_post_get_revision (current), now);
  if (!_lineup_store_begin_operation (self, NULL, error))
    return FALSE;
  _lineup_store_mark_remote (self);
  if (!_lineup_store_write_post_row (self, changed, error) ||
      !run_for_post (self, "DELETE FROM share_conflicts WHERE post_id = ?", uid, error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  _lineup_store_queue_signal (self, PENDING_POST, current, changed);
  return _lineup_store_end_operation (self, TRUE, error);
}

gboolean
lineup_store_share_apply_post (LineupStore              *self,
                               const char               *uid,
                               const LineupShareRecord  *record,
                               GError                  **error)
{
  g_autoptr(ParsedPost) parsed = NULL;
  g_autoptr(LineupPost) current = NULL;
  g_autofree char *label = NULL;
  const char *title;

  g_return_val_if_fail (LINEUP_IS_STORE (self), FALSE);

  if (!check_uid (uid, error))
    return FALSE;
  if (record == NULL)
    return apply_deletion (self, uid, error);

  /* Everything is checked before anything is written: a bad record
   * leaves the plan (and a batch it is part of) as it was. Errors name
   * the post by its title too, when it has a readable one. */
  title = lineup_share_record_get (record, "title");
  if (title && *title && g_utf8_validate (title, -1, NULL) && _lineup_store_check_one_line ("", title, NULL) &&
      g_utf8_strlen (title, -1) <= 60)
    label = g_strdup_printf ("“%s” (%s)", title, uid);
  else
    label = g_strdup (uid);
  if ((parsed = parse_post (self, label, record, error)) == NULL)
    return FALSE;

  current = _lineup_store_read_post (self, uid, NULL);
  if (current && lineup_post_get_deleted_at (current) == 0)
    {
      g_autoptr(LineupShareRecord) now = _lineup_store_share_read_post_record (self, current, NULL);

      /* What this copy already holds: nothing to write or announce. */
      if (now && lineup_share_record_equal (now, record))
        return TRUE;
    }

  if (!_lineup_store_begin_operation (self, NULL, error))
    return FALSE;
  _lineup_store_mark_remote (self);
  if (!write_post (self, uid, current, parsed, error))
    return _lineup_store_end_operation (self, FALSE, NULL);
  return _lineup_store_end_operation (self, TRUE, error);
}
