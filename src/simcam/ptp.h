/* PTP (PIMA 15740) and PTP/IP (CIPA DC-005) codes used by capa-simcam.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SIMCAM_PTP_H
#define SIMCAM_PTP_H

/* PTP/IP packet types. */
enum {
	PTPIP_INIT_CMD_REQ = 1, PTPIP_INIT_CMD_ACK = 2, PTPIP_INIT_EVT_REQ = 3,
	PTPIP_INIT_EVT_ACK = 4, PTPIP_INIT_FAIL = 5, PTPIP_CMD_REQ = 6,
	PTPIP_CMD_RESP = 7, PTPIP_EVENT = 8, PTPIP_START_DATA = 9, PTPIP_DATA = 10,
	PTPIP_CANCEL = 11, PTPIP_END_DATA = 12, PTPIP_PROBE_REQ = 13,
	PTPIP_PROBE_RESP = 14,
};

/* Operations. */
enum {
	OC_GetDeviceInfo = 0x1001, OC_OpenSession = 0x1002, OC_CloseSession = 0x1003,
	OC_GetStorageIDs = 0x1004, OC_GetStorageInfo = 0x1005, OC_GetNumObjects = 0x1006,
	OC_GetObjectHandles = 0x1007, OC_GetObjectInfo = 0x1008, OC_GetObject = 0x1009,
	OC_GetThumb = 0x100A, OC_DeleteObject = 0x100B, OC_InitiateCapture = 0x100E,
	OC_GetDevicePropDesc = 0x1014, OC_GetDevicePropValue = 0x1015,
	OC_SetDevicePropValue = 0x1016, OC_GetPartialObject = 0x101B,
};

/* Responses. */
enum {
	RC_OK = 0x2001, RC_GeneralError = 0x2002, RC_SessionNotOpen = 0x2003,
	RC_OperationNotSupported = 0x2005, RC_ParameterNotSupported = 0x2006,
	RC_InvalidStorageId = 0x2008, RC_InvalidObjectHandle = 0x2009,
	RC_DevicePropNotSupported = 0x200A, RC_InvalidObjectFormatCode = 0x200B,
	RC_StoreFull = 0x200C, RC_ObjectWriteProtected = 0x200D,
	RC_AccessDenied = 0x200F, RC_NoThumbnailPresent = 0x2010,
	RC_DeviceBusy = 0x2019, RC_InvalidParentObject = 0x201A,
	RC_InvalidDevicePropFormat = 0x201B, RC_InvalidDevicePropValue = 0x201C,
	RC_InvalidParameter = 0x201D, RC_SessionAlreadyOpened = 0x201E,
};

/* Events. */
enum {
	EC_ObjectAdded = 0x4002, EC_ObjectRemoved = 0x4003,
	EC_DevicePropChanged = 0x4006, EC_StoreFull = 0x400A,
	EC_CaptureComplete = 0x400D,
};

/* Device properties. */
enum {
	DPC_BatteryLevel = 0x5001, DPC_ImageSize = 0x5003, DPC_CompressionSetting = 0x5004,
	DPC_WhiteBalance = 0x5005, DPC_FNumber = 0x5007, DPC_FocalLength = 0x5008,
	DPC_FocusMode = 0x500A, DPC_FlashMode = 0x500C, DPC_ExposureTime = 0x500D,
	DPC_ExposureProgramMode = 0x500E, DPC_ExposureIndex = 0x500F,
	DPC_ExposureBiasCompensation = 0x5010, DPC_DateTime = 0x5011,
	DPC_StillCaptureMode = 0x5013,
};

/* Data types. */
enum {
	DTC_INT8 = 1, DTC_UINT8 = 2, DTC_INT16 = 3, DTC_UINT16 = 4,
	DTC_INT32 = 5, DTC_UINT32 = 6, DTC_STR = 0xFFFF,
};

/* Object formats. */
enum {
	OFC_Undefined = 0x3000, OFC_Association = 0x3001, OFC_EXIF_JPEG = 0x3801,
};

#define PTP_ALL 0xFFFFFFFFu  /* "all storages" / "root" handle */
#define SIM_STORAGE_ID 0x00010001u

#endif
