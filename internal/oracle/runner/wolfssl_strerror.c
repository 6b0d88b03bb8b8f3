/*
 * wolfssl_strerror: batch oracle for wolfSSL's error texts.
 *
 * Reads one decimal integer per line on stdin and writes, per line,
 * "<int>\t<wc_GetErrorString(int)>\t<wolfSSL_ERR_reason_error_string(int)>\n" on
 * stdout, in input order. Nothing else goes to stdout; a line that is not a decimal
 * int is reported on stderr and exits 2.
 *
 * wc_GetErrorString() knows the wolfCrypt codes; wolfSSL_ERR_reason_error_string()
 * (src/internal.c) hands codes in wolfCrypt's range to wc_GetErrorString() and looks
 * the TLS-layer codes up itself. Both are printed because a device log may come from
 * either call.
 */
/* options.h must come first: it carries the configure-time defines (OPENSSL_EXTRA,
 * ...) that change the layout of the other headers. */
#include <wolfssl/options.h>
#include <wolfssl/ssl.h>
#include <wolfssl/wolfcrypt/error-crypt.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A NULL from either function is printed as "(null)" so a line always has 3 fields. */
static const char *or_null(const char *s)
{
    return s != NULL ? s : "(null)";
}

int main(void)
{
    char line[128];
    unsigned long lineno = 0;

    while (fgets(line, sizeof line, stdin) != NULL) {
        char *end;
        long v;
        int ok;
        int code;

        lineno++;
        if (strchr(line, '\n') == NULL && !feof(stdin)) {
            fprintf(stderr, "wolfssl_strerror: line %lu: too long\n", lineno);
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
            fprintf(stderr, "wolfssl_strerror: line %lu: want a decimal int, got \"%s\"\n",
                    lineno, line);
            return 2;
        }
        code = (int) v;
        /* The reason function takes an unsigned long, as OpenSSL's does; wolfSSL casts
         * it back to int, so the sign-extended negative code arrives unchanged (and,
         * with OPENSSL_EXTRA as in Debian's build, a positive code is negated first). */
        printf("%d\t%s\t%s\n", code, or_null(wc_GetErrorString(code)),
               or_null(wolfSSL_ERR_reason_error_string((unsigned long) (long) code)));
    }
    if (ferror(stdin)) {
        perror("wolfssl_strerror: reading stdin");
        return 1;
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("wolfssl_strerror: writing stdout");
        return 1;
    }
    return 0;
}
