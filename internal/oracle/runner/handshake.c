/*
 * handshake: batch oracle for a TLS client handshake, mbedtls_ssl_handshake().
 *
 * Reads one request per line on stdin, eight space-separated fields:
 *     <id> <port> <unix-time> <ca-file> <host> <groups> <authmode> <max-tls>
 * <id> is echoed back. The client connects to 127.0.0.1:<port> with
 * mbedtls_net_connect and runs the handshake to its end.
 *   <unix-time>  what time() returns to the library (see x509verify.c).
 *   <ca-file>    the trust list, read with mbedtls_x509_crt_parse_file and
 *                given to mbedtls_ssl_conf_ca_chain.
 *   <host>       "-": mbedtls_ssl_set_hostname is never called; "=": it is
 *                called with NULL; else the name in hex.
 *   <groups>     "-": the library's default curve list; else curve names as
 *                mbedtls_ecp_curve_info_from_name knows them, comma-separated,
 *                given to mbedtls_ssl_conf_curves (2.28) or
 *                mbedtls_ssl_conf_groups (3.6).
 *   <authmode>   required or optional (mbedtls_ssl_conf_authmode).
 *   <max-tls>    1.2 or 1.3: the highest version offered (3.6 only; 2.28
 *                has no TLS 1.3).
 *
 * Writes per line "<id>\t<ret>\t<state>\t<verify_result>\t<ca parse ret>\n":
 * the return of mbedtls_ssl_handshake (0 or a negative code), ssl->state when
 * it returned, mbedtls_ssl_get_verify_result() as an unsigned decimal, and
 * what mbedtls_x509_crt_parse_file returned for the trust list. A malformed
 * line is reported on stderr and exits 2.
 *
 * Every read has a 5 s timeout (mbedtls_ssl_conf_read_timeout with
 * mbedtls_net_recv_timeout), so a server that stalls gives
 * MBEDTLS_ERR_SSL_TIMEOUT instead of a hung test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mbedtls/version.h"
#include "mbedtls/net_sockets.h"
#include "mbedtls/ssl.h"
#include "mbedtls/ctr_drbg.h"
#include "mbedtls/entropy.h"
#include "mbedtls/ecp.h"
#include "mbedtls/x509_crt.h"
#if MBEDTLS_VERSION_MAJOR >= 3
#include "psa/crypto.h"
#define STATE(ssl) ((ssl).MBEDTLS_PRIVATE(state))
#else
#define STATE(ssl) ((ssl).state)
#endif

#include "fakeclock.h"
#include "hex.h"

#define MAX_GROUPS 16

/* handshake runs one request and prints its answer line; 0, or -1 for a bad request. */
static int handshake(const char *id, const char *port, const char *cafile, const char *host,
                     char *groups, const char *authmode, const char *maxtls)
{
    mbedtls_net_context fd;
    mbedtls_ssl_context ssl;
    mbedtls_ssl_config conf;
    mbedtls_x509_crt ca;
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context drbg;
    char *name = NULL;
    int ret, caret = 0, bad = 0;
#if MBEDTLS_VERSION_MAJOR >= 3
    uint16_t group_list[MAX_GROUPS + 1];
#else
    mbedtls_ecp_group_id group_list[MAX_GROUPS + 1];
#endif
    size_t ngroups = 0;

    mbedtls_net_init(&fd);
    mbedtls_ssl_init(&ssl);
    mbedtls_ssl_config_init(&conf);
    mbedtls_x509_crt_init(&ca);
    mbedtls_entropy_init(&entropy);
    mbedtls_ctr_drbg_init(&drbg);

    if (strcmp(groups, "-") != 0) {
        for (char *tok = strtok(groups, ","); tok != NULL; tok = strtok(NULL, ",")) {
            const mbedtls_ecp_curve_info *ci = mbedtls_ecp_curve_info_from_name(tok);
            if (ci == NULL || ngroups == MAX_GROUPS) {
                /* A curve the build lacks cannot be configured: leave it out,
                 * as a device's list would only hold curves it has. */
                continue;
            }
#if MBEDTLS_VERSION_MAJOR >= 3
            group_list[ngroups++] = ci->tls_id;
#else
            group_list[ngroups++] = ci->grp_id;
#endif
        }
#if MBEDTLS_VERSION_MAJOR >= 3
        group_list[ngroups] = 0; /* MBEDTLS_SSL_IANA_TLS_GROUP_NONE */
#else
        group_list[ngroups] = MBEDTLS_ECP_DP_NONE;
#endif
    }
    if (strcmp(host, "-") != 0 && strcmp(host, "=") != 0) {
        size_t namelen;
        name = (char *) unhex(host, strlen(host), &namelen);
        if (name == NULL) {
            bad = 1;
            goto out;
        }
    }

    if ((ret = mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy,
                                     (const unsigned char *) "tlsdoctor", 9)) != 0) {
        goto done;
    }
    caret = mbedtls_x509_crt_parse_file(&ca, cafile);
    if ((ret = mbedtls_ssl_config_defaults(&conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                           MBEDTLS_SSL_PRESET_DEFAULT)) != 0) {
        goto done;
    }
    mbedtls_ssl_conf_authmode(&conf, strcmp(authmode, "optional") == 0
                              ? MBEDTLS_SSL_VERIFY_OPTIONAL : MBEDTLS_SSL_VERIFY_REQUIRED);
    mbedtls_ssl_conf_ca_chain(&conf, &ca, NULL);
    mbedtls_ssl_conf_rng(&conf, mbedtls_ctr_drbg_random, &drbg);
    mbedtls_ssl_conf_read_timeout(&conf, 5000);
    if (strcmp(groups, "-") != 0) {
#if MBEDTLS_VERSION_MAJOR >= 3
        mbedtls_ssl_conf_groups(&conf, group_list);
#else
        mbedtls_ssl_conf_curves(&conf, group_list);
#endif
    }
#if MBEDTLS_VERSION_MAJOR >= 3
    if (strcmp(maxtls, "1.2") == 0) {
        mbedtls_ssl_conf_max_tls_version(&conf, MBEDTLS_SSL_VERSION_TLS1_2);
    }
#else
    (void) maxtls;
#endif
    if ((ret = mbedtls_ssl_setup(&ssl, &conf)) != 0) {
        goto done;
    }
    if (strcmp(host, "=") == 0) {
        ret = mbedtls_ssl_set_hostname(&ssl, NULL);
    } else if (name != NULL) {
        ret = mbedtls_ssl_set_hostname(&ssl, name);
    }
    if (ret != 0) {
        goto done;
    }
    if ((ret = mbedtls_net_connect(&fd, "127.0.0.1", port, MBEDTLS_NET_PROTO_TCP)) != 0) {
        goto done;
    }
    mbedtls_ssl_set_bio(&ssl, &fd, mbedtls_net_send, NULL, mbedtls_net_recv_timeout);
    do {
        ret = mbedtls_ssl_handshake(&ssl);
    } while (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE);
    if (ret == 0) {
        mbedtls_ssl_close_notify(&ssl);
    }

done:
    printf("%s\t%d\t%d\t%u\t%d\n", id, ret, (int) STATE(ssl),
           (unsigned) mbedtls_ssl_get_verify_result(&ssl), caret);
    fflush(stdout);
out:
    free(name);
    mbedtls_net_free(&fd);
    mbedtls_ssl_free(&ssl);
    mbedtls_ssl_config_free(&conf);
    mbedtls_x509_crt_free(&ca);
    mbedtls_ctr_drbg_free(&drbg);
    mbedtls_entropy_free(&entropy);
    return bad ? -1 : 0;
}

int main(void)
{
    char line[8192];
#if MBEDTLS_VERSION_MAJOR >= 3
    if (psa_crypto_init() != PSA_SUCCESS) {
        fprintf(stderr, "handshake: psa_crypto_init failed\n");
        return 2;
    }
#endif
    while (fgets(line, sizeof line, stdin) != NULL) {
        char *f[8];
        int n = 0;
        for (char *tok = strtok(line, " \t\r\n"); tok != NULL && n < 8; tok = strtok(NULL, " \t\r\n")) {
            f[n++] = tok;
        }
        if (n == 0) {
            continue;
        }
        if (n != 8) {
            fprintf(stderr, "handshake: want 8 fields, got %d\n", n);
            return 2;
        }
        fake_now = (time_t) strtoll(f[2], NULL, 10);
        /* strtok is not reentrant: copy the groups field before handshake()
         * tokenizes it. */
        char groups[512];
        snprintf(groups, sizeof groups, "%s", f[5]);
        if (handshake(f[0], f[1], f[3], f[4], groups, f[6], f[7]) != 0) {
            fprintf(stderr, "handshake: bad request %s\n", f[0]);
            return 2;
        }
    }
    return 0;
}
