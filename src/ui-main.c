/* The interactive UI: set-up, key dispatch, layout and the per-turn redraw.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "ui-main.h"

#include "cam-set.h"
#include "command.h"
#include "command-table.h"
#include "event.h"
#include "hotplug-link.h"
#include "img-preview.h"
#include "loop.h"
#include "term-probe.h"
#include "term.h"
#include "ui-state.h"
#include "ui-text.h"

#include <poll.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define STOP_GRACE_MS 800 /* the worker's time to end its operation */

int ui_events_read(void *ud, int fd, short revents);
int ui_send_set(struct ui *ui, const char *key, const char *value);

void ui_mark(struct ui *ui, int pane)
{
	ui->panes[pane].dirty = true;
}

void ui_message(struct ui *ui, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof ui->msg, fmt, ap);
	va_end(ap);
	ui->msg_error = error;
	ui->msg_blip = false;
}

struct log_row *ui_log_text(struct ui *ui, enum log_kind kind, const char *fmt, ...)
{
	va_list ap;
	char raw[400];
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	struct log_row *r = ui_log_add(ui, kind);
	ui_text_clean(raw, r->text, sizeof r->text);
	return r;
}

int ui_send(struct ui *ui, const char *fmt, ...)
{
	char line[512], err[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (!ui->worker) {
		ui_message(ui, true, "no camera engine running");
		return LOOP_REDRAW;
	}
	if (cam_set_send_line(ui->worker, line, err, sizeof err) < 0) {
		char clean[256];
		ui_message(ui, true, "%s", ui_text_clean(err, clean, sizeof clean));
	} else if (ui->link && hotplug_link_command_line(ui->link, line) & HOTPLUG_LINK_PICK) {
		hotplug_link_picker(ui->link)->open = true;
	}
	return LOOP_REDRAW;
}

/* Send `set key value` as a command structure (no re-parsing of camera text). */
int ui_send_set(struct ui *ui, const char *key, const char *value)
{
	struct capa_command cmd = { .type = CMD_SET, .key = (char *)key, .value = (char *)value };
	char k[80], v[120];
	if (!ui->worker) {
		ui_message(ui, true, "no camera engine running");
		return LOOP_REDRAW;
	}
	if (cam_set_send(ui->worker, &cmd) < 0) {
		ui_message(ui, true, "the camera worker is not running");
	} else {
		ui_message(ui, false, "set %s to %s", ui_text_clean(key, k, sizeof k), ui_text_clean(value, v, sizeof v));
		/* Show it at once so repeated steps add up; a refusal brings the
		 * camera's value back (see ui-events.c).  Not a date: the camera's
		 * clock ticks on, its answer comes at once and is the one to show. */
		struct cam_widget *w = cam_config_find(ui->cfg, key);
		if (!w || w->type != CW_DATE) {
			ui_tree_value_changed(ui, key, value);
			ui_inflight_add(ui, key, value);
		}
	}
	ui_mark(ui, PANE_TREE);
	return LOOP_REDRAW;
}

/* Config-file and theme messages go to the capture log. */
static void log_cb(void *ud, const char *msg)
{
	ui_log_text(ud, LK_ERROR, "%s", msg);
}

/* Read the config file; the command line wins over it. */
static void load_config(struct ui *ui)
{
	config_load_options(&ui->config, ui->opts, log_cb, ui);
}

/* Load and apply theme `name`. */
static void set_theme(struct ui *ui, const char *name)
{
	theme_load(&ui->theme, name, log_cb, ui);
	if (term_active())
		theme_apply(&ui->theme);
}

/* Decide how images are drawn, probing the terminal before curses starts. */
static void choose_graphics(struct ui *ui)
{
	const char *g = ui->opts->graphics ? ui->opts->graphics : "auto";
	struct term_caps env;
	term_caps_default(&env, -1); /* COLORTERM only */
	ui->truecolor = env.truecolor;
	ui->cell_w = 10;
	ui->cell_h = 20;
	ui->colors = ui->opts->colors;
	if (!strcmp(g, "none")) {
		ui->graphics = UI_GFX_NONE;
		return;
	}
	if (!strcmp(g, "halfblock")) {
		ui->graphics = UI_GFX_HALFBLOCK;
		return;
	}
	ui->graphics = strcmp(g, "sixel") ? UI_GFX_HALFBLOCK : UI_GFX_SIXEL;
	{
		struct term_caps caps;
		term_probe(STDIN_FILENO, ui->opts->probe_timeout, &caps);
		if (caps.cell_w > 0 && caps.cell_h > 0) {
			ui->cell_w = caps.cell_w;
			ui->cell_h = caps.cell_h;
		}
		if (!strcmp(g, "auto") && caps.sixel)
			ui->graphics = UI_GFX_SIXEL;
		if (caps.colour_registers > 1 && caps.colour_registers < ui->colors)
			ui->colors = caps.colour_registers;
	}
}

/* Place the panes for the current terminal size. */
static void layout(struct ui *ui)
{
	int body, logh, toph, treew;
	getmaxyx(stdscr, ui->rows, ui->cols);
	body = ui->rows - 2;
	logh = body / 3 < 5 ? 5 : body / 3;
	if (logh > body - 3)
		logh = body - 3 > 3 ? body - 3 : 3;
	toph = body - logh;
	treew = ui->cols * 45 / 100;
	if (treew < 30)
		treew = ui->cols < 60 ? ui->cols / 2 : 30;
	struct { int y, x, h, w; } r[PANE_COUNT] = {
		[PANE_TREE] = { 1, 0, toph, treew },
		[PANE_PREVIEW] = { 1, treew, toph, ui->cols - treew },
		[PANE_LOG] = { 1 + toph, 0, logh, ui->cols },
	};
	for (int i = 0; i < PANE_COUNT; i++) {
		struct ui_pane *p = &ui->panes[i];
		if (p->win)
			delwin(p->win);
		p->y = r[i].y; p->x = r[i].x;
		p->h = r[i].h < 3 ? 3 : r[i].h;
		p->w = r[i].w < 4 ? 4 : r[i].w;
		p->win = newwin(p->h, p->w, p->y, p->x);
		p->dirty = true;
	}
	/* A new size means new preview pixels. */
	ui_preview_resized(ui);
}

/* The per-turn redraw: panes, one doupdate, then images. */
static void redraw(void *ud, int reactions)
{
	struct ui *ui = ud;
	if (reactions & LOOP_RESIZE) {
		term_resize();
		layout(ui);
		ui_review_resized(ui);
		clearok(curscr, TRUE);
	}
	if (reactions & LOOP_FULL) {
		clearok(curscr, TRUE);
		for (int i = 0; i < PANE_COUNT; i++)
			ui->panes[i].dirty = true;
	}
	if (ui->review_open) {
		if (reactions & (LOOP_RESIZE | LOOP_FULL | LOOP_REDRAW)) {
			ui_review_draw(ui, reactions & (LOOP_RESIZE | LOOP_FULL));
			wnoutrefresh(stdscr);
			doupdate();
			ui_review_emit(ui);
		}
		return;
	}
	ui->full_redraw = reactions & (LOOP_RESIZE | LOOP_FULL);
	if (ui->full_redraw)
		erase();
	if (ui->help_open || ui_picker_open(ui))
		ui_preview_cover(ui);
	ui_status_draw(ui);
	ui_msgline_draw(ui);
	wnoutrefresh(stdscr);
	for (int i = 0; i < PANE_COUNT; i++) {
		struct ui_pane *p = &ui->panes[i];
		if (!p->dirty && !(reactions & (LOOP_RESIZE | LOOP_FULL)))
			continue;
		p->dirty = false;
		p->ops->draw(ui, p);
		wnoutrefresh(p->win);
	}
	if (ui->help_open)
		ui_help_draw(ui);
	else if (ui_picker_open(ui))
		ui_picker_draw(ui);
	if (ui->edit == EDIT_SEARCH || ui->edit == EDIT_PROMPT || ui->edit == EDIT_TEXT) {
		int lead = ui->edit == EDIT_TEXT ? 7 : 1;
		int x = lead + (int)ui_text_width(ui->line);
		curs_set(1);
		wmove(stdscr, ui->rows - 1, x < ui->cols ? x : ui->cols - 1);
		wnoutrefresh(stdscr);
	} else {
		curs_set(0);
	}
	doupdate();
	ui_preview_emit(ui);
}

/* `bind KEY COMMAND` from the prompt or a key: bind, and say what it did. */
static int bind_line(struct ui *ui, char *args)
{
	char err[256], *c;
	args += strspn(args, " ");
	c = strchr(args, ' ');
	if (!c) {
		ui_message(ui, true, "want: bind KEY COMMAND");
		return LOOP_REDRAW;
	}
	*c++ = 0;
	if (keys_bind(args, c, err, sizeof err) < 0)
		ui_message(ui, true, "%s", err);
	else
		ui_message(ui, false, "%s: %s", args, c);
	return LOOP_REDRAW;
}

/* The arguments after the verb of line, trimmed (in place). */
static char *line_args(char *line)
{
	char *a = line + strspn(line, " \t");
	a += strcspn(a, " \t");
	a += strspn(a, " \t");
	size_t n = strlen(a);
	while (n && (a[n - 1] == ' ' || a[n - 1] == '\t'))
		a[--n] = 0;
	return a;
}

/* Run a command line (the `:` prompt's, front CF_PROMPT, or a key's,
 * CF_KEY): the front end's own commands here, as the command table says,
 * else a worker command. */
static int run_line(struct ui *ui, const char *line, enum cmd_front front)
{
	char l[sizeof ui->line], why[120];
	snprintf(l, sizeof l, "%s", line); /* a key's line may rebind that key */
	const struct cmd_entry *e = cmd_table_verb(l);
	char *args = line_args(l);

	if (!e) /* an unknown verb or an @CAMERA line: the worker's parser says */
		return *l ? ui_send(ui, "%s", l) : LOOP_REDRAW;
	if (cmd_refused(e, front, why, sizeof why)) {
		ui_message(ui, true, "%s", why);
		return LOOP_REDRAW;
	}
	if (e->run != CR_CAMERA && cmd_entry_needs_arg(e) && !*args) {
		ui_message(ui, true, "want: %s %s", e->name, e->args);
		return LOOP_REDRAW;
	}
	if (e->run != CR_CAMERA && !e->args[0] && *args) {
		ui_message(ui, true, "%s takes no argument", e->name);
		return LOOP_REDRAW;
	}
	switch (e->run) {
	case CR_THEME:
		set_theme(ui, args);
		return LOOP_REDRAW | LOOP_FULL;
	case CR_BIND:
		return bind_line(ui, args);
	case CR_QUIT_UI:
		return LOOP_QUIT;
	default:
		return ui_send(ui, "%s", l);
	}
}

/* Keys while the `:` prompt is open. */
static int prompt_key(struct ui *ui, int ch)
{
	if (ch == 27) {
		ui->edit = EDIT_NONE;
		return LOOP_REDRAW;
	}
	if (ch == '\r' || ch == KEY_ENTER) {
		ui->edit = EDIT_NONE;
		return run_line(ui, ui->line, CF_PROMPT);
	}
	ui_line_edit(ui, ch);
	return LOOP_REDRAW;
}

/* Commands that work in every pane. */
/* Several cameras: the settings pane and status follow the next one. */
static int next_camera(struct ui *ui)
{
	int n = ui->worker ? cam_set_count(ui->worker) : 0;
	struct capa_command config = { .type = CMD_CONFIG };

	if (n < 2) {
		ui_message(ui, false, "one camera: give --port once per camera for several");
		return LOOP_REDRAW;
	}
	cam_set_select(ui->worker, cam_set_selected(ui->worker) % n + 1);
	ui_tree_set_config(ui, NULL); /* the other camera's tree is not this one's */
	ui->battery[0] = '\0';
	ui->free_bytes = ui->free_shots = -1;
	cam_set_send(ui->worker, &config);
	ui_message(ui, false, "camera %d of %d: its settings", cam_set_selected(ui->worker), n);
	return LOOP_REDRAW | LOOP_FULL;
}

static int global_key(struct ui *ui, enum ui_cmd cmd, int ch)
{
	switch (cmd) {
	case UC_CAPTURE:
		ui_message(ui, false, "capture");
		return ui_send(ui, "capture");
	case UC_NEXT_PANE:
	case UC_PREV_PANE:
		ui_mark(ui, ui->focus);
		ui->focus = (ui->focus + (cmd == UC_NEXT_PANE ? 1 : PANE_COUNT - 1)) % PANE_COUNT;
		ui_mark(ui, ui->focus);
		return LOOP_REDRAW;
	case UC_HELP:
		ui->help_open = true;
		return LOOP_REDRAW;
	case UC_QUIT:
		ui->pending = ui_downloads_pending(ui);
		if (ui->pending > 0) {
			ui->edit = EDIT_CONFIRM_QUIT;
			return LOOP_REDRAW;
		}
		return LOOP_QUIT;
	case UC_PROMPT:
		ui->edit = EDIT_PROMPT;
		ui->line[0] = 0;
		ui->line_len = 0;
		return LOOP_REDRAW;
	case UC_THEME:
		ui->theme_index = (ui->theme_index + 1) % 3;
		set_theme(ui, theme_builtin_names[ui->theme_index]);
		ui_message(ui, false, "theme %s", theme_builtin_names[ui->theme_index]);
		return LOOP_REDRAW | LOOP_FULL;
	case UC_REDRAW:
		return LOOP_REDRAW | LOOP_FULL;
	case UC_STOP:
		ui_message(ui, false, "stop");
		return ui_send(ui, "stop");
	case UC_RETRY:
		if (ui->link) {
			hotplug_link_retry(ui->link);
			return LOOP_REDRAW;
		}
		return ui_send(ui, "retry");
	case UC_NEXT_CAMERA:
		return next_camera(ui);
	case UC_CAMERAS:
		if (ui->link)
			hotplug_link_picker(ui->link)->open = true;
		else
			ui_message(ui, true, "no camera list without the hotplug monitor");
		return LOOP_REDRAW | LOOP_FULL;
	case UC_SEARCH:
		if (ui->focus != PANE_TREE) {
			ui_mark(ui, ui->focus);
			ui->focus = PANE_TREE;
		}
		return ui->panes[PANE_TREE].ops->key(ui, &ui->panes[PANE_TREE], cmd, ch);
	default:
		return -1;
	}
}

/* Dispatch one key. */
static int on_key(struct ui *ui, int ch)
{
	enum ui_cmd cmd = keys_lookup(ch);
	if (ch == KEY_RESIZE)
		return 0;
	if (ui->edit == EDIT_CONFIRM_QUIT) {
		ui->edit = EDIT_NONE;
		ui->quit_pending = ch == 'y' || ch == 'Y';
		return ui->quit_pending ? LOOP_QUIT : LOOP_REDRAW;
	}
	if (ui->edit == EDIT_PROMPT)
		return prompt_key(ui, ch);
	if (ui->edit != EDIT_NONE)
		return ui_tree_edit_key(ui, ch);
	if (ui->help_open && ui->help_pages > 1 && (cmd == UC_PAGE_DOWN || cmd == UC_PAGE_UP)) {
		int n = ui->help_pages;
		ui->help_page = (ui->help_page + (cmd == UC_PAGE_DOWN ? 1 : n - 1)) % n;
		return LOOP_REDRAW;
	}
	if (ui->help_open) {
		ui->help_open = false;
		ui->help_page = 0;
		return LOOP_REDRAW | LOOP_FULL;
	}
	if (ui_picker_open(ui))
		return ui_picker_key(ui, cmd, ch);
	if (ui->review_open)
		return ui_review_key(ui, cmd, ch);
	ui->msg[0] = 0;
	if (cmd == UC_RUN) {
		ui_message(ui, false, "%s", keys_line(ch));
		return run_line(ui, keys_line(ch), CF_KEY) | LOOP_REDRAW;
	}
	int r = global_key(ui, cmd, ch);
	if (r >= 0)
		return r | LOOP_REDRAW;
	struct ui_pane *p = &ui->panes[ui->focus];
	return (p->ops->key ? p->ops->key(ui, p, cmd, ch) : 0) | LOOP_REDRAW;
}

/* Encode a code point as UTF-8 into u; returns the byte count (0 if invalid). */
static size_t utf8_encode(unsigned long c, unsigned char u[4])
{
	if (c < 0x80) {
		u[0] = (unsigned char)c;
		return 1;
	}
	if (c < 0x800) {
		u[0] = (unsigned char)(0xc0 | (c >> 6));
		u[1] = (unsigned char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c >= 0xd800 && c <= 0xdfff)
		return 0;
	if (c < 0x10000) {
		u[0] = (unsigned char)(0xe0 | (c >> 12));
		u[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
		u[2] = (unsigned char)(0x80 | (c & 0x3f));
		return 3;
	}
	if (c > 0x10ffff)
		return 0;
	u[0] = (unsigned char)(0xf0 | (c >> 18));
	u[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3f));
	u[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
	u[3] = (unsigned char)(0x80 | (c & 0x3f));
	return 4;
}

/* Loop callback: read every pending key. */
static int on_tty(void *ud, int fd, short revents)
{
	struct ui *ui = ud;
	int r = 0;
	wint_t wch;
	int kind;
	(void)fd;
	if (revents & (POLLHUP | POLLERR | POLLNVAL))
		return LOOP_QUIT;
	while ((kind = wget_wch(stdscr, &wch)) != ERR) {
		if (kind == OK && wch >= 0x80) {
			/* Text beyond ASCII goes into an open prompt as UTF-8 bytes;
			 * it is never a command. */
			unsigned char u[4];
			size_t n = utf8_encode((unsigned long)wch, u);
			for (size_t i = 0; i < n && ui->edit != EDIT_NONE && ui->edit != EDIT_PICK &&
			     ui->edit != EDIT_CONFIRM_QUIT; i++)
				r |= on_key(ui, u[i]);
			continue;
		}
		r |= on_key(ui, (int)wch);
		if (r & LOOP_QUIT)
			break;
	}
	return r;
}

/* Loop callback: signals. */
static int stop_signal;          /* the signal that ended capa, or 0 */
static char stop_owed[1400];     /* then: what stays owed (cleanup) */

static int on_signal(void *ud, int signo)
{
	(void)ud;
	if (signo == SIGWINCH)
		return LOOP_RESIZE | LOOP_REDRAW;
	if (signo == SIGCHLD)
		return 0;
	stop_signal = signo;
	return LOOP_QUIT;
}

/* Loop callback: lines libraries write on stderr go to the log. */
static int on_stderr(void *ud, int fd, short revents)
{
	struct ui *ui = ud;
	char buf[512];
	ssize_t n = read(fd, buf, sizeof buf - 1);
	(void)revents;
	if (n <= 0) {
		loop_remove_fd(ui->loop, fd);
		return 0;
	}
	buf[n] = 0;
	for (char *save = NULL, *l = strtok_r(buf, "\r\n", &save); l; l = strtok_r(NULL, "\r\n", &save))
		ui_events_stderr(ui, l);
	return LOOP_REDRAW;
}

/* Send stderr into a pipe read by the loop, so nothing a library prints
 * lands on the curses screen.  The old stderr is kept for restoring. */
static void capture_stderr(struct ui *ui)
{
	int p[2];
	if (pipe2(p, O_CLOEXEC | O_NONBLOCK) < 0)
		return;
	ui->saved_stderr = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
	if (ui->saved_stderr < 0 || dup2(p[1], STDERR_FILENO) < 0) {
		close(p[0]);
		close(p[1]);
		return;
	}
	close(p[1]);
	ui->stderr_pipe = p[0];
	loop_add_fd(ui->loop, p[0], POLLIN, on_stderr, ui);
}

/* Put the real stderr back. */
static void restore_stderr(struct ui *ui)
{
	if (ui->saved_stderr > 0) {
		dup2(ui->saved_stderr, STDERR_FILENO);
		close(ui->saved_stderr);
		ui->saved_stderr = -1;
	}
	if (ui->stderr_pipe > 0) {
		close(ui->stderr_pipe);
		ui->stderr_pipe = -1;
	}
}

/* Start the camera worker (when the engine is linked in). */
static void start_worker(struct ui *ui)
{
	char err[256];
	ui->worker = cam_set_start(ui->opts, err, sizeof err);
	if (!ui->worker) {
		ui_log_text(ui, LK_ERROR, "camera process: %s", err);
		return;
	}
	loop_add_fd(ui->loop, cam_set_fd(ui->worker), POLLIN, ui_events_read, ui);
	ui_link_start(ui);
}

/* Free everything ui_main set up. */
static void cleanup(struct ui *ui)
{
	/* quit at once even during a long transfer (cam-proc.h) */
	if (ui->worker && cam_set_halt(ui->worker, STOP_GRACE_MS) < 0)
		ui->cut_short = true;
	if (ui->worker && stop_signal)
		cam_set_owed_text(ui->worker, stop_owed, sizeof stop_owed);
	if (ui->worker)
		cam_set_stop_within(ui->worker, STOP_GRACE_MS);
	ui->worker = NULL;
	ui_link_free(ui);
	restore_stderr(ui);
	for (int i = 0; i < PANE_COUNT; i++)
		if (ui->panes[i].win)
			delwin(ui->panes[i].win);
	term_stop();
	ui_preview_free(ui);
	ui_review_free(ui);
	ui_tree_free(ui);
	ui_fav_clear(ui);
	ui_log_free(ui);
	config_free(&ui->config);
	if (ui->loop)
		loop_free(ui->loop);
}

int ui_main(struct capa_options *opts)
{
	struct ui ui = { .opts = opts, .free_bytes = -1, .free_shots = -1, .saved_stderr = -1,
			 .stderr_pipe = -1 };
	char err[256];

	keys_init();
	load_config(&ui);
	ui.panes[PANE_TREE] = (struct ui_pane){ .ops = &ui_tree_ops, .title = "Settings" };
	ui.panes[PANE_LOG] = (struct ui_pane){ .ops = &ui_log_ops, .title = "Capture log" };
	ui.panes[PANE_PREVIEW] = (struct ui_pane){ .ops = &ui_preview_ops, .title = "Preview" };
	snprintf(ui.state, sizeof ui.state, "waiting for a camera");
	ui_status_session(&ui, opts->session);
	for (int i = 0; theme_builtin_names[i]; i++)
		if (opts->theme && !strcmp(opts->theme, theme_builtin_names[i]))
			ui.theme_index = i;
	theme_load(&ui.theme, opts->theme ? opts->theme : "default", log_cb, &ui);
	choose_graphics(&ui);
	ui.loop = loop_new();
	if (!ui.loop) {
		fprintf(stderr, "capa: cannot set up the event loop\n");
		cleanup(&ui);
		return 1;
	}
	if (term_start(ui.graphics == UI_GFX_SIXEL || ui_blocks_24bit(&ui) ? TERM_NOSCROLL : 0,
		       err, sizeof err) < 0) {
		fprintf(stderr, "capa: %s\n", err);
		cleanup(&ui);
		return 1;
	}
	if (*term_note())
		log_cb(&ui, term_note());
	theme_apply(&ui.theme);
	layout(&ui);
	ui_log_load_session(&ui); /* before the worker writes the journal */
	capture_stderr(&ui);
	start_worker(&ui);
	loop_add_fd(ui.loop, term_fd(), POLLIN, on_tty, &ui);
	loop_on_signal(ui.loop, on_signal, &ui);
	loop_on_redraw(ui.loop, redraw, &ui);
	redraw(&ui, LOOP_FULL | LOOP_REDRAW);
	loop_run(ui.loop);
	cleanup(&ui);
	if (stop_signal) {
		/* the terminal is back: say why capa ended and what stays owed */
		fprintf(stderr, "capa: stopped by SIG%s; %s\n", sigabbrev_np(stop_signal),
			stop_owed[0] ? stop_owed : "no camera process ran");
		return 128 + stop_signal; /* as a shell reports a signal, and as headless does */
	}
	/* The worker's own report of what stays owed went to a log nobody
	 * reads any more: say it on the terminal. */
	if (ui.cut_short)
		fprintf(stderr, "capa: quit during a download: the shot stays on the camera; "
			"capa fetches it when it next opens this session with that camera\n");
	else if (ui.quit_pending)
		fprintf(stderr, "capa: quit with downloads pending: a shot not saved stays on the camera; "
			"capa fetches it when it next opens this session with that camera\n");
	return 0;
}
