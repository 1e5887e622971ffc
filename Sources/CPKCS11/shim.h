/* The OASIS PKCS#11 types, as Debian's libp11-kit-dev ships them. Only
 * Sources/CKioskSys/kiosk_pkcs11.c includes them (the module is loaded with
 * dlopen, never linked); this target exists to put p11-kit's include path
 * (pkg-config p11-kit-1) on that C file's command line. */
#include <p11-kit/pkcs11.h>
