/*
 * strerror: batch oracle for mbedtls_strerror().
 *
 * Reads one decimal integer per line on stdin and writes, per line,
 * "<int>\t<mbedtls_strerror text>\n" on stdout, in input order. Nothing else goes to
 * stdout; a line that is not a decimal int is reported on stderr and exits 2, so a
 * harness bug can never pass as an oracle answer.
 *
 * Builds against mbedTLS 2.28 and 3.6 unchanged: mbedtls/error.h pulls in the
 * configuration itself (2.28: mbedtls/config.h, or MBEDTLS_CONFIG_FILE; 3.6:
 * mbedtls/build_info.h), including MBEDTLS_USER_CONFIG_FILE when one is given, so the
 * program sees the configuration the library was built with.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mbedtls/error.h"

/* Without MBEDTLS_ERROR_C there is no mbedtls_strerror() unless the dummy (which writes
 * an empty string) is enabled; fail at compile time rather than at link time. */
#if !defined(MBEDTLS_ERROR_C) && !defined(MBEDTLS_ERROR_STRERROR_DUMMY)
#error "this mbedTLS build has neither MBEDTLS_ERROR_C nor MBEDTLS_ERROR_STRERROR_DUMMY"
#endif

/* The buffer size matters: mbedtls_strerror() truncates to buflen-1 bytes. 1024 is far
 * longer than any high + low level text pair, so nothing is ever cut. */
#define TEXT_LEN 1024

int main(void)
{
    char line[128];
    char text[TEXT_LEN];
    unsigned long lineno = 0;

    while (fgets(line, sizeof line, stdin) != NULL) {
        char *end;
        long v;
        int ok;

        lineno++;
        if (strchr(line, '\n') == NULL && !feof(stdin)) {
            fprintf(stderr, "strerror: line %lu: too long\n", lineno);
            return 2;
        }
        errno = 0;
        v = strtol(line, &end, 10);
        ok = end != line && errno == 0 && v >= INT_MIN && v <= INT_MAX;
        while (*end == '\r' || *end == '\n' || *end == ' ' || *end == '\t') {
            end++;
        }
        if (!ok || *end != '\0') {
            line[strcspn(line, "\r\n")] = '\0';
            fprintf(stderr, "strerror: line %lu: want a decimal int, got \"%s\"\n",
                    lineno, line);
            return 2;
        }
        mbedtls_strerror((int) v, text, sizeof text);
        printf("%d\t%s\n", (int) v, text);
    }
    if (ferror(stdin)) {
        perror("strerror: reading stdin");
        return 1;
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("strerror: writing stdout");
        return 1;
    }
    return 0;
}
