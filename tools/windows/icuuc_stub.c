/*
 * icuuc.dll stand-in, for the Wine test of the Windows bundle only (make windows).
 *
 * WHY: Qt 6.12's Qt6Core.dll imports 20 ucnv_* functions from Windows 10's system icuuc.dll.
 * Wine 8.0 has no icuuc.dll (Wine 11.5 and later has), so QtCore fails to load under Wine
 * ("DLL load failed while importing QtCore") although it loads on every real Windows 10/11.
 * This DLL exports those 20 names and makes every converter open fail, so Qt falls back to
 * its own UTF-8/UTF-16/Latin-1 codecs (the only ones the app uses).
 *
 * It is copied into the Wine prefix's system32 only, never into the bundle:
 * tools/windows/build_and_test.sh checks that no icuuc.dll is in the bundle or the installed
 * app. Qt's ICU codec path is therefore not exercised here (see README, Packaging).
 *
 * Build: x86_64-w64-mingw32-gcc -shared -O2 -s -o icuuc.dll icuuc_stub.c
 */
#include <stddef.h>
#include <stdint.h>

#define EXPORT __declspec(dllexport)

typedef int UErrorCode;   /* ICU's enum; <= 0 means success */
typedef uint16_t UChar;
typedef int8_t UBool;
typedef struct UConverter UConverter;
typedef void (*UConverterCallback)(void);

enum { U_ZERO_ERROR = 0, U_FILE_ACCESS_ERROR = 4, U_UNSUPPORTED_ERROR = 16 };

static void fail(UErrorCode *status, UErrorCode code) {
    if (status != NULL && *status <= U_ZERO_ERROR) *status = code;
}

/* No converter ever opens: Qt then uses its built-in codecs. */
EXPORT UConverter *ucnv_open(const char *name, UErrorCode *status) {
    (void)name;
    fail(status, U_FILE_ACCESS_ERROR);
    return NULL;
}
EXPORT void ucnv_close(UConverter *converter) { (void)converter; }
EXPORT void ucnv_reset(UConverter *converter) { (void)converter; }

/* The standard callbacks, as functions Qt may pass around (never called: nothing opens). */
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *context, void *args, const UChar *units,
                                            int32_t length, int32_t codePoint, int reason,
                                            UErrorCode *status) {
    (void)context; (void)args; (void)units; (void)length; (void)codePoint; (void)reason;
    fail(status, U_UNSUPPORTED_ERROR);
}
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *context, void *args, const char *bytes,
                                          int32_t length, int reason, UErrorCode *status) {
    (void)context; (void)args; (void)bytes; (void)length; (void)reason;
    fail(status, U_UNSUPPORTED_ERROR);
}

EXPORT int8_t ucnv_getMaxCharSize(const UConverter *converter) { (void)converter; return 4; }
EXPORT const char *ucnv_getName(const UConverter *converter, UErrorCode *status) {
    (void)converter;
    fail(status, U_UNSUPPORTED_ERROR);
    return NULL;
}
EXPORT void ucnv_getToUCallBack(const UConverter *converter, UConverterCallback *action,
                                const void **context) {
    (void)converter;
    if (action != NULL) *action = NULL;
    if (context != NULL) *context = NULL;
}
EXPORT void ucnv_getFromUCallBack(const UConverter *converter, UConverterCallback *action,
                                  const void **context) {
    (void)converter;
    if (action != NULL) *action = NULL;
    if (context != NULL) *context = NULL;
}
EXPORT void ucnv_setToUCallBack(UConverter *converter, UConverterCallback action,
                                const void *context, UConverterCallback *oldAction,
                                const void **oldContext, UErrorCode *status) {
    (void)converter; (void)action; (void)context; (void)oldAction; (void)oldContext;
    fail(status, U_UNSUPPORTED_ERROR);
}
EXPORT void ucnv_setFromUCallBack(UConverter *converter, UConverterCallback action,
                                  const void *context, UConverterCallback *oldAction,
                                  const void **oldContext, UErrorCode *status) {
    (void)converter; (void)action; (void)context; (void)oldAction; (void)oldContext;
    fail(status, U_UNSUPPORTED_ERROR);
}
EXPORT void ucnv_cbToUWriteUChars(void *args, const UChar *source, int32_t length,
                                  int32_t offsetIndex, UErrorCode *status) {
    (void)args; (void)source; (void)length; (void)offsetIndex;
    fail(status, U_UNSUPPORTED_ERROR);
}
EXPORT void ucnv_cbFromUWriteUChars(void *args, const UChar **source, const UChar *sourceLimit,
                                    int32_t offsetIndex, UErrorCode *status) {
    (void)args; (void)source; (void)sourceLimit; (void)offsetIndex;
    fail(status, U_UNSUPPORTED_ERROR);
}
EXPORT void ucnv_toUnicode(UConverter *converter, UChar **target, const UChar *targetLimit,
                           const char **source, const char *sourceLimit, int32_t *offsets,
                           UBool flush, UErrorCode *status) {
    (void)converter; (void)target; (void)targetLimit; (void)source; (void)sourceLimit;
    (void)offsets; (void)flush;
    fail(status, U_UNSUPPORTED_ERROR);
}
EXPORT void ucnv_fromUnicode(UConverter *converter, char **target, const char *targetLimit,
                             const UChar **source, const UChar *sourceLimit, int32_t *offsets,
                             UBool flush, UErrorCode *status) {
    (void)converter; (void)target; (void)targetLimit; (void)source; (void)sourceLimit;
    (void)offsets; (void)flush;
    fail(status, U_UNSUPPORTED_ERROR);
}
EXPORT int32_t ucnv_toUCountPending(const UConverter *converter, UErrorCode *status) {
    (void)converter;
    fail(status, U_UNSUPPORTED_ERROR);
    return 0;
}
EXPORT int32_t ucnv_fromUCountPending(const UConverter *converter, UErrorCode *status) {
    (void)converter;
    fail(status, U_UNSUPPORTED_ERROR);
    return 0;
}
/* An empty list of converters and aliases. */
EXPORT const char *ucnv_getStandardName(const char *name, const char *standard,
                                        UErrorCode *status) {
    (void)name; (void)standard;
    fail(status, U_UNSUPPORTED_ERROR);
    return NULL;
}
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
