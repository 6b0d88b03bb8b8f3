/*
 * x509parse: batch oracle for mbedtls_x509_crt_parse() and
 * mbedtls_x509_crt_parse_der().
 *
 * Reads one request per line on stdin:
 *     crt <hex>    mbedtls_x509_crt_parse(&chain, buf, len)
 *     der <hex>    mbedtls_x509_crt_parse_der(&chain, buf, len)
 * where <hex> is the input bytes in hex (empty: a zero-length buffer with a
 * non-NULL pointer). Each call uses a fresh chain. Writes per line
 * "<ret>\t<certificates in the chain>\n" on stdout, in input order, and
 * nothing else; a malformed line is reported on stderr and exits 2, so a
 * harness bug can never pass as an oracle answer.
 *
 * Builds against mbedTLS 2.28 and 3.6 unchanged: mbedtls/x509_crt.h pulls in
 * the configuration (2.28: mbedtls/config.h; 3.6: mbedtls/build_info.h),
 * including MBEDTLS_USER_CONFIG_FILE when one is given.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mbedtls/x509_crt.h"

#include "hex.h"

int main(void)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    unsigned long lineno = 0;

    while ((n = getline(&line, &cap, stdin)) != -1) {
        unsigned char *buf;
        size_t len, i;
        const char *hex;
        int der, ret, count;
        mbedtls_x509_crt chain, *c;

        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) {
            line[--n] = '\0';
        }
        if (n >= 4 && memcmp(line, "crt ", 4) == 0) {
            der = 0;
        } else if (n >= 4 && memcmp(line, "der ", 4) == 0) {
            der = 1;
        } else if (n == 3 && (memcmp(line, "crt", 3) == 0 || memcmp(line, "der", 3) == 0)) {
            der = line[0] == 'd';
        } else {
            fprintf(stderr, "x509parse: line %lu: want \"crt <hex>\" or \"der <hex>\"\n", lineno);
            return 2;
        }
        hex = n > 4 ? line + 4 : "";
        len = strlen(hex);
        if (len % 2 != 0) {
            fprintf(stderr, "x509parse: line %lu: odd number of hex digits\n", lineno);
            return 2;
        }
        len /= 2;
        /* Never NULL, even for an empty input: NULL is a different case
         * (-0x2800) that the harness does not ask about. */
        buf = malloc(len + 1);
        if (buf == NULL) {
            fprintf(stderr, "x509parse: line %lu: out of memory\n", lineno);
            return 1;
        }
        for (i = 0; i < len; i++) {
            int hi = hexval((unsigned char) hex[2 * i]);
            int lo = hexval((unsigned char) hex[2 * i + 1]);
            if (hi < 0 || lo < 0) {
                fprintf(stderr, "x509parse: line %lu: bad hex digit\n", lineno);
                return 2;
            }
            buf[i] = (unsigned char) (hi << 4 | lo);
        }

        mbedtls_x509_crt_init(&chain);
        if (der) {
            ret = mbedtls_x509_crt_parse_der(&chain, buf, len);
        } else {
            ret = mbedtls_x509_crt_parse(&chain, buf, len);
        }
        /* A chain node with version 0 holds no certificate (an empty head
         * after failures). */
        count = 0;
        for (c = &chain; c != NULL; c = c->next) {
            if (c->version != 0) {
                count++;
            }
        }
        mbedtls_x509_crt_free(&chain);
        free(buf);
        printf("%d\t%d\n", ret, count);
    }
    free(line);
    if (ferror(stdin)) {
        perror("x509parse: reading stdin");
        return 1;
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("x509parse: writing stdout");
        return 1;
    }
    return 0;
}
