/* PTP operations of the simulated camera (the responder side of PIMA 15740).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "simcam/ops.h"

#include "simcam/ptp.h"

#include <stdio.h>
#include <string.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const uint16_t ops_supported[] = {
	OC_GetDeviceInfo, OC_OpenSession, OC_CloseSession, OC_GetStorageIDs,
	OC_GetStorageInfo, OC_GetNumObjects, OC_GetObjectHandles, OC_GetObjectInfo,
	OC_GetObject, OC_GetThumb, OC_DeleteObject, OC_InitiateCapture,
	OC_GetDevicePropDesc, OC_GetDevicePropValue, OC_SetDevicePropValue,
	OC_GetPartialObject,
};
static const uint16_t events_supported[] = {
	EC_ObjectAdded, EC_ObjectRemoved, EC_DevicePropChanged, EC_StoreFull,
	EC_CaptureComplete,
};

/* Pack the DeviceInfo dataset. */
static void device_info(const struct simcam *sc, struct buf *b)
{
	int h = sc->props.hostile;
	uint16_t props[32];
	size_t np = props_codes(&sc->props, props, N(props));
	static const uint16_t capture_formats[] = { OFC_EXIF_JPEG };
	static const uint16_t image_formats[] = { OFC_EXIF_JPEG, OFC_Undefined, OFC_Association };

	buf_u16(b, 100);                     /* StandardVersion 1.00 */
	buf_u32(b, 0);                       /* VendorExtensionID: none */
	buf_u16(b, 0);
	buf_ptp_str(b, h ? "\x1b[2J\x1b[Hhostile\x1b]0;owned\x07" : "");
	buf_u16(b, 0);                       /* FunctionalMode */
	buf_arr16(b, ops_supported, N(ops_supported));
	buf_arr16(b, events_supported, N(events_supported));
	buf_arr16(b, props, np);
	buf_arr16(b, capture_formats, N(capture_formats));
	buf_arr16(b, image_formats, N(image_formats));
	buf_ptp_str(b, h ? "capa\x1b[31m evil\xe2\x80\xaegpj.exe" : "capa");
	buf_ptp_str(b, h ? "SimCam\x1b[2J\x1b]0;owned\x07\r" : "SimCam");
	buf_ptp_str(b, CAPA_VERSION);
	buf_ptp_str(b, h ? "0001\x1b[5m\x9b" : sc->serial[0] ? sc->serial : "SIM000001");
}

/* Pack the StorageInfo dataset. */
static void storage_info(const struct simcam *sc, struct buf *b)
{
	uint64_t cap = sc->store.capacity, used = store_used(&sc->store);
	uint64_t freeb = sc->f.card_full || used >= cap ? 0 : cap - used;
	buf_u16(b, 4);                       /* removable RAM (a memory card) */
	buf_u16(b, 3);                       /* DCF */
	buf_u16(b, 0);                       /* read-write */
	buf_u64(b, cap);
	buf_u64(b, freeb);
	buf_u32(b, (uint32_t)(freeb / (3u << 20)));
	buf_ptp_str(b, sc->props.hostile ? "Card\x1b[31m\x1b]0;owned\x07" : "SimCam memory card");
	buf_ptp_str(b, sc->props.hostile ? "\x1b[2JVOL" : "SIMCAM");
}

/* Format a time as a PTP date string. */
static void ptp_date(time_t t, char *s, size_t n)
{
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(s, n, "%Y%m%dT%H%M%S", &tm);
}

/* Pack the ObjectInfo dataset of o. */
static void object_info(const struct sc_object *o, struct buf *b)
{
	int folder = o->format == OFC_Association;
	char date[32];
	ptp_date(o->when, date, sizeof(date));
	buf_u32(b, SIM_STORAGE_ID);
	buf_u16(b, o->format);
	buf_u16(b, 0);                                   /* no protection */
	buf_u32(b, o->size > 0xffffffffu ? 0xffffffffu : (uint32_t)o->size);
	buf_u16(b, folder ? 0 : OFC_EXIF_JPEG);          /* thumb format */
	buf_u32(b, (uint32_t)o->thumb_size);
	buf_u32(b, o->thumb_w);
	buf_u32(b, o->thumb_h);
	buf_u32(b, o->width);
	buf_u32(b, o->height);
	buf_u32(b, folder ? 0 : 24);
	buf_u32(b, o->parent);
	buf_u16(b, folder ? 1 : 0);                      /* generic folder */
	buf_u32(b, 0);
	buf_u32(b, 0);
	buf_ptp_str(b, o->name);
	buf_ptp_str(b, date);
	buf_ptp_str(b, date);
	buf_ptp_str(b, "");
}

/* Collect handles for GetObjectHandles / GetNumObjects. */
static uint16_t list_handles(const struct simcam *sc, const struct ptp_req *rq, struct buf *b,
			     uint32_t *count)
{
	uint32_t storage = rq->p[0], format = rq->np > 1 ? rq->p[1] : 0;
	uint32_t parent = rq->np > 2 ? rq->p[2] : 0;
	if (storage != PTP_ALL && storage != SIM_STORAGE_ID)
		return RC_InvalidStorageId;
	if (parent && parent != PTP_ALL) {
		const struct sc_object *po = store_find(&sc->store, parent);
		if (!po || po->format != OFC_Association)
			return RC_InvalidParentObject;
	}
	*count = 0;
	for (size_t i = 0; i < sc->store.n; i++) {
		const struct sc_object *o = sc->store.obj[i];
		if (format && o->format != format)
			continue;
		if (parent == PTP_ALL ? o->parent != 0 : parent && o->parent != parent)
			continue;
		if (b)
			buf_u32(b, o->handle);
		(*count)++;
	}
	return RC_OK;
}

/* Answer GetObjectHandles. */
static uint16_t op_handles(struct simcam *sc, const struct ptp_req *rq, struct ptp_resp *rs)
{
	struct buf tmp = { 0 };
	uint32_t n;
	uint16_t rc = list_handles(sc, rq, &tmp, &n);
	if (rc == RC_OK) {
		buf_u32(&rs->data, n);
		buf_put(&rs->data, tmp.p, tmp.len);
		rs->has_data = 1;
	}
	buf_free(&tmp);
	return rc;
}

/* Answer GetObject / GetPartialObject / GetThumb. */
static uint16_t op_read(struct simcam *sc, const struct ptp_req *rq, struct ptp_resp *rs)
{
	const struct sc_object *o = store_find(&sc->store, rq->p[0]);
	if (!o)
		return RC_InvalidObjectHandle;
	if (rq->code == OC_GetThumb) {
		if (!o->thumb)
			return RC_NoThumbnailPresent;
		buf_put(&rs->data, o->thumb, o->thumb_size);
	} else if (o->format == OFC_Association) {
		return RC_InvalidObjectHandle;
	} else {
		uint64_t off = rq->code == OC_GetPartialObject ? rq->p[1] : 0;
		size_t len = rq->code == OC_GetPartialObject ? rq->p[2] : o->size;
		if (rq->code == OC_GetPartialObject && rq->np < 3)
			return RC_InvalidParameter;
		long k = store_read(o, off, len, &rs->data);
		if (k < 0)
			return RC_GeneralError;
		if (rq->code == OC_GetPartialObject) {
			rs->p[0] = (uint32_t)k;
			rs->np = 1;
		}
	}
	rs->has_data = rs->is_object = 1;
	return RC_OK;
}

/* Answer DeleteObject. */
static uint16_t op_delete(struct simcam *sc, const struct ptp_req *rq)
{
	if (rq->p[0] != PTP_ALL) {
		const struct sc_object *o = store_find(&sc->store, rq->p[0]);
		if (!o)
			return RC_InvalidObjectHandle;
		return store_delete(&sc->store, rq->p[0]) < 0 ? RC_ObjectWriteProtected : RC_OK;
	}
	for (size_t i = sc->store.n; i-- > 0;)
		if (sc->store.obj[i]->format != OFC_Association)
			store_delete(&sc->store, sc->store.obj[i]->handle);
	return RC_OK;
}

/* Answer SetDevicePropValue. */
static uint16_t op_setprop(struct simcam *sc, const struct ptp_req *rq,
			   const unsigned char *din, size_t dlen)
{
	int changed = 0;
	if (!din)
		return RC_InvalidDevicePropFormat;
	uint16_t rc = props_set_data(&sc->props, (uint16_t)rq->p[0], din, dlen, &changed);
	if (rc == RC_OK && changed)
		simcam_event(sc, EC_DevicePropChanged, rq->p[0]);
	return rc;
}

/* Answer InitiateCapture: the shot is made later by capture_step. */
static uint16_t op_capture(struct simcam *sc, const struct ptp_req *rq)
{
	if (rq->np > 0 && rq->p[0] && rq->p[0] != SIM_STORAGE_ID)
		return RC_InvalidStorageId;
	if (rq->np > 1 && rq->p[1] && rq->p[1] != OFC_EXIF_JPEG)
		return RC_InvalidObjectFormatCode;
	if (!sc->pending_captures)
		sc->capture_due_ms = simcam_now_ms() + sc->capture_delay_ms;
	sc->pending_captures++;
	return RC_OK;
}

/* Dispatch operations that need an open session. */
static uint16_t run_in_session(struct simcam *sc, const struct ptp_req *rq,
			       const unsigned char *din, size_t dlen, struct ptp_resp *rs)
{
	uint32_t n;
	uint16_t rc;
	switch (rq->code) {
	case OC_GetStorageIDs: {
		uint32_t id = SIM_STORAGE_ID;
		buf_arr32(&rs->data, &id, 1);
		rs->has_data = 1;
		return RC_OK;
	}
	case OC_GetStorageInfo:
		if (rq->p[0] != SIM_STORAGE_ID)
			return RC_InvalidStorageId;
		storage_info(sc, &rs->data);
		rs->has_data = 1;
		return RC_OK;
	case OC_GetNumObjects:
		rc = list_handles(sc, rq, NULL, &n);
		rs->p[0] = n;
		rs->np = rc == RC_OK;
		return rc;
	case OC_GetObjectHandles:
		return op_handles(sc, rq, rs);
	case OC_GetObjectInfo: {
		const struct sc_object *o = store_find(&sc->store, rq->p[0]);
		if (!o)
			return RC_InvalidObjectHandle;
		object_info(o, &rs->data);
		rs->has_data = 1;
		return RC_OK;
	}
	case OC_GetObject: case OC_GetPartialObject: case OC_GetThumb:
		return op_read(sc, rq, rs);
	case OC_DeleteObject:
		return op_delete(sc, rq);
	case OC_InitiateCapture:
		return op_capture(sc, rq);
	case OC_GetDevicePropDesc:
		rs->has_data = 1;
		return props_pack_desc(&sc->props, (uint16_t)rq->p[0], &rs->data);
	case OC_GetDevicePropValue:
		rs->has_data = 1;
		return props_pack_value(&sc->props, (uint16_t)rq->p[0], &rs->data);
	case OC_SetDevicePropValue:
		return op_setprop(sc, rq, din, dlen);
	default:
		return RC_OperationNotSupported;
	}
}

void ops_run(struct simcam *sc, struct ptp_session *ss, const struct ptp_req *rq,
	     const unsigned char *din, size_t dlen, struct ptp_resp *rs)
{
	rs->np = 0;
	rs->has_data = rs->is_object = 0;
	rs->data.len = 0;
	if (sc->f.busy && rq->code != OC_InitiateCapture) {
		sc->f.busy--;
		rs->code = RC_DeviceBusy;
		simcam_log(sc, "op %04x: DeviceBusy (fault, %u left)", rq->code, sc->f.busy);
		return;
	}
	if (rq->code == OC_GetDeviceInfo) {
		device_info(sc, &rs->data);
		rs->has_data = 1;
		rs->code = RC_OK;
	} else if (rq->code == OC_OpenSession) {
		if (ss->open) {
			rs->code = RC_SessionAlreadyOpened;
			rs->p[0] = ss->id;
			rs->np = 1;
		} else if (rq->np < 1 || !rq->p[0]) {
			rs->code = RC_InvalidParameter;
		} else {
			ss->open = 1;
			ss->id = rq->p[0];
			rs->code = RC_OK;
		}
	} else if (!ss->open) {
		rs->code = RC_SessionNotOpen;
	} else if (rq->code == OC_CloseSession) {
		ss->open = 0;
		rs->code = RC_OK;
	} else {
		rs->code = run_in_session(sc, rq, din, dlen, rs);
	}
	if (rs->code != RC_OK) {
		rs->has_data = rs->is_object = 0;
		rs->data.len = 0;
	}
	simcam_log(sc, "op %04x(%08x) tid %u -> %04x", rq->code, rq->np ? rq->p[0] : 0,
		   rq->tid, rs->code);
}
