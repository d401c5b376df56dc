/* Weak references to the engine and preview modules while they are being
 * written on other branches: a missing function is NULL at run time and the
 * UI says what is unavailable.  Remove once every branch is merged.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef CAPA_UI_WEAK_H
#define CAPA_UI_WEAK_H
#pragma weak cam_worker_start
#pragma weak cam_worker_fd
#pragma weak cam_worker_next_event
#pragma weak cam_worker_send
#pragma weak cam_worker_send_line
#pragma weak cam_worker_pending
#pragma weak cam_worker_stop
#pragma weak cam_config_free
#pragma weak event_free
#pragma weak term_probe
#pragma weak img_opts_default
#pragma weak img_intent_parse
#pragma weak img_load_preview
#pragma weak img_load_thumbnail
#pragma weak img_preview_free
#pragma weak img_buf_free
#pragma weak img_sixel_encode
#pragma weak img_halfblock
#endif
