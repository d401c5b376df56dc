/* The interactive UI's shared state: panes, the camera view model, the log.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here lives on the main thread.  Handlers change state and mark
 * panes dirty; ui_redraw() draws once per loop turn.  Strings stored here
 * are already sanitised for the terminal unless the field says "raw". */
#ifndef CAPA_UI_STATE_H
#define CAPA_UI_STATE_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "cam-config.h"
#include "config.h"
#include "keys.h"
#include "options.h"
#include "theme.h"
#include "ui-list.h"

struct ui;
struct ui_pane;

/* The pane vtable. */
struct ui_pane_ops {
	void (*draw)(struct ui *ui, struct ui_pane *p);
	int (*key)(struct ui *ui, struct ui_pane *p, enum ui_cmd cmd, int ch); /* LOOP_* */
	void (*resize)(struct ui *ui, struct ui_pane *p);
	void (*free)(struct ui *ui, struct ui_pane *p);
};

struct ui_pane {
	const struct ui_pane_ops *ops;
	const char *title;
	WINDOW *win;
	int y, x, h, w;      /* position and size on screen */
	bool dirty;
};

enum { PANE_TREE, PANE_LOG, PANE_PREVIEW, PANE_COUNT };

/* One visible row of the settings tree. */
struct tree_row {
	struct cam_widget *w;
	int depth;
	bool pinned;         /* row in the Favourites group */
};

enum log_kind { LK_SHOT, LK_INFO, LK_ERROR };

/* One capture-log row. */
struct log_row {
	enum log_kind kind;
	uint64_t id;
	int camera;          /* several cameras: whose (ids are per camera) */
	time_t when;
	char name[128];      /* clean local (or camera) name */
	char *path;          /* raw local path, NULL until saved */
	uint64_t done, total, bytes;
	bool saved, failed;
	bool earlier;        /* listed from the session's journal at start */
	bool missing;        /* earlier shot whose file is gone */
	double exposure_s, fnumber, focal_mm;
	int iso;
	char text[200];      /* clean message / error */
	uint64_t seq;        /* ui.log_seq when added: finds a row again */
	bool noise;          /* a connection error: a disconnect right after
			      * explains it and takes its place */
};

/* EDIT_CONFIRM_SET: y/n on the message line before edit_w gets
 * confirm_value (a camera action that starts something). */
enum edit_mode { EDIT_NONE, EDIT_PICK, EDIT_TEXT, EDIT_SEARCH, EDIT_PROMPT, EDIT_CONFIRM_QUIT,
		 EDIT_CONFIRM_SET };

struct ui {
	struct capa_options *opts;
	struct config config;
	struct loop *loop;
	struct cam_set *worker;     /* the camera process's handle */
	bool cut_short;              /* it was killed in a transfer at quit */
	struct hotplug_link *link;   /* camera 1's: auto-connect, reconnect, picker */
	struct hotplug_link *more_links[CAPA_MAX_CAMERAS]; /* cameras 2..N: reconnect */
	struct ui_link_target { struct ui *ui; int camera; } link_target[CAPA_MAX_CAMERAS];
	bool camera_seen[CAPA_MAX_CAMERAS]; /* that camera connected once: a
					     * connect again is a reconnect */
	unsigned link_timer;
	struct theme theme;
	int theme_index;
	struct ui_pane panes[PANE_COUNT];
	int focus;
	int rows, cols;
	bool help_open, review_open, full_redraw;
	int help_page, help_pages;  /* the ? overlay's page, and how many it has */
	int saved_stderr, stderr_pipe; /* stderr goes to the log while curses runs */

	/* Camera view. */
	bool connected;
	char model[96], port[96], battery[32], state[64];
	int64_t free_bytes, free_shots;
	size_t pending;
	bool quit_pending;         /* quit confirmed with downloads pending */
	char session[256];

	/* A blip: the camera was lost and the link brings it back by itself.
	 * Its progress (attempts, probes, failed tries) goes to the message
	 * line; the log gets one row for the loss and one for the return. */
	bool blip;
	bool msg_blip;             /* the message line shows the blip's progress */
	bool link_sees_loss;       /* the link is reacting to the loss of a
				    * connected camera: what it says next is
				    * told on the loss's own row */
	bool auto_retry;           /* the link sent `retry` after a blip */
	uint64_t loss_seq;         /* the last "disconnected" row, 0: none */

	/* Settings sent and not yet confirmed: older confirmations for the same
	 * key are ignored so a quickly stepped value does not jump back.  One
	 * that never confirms (the camera kept another value, or refused with
	 * an error) is read back from the camera (`resync`). */
	struct inflight { char key[64], value[128]; int64_t when; bool contested, resync; } inflight[8];
	int n_inflight;
	unsigned inflight_timer;   /* the one pending inflight_expire timer */

	/* Settings tree. */
	struct cam_config *cfg;
	struct tree_row *rows_v;
	size_t n_rows;
	struct ui_list tree;
	char **collapsed; size_t n_collapsed;   /* section paths */
	bool tree_seen;            /* a tree came: the first-time collapse is done */
	char **favs; size_t n_favs;             /* widget paths */

	/* Editing (picker, text entry, search, prompt). */
	enum edit_mode edit;
	struct ui_list pick;
	struct cam_widget *edit_w;
	char line[256];
	size_t line_len;
	char search_prev_sel[256];
	char confirm_value[256];   /* EDIT_CONFIRM_SET: the value to send */

	/* Capture log. */
	struct log_row *log;
	size_t n_log, log_cap;
	size_t n_log_msgs;           /* rows that are not shots (capped) */
	uint64_t log_seq;            /* rows added so far */
	struct ui_list loglist;
	bool log_away;               /* moved off the last row: new rows do not
				      * move the selection (tail -f follows) */
	size_t log_unseen;           /* shots that came while away */

	/* Message line. */
	char msg[256];
	bool msg_error;

	/* Preview. */
	struct ui_preview *preview;
	struct ui_review *review;
	int graphics;              /* UI_GFX_* */
	bool truecolor;            /* COLORTERM says 24-bit: half blocks are
				    * written in 24-bit after doupdate */
	int cell_w, cell_h;
	int colors;
};

enum { UI_GFX_NONE, UI_GFX_HALFBLOCK, UI_GFX_SIXEL };

/* Half blocks in 24-bit colour: written after doupdate, like sixel. */
static inline bool ui_blocks_24bit(const struct ui *ui)
{
	return ui->graphics == UI_GFX_HALFBLOCK && ui->truecolor;
}

/* ui-main.c */
void ui_message(struct ui *ui, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Add a message row (text cleaned here); never NULL. */
struct log_row *ui_log_text(struct ui *ui, enum log_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int ui_send(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ui_mark(struct ui *ui, int pane);

/* ui-tree.c */
extern const struct ui_pane_ops ui_tree_ops;
void ui_tree_set_config(struct ui *ui, struct cam_config *cfg);   /* takes ownership */
void ui_tree_value_changed(struct ui *ui, const char *key, const char *value);
void ui_tree_rebuild(struct ui *ui);
int ui_tree_edit_key(struct ui *ui, int ch);                      /* edit modes */
/* The y/n question of EDIT_CONFIRM_SET into out (clean text). */
void ui_tree_confirm_text(const struct ui *ui, char *out, size_t len);
/* The hint to show for an error from the worker (what, key, hint as the
 * event has them): the UI's own for a setting the camera does not have
 * (close matches, and the key that searches the tree), else hint. */
const char *ui_tree_error_hint(struct ui *ui, const char *what, const char *key,
			       const char *hint, char *out, size_t len);
/* While a value is typed: what the setting takes ("24..70 step 1"), raw
 * camera text ("" when nothing to say). */
void ui_tree_edit_hint(const struct ui *ui, char *out, size_t len);
/* Type ch into ui->line (Backspace deletes a character); false when not
 * taken.  The line stays whole UTF-8 characters of at most 254 bytes. */
bool ui_line_edit(struct ui *ui, int ch);
void ui_tree_free(struct ui *ui);
/* Is the section at path collapsed; collapse or expand it; expand all. */
bool ui_tree_is_collapsed(const struct ui *ui, const char *path);
void ui_tree_collapse(struct ui *ui, const char *path, bool on);
void ui_tree_expand_all(struct ui *ui);

/* ui-fav.c: files per camera model, $XDG_CONFIG_HOME/capa/KIND/MODEL. */
#define UI_MODEL_FILE_MAX 65536  /* larger files are not read */
#define UI_MODEL_LINES_MAX 1000  /* lines read at most */
typedef void ui_model_line_fn(void *ud, const char *line);
typedef void ui_model_write_fn(void *ud, FILE *f);
/* Call fn for each line (untrusted, at most 511 bytes, no newline) of the
 * current model's file KIND; the number of lines, or -1 when there is no
 * model or no readable regular file. */
int ui_model_file_read(const struct ui *ui, const char *kind, ui_model_line_fn *fn, void *ud);
/* Replace that file with what fn writes (temporary file, fsync, rename);
 * 0 or -1. */
int ui_model_file_write(const struct ui *ui, const char *kind, ui_model_write_fn *fn, void *ud);
void ui_fav_load(struct ui *ui);
int ui_fav_save(struct ui *ui);
bool ui_fav_has(const struct ui *ui, const char *path);
void ui_fav_toggle(struct ui *ui, const char *path);
void ui_fav_clear(struct ui *ui);

/* ui-layout.c: which sections of the settings tree are collapsed,
 * remembered per camera model ($XDG_CONFIG_HOME/capa/tree-layout/MODEL). */
void ui_layout_load(struct ui *ui);   /* at connect: the model's layout */
int ui_layout_save(struct ui *ui);    /* after a section is opened or closed */

/* ui-log.c */
extern const struct ui_pane_ops ui_log_ops;
struct log_row *ui_log_add(struct ui *ui, enum log_kind kind);
struct log_row *ui_log_find(struct ui *ui, int camera, uint64_t id);
/* The row added as number `seq` (log_row.seq), NULL when gone or 0. */
struct log_row *ui_log_seq(struct ui *ui, uint64_t seq);
/* Drop the last row (a message the next one replaces). */
void ui_log_drop_last(struct ui *ui);
/* List the session's earlier shots (its journal) in the log. */
void ui_log_load_session(struct ui *ui);
/* A shot was saved into row r: the preview follows it unless the user
 * looks at another row (then the message line says it came). */
void ui_log_saved(struct ui *ui, struct log_row *r);
void ui_log_free(struct ui *ui);

/* ui-preview.c */
extern const struct ui_pane_ops ui_preview_ops;
void ui_preview_show(struct ui *ui, const char *path);  /* raw path, NULL clears */
void ui_preview_emit(struct ui *ui);                    /* after doupdate */
void ui_preview_cover(struct ui *ui);                   /* an overlay opens over it */
void ui_preview_free(struct ui *ui);
void ui_preview_resized(struct ui *ui);                 /* new box: reload */
const char *ui_preview_path(const struct ui *ui);        /* raw, or NULL */
/* Write w×h RGB pixels as 24-bit half-block cells straight to the
 * terminal at screen (row, col), at most maxc×maxr cells; for after
 * doupdate, over cells curses keeps blank (curses has no 24-bit colour
 * for arbitrary pixels).  Cursor and attributes are restored. */
void ui_write_truecolor_blocks(int row, int col, const unsigned char *rgb, unsigned w,
			       unsigned h, int maxc, int maxr);
void ui_draw_halfblocks(WINDOW *win, int y, int x, const unsigned char *rgb, unsigned w,
			unsigned h, int maxc, int maxr);

/* ui-review.c: the full-screen review of one shot. */
void ui_review_open(struct ui *ui, const char *path);
void ui_review_draw(struct ui *ui, bool full);          /* full: screen was cleared */
void ui_review_resized(struct ui *ui);
void ui_review_emit(struct ui *ui);                     /* after doupdate */
int ui_review_key(struct ui *ui, enum ui_cmd cmd, int ch);
void ui_review_free(struct ui *ui);

/* ui-events.c */
size_t ui_downloads_pending(const struct ui *ui);
void ui_inflight_add(struct ui *ui, const char *key, const char *value);
struct capa_event;
void ui_events_apply(struct ui *ui, struct capa_event *ev);
/* A line a library wrote on stderr (raw): to the log, or to the message
 * line while the camera is being brought back. */
void ui_events_stderr(struct ui *ui, const char *line);

/* ui-link.c: start the hotplug link (udev, auto-connect, reconnect). */
void ui_link_start(struct ui *ui);
/* Cameras 2..N: let that camera's link see its event. */
void ui_link_more_event(struct ui *ui, const struct capa_event *ev);

/* Free every link. */
void ui_link_free(struct ui *ui);

/* Let the link see a worker event the UI has applied (was_connected: the
 * UI's state before it); true when the link asks for the picker. */
bool ui_link_event(struct ui *ui, const struct capa_event *ev, bool was_connected);

/* ui-picker.c: the camera picker overlay. */
void ui_picker_draw(struct ui *ui);
int ui_picker_key(struct ui *ui, enum ui_cmd cmd, int ch);
bool ui_picker_open(struct ui *ui);

/* ui-status.c */
void ui_status_draw(struct ui *ui);
/* Keep the session directory for the status bar (NULL: today's default),
 * with $HOME shown as ~. */
void ui_status_session(struct ui *ui, const char *dir);
void ui_msgline_draw(struct ui *ui);

/* ui-help.c */
void ui_help_draw(struct ui *ui);

/* ui-draw.c: small drawing helpers. */
void ui_draw_frame(struct ui *ui, struct ui_pane *p, bool focused);
/* The frame titled "TITLE — NAME" for the file at raw path (NULL: TITLE). */
void ui_draw_frame_file(struct ui *ui, struct ui_pane *p, bool focused, const char *path);
/* Write text cut to maxcols columns, through the one sanitiser. */
void ui_put(WINDOW *w, int y, int x, int maxcols, int attr, const char *text);
void ui_put_raw(WINDOW *w, int y, int x, int maxcols, int attr, const char *untrusted);

#endif
