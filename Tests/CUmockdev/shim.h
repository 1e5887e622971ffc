#ifndef CUMOCKDEV_SHIM_H
#define CUMOCKDEV_SHIM_H
/* Test-only: umockdev's testbed API, to plug and unplug mocked devices
 * while a test runs under umockdev-wrapper. */
#include <umockdev.h>
#endif
