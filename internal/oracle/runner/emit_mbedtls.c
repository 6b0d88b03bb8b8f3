/*
 * emit_mbedtls: loads the trust anchors of one `tlsdoctor emit` output into
 * one mbedTLS chain, the way firmware would.
 *
 * The test writes emit_case.h next to the emitted files; it includes them
 * and defines emit_collect(), which fills the buffers and lengths exactly as
 * the emitted usage comment says to pass them. Writes per buffer
 * "<index>\t<mbedtls_x509_crt_parse return>\t<certificates in the chain>\n".
 * Builds against mbedTLS 2.28 and 3.6 unchanged.
 */
#include <stdio.h>
#include <string.h>

#include "mbedtls/x509_crt.h"

#include "emit_case.h"

int main(void)
{
    const unsigned char *bufs[64];
    size_t lens[64];
    int n = emit_collect(bufs, lens);
    mbedtls_x509_crt chain;
    mbedtls_x509_crt_init(&chain);
    for (int i = 0; i < n; i++) {
        int ret = mbedtls_x509_crt_parse(&chain, bufs[i], lens[i]);
        int count = 0;
        for (const mbedtls_x509_crt *c = &chain; c != NULL && c->raw.len > 0; c = c->next) {
            count++;
        }
        printf("%d\t%d\t%d\n", i, ret, count);
    }
    mbedtls_x509_crt_free(&chain);
    return 0;
}
