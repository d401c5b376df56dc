/* The --hook-script, compatible with gphoto2's: ACTION and ARGUMENT in the
 * environment, run without a shell.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "cam-hook.h"

extern char **environ;

/* Start the hook with no signal blocked and SIGPIPE at its default: the
 * worker blocks every signal and headless mode ignores SIGPIPE, and both
 * would carry over into the script (a hook that cannot be stopped with
 * SIGTERM; `yes | head` that never ends). */
static int spawn(pid_t *pid, const char *hook, char **argv, char **env)
{
	posix_spawnattr_t at;
	sigset_t none, def;
	int rc;

	sigemptyset(&none);
	sigemptyset(&def);
	sigaddset(&def, SIGPIPE);
	if (posix_spawnattr_init(&at) != 0)
		return -1;
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setsigdefault(&at, &def);
	rc = posix_spawn(pid, hook, NULL, &at, argv, env);
	posix_spawnattr_destroy(&at);
	return rc;
}

/* Run the hook and wait for it.  Returns its exit status, -1 if it could
 * not run, 0 when there is no hook. */
int cam_hook_run(const char *hook, const char *action, const char *argument)
{
	size_t n = 0, k = 0;
	char **env;
	char *argv[2];
	pid_t pid;
	int st, rc;

	if (!hook || !*hook)
		return 0;
	while (environ[n])
		n++;
	env = calloc(n + 3, sizeof(char *));
	if (!env)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (strncmp(environ[i], "ACTION=", 7) && strncmp(environ[i], "ARGUMENT=", 9))
			env[k++] = environ[i];
	char act[64], arg[4200];
	snprintf(act, sizeof(act), "ACTION=%s", action);
	env[k++] = act;
	if (argument) {
		snprintf(arg, sizeof(arg), "ARGUMENT=%s", argument);
		env[k++] = arg;
	}
	env[k] = NULL;
	argv[0] = (char *)hook;
	argv[1] = NULL;
	rc = spawn(&pid, hook, argv, env);
	free(env);
	if (rc != 0)
		return -1;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	return -1;
}
