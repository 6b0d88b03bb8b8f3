/* Root CA of the test endpoint, pasted by hand. */
#include "mbedtls/x509_crt.h"

static const char root_ca_pem[] =
"-----BEGIN CERTIFICATE-----\n"
"MIIB4DCCAYegAwIBAgICEJIwCgYIKoZIzj0EAwIwRzELMAkGA1UEBhMCVVMxFzAV\n"
"BgNVBAoMDnRsc2RvY3RvciB0ZXN0MR8wHQYDVQQDDBZ0bHNkb2N0b3IgVGVzdCBS\n"
"b290IFIxMB4XDTI2MTIwMTAwMTkxMloXDTQ2MTEyNjAwMTkxMlowRzELMAkGA1UE\n"
"BhMCVVMxFzAVBgNVBAoMDnRsc2RvY3RvciB0ZXN0MR8wHQYDVQQDDBZ0bHNkb2N0\n"
"b3IgVGVzdCBSb290IFIxMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEPFXHWwjv\n"
"d/mCEWnHffSbjAYe3TrulieehzQG6iuKZUng+m6fhkJFrV0LFzk9l7eJafIOGPSt\n"
"5SCdsH2Wpmcb66NjMGEwHQYDVR0OBBYEFDKOOkoRgUt+XZS6hWLLU0fLK66iMB8G\n"
"A1UdIwQYMBaAFDKOOkoRgUt+XZS6hWLLU0fLK66iMA8GA1UdEwEB/wQFMAMBAf8w\n"
"DgYDVR0PAQH/BAQDAgEGMAoGCCqGSM49BAMCA0cAMEQCIFBvz+c5wQy7P0SBbZu/\n"
"6rBsF++4mz/Eo415Kl+P78PbAiA5CMLdT4TZ3QMmsjAionPcRsAzAHscmnuy6u/2\n"
"b8oQww==\n"
"-----END CERTIFICATE-----\n";

int load_root(mbedtls_x509_crt *cacert)
{
    return mbedtls_x509_crt_parse(cacert, (const unsigned char *)root_ca_pem, strlen(root_ca_pem));
}
