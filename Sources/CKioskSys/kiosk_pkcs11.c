/* A small PKCS#11 client over dlopen; see include/kiosk_pkcs11.h. */
#include "kiosk_pkcs11.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <p11-kit/pkcs11.h>

_Static_assert(KIOSK_CKO_CERTIFICATE == CKO_CERTIFICATE, "CKO_CERTIFICATE");
_Static_assert(KIOSK_CKO_PRIVATE_KEY == CKO_PRIVATE_KEY, "CKO_PRIVATE_KEY");
_Static_assert(KIOSK_CKA_LABEL == CKA_LABEL, "CKA_LABEL");
_Static_assert(KIOSK_CKA_VALUE == CKA_VALUE, "CKA_VALUE");
_Static_assert(KIOSK_CKA_KEY_TYPE == CKA_KEY_TYPE, "CKA_KEY_TYPE");
_Static_assert(KIOSK_CKA_ID == CKA_ID, "CKA_ID");
_Static_assert(KIOSK_CKK_RSA == CKK_RSA, "CKK_RSA");
_Static_assert(KIOSK_CKK_EC == CKK_EC, "CKK_EC");
_Static_assert(KIOSK_CKM_RSA_PKCS == CKM_RSA_PKCS, "CKM_RSA_PKCS");
_Static_assert(KIOSK_CKM_RSA_PKCS_PSS == CKM_RSA_PKCS_PSS, "CKM_RSA_PKCS_PSS");
_Static_assert(KIOSK_CKM_ECDSA == CKM_ECDSA, "CKM_ECDSA");
_Static_assert(KIOSK_CKF_LOGIN_REQUIRED == CKF_LOGIN_REQUIRED, "CKF_LOGIN_REQUIRED");
_Static_assert(KIOSK_CKF_TOKEN_INITIALIZED == CKF_TOKEN_INITIALIZED, "CKF_TOKEN_INITIALIZED");
_Static_assert(KIOSK_CKF_USER_PIN_COUNT_LOW == CKF_USER_PIN_COUNT_LOW, "CKF_USER_PIN_COUNT_LOW");
_Static_assert(KIOSK_CKF_USER_PIN_FINAL_TRY == CKF_USER_PIN_FINAL_TRY, "CKF_USER_PIN_FINAL_TRY");
_Static_assert(KIOSK_CKF_USER_PIN_LOCKED == CKF_USER_PIN_LOCKED, "CKF_USER_PIN_LOCKED");
_Static_assert(sizeof(CK_ULONG) == sizeof(unsigned long), "CK_ULONG is unsigned long");

struct kiosk_p11 {
    void *dl;
    CK_FUNCTION_LIST_PTR f;
    int initialized_here;
};

unsigned long kiosk_p11_load(const char *path, kiosk_p11 **out, char *err, size_t err_len) {
    *out = NULL;
    if (err_len) err[0] = 0;
    void *dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!dl) {
        if (err_len) snprintf(err, err_len, "%s", dlerror());
        return KIOSK_P11_LOAD_FAILED;
    }
    CK_C_GetFunctionList get = (CK_C_GetFunctionList)dlsym(dl, "C_GetFunctionList");
    CK_FUNCTION_LIST_PTR f = NULL;
    if (!get || get(&f) != CKR_OK || !f) {
        if (err_len) snprintf(err, err_len, "%s has no usable C_GetFunctionList", path);
        dlclose(dl);
        return KIOSK_P11_LOAD_FAILED;
    }
    CK_C_INITIALIZE_ARGS args;
    memset(&args, 0, sizeof args);
    args.flags = CKF_OS_LOCKING_OK;
    CK_RV rv = f->C_Initialize(&args);
    if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
        dlclose(dl);
        return rv;
    }
    kiosk_p11 *m = calloc(1, sizeof *m);
    if (!m) {
        if (rv == CKR_OK) f->C_Finalize(NULL);
        dlclose(dl);
        return CKR_HOST_MEMORY;
    }
    m->dl = dl;
    m->f = f;
    m->initialized_here = (rv == CKR_OK);
    *out = m;
    return CKR_OK;
}

void kiosk_p11_unload(kiosk_p11 *m) {
    if (!m) return;
    if (m->initialized_here) m->f->C_Finalize(NULL);
    dlclose(m->dl);
    free(m);
}

unsigned long kiosk_p11_slots(kiosk_p11 *m, unsigned long *slots, unsigned long *count) {
    CK_ULONG n = *count;
    CK_RV rv = m->f->C_GetSlotList(CK_TRUE, (CK_SLOT_ID_PTR)slots, &n);
    *count = n;
    return rv;
}

/* Copies a space-padded PKCS#11 string into a NUL-terminated one without the padding. */
static void trimmed(char *dst, const unsigned char *src, size_t n) {
    while (n > 0 && (src[n - 1] == ' ' || src[n - 1] == 0)) n--;
    memcpy(dst, src, n);
    dst[n] = 0;
}

unsigned long kiosk_p11_token_info(kiosk_p11 *m, unsigned long slot, kiosk_p11_token *out) {
    CK_TOKEN_INFO info;
    CK_RV rv = m->f->C_GetTokenInfo(slot, &info);
    if (rv != CKR_OK) return rv;
    trimmed(out->label, info.label, sizeof info.label);
    trimmed(out->manufacturer, info.manufacturerID, sizeof info.manufacturerID);
    trimmed(out->model, info.model, sizeof info.model);
    trimmed(out->serial, info.serialNumber, sizeof info.serialNumber);
    out->flags = info.flags;
    return CKR_OK;
}

unsigned long kiosk_p11_can_sign(kiosk_p11 *m, unsigned long slot, unsigned long mechanism, int *yes) {
    CK_MECHANISM_INFO info;
    *yes = 0;
    CK_RV rv = m->f->C_GetMechanismInfo(slot, mechanism, &info);
    if (rv == CKR_MECHANISM_INVALID) return CKR_OK;
    if (rv != CKR_OK) return rv;
    *yes = (info.flags & CKF_SIGN) != 0;
    return CKR_OK;
}

unsigned long kiosk_p11_open_session(kiosk_p11 *m, unsigned long slot, unsigned long *session) {
    CK_SESSION_HANDLE h = 0;
    CK_RV rv = m->f->C_OpenSession(slot, CKF_SERIAL_SESSION, NULL, NULL, &h);
    *session = h;
    return rv;
}

unsigned long kiosk_p11_close_session(kiosk_p11 *m, unsigned long session) {
    return m->f->C_CloseSession(session);
}

unsigned long kiosk_p11_login(kiosk_p11 *m, unsigned long session, const char *pin, size_t pin_len) {
    CK_RV rv = m->f->C_Login(session, CKU_USER, (CK_UTF8CHAR_PTR)pin, pin_len);
    return rv == CKR_USER_ALREADY_LOGGED_IN ? CKR_OK : rv;
}

unsigned long kiosk_p11_find(kiosk_p11 *m, unsigned long session, unsigned long object_class,
                             const uint8_t *id, size_t id_len, unsigned long *objects, unsigned long *count) {
    CK_OBJECT_CLASS cls = object_class;
    CK_ATTRIBUTE tmpl[2] = {
        { CKA_CLASS, &cls, sizeof cls },
        { CKA_ID, (void *)id, id_len },
    };
    CK_RV rv = m->f->C_FindObjectsInit(session, tmpl, id ? 2 : 1);
    if (rv != CKR_OK) return rv;
    CK_ULONG n = 0;
    rv = m->f->C_FindObjects(session, (CK_OBJECT_HANDLE_PTR)objects, *count, &n);
    CK_RV done = m->f->C_FindObjectsFinal(session);
    *count = n;
    return rv != CKR_OK ? rv : done;
}

unsigned long kiosk_p11_attribute(kiosk_p11 *m, unsigned long session, unsigned long object,
                                  unsigned long type, uint8_t *buf, unsigned long *len) {
    CK_ATTRIBUTE a = { type, buf, buf ? *len : 0 };
    CK_RV rv = m->f->C_GetAttributeValue(session, object, &a, 1);
    *len = a.ulValueLen;
    return rv;
}

unsigned long kiosk_p11_sign(kiosk_p11 *m, unsigned long session, unsigned long key, unsigned long mechanism,
                             const uint8_t *data, size_t data_len, uint8_t *sig, unsigned long *sig_len) {
    CK_RSA_PKCS_PSS_PARAMS pss = { CKM_SHA256, CKG_MGF1_SHA256, 32 };
    CK_MECHANISM mech = { mechanism, NULL, 0 };
    if (mechanism == CKM_RSA_PKCS_PSS) {
        mech.pParameter = &pss;
        mech.ulParameterLen = sizeof pss;
    }
    CK_RV rv = m->f->C_SignInit(session, &mech, key);
    if (rv != CKR_OK) return rv;
    CK_ULONG n = *sig_len;
    rv = m->f->C_Sign(session, (CK_BYTE_PTR)data, data_len, sig, &n);
    *sig_len = n;
    return rv;
}
