/*
 * hex.h: hex decoding shared by the oracle runners, which read their
 * inputs as hex on stdin (one request a line).
 */
#ifndef TLSDOCTOR_RUNNER_HEX_H
#define TLSDOCTOR_RUNNER_HEX_H

#include <stdlib.h>

static inline int hexval(int c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/* unhex decodes len hex digits into a new buffer with a NUL after the
 * bytes, and sets *out to their number; NULL on bad input. */
static inline unsigned char *unhex(const char *s, size_t len, size_t *out)
{
    unsigned char *b;
    size_t i;

    if (len % 2 != 0) {
        return NULL;
    }
    b = malloc(len / 2 + 1);
    if (b == NULL) {
        return NULL;
    }
    for (i = 0; i < len / 2; i++) {
        int hi = hexval((unsigned char) s[2 * i]), lo = hexval((unsigned char) s[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            free(b);
            return NULL;
        }
        b[i] = (unsigned char) (hi << 4 | lo);
    }
    b[len / 2] = 0;
    *out = len / 2;
    return b;
}

#endif
