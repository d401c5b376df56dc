/* Default LeakSanitizer/AddressSanitizer options, compiled in only under
 * -fsanitize=address (make sanitize, SANITIZE=address,...).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libgphoto2_port leaks 8 bytes each time it loads its I/O drivers, from
 * inside a driver that ltdl has unloaded by exit.  The default (fast)
 * unwinder stops at that driver's frame (no frame pointers, shown as
 * <unknown module>), so no suppression in tests/lsan.supp can match it and
 * capa would exit 1 after any connect.  The slow unwinder sees past it to
 * gp_port_info_list_load.  LSAN_OPTIONS / ASAN_OPTIONS still override this. */
#if defined(__SANITIZE_ADDRESS__)
#define CAPA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CAPA_ASAN 1
#endif
#endif

#ifdef CAPA_ASAN
const char *__asan_default_options(void);
const char *__lsan_default_options(void);

/* The options ASan reads before ASAN_OPTIONS. */
const char *__asan_default_options(void)
{
	return "fast_unwind_on_malloc=0";
}

/* The options LSan reads before LSAN_OPTIONS. */
const char *__lsan_default_options(void)
{
	return "fast_unwind_on_malloc=0";
}
#else
/* ISO C wants at least one declaration in a translation unit. */
typedef int capa_no_sanitizer;
#endif
