/* The camera process: capa re-executed in the worker role.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   capa --camera-process FD INDEX [--session DIR] [--filename P] [--keep]
 *        [--camera MODEL] [--port PORT] [--no-auto-connect]
 *
 * FD is its end of a socketpair with the front end (cam-proc.c); INDEX
 * its camera's number among several (0: the only one).  It
 * confines itself (sandbox.h), runs the camera worker thread (cam-worker.h)
 * and speaks the line protocol of doc/process-model.md: events out,
 * commands in, heartbeats both ways.  It never touches the terminal and
 * never runs the hook script (the front end does). */
#ifndef CAPA_CAM_CHILD_H
#define CAPA_CAM_CHILD_H

#define CAM_CHILD_FLAG "--camera-process"

/* The protocol version in the hello line: a front end and a camera
 * process of different builds refuse each other. */
#define CAM_PROTOCOL 1

/* main() of the worker role; returns the exit status. */
int cam_child_main(int argc, char **argv);

#endif
