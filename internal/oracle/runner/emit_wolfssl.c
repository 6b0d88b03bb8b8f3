/*
 * emit_wolfssl: loads the anchors of `tlsdoctor emit --format wolfssl` with
 * wolfSSL_CTX_load_verify_buffer, as the emitted usage comment says.
 * emit_case.h includes the emitted header. Writes per anchor
 * "<index>\t<return>\n" (1 is WOLFSSL_SUCCESS).
 */
#include <stdio.h>

#include <wolfssl/options.h>
#include <wolfssl/ssl.h>

#include "emit_case.h"

int main(void)
{
    wolfSSL_Init();
    WOLFSSL_CTX *ctx = wolfSSL_CTX_new(wolfTLSv1_2_client_method());
    if (ctx == NULL) {
        fprintf(stderr, "wolfSSL_CTX_new failed\n");
        return 2;
    }
    for (size_t i = 0; i < ROOT_CA_COUNT; i++) {
        int ret = wolfSSL_CTX_load_verify_buffer(ctx, root_ca_ders[i], root_ca_lens[i], WOLFSSL_FILETYPE_ASN1);
        printf("%d\t%d\n", (int)i, ret);
    }
    wolfSSL_CTX_free(ctx);
    wolfSSL_Cleanup();
    return 0;
}
