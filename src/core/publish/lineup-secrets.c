/* lineup-secrets.c: the Secret Service, or a private key file on request.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lineup-secrets.h"

struct _LineupSecrets {
  GObject        parent_instance;
  GMutex         lock;          /* one read-modify-write of the file at a time in this process… */
  char          *path;          /* the key file; NULL: the Secret Service */
  char          *description;
  SecretService *service;
};

G_DEFINE_FINAL_TYPE (LineupSecrets, lineup_secrets, G_TYPE_OBJECT)
G_DEFINE_QUARK (lineup-secrets-error-quark, lineup_secrets_error)

static const SecretSchema schema = {
  LINEUP_SECRETS_SCHEMA, SECRET_SCHEMA_NONE,
  {
    { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

/* ---- the Secret Service ---- */

static void
set_service_error (GError     **error,
                   const char  *doing,
                   GError      *cause)
{
  g_set_error (error, LINEUP_SECRETS_ERROR, LINEUP_SECRETS_ERROR_UNAVAILABLE,
               _("The Secret Service (GNOME Keyring) could not %s (%s): unlock or start the keyring, "
                 "or, on a machine without a desktop, set %s to a file for Lineup to keep secrets in"),
               doing, cause ? cause->message : _("no answer"), LINEUP_SECRETS_FILE_ENV);
}

static GHashTable *
new_attributes (const char *account_id,
                const char *kind)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, (gpointer) "account", (gpointer) account_id);
  if (kind)
    g_hash_table_insert (attributes, (gpointer) "kind", (gpointer) kind);
  return attributes;
}

/* ---- the file ---- */

/* Group and key names may not hold "[", "]", "=" or line breaks: escape
 * whatever is not plain, so any id round-trips. */
static char *
escape_name (const char *name)
{
  return g_uri_escape_string (name, NULL, FALSE);
}

/* Reads the file through one descriptor, so the mode checked is the mode of
 * the file read. A missing file is an empty one. */
static GKeyFile *
load_file (LineupSecrets  *self,
           GError        **error)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(GString) data = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;
  struct stat info;
  char buffer[4096];
  int fd;

  fd = open (self->path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0 && errno == ENOENT)
    return g_steal_pointer (&keys);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, LINEUP_SECRETS_ERROR, LINEUP_SECRETS_ERROR_FILE,
                   _("Could not open the secrets file %s (%s): check that it is a file you own"),
                   self->path, g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &info) != 0 || !S_ISREG (info.st_mode))
    {
      close (fd);
      g_set_error (error, LINEUP_SECRETS_ERROR, LINEUP_SECRETS_ERROR_FILE,
                   _("The secrets file %s is not a plain file: point %s at a file"),
                   self->path, LINEUP_SECRETS_FILE_ENV);
      return NULL;
    }
  if (info.st_uid != getuid ())
    {
      close (fd);
      g_set_error (error, LINEUP_SECRETS_ERROR, LINEUP_SECRETS_ERROR_PERMISSIONS,
                   _("The secrets file %s belongs to another user, so Lineup will not trust it: "
                     "use a file of your own"),
                   self->path);
      return NULL;
    }
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    {
      close (fd);
      g_set_error (error, LINEUP_SECRETS_ERROR, LINEUP_SECRETS_ERROR_PERMISSIONS,
                   _("The secrets file %s can be read by other users (mode %04o), so Lineup will not use it: "
                     "run “chmod 600 %s”, and replace the secrets in it if others may have seen them"),
                   self->path, (unsigned) (info.st_mode & 07777), self->path);
      return NULL;
    }

  for (;;)
    {
      ssize_t got = read (fd, buffer, sizeof buffer);

      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          int saved = errno;

          close (fd);
          g_set_error (error, LINEUP_SECRETS_ERROR, LINEUP_SECRETS_ERROR_FILE,
                       _("Could not read the secrets file %s (%s)"), self->path, g_strerror (saved));
          return NULL;
        }
      if (got == 0)
        break;
      g_string_append_len (data, buffer, got);
    }
  close (fd);

  if (!g_key_file_load_from_data (keys, data->str, data->len, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, LINEUP_SECRETS_ERROR, LINEUP_SECRETS_ERROR_FILE,
                   _("The secrets file %s is damaged (%s): fix it by hand, or move it away and sign in to the accounts again"),
                   self->path, local_error->message);
      return NULL;
    }
  /* Copies of the secrets should not linger in freed memory. */
  memset (data->str, 0, data->len);
  return g_steal_pointer (&keys);
}

/* …and across processes (the window, the timer, the command line, a
 * Bluesky session refreshed by any of them): an exclusive flock() on
 * "<file>.lock" beside the file, held from the read to the rename, so no
 * process writes back a copy that misses another's secret. Returns the
 * lock's descriptor (close it to unlock), or -1. */
static int
lock_file (LineupSecrets  *self,
           GError        **error)
{
  g_autofree char *folder = g_path_get_dirname (self->path);
  g_autofree char *lock_path = g_strconcat (self->path, ".lock", NULL);
  int fd;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, LINEUP_SECRETS_ERROR, LINEUP_SECRETS_ERROR_FILE,
                   _("Could not create the folder %s for the secrets file (%s)"), folder, g_strerror (saved_errno));
      return -1;
    }
  do
    fd = open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  while (fd < 0 && errno == EINTR);
  if (fd >= 0)
    {
      int rc;

      do
        rc = flock (fd, LOCK_EX);
      while (rc != 0 && errno == EINTR);
      if (rc == 0)
        return fd;
    }
  {
    int saved_errno = errno;

    if (fd >= 0)
      close (fd);
    g_set_error (error, LINEUP_SECRETS_ERROR, LINEUP_SECRETS_ERROR_FILE,
                 _("Could not lock the secrets file %s (%s): check that it is a file you own"),
                 lock_path, g_strerror (saved_errno));
    return -1;
  }
}

static void
unlock_file (int fd)
{
  if (fd >= 0)
    close (fd);
}

/* Atomically (a temporary file, fsync()ed, renamed over the old one: a
 * crash leaves the old file or the new one), never readable by others, in a
 * folder only its owner may enter. Call with the file locked (lock_file()). */
static gboolean
save_file (LineupSecrets  *self,
           GKeyFile       *keys,
           GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  gboolean saved;

  /* lock_file() made the folder. */
  data = g_key_file_to_data (keys, &length, NULL);
  saved = g_file_set_contents_full (self->path, data, (gssize) length,
                                    G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                    0600, &local_error);
  memset (data, 0, length);
  if (!saved)
    {
      g_set_error (error, LINEUP_SECRETS_ERROR, LINEUP_SECRETS_ERROR_FILE,
                   _("Could not write the secrets file %s (%s): check the folder’s permissions and free space"),
                   self->path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* ---- GObject ---- */

static void
lineup_secrets_finalize (GObject *object)
{
  LineupSecrets *self = (LineupSecrets *) object;

  g_clear_object (&self->service);
  g_free (self->path);
  g_free (self->description);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (lineup_secrets_parent_class)->finalize (object);
}

static void
lineup_secrets_class_init (LineupSecretsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lineup_secrets_finalize;
}

static void
lineup_secrets_init (LineupSecrets *self)
{
  g_mutex_init (&self->lock);
}

/* ---- public ---- */

LineupSecrets *
lineup_secrets_new (GError **error)
{
  g_autoptr(LineupSecrets) self = g_object_new (LINEUP_TYPE_SECRETS, NULL);
  const char *path = g_getenv (LINEUP_SECRETS_FILE_ENV);

  if (path && *path)
    {
      self->path = g_canonicalize_filename (path, NULL);
      self->description = g_strdup_printf (_("the file %s"), self->path);
      return g_steal_pointer (&self);
    }

  {
    g_autoptr(GError) local_error = NULL;

    /* Opening a session is a real call: it fails now, with a clear message,
     * when no keyring runs, rather than at the first secret stored. */
    self->service = secret_service_get_sync (SECRET_SERVICE_OPEN_SESSION, NULL, &local_error);
    if (self->service == NULL)
      {
        set_service_error (error, _("be reached"), local_error);
        return NULL;
      }
  }
  self->description = g_strdup (_("the Secret Service (GNOME Keyring)"));
  return g_steal_pointer (&self);
}

gboolean
lineup_secrets_store (LineupSecrets  *self,
                      const char     *account_id,
                      const char     *kind,
                      const char     *label,
                      const char     *secret,
                      GError        **error)
{
  g_return_val_if_fail (LINEUP_IS_SECRETS (self), FALSE);
  g_return_val_if_fail (account_id != NULL && *account_id, FALSE);
  g_return_val_if_fail (kind != NULL && *kind, FALSE);
  g_return_val_if_fail (secret != NULL, FALSE);

  if (self->path == NULL)
    {
      g_autoptr(GHashTable) attributes = new_attributes (account_id, kind);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *item_label = label ? g_strdup (label) : g_strdup_printf (_("Lineup: %s for %s"), kind, account_id);

      if (!secret_password_storev_sync (&schema, attributes, SECRET_COLLECTION_DEFAULT, item_label, secret,
                                        NULL, &local_error))
        {
          set_service_error (error, _("keep the secret"), local_error);
          return FALSE;
        }
      return TRUE;
    }
  else
    {
      g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
      g_autoptr(GKeyFile) keys = NULL;
      g_autofree char *group = escape_name (account_id);
      g_autofree char *key = escape_name (kind);
      int lock = lock_file (self, error);
      gboolean saved;

      /* Read under the lock: the file as the last writer left it. */
      if (lock < 0 || (keys = load_file (self, error)) == NULL)
        {
          unlock_file (lock);
          return FALSE;
        }
      g_key_file_set_string (keys, group, key, secret);
      saved = save_file (self, keys, error);
      unlock_file (lock);
      return saved;
    }
}

char *
lineup_secrets_lookup (LineupSecrets  *self,
                       const char     *account_id,
                       const char     *kind,
                       GError        **error)
{
  g_return_val_if_fail (LINEUP_IS_SECRETS (self), NULL);
  g_return_val_if_fail (account_id != NULL && *account_id, NULL);
  g_return_val_if_fail (kind != NULL && *kind, NULL);

  if (self->path == NULL)
    {
      g_autoptr(GHashTable) attributes = new_attributes (account_id, kind);
      g_autoptr(GError) local_error = NULL;
      char *found = secret_password_lookupv_sync (&schema, attributes, NULL, &local_error);
      char *copy;

      if (local_error)
        {
          set_service_error (error, _("find the secret"), local_error);
          return NULL;
        }
      if (found == NULL)
        return NULL;
      /* libsecret's copy lives in locked memory and must go back there. */
      copy = g_strdup (found);
      secret_password_free (found);
      return copy;
    }
  else
    {
      g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
      g_autoptr(GKeyFile) keys = load_file (self, error);
      g_autofree char *group = escape_name (account_id);
      g_autofree char *key = escape_name (kind);

      if (keys == NULL)
        return NULL;
      return g_key_file_get_string (keys, group, key, NULL);
    }
}

gboolean
lineup_secrets_clear (LineupSecrets  *self,
                      const char     *account_id,
                      GError        **error)
{
  g_return_val_if_fail (LINEUP_IS_SECRETS (self), FALSE);
  g_return_val_if_fail (account_id != NULL && *account_id, FALSE);

  if (self->path == NULL)
    {
      g_autoptr(GHashTable) attributes = new_attributes (account_id, NULL);
      g_autoptr(GError) local_error = NULL;

      /* FALSE without an error only says there was nothing to forget. */
      if (!secret_password_clearv_sync (&schema, attributes, NULL, &local_error) && local_error)
        {
          set_service_error (error, _("forget the account’s secrets"), local_error);
          return FALSE;
        }
      return TRUE;
    }
  else
    {
      g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
      g_autoptr(GKeyFile) keys = NULL;
      g_autofree char *group = escape_name (account_id);
      int lock = lock_file (self, error);
      gboolean saved = TRUE;

      if (lock < 0 || (keys = load_file (self, error)) == NULL)
        {
          unlock_file (lock);
          return FALSE;
        }
      if (g_key_file_has_group (keys, group))
        {
          g_key_file_remove_group (keys, group, NULL);
          saved = save_file (self, keys, error);
        }
      unlock_file (lock);
      return saved;
    }
}

const char *
lineup_secrets_describe (LineupSecrets *self)
{
  g_return_val_if_fail (LINEUP_IS_SECRETS (self), NULL);
  return self->description;
}
