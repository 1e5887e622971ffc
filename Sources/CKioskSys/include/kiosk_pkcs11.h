#ifndef KIOSK_PKCS11_H
#define KIOSK_PKCS11_H

/* A small PKCS#11 client: a module loaded with dlopen (never linked), its
 * slots and tokens, a session, a login, objects by class and id, their
 * attributes, and one signature. Every function returns a PKCS#11 return
 * value (CKR_*, 0 is CKR_OK) and uses plain C types only, so Swift needs no
 * pkcs11.h. Only KioskSystem calls these. */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* PKCS#11 numbers Swift uses (checked against pkcs11.h in kiosk_pkcs11.c). */
#define KIOSK_CKO_CERTIFICATE 1UL
#define KIOSK_CKO_PRIVATE_KEY 3UL
#define KIOSK_CKA_LABEL 0x3UL
#define KIOSK_CKA_VALUE 0x11UL
#define KIOSK_CKA_KEY_TYPE 0x100UL
#define KIOSK_CKA_ID 0x102UL
#define KIOSK_CKK_RSA 0UL
#define KIOSK_CKK_EC 3UL
#define KIOSK_CKM_RSA_PKCS 1UL
#define KIOSK_CKM_RSA_PKCS_PSS 0xdUL
#define KIOSK_CKM_ECDSA 0x1041UL
#define KIOSK_CKF_LOGIN_REQUIRED 0x4UL
#define KIOSK_CKF_TOKEN_INITIALIZED 0x400UL
#define KIOSK_CKF_USER_PIN_COUNT_LOW 0x10000UL
#define KIOSK_CKF_USER_PIN_FINAL_TRY 0x20000UL
#define KIOSK_CKF_USER_PIN_LOCKED 0x40000UL
/* Not a PKCS#11 value: the module could not be loaded (dlopen or
 * C_GetFunctionList failed; the message is in err). */
#define KIOSK_P11_LOAD_FAILED 0x8F4B0001UL

typedef struct kiosk_p11 kiosk_p11;

/* What C_GetTokenInfo says, as NUL-terminated strings with the padding spaces trimmed. */
typedef struct {
    char label[33];
    char manufacturer[33];
    char model[17];
    char serial[17];
    unsigned long flags;
} kiosk_p11_token;

/* dlopen(path), C_GetFunctionList, C_Initialize (OS locking). A module that
 * says it is already initialised in this process is used as it is. */
unsigned long kiosk_p11_load(const char *path, kiosk_p11 **out, char *err, size_t err_len);
/* C_Finalize (if this load initialised it) and dlclose. */
void kiosk_p11_unload(kiosk_p11 *m);

/* Slots with a token present; *count is the room in slots on entry, the number found on return. */
unsigned long kiosk_p11_slots(kiosk_p11 *m, unsigned long *slots, unsigned long *count);
unsigned long kiosk_p11_token_info(kiosk_p11 *m, unsigned long slot, kiosk_p11_token *out);
/* 1 in *yes when the slot's token has the mechanism with the sign flag. */
unsigned long kiosk_p11_can_sign(kiosk_p11 *m, unsigned long slot, unsigned long mechanism, int *yes);

/* A read-only session on the slot. */
unsigned long kiosk_p11_open_session(kiosk_p11 *m, unsigned long slot, unsigned long *session);
unsigned long kiosk_p11_close_session(kiosk_p11 *m, unsigned long session);
/* C_Login as the user (CKU_USER). */
unsigned long kiosk_p11_login(kiosk_p11 *m, unsigned long session, const char *pin, size_t pin_len);

/* Objects of a class, and with this CKA_ID when id is not NULL; *count as in kiosk_p11_slots. */
unsigned long kiosk_p11_find(kiosk_p11 *m, unsigned long session, unsigned long object_class,
                             const uint8_t *id, size_t id_len, unsigned long *objects, unsigned long *count);
/* An attribute's bytes: with buf NULL, its length in *len; otherwise *len is the room on entry. */
unsigned long kiosk_p11_attribute(kiosk_p11 *m, unsigned long session, unsigned long object,
                                  unsigned long type, uint8_t *buf, unsigned long *len);

/* Signs data with the key. With CKM_RSA_PKCS_PSS the parameters are SHA-256,
 * MGF1 with SHA-256 and a 32-byte salt (data is then a SHA-256 digest).
 * *sig_len is the room in sig on entry, the signature's length on return. */
unsigned long kiosk_p11_sign(kiosk_p11 *m, unsigned long session, unsigned long key, unsigned long mechanism,
                             const uint8_t *data, size_t data_len, uint8_t *sig, unsigned long *sig_len);

#ifdef __cplusplus
}
#endif

#endif
