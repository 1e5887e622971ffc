#ifndef CPANGOCAIRO_SHIM_H
#define CPANGOCAIRO_SHIM_H
// cairo (PDF surfaces, PNG images) and pango (text shaped by HarfBuzz, so Vietnamese
// stacked diacritics come out right), for Sources/KioskDocuments/PDFCanvas*.swift only.
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#endif
