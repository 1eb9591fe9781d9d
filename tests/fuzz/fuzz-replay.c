/* fuzz-replay.c: runs a harness over its corpus without libFuzzer.
 *
 * Linked with one fuzz-*.c harness instead of libFuzzer's main, so the
 * normal test suite (gcc or clang, sanitized or not) replays every seed and
 * every crash once found (tests/fuzz/corpus/<harness>/) without clang's
 * fuzzer runtime. Arguments: files or folders (every file in them, in name
 * order), each in a child process, as one TAP test an input; an input
 * that has used INPUT_SECONDS of processor time (twice libFuzzer's -timeout
 * in run-fuzzer.sh; processor time, so a loaded machine does not make it
 * flaky) is a hang and aborts. Not here: fuzzing itself (run-fuzzer.sh).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz-common.h"

#define INPUT_SECONDS 60

static void
on_alarm (int signum)
{
  static const char message[] = "this input used a minute of processor time: a hang\n";

  if (write (STDERR_FILENO, message, sizeof message - 1) < 0)
    _exit (2);
  abort ();
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Runs @path in a child process of its own, so that one failing input
 * neither hides the others nor leaves state behind, and LeakSanitizer
 * checks each at its exit. */
static gboolean
replay (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize size;
  pid_t pid;
  int status;

  if (!g_file_get_contents (path, &data, &size, &error))
    {
      printf ("# %s\n", error->message);
      return FALSE;
    }
  fflush (stdout);
  pid = fork ();
  if (pid < 0)
    g_error ("fork: %s", g_strerror (errno));
  if (pid == 0)
    {
      /* A copy exactly as long as the input: reading past it is ASan's to see. */
      g_autofree uint8_t *copy = g_memdup2 (data, size);
      struct itimerval limit = { { 0, 0 }, { INPUT_SECONDS, 0 } };

      signal (SIGPROF, on_alarm);
      setitimer (ITIMER_PROF, &limit, NULL);
      LLVMFuzzerTestOneInput (copy, size);
      exit (0);
    }
  if (waitpid (pid, &status, 0) != pid)
    g_error ("waitpid: %s", g_strerror (errno));
  if (WIFEXITED (status) && WEXITSTATUS (status) == 0)
    return TRUE;
  if (WIFSIGNALED (status))
    printf ("# %s: killed by signal %d (%s)\n", path, WTERMSIG (status), g_strsignal (WTERMSIG (status)));
  else
    printf ("# %s: exit status %d\n", path, WEXITSTATUS (status));
  return FALSE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  guint failed = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
          g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
          const char *name;

          while (dir && (name = g_dir_read_name (dir)))
            if (name[0] != '.')
              g_ptr_array_add (names, g_build_filename (argv[i], name, NULL));
          g_ptr_array_sort (names, compare_paths);
          for (guint j = 0; j < names->len; j++)
            g_ptr_array_add (paths, g_strdup (g_ptr_array_index (names, j)));
        }
      else
        g_ptr_array_add (paths, g_strdup (argv[i]));
    }

  /* TAP: one test an input, named by its file. */
  printf ("1..%u\n", paths->len);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *name = g_path_get_basename (path);
      gboolean ok = replay (path);

      failed += !ok;
      printf ("%s %u - %s\n", ok ? "ok" : "not ok", i + 1, name);
      fflush (stdout);
    }
  return failed > 0 || paths->len == 0 ? 1 : 0;
}
