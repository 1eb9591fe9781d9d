/* fuzz-replay.c: runs a harness over its corpus without libFuzzer.
 *
 * Linked with one fuzz-*.c harness instead of libFuzzer's main, so the
 * normal test suite (gcc or clang, sanitized or not) replays every seed and
 * every crash once found (tests/fuzz/corpus/<harness>/) without clang's
 * fuzzer runtime. Arguments: files or folders (every file in them, in name
 * order). Prints each input before running it, so a crash names it; an
 * input that has used INPUT_SECONDS of processor time (twice libFuzzer's
 * -timeout in run-fuzzer.sh; processor time, so a loaded machine does not
 * make it flaky) is a hang and aborts. Not
 * here: fuzzing itself (run-fuzzer.sh).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
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

static gboolean
replay (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize size;

  if (!g_file_get_contents (path, &data, &size, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  printf ("%s (%" G_GSIZE_FORMAT " bytes)\n", path, size);
  fflush (stdout);
  /* A copy exactly as long as the input: reading past it is ASan's to see. */
  {
    g_autofree uint8_t *copy = g_memdup2 (data, size);
    struct itimerval limit = { { 0, 0 }, { INPUT_SECONDS, 0 } }, off = { { 0, 0 }, { 0, 0 } };

    setitimer (ITIMER_PROF, &limit, NULL);
    LLVMFuzzerTestOneInput (copy, size);
    setitimer (ITIMER_PROF, &off, NULL);
  }
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  guint n = 0;

  signal (SIGPROF, on_alarm);
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
          for (guint j = 0; j < names->len; j++, n++)
            if (!replay (g_ptr_array_index (names, j)))
              return 1;
        }
      else if (!replay (argv[i]))
        return 1;
      else
        n++;
    }
  printf ("%u inputs replayed, none crashed\n", n);
  return n > 0 ? 0 : 1;
}
