/*
 * x509verify: batch oracle for mbedtls_x509_crt_verify_with_profile().
 *
 * Reads one request per line on stdin, six space-separated fields:
 *     <id> <unix-time> <profile> <host-hex> <chain> <trust>
 * <id> is echoed back. <unix-time> is what time() returns to the library
 * during the call. <profile> is default, next or suite_b. <host-hex> is the
 * expected name in hex, or "-" for NULL (no name check). <chain> and <trust>
 * are comma-separated hex DER certificates ("-" for none): the chain is the
 * peer certificate then the untrusted intermediates in order; each is added
 * with mbedtls_x509_crt_parse_der, and one that fails is left out, as a
 * chain built by mbedtls_x509_crt_parse would leave it out.
 *
 * Writes per line "<id>\t<ret>\t<flags>\t<chain certs parsed>\t<trust certs
 * parsed>\n" with flags as an unsigned decimal, and nothing else; a
 * malformed line is reported on stderr and exits 2.
 *
 * The clock: both 2.28 (x509.c x509_get_current_time) and 3.6
 * (x509_crt.c x509_crt_verify_chain) read it through mbedtls_time(), which
 * in the stock and Debian configurations (no MBEDTLS_PLATFORM_TIME_ALT or
 * _TIME_MACRO) is the C library's time(). This program defines time()
 * itself: with the static archives the linker resolves the library's
 * references to this definition, and with Debian's shared libraries the
 * executable's definition interposes on libc's (ELF symbol interposition),
 * so one source works for both without --wrap, which would not reach the
 * references inside a shared library.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mbedtls/x509_crt.h"

#include "fakeclock.h"
#include "hex.h"

/* load adds every comma-separated DER certificate of field to crt and
 * returns how many parsed, or -1 on malformed hex. */
static int load(mbedtls_x509_crt *crt, char *field)
{
    int n = 0;
    char *tok, *save = NULL;

    if (strcmp(field, "-") == 0) {
        return 0;
    }
    for (tok = strtok_r(field, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
        size_t len;
        unsigned char *der = unhex(tok, strlen(tok), &len);
        if (der == NULL) {
            return -1;
        }
        if (mbedtls_x509_crt_parse_der(crt, der, len) == 0) {
            n++;
        }
        free(der);
    }
    return n;
}

int main(void)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    unsigned long lineno = 0;

    while ((n = getline(&line, &cap, stdin)) != -1) {
        char *f[6], *save = NULL, *cn = NULL;
        const mbedtls_x509_crt_profile *prof;
        mbedtls_x509_crt chain, trust;
        uint32_t flags = 0;
        int i, ret, nchain, ntrust;

        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) {
            line[--n] = '\0';
        }
        for (i = 0; i < 6; i++) {
            f[i] = strtok_r(i == 0 ? line : NULL, " ", &save);
            if (f[i] == NULL) {
                fprintf(stderr, "x509verify: line %lu: want 6 fields\n", lineno);
                return 2;
            }
        }
        fake_now = (time_t) strtoll(f[1], NULL, 10);
        if (strcmp(f[2], "default") == 0) {
            prof = &mbedtls_x509_crt_profile_default;
        } else if (strcmp(f[2], "next") == 0) {
            prof = &mbedtls_x509_crt_profile_next;
        } else if (strcmp(f[2], "suite_b") == 0) {
            prof = &mbedtls_x509_crt_profile_suiteb;
        } else {
            fprintf(stderr, "x509verify: line %lu: unknown profile %s\n", lineno, f[2]);
            return 2;
        }
        if (strcmp(f[3], "-") != 0) {
            size_t len;
            cn = (char *) unhex(f[3], strlen(f[3]), &len);
            if (cn == NULL) {
                fprintf(stderr, "x509verify: line %lu: bad host hex\n", lineno);
                return 2;
            }
        }
        mbedtls_x509_crt_init(&chain);
        mbedtls_x509_crt_init(&trust);
        nchain = load(&chain, f[4]);
        ntrust = load(&trust, f[5]);
        if (nchain < 0 || ntrust < 0) {
            fprintf(stderr, "x509verify: line %lu: bad certificate hex\n", lineno);
            return 2;
        }
        ret = mbedtls_x509_crt_verify_with_profile(&chain, &trust, NULL, prof, cn, &flags, NULL, NULL);
        printf("%s\t%d\t%lu\t%d\t%d\n", f[0], ret, (unsigned long) flags, nchain, ntrust);
        mbedtls_x509_crt_free(&chain);
        mbedtls_x509_crt_free(&trust);
        free(cn);
    }
    free(line);
    if (ferror(stdin)) {
        perror("x509verify: reading stdin");
        return 1;
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("x509verify: writing stdout");
        return 1;
    }
    return 0;
}
