/* lineup-store-guard.c: keeps the plan's write-ahead log while this process
 * has the plan open.
 *
 * SQLite locks the plan with POSIX record locks, and POSIX drops every lock
 * a process holds on a file as soon as that process closes any descriptor
 * of the file. GIO does exactly that when it guesses a file's type by
 * reading its start (a file chooser showing the plan's folder, say): the
 * window then no longer holds the plan's shared lock, and the next
 * `lineup` command to close believes it is the last one, checkpoints and
 * deletes the -wal and -shm files under the open window. The window goes on
 * writing into a deleted log that nobody else reads: its edits are lost to
 * every other process, and later ones can corrupt the plan.
 *
 * The guard takes the same two locks again as open file description locks
 * (F_OFD_SETLK), which belong to a descriptor of their own and survive any
 * other close: a read lock on the plan's shared-lock bytes (no other
 * process can then take the exclusive lock that closing last needs) and on
 * the -shm file's "dead man switch" byte (no other process then takes
 * itself for the first and resets the shared memory). Both are released
 * before the store's own connection closes, so that the last process to
 * close still checkpoints and removes the log, as SQLite does.
 *
 * Where the kernel has no such locks, or the files cannot be opened, there
 * is no guard and SQLite's own locking is all there is, as before.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1   /* F_OFD_SETLK */
#endif
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "lineup-store-private.h"

/* SQLite's unix VFS (os_unix.c, stable since 3.7): the shared locks are a
 * read lock on SHARED_SIZE bytes from SHARED_FIRST; closing last takes a
 * write lock there. The -shm file's DMS byte follows its eight locks. */
#define SQLITE_PENDING_BYTE  0x40000000
#define SQLITE_SHARED_FIRST  (SQLITE_PENDING_BYTE + 2)
#define SQLITE_SHARED_SIZE   510
#define SQLITE_SHM_DMS       ((22 + 8) * 4 + 8)

struct _LineupStoreGuard
{
  int plan_fd;
  int shm_fd;
};

static int
read_lock (const char *path,
           off_t       start,
           off_t       length)
{
#ifdef F_OFD_SETLK
  struct flock lock = { 0 };
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);

  if (fd < 0)
    return -1;
  lock.l_type = F_RDLCK;
  lock.l_whence = SEEK_SET;
  lock.l_start = start;
  lock.l_len = length;
  if (fcntl (fd, F_OFD_SETLK, &lock) != 0)
    {
      int saved_errno = errno;

      g_debug ("No guard on %s: %s", path, g_strerror (saved_errno));
      close (fd);
      return -1;
    }
  return fd;
#else
  return -1;
#endif
}

LineupStoreGuard *
_lineup_store_guard_take (const char *path)
{
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  LineupStoreGuard *guard = g_new (LineupStoreGuard, 1);

  guard->plan_fd = read_lock (path, SQLITE_SHARED_FIRST, SQLITE_SHARED_SIZE);
  guard->shm_fd = read_lock (shm, SQLITE_SHM_DMS, 1);
  return guard;
}

/* Closing a descriptor of the plan drops this process's POSIX locks on it
 * too: only ever done right before the store's connection closes. */
void
_lineup_store_guard_release (LineupStoreGuard *guard)
{
  if (guard == NULL)
    return;
  if (guard->shm_fd >= 0)
    close (guard->shm_fd);
  if (guard->plan_fd >= 0)
    close (guard->plan_fd);
  g_free (guard);
}
