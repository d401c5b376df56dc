/* Opening and closing the camera.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gphoto2/gphoto2-version.h>

#include "cam-internal.h"

/* libgphoto2 2.5.30's PTP/IP close path also closes fd 0 (a field that was
 * never opened and is 0): keep copies of fds 0-2 around exit and put back
 * any that vanished, so the UI's tty and headless stdin survive. */
struct std_fds {
	int copy[3];
};

/* Duplicate fds 0-2 before a call that may close them. */
static void std_fds_save(struct std_fds *s)
{
	for (int i = 0; i < 3; i++)
		s->copy[i] = fcntl(i, F_DUPFD_CLOEXEC, 10);
}

/* Restore any of fds 0-2 that was closed meanwhile; drop the copies. */
static void std_fds_restore(struct std_fds *s)
{
	for (int i = 0; i < 3; i++) {
		if (s->copy[i] < 0)
			continue;
		if (fcntl(i, F_GETFD) < 0 && errno == EBADF)
			dup2(s->copy[i], i);
		close(s->copy[i]);
	}
}

/* libgphoto2 2.5.30's usb1 driver leaks its libusb handle, fd included,
 * when it cannot claim the interface (gp_libusb1_open returns
 * GP_ERROR_IO_USB_CLAIM without libusb_close) and when releasing it fails
 * (gp_libusb1_close returns first): libusb_exit then warns "application
 * left some devices open".  A camera that gvfs holds is retried every few
 * seconds, one fd each time.  Its PTP/IP driver leaks both sockets when
 * camera_init fails after connecting (OpenSession answered DeviceBusy):
 * the camera then still counts capa as its one client and refuses every
 * later attempt.  With the only camera freed, close what is left. */

/* The camera a PTP/IP path names: "ptpip:IP[:PORT[:EVENTPORT]]". */
struct ptpip_peer {
	struct in_addr ip;
	unsigned port[2];         /* command and event port */
};

/* Parse a PTP/IP path (defaults as libgphoto2's: 15740).  False when
 * path is not a PTP/IP one. */
static bool ptpip_peer_parse(const char *path, struct ptpip_peer *p)
{
	char ip[64];
	size_t n;

	if (!path || strncmp(path, "ptpip:", 6) != 0)
		return false;
	path += 6;
	n = strcspn(path, ":");
	if (n >= sizeof(ip))
		return false;
	memcpy(ip, path, n);
	ip[n] = '\0';
	if (inet_pton(AF_INET, ip, &p->ip) != 1)
		return false;
	p->port[0] = p->port[1] = 15740;
	if (path[n] == ':' && sscanf(path + n + 1, "%u", &p->port[0]) == 1)
		p->port[1] = p->port[0];
	n += path[n] == ':' ? 1 + strcspn(path + n + 1, ":") : 0;
	if (path[n] == ':')
		sscanf(path + n + 1, "%u", &p->port[1]);
	return true;
}

/* Is fd a socket libgphoto2 opened to the camera at p?  Its sockets lack
 * close-on-exec; capa's own (the reconnect probe) have it. */
static bool ptpip_stray(int fd, const struct ptpip_peer *p)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	int flags = fcntl(fd, F_GETFD);

	if (flags < 0 || (flags & FD_CLOEXEC))
		return false;
	if (getpeername(fd, (struct sockaddr *)&a, &len) < 0 || a.sin_family != AF_INET)
		return false;
	return a.sin_addr.s_addr == p->ip.s_addr &&
	       (ntohs(a.sin_port) == p->port[0] || ntohs(a.sin_port) == p->port[1]);
}

/* Is fd, open on `target`, a USB device node: a character device under
 * /dev/bus/usb/, or in a umockdev test bed ($UMOCKDEV_DIR) the file that
 * stands for one? */
static bool usb_node(const char *target, int fd)
{
	const char *bed = getenv("UMOCKDEV_DIR");
	size_t n = bed ? strlen(bed) : 0;
	struct stat st;

	if (n && strncmp(target, bed, n) == 0 && strncmp(target + n, "/dev/bus/usb/", 13) == 0)
		return true;
	return strncmp(target, "/dev/bus/usb/", 13) == 0 && fstat(fd, &st) == 0 &&
	       S_ISCHR(st.st_mode);
}

/* Is fd (open on `target`) left over by the camera that was on `peer`
 * (NULL: not a PTP/IP camera)? */
static bool stray(int fd, const char *target, const struct ptpip_peer *peer)
{
	if (peer && strncmp(target, "socket:", 7) == 0)
		return ptpip_stray(fd, peer);
	return usb_node(target, fd);
}

/* Close every fd the freed camera at `port` left open. */
static void close_strays(const char *port)
{
	struct ptpip_peer peer;
	bool ip = ptpip_peer_parse(port, &peer);
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		char path[64], target[256];
		char *end;
		long fd = strtol(e->d_name, &end, 10);
		ssize_t n;

		if (*end || end == e->d_name || fd < 3 || fd == dirfd(d))
			continue;
		snprintf(path, sizeof(path), "/proc/self/fd/%ld", fd);
		n = readlink(path, target, sizeof(target) - 1);
		if (n <= 0)
			continue;
		target[n] = '\0';
		if (stray((int)fd, target, ip ? &peer : NULL))
			close((int)fd);
	}
	closedir(d);
}

/* gp_camera_exit + unref with fds 0-2 protected; then close what the
 * camera at `port` left open. */
static void camera_close(struct cam_worker *w, const char *port)
{
	struct std_fds s;

	std_fds_save(&s);
	gp_camera_exit(w->cam, w->ctx); /* result ignored: it may be gone */
	gp_camera_unref(w->cam);
	std_fds_restore(&s);
	close_strays(port);
	w->cam = NULL;
}

/* Load the abilities list once (slow). */
static int load_abilities(struct cam_worker *w)
{
	int r;
	if (w->abilities)
		return GP_OK;
	r = gp_abilities_list_new(&w->abilities);
	if (r == GP_OK)
		r = gp_abilities_list_load(w->abilities, w->ctx);
	if (r != GP_OK && w->abilities) {
		gp_abilities_list_free(w->abilities);
		w->abilities = NULL;
	}
	return r;
}

/* Find the first detected camera matching `model` and `port` (each when
 * given). */
static int autodetect(struct cam_worker *w, const char *model, const char *port,
		      char *m, size_t ml, char *p, size_t pl)
{
	CameraList *list;
	int r = gp_list_new(&list), n;

	if (r < GP_OK)
		return r;
	r = gp_camera_autodetect(list, w->ctx);
	n = r < GP_OK ? 0 : gp_list_count(list);
	r = GP_ERROR_MODEL_NOT_FOUND;
	for (int i = 0; i < n; i++) {
		const char *name = NULL, *value = NULL;
		gp_list_get_name(list, i, &name);
		gp_list_get_value(list, i, &value);
		if (!name || !value || (model && strcmp(model, name) != 0) ||
		    (port && strcmp(port, value) != 0))
			continue;
		snprintf(m, ml, "%s", name);
		snprintf(p, pl, "%s", value);
		r = GP_OK;
		break;
	}
	gp_list_free(list);
	return r;
}

/* Give the camera its abilities (model) and port explicitly. */
static int set_target(struct cam_worker *w, const char *model, const char *port)
{
	CameraAbilities a;
	GPPortInfoList *pil = NULL;
	GPPortInfo pi;
	int r, i;

	r = load_abilities(w);
	if (r < GP_OK)
		return r;
	i = gp_abilities_list_lookup_model(w->abilities, model);
	if (i < GP_OK)
		return GP_ERROR_MODEL_NOT_FOUND;
	r = gp_abilities_list_get_abilities(w->abilities, i, &a);
	if (r >= GP_OK)
		r = gp_camera_set_abilities(w->cam, a);
	if (r >= GP_OK)
		r = gp_port_info_list_new(&pil);
	if (r >= GP_OK)
		r = gp_port_info_list_load(pil);
	if (r >= GP_OK) {
		i = gp_port_info_list_lookup_path(pil, port);
		r = i < GP_OK ? i : gp_port_info_list_get_info(pil, i, &pi);
	}
	if (r >= GP_OK)
		r = gp_camera_set_port_info(w->cam, pi);
	if (pil)
		gp_port_info_list_free(pil);
	return r;
}

/* The serial number line of the summary, if any. */
static void read_serial(struct cam_worker *w, struct capa_event *ev)
{
	CameraText t;
	char *s, *e;

	if (gp_camera_get_summary(w->cam, &t, w->ctx) < GP_OK)
		return;
	t.text[sizeof(t.text) - 1] = '\0';
	s = strstr(t.text, "Serial Number:");
	if (!s)
		return;
	s += 14;
	while (*s == ' ')
		s++;
	e = strchr(s, '\n');
	if (e)
		*e = '\0';
	if (*s) {
		event_set(&ev->serial, s);
		event_set(&w->cam_serial, s);
	}
}

/* The connected event, with the serial number read (the ledger and the
 * card list are keyed by it); posted by the caller. */
static struct capa_event *connected_event(struct cam_worker *w)
{
	struct capa_event *ev = event_new(EV_CONNECTED);
	const char **v = gp_library_version(GP_VERSION_SHORT);

	event_set(&w->cam_serial, NULL);
	if (!ev)
		return NULL;
	event_set(&ev->model, w->cam_model);
	event_set(&ev->port, w->cam_port);
	event_set(&ev->message, v && v[0] ? v[0] : "");
	read_serial(w, ev);
	return ev;
}

/* libgphoto2 sends PTP/IP events to port 15740 unless the path names an
 * event port: "ptpip:IP:PORT" means "ptpip:IP:PORT:PORT" for capa. */
static const char *ptpip_path(const char *port, char *buf, size_t len)
{
	const char *c1, *c2;

	if (strncmp(port, "ptpip:", 6) != 0)
		return port;
	c1 = strchr(port + 6, ':');
	c2 = c1 ? strchr(c1 + 1, ':') : NULL;
	if (!c1 || c2 || !c1[1] || strlen(port) + strlen(c1) >= len)
		return port;
	size_t n = strlen(port);
	memcpy(buf, port, n);
	memcpy(buf + n, c1, strlen(c1) + 1);
	return buf;
}

/* One attempt: a new Camera on model and port, initialised.  On failure
 * w->cam (when made) stays for the caller to close. */
static int open_once(struct cam_worker *w, const char *model, const char *port)
{
	struct std_fds s;
	int r = gp_camera_new(&w->cam);

	if (r >= GP_OK)
		r = set_target(w, model, port);
	if (r < GP_OK)
		return r;
	w->gp_error[0] = '\0'; /* this attempt's words only */
	std_fds_save(&s);
	r = gp_camera_init(w->cam, w->ctx);
	std_fds_restore(&s);
	return r;
}

int cam_connect(struct cam_worker *w, const char *model, const char *port)
{
	char m[128], p[128], pp[600];
	int r;

	if (!port) {
		r = autodetect(w, model, NULL, m, sizeof(m), p, sizeof(p));
		if (r < GP_OK) {
			cam_error(w, r, model ? "finding that camera" : "finding a camera");
			return -1;
		}
		model = m;
		port = p;
	} else if (!model) {
		model = strncmp(port, "ptpip:", 6) == 0 ? "PTP/IP Camera" : NULL;
		if (!model && autodetect(w, NULL, port, m, sizeof(m), p, sizeof(p)) >= GP_OK)
			model = m;
		if (!model) {
			cam_error(w, GP_ERROR_MODEL_NOT_FOUND, "finding the camera's model");
			return -1;
		}
	}
	port = ptpip_path(port, pp, sizeof(pp));
	/* busy: a new Camera each time, the failed one closed (its sockets
	 * too: the camera serves one client) */
	for (int try_ = 0;; try_++) {
		r = open_once(w, model, port);
		if (r != GP_ERROR_CAMERA_BUSY || try_ >= 9 || atomic_load(&w->stop))
			break;
		camera_close(w, port);
		cam_busy_backoff(w, try_);
	}
	if (r < GP_OK) {
		char doing[1024];
		snprintf(doing, sizeof(doing), "opening %s at %s", model, port);
		cam_error(w, r, doing);
		if (w->cam)
			camera_close(w, port);
		return -1;
	}
	free(w->cam_model);
	free(w->cam_port);
	w->cam_model = strdup(model);
	w->cam_port = strdup(port);
	struct capa_event *ev = connected_event(w);
	cam_config_capturetarget(w);
	/* The card is listed before "connected" goes out: a shot taken once
	 * a front end sees it is a new file, never one already on the card. */
	cam_scan_connected(w);
	if (ev)
		cam_post(w, ev);
	return 0;
}

void cam_close(struct cam_worker *w)
{
	if (!w->cam)
		return;
	camera_close(w, w->cam_port);
	cam_config_free(w->config);
	w->config = NULL;
}

void cam_post_disconnected(struct cam_worker *w, const char *reason)
{
	struct capa_event *ev = event_new(EV_DISCONNECTED);

	if (ev) {
		event_set(&ev->message, reason);
		event_set(&ev->port, w->cam_port);
		cam_post(w, ev);
	}
}

void cam_disconnect(struct cam_worker *w, const char *reason)
{
	if (!w->cam)
		return;
	cam_close(w);
	cam_post_disconnected(w, reason);
}

/* Post the free space of the first storage (best effort). */
void cam_report_storage(struct cam_worker *w)
{
	CameraStorageInformation *si = NULL;
	int n = 0;

	if (!w->cam)
		return;
	if (gp_camera_get_storageinfo(w->cam, &si, &n, w->ctx) >= GP_OK && n > 0) {
		struct capa_event *ev = event_new(EV_STORAGE);
		if (ev) {
			ev->free_bytes = si[0].fields & GP_STORAGEINFO_FREESPACEKBYTES ?
					 (int64_t)si[0].freekbytes * 1024 : -1;
			ev->free_shots = si[0].fields & GP_STORAGEINFO_FREESPACEIMAGES ?
					 (int64_t)si[0].freeimages : -1;
			cam_post(w, ev);
		}
	}
	free(si);
}

/* Post free space of the first storage and the battery level. */
void cam_report_status(struct cam_worker *w)
{
	if (!w->cam)
		return;
	cam_report_storage(w);
	if (w->config) {
		struct cam_widget *b = cam_config_find(w->config, "batterylevel");
		if (b && b->value) {
			struct capa_event *ev = event_new(EV_BATTERY);
			if (ev) {
				event_set(&ev->value, b->value);
				cam_post(w, ev);
			}
		}
	}
}
