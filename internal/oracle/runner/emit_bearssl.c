/*
 * emit_bearssl: validates test chains with BearSSL's X.509 minimal engine
 * against the trust anchors of `tlsdoctor emit --format bearssl`.
 *
 * emit_case.h (written by the test) includes the emitted header as
 * ROOT_CA_TAs / ROOT_CA_TAs_NUM and defines the chains (leaf first), the
 * server name to check and the validation time (days since 0000-01-01 and
 * seconds into the day). Writes per chain "<index>\t<br_x509 error>\n"
 * (0 is success).
 */
#include <stdio.h>
#include <string.h>

#include <bearssl.h>

#include "emit_case.h"

int main(void)
{
    for (int i = 0; i < EMIT_CHAINS; i++) {
        br_x509_minimal_context xc;
        br_x509_minimal_init(&xc, &br_sha256_vtable, ROOT_CA_TAs, ROOT_CA_TAs_NUM);
        br_x509_minimal_set_hash(&xc, br_sha1_ID, &br_sha1_vtable);
        br_x509_minimal_set_hash(&xc, br_sha224_ID, &br_sha224_vtable);
        br_x509_minimal_set_hash(&xc, br_sha256_ID, &br_sha256_vtable);
        br_x509_minimal_set_hash(&xc, br_sha384_ID, &br_sha384_vtable);
        br_x509_minimal_set_hash(&xc, br_sha512_ID, &br_sha512_vtable);
        br_x509_minimal_set_rsa(&xc, br_rsa_pkcs1_vrfy_get_default());
        br_x509_minimal_set_ecdsa(&xc, br_ec_get_default(), br_ecdsa_vrfy_asn1_get_default());
        br_x509_minimal_set_time(&xc, EMIT_DAYS, EMIT_SECONDS);
        const br_x509_class **v = &xc.vtable;
        (*v)->start_chain(v, EMIT_SERVER_NAME);
        for (int j = 0; j < emit_chain_len[i]; j++) {
            (*v)->start_cert(v, (uint32_t)emit_cert_len[i][j]);
            (*v)->append(v, emit_cert[i][j], emit_cert_len[i][j]);
            (*v)->end_cert(v);
        }
        printf("%d\t%u\n", i, (*v)->end_chain(v));
    }
    return 0;
}
