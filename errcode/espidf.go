package errcode

import ()

// ESP-IDF error codes a TLS user meets, and our explanations of them.
//
// The esp-tls codes are ESP_ERR_ESP_TLS_BASE (0x8000) plus an offset, read
// from components/esp-tls/esp_tls_errors.h (v4.4 to v6.0.2 and master) and,
// for IDF v4.0 to v4.3, from components/esp-tls/esp_tls.h, where the same
// names had other offsets. IDF v4.4 renumbered them (commit 391d7bf2715,
// "tcp_transport: Add TCP transport connection errors"), so 0x8010 is
// ESP_ERR_MBEDTLS_SSL_HANDSHAKE_FAILED on v4.3 and ESP_ERR_MBEDTLS_CERT_PARTLY_OK
// on v4.4 and later. Both numberings are in the table; Module tells them apart.
// The wolfSSL codes left the header in v6.0, when esp-tls dropped wolfSSL for
// pluggable stacks.
//
// esp-tls also records, per connection, where its last error came from
// (esp_tls_error_handle_t, esp_tls_last_error_t). The type is one of
// esp_tls_error_type_t (esp_tls_errors.h@v6.0.2):
//
//	ESP_TLS_ERR_TYPE_UNKNOWN                  0
//	ESP_TLS_ERR_TYPE_SYSTEM                   1  errno of a socket call
//	ESP_TLS_ERR_TYPE_MBEDTLS                  2  an mbedTLS return code (stored positive)
//	ESP_TLS_ERR_TYPE_MBEDTLS_CERT_FLAGS       3  mbedtls_ssl_get_verify_result() flags
//	ESP_TLS_ERR_TYPE_ESP                      4  one of the esp_err_t codes below
//	ESP_TLS_ERR_TYPE_CUSTOM_STACK             5  v6.0+ (v4.4-v5.5: ESP_TLS_ERR_TYPE_WOLFSSL)
//	ESP_TLS_ERR_TYPE_CUSTOM_STACK_CERT_FLAGS  6  v6.0+ (v4.4-v5.5: ESP_TLS_ERR_TYPE_WOLFSSL_CERT_FLAGS)
//	ESP_TLS_ERR_TYPE_MAX                      7
//
// esp_tls_conn_read/write return ESP_TLS_ERR_SSL_WANT_READ, _WANT_WRITE and
// _TIMEOUT, which are the mbedTLS codes -0x6900, -0x6880 and -0x6800, not
// esp_err_t values; they live in the mbedTLS table.

const (
	espidfSrcTLS      = "components/esp-tls/esp_tls_errors.h@v5.5"
	espidfSrcTLSOld   = "components/esp-tls/esp_tls.h@v4.3 (v4.0-v4.3 numbering, renumbered in v4.4)"
	espidfSrcErr      = "components/esp_common/include/esp_err.h@v5.5"
	espidfSrcHTTP     = "components/esp_http_client/include/esp_http_client.h@v5.5"
	espidfSrcTrans    = "components/tcp_transport/include/esp_transport.h@v5.5 (since v5.0)"
	espidfModTLS      = "esp-tls"
	espidfModTLSOld   = "esp-tls (IDF v4.0-v4.3 numbering)"
	espidfSrcTLSCode  = "components/esp-tls/esp_tls.c@v5.5"
	espidfSrcMbedCode = "components/esp-tls/esp_tls_mbedtls.c@v5.5"
)

// espidfCodes are the esp_err_t codes of ESP-IDF's esp-tls component (both
// numberings), the generic esp_err.h codes, and the esp_http_client and
// tcp_transport codes that wrap a TLS failure, sorted by value. Where two
// numberings give one value two names, the current (v4.4+) name comes first.
func espidfCodes() []Code { return espidfCodesTable[:] }

var espidfCodesTable = [...]Code{
	{ESPIDF, "ESP_FAIL", -1, "esp_common", "Generic failure; the component's own log line says what failed.", espidfSrcErr},
	{ESPIDF, "ESP_OK", 0, "esp_common", "Success, no error.", espidfSrcErr},
	{ESPIDF, "ESP_ERR_NO_MEM", 0x101, "esp_common", "A memory allocation failed: the heap is too small or too fragmented.", espidfSrcErr},
	{ESPIDF, "ESP_ERR_INVALID_ARG", 0x102, "esp_common", "An argument was wrong, missing or NULL.", espidfSrcErr},
	{ESPIDF, "ESP_ERR_INVALID_STATE", 0x103, "esp_common", "The call is not allowed in the current state, or a needed option is off in menuconfig.", espidfSrcErr},
	{ESPIDF, "ESP_ERR_INVALID_SIZE", 0x104, "esp_common", "A size or length was wrong.", espidfSrcErr},
	{ESPIDF, "ESP_ERR_NOT_FOUND", 0x105, "esp_common", "The requested resource does not exist.", espidfSrcErr},
	{ESPIDF, "ESP_ERR_NOT_SUPPORTED", 0x106, "esp_common", "The operation or feature is not supported (often not compiled in).", espidfSrcErr},
	{ESPIDF, "ESP_ERR_TIMEOUT", 0x107, "esp_common", "The operation did not finish in time.", espidfSrcErr},
	{ESPIDF, "ESP_ERR_INVALID_RESPONSE", 0x108, "esp_common", "A response received was not valid.", espidfSrcErr},
	{ESPIDF, "ESP_ERR_INVALID_CRC", 0x109, "esp_common", "A CRC or checksum did not match.", espidfSrcErr},
	{ESPIDF, "ESP_ERR_INVALID_VERSION", 0x10A, "esp_common", "A version number was not valid.", espidfSrcErr},
	{ESPIDF, "ESP_ERR_INVALID_MAC", 0x10B, "esp_common", "A MAC address was not valid.", espidfSrcErr},
	{ESPIDF, "ESP_ERR_NOT_FINISHED", 0x10C, "esp_common", "The operation has not fully completed yet.", espidfSrcErr},
	{ESPIDF, "ESP_ERR_NOT_ALLOWED", 0x10D, "esp_common", "The operation is not allowed.", espidfSrcErr},
	{ESPIDF, "ESP_ERR_HTTP_CONNECT", 0x7002, "esp_http_client", "Opening the HTTP(S) connection failed; the esp-tls line logged just before says why.", espidfSrcHTTP},
	{ESPIDF, "ESP_ERR_ESP_TLS_CANNOT_RESOLVE_HOSTNAME", 0x8001, espidfModTLS, "DNS lookup of the host name failed (getaddrinfo).", espidfSrcTLS + " (same value since v4.0)"},
	{ESPIDF, "ESP_ERR_ESP_TLS_CANNOT_CREATE_SOCKET", 0x8002, espidfModTLS, "The socket could not be created.", espidfSrcTLS + " (same value since v4.0)"},
	{ESPIDF, "ESP_ERR_ESP_TLS_UNSUPPORTED_PROTOCOL_FAMILY", 0x8003, espidfModTLS, "The resolved address family is neither IPv4 nor IPv6.", espidfSrcTLS + " (same value since v4.0)"},
	{ESPIDF, "ESP_ERR_ESP_TLS_FAILED_CONNECT_TO_HOST", 0x8004, espidfModTLS, "The TCP connect to the server failed.", espidfSrcTLS + " (same value since v4.0)"},
	{ESPIDF, "ESP_ERR_ESP_TLS_SOCKET_SETOPT_FAILED", 0x8005, espidfModTLS, "Setting or reading a socket option failed (timeouts, keep-alive, interface binding).", espidfSrcTLS + " (same value since v4.0)"},
	{ESPIDF, "ESP_ERR_ESP_TLS_CONNECTION_TIMEOUT", 0x8006, espidfModTLS, "The TCP connect did not complete within the configured timeout.", espidfSrcTLS},
	{ESPIDF, "ESP_ERR_MBEDTLS_CERT_PARTLY_OK", 0x8006, espidfModTLSOld, "Some certificates in the CA buffer could not be parsed.", espidfSrcTLSOld},
	{ESPIDF, "ESP_ERR_ESP_TLS_SE_FAILED", 0x8007, espidfModTLS, "Setting up the ATECC608 secure element (its key or certificate) failed.", espidfSrcTLS},
	{ESPIDF, "ESP_ERR_MBEDTLS_CTR_DRBG_SEED_FAILED", 0x8007, espidfModTLSOld, "Seeding the random number generator failed.", espidfSrcTLSOld},
	{ESPIDF, "ESP_ERR_ESP_TLS_TCP_CLOSED_FIN", 0x8008, espidfModTLS, "The server closed the TCP connection cleanly (FIN).", espidfSrcTLS + " (since v4.4)"},
	{ESPIDF, "ESP_ERR_MBEDTLS_SSL_SET_HOSTNAME_FAILED", 0x8008, espidfModTLSOld, "mbedtls_ssl_set_hostname failed.", espidfSrcTLSOld},
	{ESPIDF, "ESP_ERR_ESP_TLS_SERVER_HANDSHAKE_TIMEOUT", 0x8009, espidfModTLS, "A TLS server's handshake with a client timed out.", espidfSrcTLS + " (since v5.5)"},
	{ESPIDF, "ESP_ERR_MBEDTLS_SSL_CONFIG_DEFAULTS_FAILED", 0x8009, espidfModTLSOld, "mbedtls_ssl_config_defaults failed.", espidfSrcTLSOld},
	{ESPIDF, "ESP_ERR_MBEDTLS_SSL_CONF_ALPN_PROTOCOLS_FAILED", 0x800A, espidfModTLSOld, "mbedtls_ssl_conf_alpn_protocols failed.", espidfSrcTLSOld},
	{ESPIDF, "ESP_ERR_MBEDTLS_X509_CRT_PARSE_FAILED", 0x800B, espidfModTLSOld, "mbedtls_x509_crt_parse rejected a CA or client certificate buffer.", espidfSrcTLSOld},
	{ESPIDF, "ESP_ERR_MBEDTLS_SSL_CONF_OWN_CERT_FAILED", 0x800C, espidfModTLSOld, "mbedtls_ssl_conf_own_cert failed.", espidfSrcTLSOld},
	{ESPIDF, "ESP_ERR_MBEDTLS_SSL_SETUP_FAILED", 0x800D, espidfModTLSOld, "mbedtls_ssl_setup failed.", espidfSrcTLSOld},
	{ESPIDF, "ESP_ERR_MBEDTLS_SSL_WRITE_FAILED", 0x800E, espidfModTLSOld, "mbedtls_ssl_write failed.", espidfSrcTLSOld},
	{ESPIDF, "ESP_ERR_MBEDTLS_PK_PARSE_KEY_FAILED", 0x800F, espidfModTLSOld, "mbedtls_pk_parse_key rejected the private key buffer.", espidfSrcTLSOld},
	{ESPIDF, "ESP_ERR_MBEDTLS_CERT_PARTLY_OK", 0x8010, espidfModTLS, "Some certificates in the CA buffer could not be parsed; the rest were loaded.", espidfSrcTLS},
	{ESPIDF, "ESP_ERR_MBEDTLS_SSL_HANDSHAKE_FAILED", 0x8010, espidfModTLSOld, "The TLS handshake failed; the mbedTLS code logged with it says why.", espidfSrcTLSOld},
	{ESPIDF, "ESP_ERR_MBEDTLS_CTR_DRBG_SEED_FAILED", 0x8011, espidfModTLS, "Seeding the random number generator (mbedtls_ctr_drbg_seed) failed.", espidfSrcTLS},
	{ESPIDF, "ESP_ERR_MBEDTLS_SSL_CONF_PSK_FAILED", 0x8011, espidfModTLSOld, "mbedtls_ssl_conf_psk failed.", espidfSrcTLSOld + "; since v4.1"},
	{ESPIDF, "ESP_ERR_MBEDTLS_SSL_SET_HOSTNAME_FAILED", 0x8012, espidfModTLS, "mbedtls_ssl_set_hostname (SNI and the name to check) failed.", espidfSrcTLS},
	{ESPIDF, "ESP_ERR_ESP_TLS_CONNECTION_TIMEOUT", 0x8012, espidfModTLSOld, "The TCP connect did not complete within the configured timeout.", espidfSrcTLSOld + "; since v4.1"},
	{ESPIDF, "ESP_ERR_MBEDTLS_SSL_CONFIG_DEFAULTS_FAILED", 0x8013, espidfModTLS, "mbedtls_ssl_config_defaults failed.", espidfSrcTLS},
	{ESPIDF, "ESP_ERR_WOLFSSL_SSL_SET_HOSTNAME_FAILED", 0x8013, espidfModTLSOld, "wolfSSL could not set the host name (SNI).", espidfSrcTLSOld + "; since v4.2"},
	{ESPIDF, "ESP_ERR_MBEDTLS_SSL_CONF_ALPN_PROTOCOLS_FAILED", 0x8014, espidfModTLS, "mbedtls_ssl_conf_alpn_protocols failed.", espidfSrcTLS},
	{ESPIDF, "ESP_ERR_WOLFSSL_SSL_CONF_ALPN_PROTOCOLS_FAILED", 0x8014, espidfModTLSOld, "wolfSSL could not set the ALPN protocols.", espidfSrcTLSOld + "; since v4.2"},
	{ESPIDF, "ESP_ERR_MBEDTLS_X509_CRT_PARSE_FAILED", 0x8015, espidfModTLS, "mbedtls_x509_crt_parse rejected a CA or client certificate buffer.", espidfSrcTLS},
	{ESPIDF, "ESP_ERR_WOLFSSL_CERT_VERIFY_SETUP_FAILED", 0x8015, espidfModTLSOld, "wolfSSL could not load the CA for server verification.", espidfSrcTLSOld + "; since v4.2"},
	{ESPIDF, "ESP_ERR_MBEDTLS_SSL_CONF_OWN_CERT_FAILED", 0x8016, espidfModTLS, "mbedtls_ssl_conf_own_cert (client certificate and key) failed.", espidfSrcTLS},
	{ESPIDF, "ESP_ERR_WOLFSSL_KEY_VERIFY_SETUP_FAILED", 0x8016, espidfModTLSOld, "wolfSSL could not load the private key.", espidfSrcTLSOld + "; since v4.2"},
	{ESPIDF, "ESP_ERR_MBEDTLS_SSL_SETUP_FAILED", 0x8017, espidfModTLS, "mbedtls_ssl_setup failed, or no server verification option was set.", espidfSrcTLS},
	{ESPIDF, "ESP_ERR_WOLFSSL_SSL_HANDSHAKE_FAILED", 0x8017, espidfModTLSOld, "The wolfSSL handshake failed.", espidfSrcTLSOld + "; since v4.2"},
	{ESPIDF, "ESP_ERR_MBEDTLS_SSL_WRITE_FAILED", 0x8018, espidfModTLS, "mbedtls_ssl_write failed on an open connection.", espidfSrcTLS},
	{ESPIDF, "ESP_ERR_WOLFSSL_CTX_SETUP_FAILED", 0x8018, espidfModTLSOld, "Creating the wolfSSL context failed.", espidfSrcTLSOld + "; since v4.2"},
	{ESPIDF, "ESP_ERR_MBEDTLS_PK_PARSE_KEY_FAILED", 0x8019, espidfModTLS, "mbedtls_pk_parse_key rejected the private key buffer.", espidfSrcTLS},
	{ESPIDF, "ESP_ERR_WOLFSSL_SSL_SETUP_FAILED", 0x8019, espidfModTLSOld, "Creating the wolfSSL session failed.", espidfSrcTLSOld + "; since v4.2"},
	{ESPIDF, "ESP_ERR_MBEDTLS_SSL_HANDSHAKE_FAILED", 0x801A, espidfModTLS, "The TLS handshake failed; the mbedTLS code logged with it says why.", espidfSrcTLS},
	{ESPIDF, "ESP_ERR_WOLFSSL_SSL_WRITE_FAILED", 0x801A, espidfModTLSOld, "A wolfSSL write failed.", espidfSrcTLSOld + "; since v4.2"},
	{ESPIDF, "ESP_ERR_MBEDTLS_SSL_CONF_PSK_FAILED", 0x801B, espidfModTLS, "mbedtls_ssl_conf_psk (pre-shared key setup) failed.", espidfSrcTLS},
	{ESPIDF, "ESP_ERR_ESP_TLS_SE_FAILED", 0x801B, espidfModTLSOld, "Setting up the ATECC608 secure element failed.", espidfSrcTLSOld + "; since v4.2"},
	{ESPIDF, "ESP_ERR_MBEDTLS_SSL_TICKET_SETUP_FAILED", 0x801C, espidfModTLS, "mbedtls_ssl_ticket_setup (server session tickets) failed.", espidfSrcTLS + " (since v4.4)"},
	{ESPIDF, "ESP_ERR_MBEDTLS_SSL_READ_FAILED", 0x801D, espidfModTLS, "mbedtls_ssl_read failed on an open connection.", "components/esp-tls/esp_tls_errors.h@v6.0.2 (since v6.0)"},
	{ESPIDF, "ESP_ERR_WOLFSSL_SSL_SET_HOSTNAME_FAILED", 0x8031, espidfModTLS, "wolfSSL could not set the host name (SNI).", espidfSrcTLS + " (removed in v6.0)"},
	{ESPIDF, "ESP_ERR_WOLFSSL_SSL_CONF_ALPN_PROTOCOLS_FAILED", 0x8032, espidfModTLS, "wolfSSL could not set the ALPN protocols.", espidfSrcTLS + " (removed in v6.0)"},
	{ESPIDF, "ESP_ERR_WOLFSSL_CERT_VERIFY_SETUP_FAILED", 0x8033, espidfModTLS, "wolfSSL could not load the CA for server verification.", espidfSrcTLS + " (removed in v6.0)"},
	{ESPIDF, "ESP_ERR_WOLFSSL_KEY_VERIFY_SETUP_FAILED", 0x8034, espidfModTLS, "wolfSSL could not load the private key.", espidfSrcTLS + " (removed in v6.0)"},
	{ESPIDF, "ESP_ERR_WOLFSSL_SSL_HANDSHAKE_FAILED", 0x8035, espidfModTLS, "The wolfSSL handshake failed.", espidfSrcTLS + " (removed in v6.0)"},
	{ESPIDF, "ESP_ERR_WOLFSSL_CTX_SETUP_FAILED", 0x8036, espidfModTLS, "Creating the wolfSSL context failed.", espidfSrcTLS + " (removed in v6.0)"},
	{ESPIDF, "ESP_ERR_WOLFSSL_SSL_SETUP_FAILED", 0x8037, espidfModTLS, "Creating the wolfSSL session failed.", espidfSrcTLS + " (removed in v6.0)"},
	{ESPIDF, "ESP_ERR_WOLFSSL_SSL_WRITE_FAILED", 0x8038, espidfModTLS, "A wolfSSL write failed.", espidfSrcTLS + " (removed in v6.0)"},
	{ESPIDF, "ESP_ERR_TCP_TRANSPORT_CONNECTION_TIMEOUT", 0xE001, "tcp_transport", "The transport's connection timed out.", espidfSrcTrans},
	{ESPIDF, "ESP_ERR_TCP_TRANSPORT_CONNECTION_CLOSED_BY_FIN", 0xE002, "tcp_transport", "The peer closed the connection cleanly (FIN).", espidfSrcTrans},
	{ESPIDF, "ESP_ERR_TCP_TRANSPORT_CONNECTION_FAILED", 0xE003, "tcp_transport", "The transport could not connect to the peer.", espidfSrcTrans},
	{ESPIDF, "ESP_ERR_TCP_TRANSPORT_NO_MEM", 0xE004, "tcp_transport", "The transport ran out of memory.", espidfSrcTrans},
}

// Sources the ESP-IDF causes cite: issues and pull requests seen in
// shared/research/anchors.md or in search results.
const (
	espidfIssueEmbed      = "https://github.com/espressif/esp-idf/issues/17423"
	espidfIssueCString    = "https://github.com/espressif/esp-idf/issues/5177"
	espidfIssueAWSLen     = "https://github.com/espressif/esp-aws-iot/issues/183"
	espidfIssueCurve      = "https://github.com/espressif/esp-idf/issues/15336"
	espidfIssueHeap       = "https://github.com/espressif/esp-idf/issues/4594"
	espidfIssueGlobalSign = "https://github.com/espressif/esp-idf/issues/18674"
	espidfIssueBundle     = "https://github.com/espressif/esp-idf/issues/11077"
	espidfIssueCrossSign  = "https://github.com/espressif/arduino-esp32/issues/8626"
	espidfIssueBundleHeap = "https://github.com/espressif/esp-idf/issues/15245"
	espidfIssueTimeDate   = "https://github.com/espressif/esp-mqtt/issues/251"
	espidfIssueWrongCA    = "https://github.com/espressif/arduino-esp32/issues/3155"
	espidfIssueMFL        = "https://www.byte-lab.com/tls-extension-cloud-providers-keep-ignoring-and-embedded-iot-pays-the-price"
	espidfIssueCNByIP     = "https://github.com/aws/aws-iot-device-sdk-embedded-C/issues/219"
	espidfIssueSNI        = "https://github.com/aws/aws-iot-device-sdk-embedded-C/issues/1400"
	espidfIssueFIN        = "https://github.com/espressif/esp-mqtt/issues/182"
	espidfIssueConnReset  = "https://github.com/Mbed-TLS/mbedtls/issues/3416"
	espidfIssueAWSHeap    = "https://github.com/espressif/esp-aws-iot/issues/7"
	espidfIssuePartly     = "https://github.com/Mbed-TLS/mbedtls/issues/734"
)

// espidfExplanations are our accounts of the ESP-IDF codes users hit. esp-tls
// always logs the underlying mbedTLS code on the line before ("esp-tls-mbedtls:
// mbedtls_ssl_handshake returned -0x2700"); the causes say which one to look for.
var espidfExplanations = []Explanation{
	{
		Stack: ESPIDF,
		Names: []string{"ESP_ERR_MBEDTLS_X509_CRT_PARSE_FAILED"},
		Meaning: "esp-tls handed your CA (or client) certificate buffer to mbedtls_x509_crt_parse and it refused it, so no connection was tried. " +
			"The line above, \"mbedtls_x509_crt_parse of CA cert returned -0xNNNN\", holds the real reason.",
		Causes: []Cause{
			{
				Text: "The PEM buffer has no NUL at its end, so mbedTLS reads it as DER and returns -0x2180: the file was embedded with EMBED_FILES (binary, no NUL) " +
					"or by a build system that does not add one, and the length was taken as end - start.",
				Fix: "Embed PEM files with EMBED_TXTFILES (it appends the NUL) and pass end - start, or pass strlen(pem) + 1; " +
					"or emit a NUL-safe C string with tlsdoctor emit --format esp-idf-embed.",
				When:   PhaseLoad,
				Source: espidfIssueEmbed,
			},
			{
				Text: "The length passed excludes the NUL: cacert_bytes / cacert_pem_bytes (esp_tls_cfg_t) or cert_len (esp_http_client_config_t) set to strlen(pem). " +
					"A non-zero cert_len makes esp_http_client pass the buffer as DER, so the PEM is parsed as DER and fails with -0x2180.",
				Fix:    "For esp_http_client and esp-mqtt leave cert_len at 0 for a NUL-terminated PEM (it then uses strlen + 1); for esp_tls_cfg_t set cacert_bytes = strlen(pem) + 1.",
				When:   PhaseLoad,
				Source: espidfIssueAWSLen,
			},
			{
				Text:   "The PEM was mangled while being turned into a C string: missing \\n at line ends, lines joined, quotes or backslashes left in; mbedTLS returns -0x2180 or -0x2780, or -0x112C for a bad base64 character.",
				Fix:    "Regenerate the literal from the .pem file (one \"...\\n\" per line) or embed the file instead of pasting it.",
				When:   PhaseLoad,
				Source: espidfIssueCString,
			},
			{
				Text:   "The certificate is fine but uses an algorithm the build leaves out, e.g. an ECDSA P-384 root with the curve disabled (-0x3A00), or a signature hash that is off (-0x262E).",
				Fix:    "Enable the missing option in menuconfig, e.g. CONFIG_MBEDTLS_ECP_DP_SECP384R1_ENABLED, or embed a root that uses enabled algorithms.",
				When:   PhaseLoad,
				Source: espidfIssueCurve,
			},
			{
				Text:   "The heap could not hold the parsed certificates (-0x2880 X509_ALLOC_FAILED), typically with a large bundle of roots in the buffer.",
				Fix:    "Pass only the root(s) the endpoint needs, or move mbedTLS allocations to PSRAM with CONFIG_MBEDTLS_EXTERNAL_MEM_ALLOC.",
				When:   PhaseLoad,
				Source: espidfIssueHeap,
			},
		},
		Question: "Which -0x code does the \"mbedtls_x509_crt_parse ... returned\" line just above show?",
		Confirm:  "tlsdoctor check ROOT_CA_FILE --length strlen",
	},
	{
		Stack: ESPIDF,
		Names: []string{"ESP_ERR_MBEDTLS_SSL_HANDSHAKE_FAILED"},
		Meaning: "The TCP connection worked but the TLS handshake did not. The reason is the mbedTLS code on the line before " +
			"(\"mbedtls_ssl_handshake returned -0xNNNN\"); \"Failed to verify peer certificate!\" after it means the server's chain was rejected.",
		Causes: []Cause{
			{
				Text: "The certificate bundle has no root for this server (CONFIG_MBEDTLS_CERTIFICATE_BUNDLE). The log shows \"esp-x509-crt-bundle: No matching trusted root certificate found\" " +
					"(v5.4+; older releases only print \"Failed to verify certificate\") and the handshake returns -0x3000. Roots leave the bundle over time: " +
					"GlobalSign Root CA was dropped in IDF 6.0, breaking chains cross-signed by it.",
				Fix: "Use CONFIG_MBEDTLS_CERTIFICATE_BUNDLE_DEFAULT_FULL instead of _CMN, or add the root with CONFIG_MBEDTLS_CUSTOM_CERTIFICATE_BUNDLE and " +
					"CONFIG_MBEDTLS_CUSTOM_CERTIFICATE_BUNDLE_PATH (tlsdoctor emit --format esp-idf-bundle builds one), or pin the right root via cert_pem.",
				When:   PhaseHandshake,
				Source: espidfIssueGlobalSign,
			},
			{
				Text:   "The bundle matched an issuer name but the signature check failed (\"Certificate matched but signature verification failed\"), e.g. a cross-signed chain whose self-signed twin is in the bundle.",
				Fix:    "Find which root the server's chain really ends in (tlsdoctor probe HOST) and make sure that exact root is in the bundle or in cert_pem.",
				When:   PhaseHandshake,
				Source: espidfIssueCrossSign,
			},
			{
				Text:   "The root given in cert_pem / cacert_buf is the wrong one for this endpoint (-0x2700, verify flag NOT_TRUSTED): an intermediate, a leaf, or a root of another CA family.",
				Fix:    "Embed the root the endpoint's chain ends in today, plus its announced successor; check with tlsdoctor probe HOST.",
				When:   PhaseHandshake,
				Source: espidfIssueWrongCA,
			},
			{
				Text: "With CONFIG_MBEDTLS_HAVE_TIME_DATE=y the clock is checked, and the first handshake ran before SNTP set the time, so every certificate is \"not yet valid\" " +
					"(-0x2700, flag FUTURE). The option is off by default, which is why the same code works on another build.",
				Fix:    "Wait for time sync before the first connection (esp_netif_sntp_init, then esp_netif_sntp_sync_wait before connecting), or keep an RTC; do not disable verification.",
				When:   PhaseHandshake,
				Source: espidfIssueTimeDate,
			},
			{
				Text:   "A server record is bigger than the receive buffer (-0x7200): CONFIG_MBEDTLS_SSL_IN_CONTENT_LEN was lowered (CONFIG_MBEDTLS_ASYMMETRIC_CONTENT_LEN) and the server ignores max_fragment_length.",
				Fix:    "Set CONFIG_MBEDTLS_SSL_IN_CONTENT_LEN back to 16384; to save RAM use CONFIG_MBEDTLS_DYNAMIC_BUFFER instead of a small buffer.",
				When:   PhaseHandshake,
				Source: espidfIssueMFL,
			},
			{
				Text:   "The heap ran out during the handshake: -0x7F00 (SSL_ALLOC_FAILED), or in the bundle callback \"PK verify failed with error FFFFBD70\" (-0x4290, RSA with MPI alloc failure).",
				Fix:    "Free heap before connecting, enable CONFIG_MBEDTLS_DYNAMIC_BUFFER, or with PSRAM set CONFIG_MBEDTLS_EXTERNAL_MEM_ALLOC.",
				When:   PhaseHandshake,
				Source: espidfIssueBundleHeap,
			},
			{
				Text:   "The name checked does not match the certificate (flag CN_MISMATCH): connecting by IP address, or a common_name that differs from the host.",
				Fix:    "Connect by the host name in the certificate, or set common_name in the client config to that name.",
				When:   PhaseHandshake,
				Source: espidfIssueCNByIP,
			},
			{
				Text:   "The server sent a fatal alert (-0x7780): often no SNI (skip_cert_common_name_check or skip_common_name set, so no host name is sent), or a TLS version or cipher suite mismatch.",
				Fix:    "Leave SNI on (do not set skip_common_name / skip_cert_common_name_check); enable the server's TLS version and suites in menuconfig; decode the alert with tlsdoctor explain.",
				When:   PhaseHandshake,
				Source: espidfIssueSNI,
			},
		},
		Question: "Which -0x code does \"mbedtls_ssl_handshake returned\" show, and does an esp-x509-crt-bundle or \"Failed to verify peer certificate!\" line come with it?",
		Confirm:  "tlsdoctor explain -0xNNNN",
	},
	{
		Stack: ESPIDF,
		Names: []string{"ESP_ERR_MBEDTLS_SSL_SETUP_FAILED"},
		Meaning: "esp-tls could not prepare the TLS session. Either mbedtls_ssl_setup failed (the line before shows its -0x code), " +
			"or the client config named no way to verify the server and esp-tls refused to go on.",
		Causes: []Cause{
			{
				Text:   "No verification option was set: the log says \"No server verification option set in esp_tls_cfg_t structure\". None of cacert_buf, crt_bundle_attach, use_global_ca_store or a PSK was given.",
				Fix:    "Set crt_bundle_attach = esp_crt_bundle_attach (with CONFIG_MBEDTLS_CERTIFICATE_BUNDLE) or pass the root in cert_pem / cacert_buf.",
				When:   PhaseLoad,
				Source: espidfSrcMbedCode + ":set_client_config",
			},
			{
				Text:   "mbedtls_ssl_setup could not allocate its record buffers (-0x7F00): with the default 16 KB in-buffer each connection needs a lot of contiguous heap.",
				Fix:    "Enable CONFIG_MBEDTLS_DYNAMIC_BUFFER, move mbedTLS to PSRAM with CONFIG_MBEDTLS_EXTERNAL_MEM_ALLOC, or close other TLS connections first.",
				When:   PhaseLoad,
				Source: espidfIssueHeap,
			},
		},
		Question: "Does the log say \"No server verification option set\", or does mbedtls_ssl_setup print -0x7F00?",
		Confirm:  "tlsdoctor log CONSOLE_LOG_FILE",
	},
	{
		Stack:   ESPIDF,
		Names:   []string{"ESP_ERR_MBEDTLS_SSL_SET_HOSTNAME_FAILED"},
		Meaning: "mbedtls_ssl_set_hostname refused the name esp-tls gave it (the host, or common_name if set). That name is both sent as SNI and checked against the certificate.",
		Causes: []Cause{
			{
				Text:   "The name is too long for mbedTLS (over 255 characters gives -0x7100 BAD_INPUT_DATA), usually a whole URL passed where a host name is expected.",
				Fix:    "Pass only the host name (no scheme, port or path) as host or common_name.",
				When:   PhaseLoad,
				Source: espidfSrcMbedCode + ":set_client_config",
			},
			{
				Text:   "Copying the name failed for lack of heap (-0x7F00).",
				Fix:    "Free heap before connecting; see ESP_ERR_NO_MEM.",
				When:   PhaseLoad,
				Source: espidfSrcMbedCode + ":set_client_config",
			},
		},
		Question: "Which -0x code does the \"mbedtls_ssl_set_hostname returned\" line show?",
		Confirm:  "tlsdoctor explain -0xNNNN",
	},
	{
		Stack:   ESPIDF,
		Names:   []string{"ESP_ERR_MBEDTLS_SSL_CONF_OWN_CERT_FAILED"},
		Meaning: "The client certificate and key parsed, but registering them with mbedTLS (mbedtls_ssl_conf_own_cert) failed. This call does little more than allocate, so the heap is the usual reason.",
		Causes: []Cause{
			{
				Text:   "Out of heap while storing the certificate/key pair (-0x7F00 on the line before).",
				Fix:    "Free heap before connecting, or enable CONFIG_MBEDTLS_EXTERNAL_MEM_ALLOC on boards with PSRAM.",
				When:   PhaseLoad,
				Source: espidfIssueAWSHeap,
			},
		},
		Question: "Which -0x code does the \"mbedtls_ssl_conf_own_cert returned\" line show?",
		Confirm:  "tlsdoctor explain -0xNNNN",
	},
	{
		Stack:   ESPIDF,
		Names:   []string{"ESP_ERR_MBEDTLS_PK_PARSE_KEY_FAILED"},
		Meaning: "mbedtls_pk_parse_key rejected the client private key, so mutual TLS could not be set up. The line before (\"mbedtls_pk_parse_keyfile returned -0xNNNN\") tells why.",
		Causes: []Cause{
			{
				Text:   "The key PEM is not NUL-terminated or its length excludes the NUL (clientkey_bytes or client_key_len set to strlen), so it is read as DER and fails (-0x3D00 KEY_INVALID_FORMAT).",
				Fix:    "Embed with EMBED_TXTFILES and pass end - start, or leave client_key_len at 0 for a NUL-terminated PEM.",
				When:   PhaseLoad,
				Source: espidfIssueAWSLen,
			},
			{
				Text:   "The key is encrypted and no password was given (-0x3C00 PASSWORD_REQUIRED), or the password is wrong (-0x3B80).",
				Fix:    "Set clientkey_password / clientkey_password_len, or store the key unencrypted in protected flash.",
				When:   PhaseLoad,
				Source: espidfSrcMbedCode + ":set_pki_context",
			},
			{
				Text:   "The key's algorithm or curve is not in the build (-0x3C80 UNKNOWN_PK_ALG, -0x3A00 UNKNOWN_NAMED_CURVE), or the certificate was put in the key slot.",
				Fix:    "Enable the curve (e.g. CONFIG_MBEDTLS_ECP_DP_SECP384R1_ENABLED) or issue a P-256 / RSA-2048 key; check which file is which.",
				When:   PhaseLoad,
				Source: espidfIssueCurve,
			},
		},
		Question: "Which -0x code does the \"mbedtls_pk_parse_keyfile returned\" line show?",
		Confirm:  "tlsdoctor check CLIENT_KEY_FILE",
	},
	{
		Stack: ESPIDF,
		Names: []string{"ESP_ERR_MBEDTLS_CERT_PARTLY_OK"},
		Meaning: "mbedtls_x509_crt_parse loaded some of the certificates in the CA buffer and skipped others (it returned a positive count). " +
			"For a per-connection CA esp-tls only warns and goes on; esp_tls_set_global_ca_store returns it as an error.",
		Causes: []Cause{
			{
				Text:   "A multi-root PEM (a system or Mozilla bundle) contains entries this build cannot parse: algorithms that are off, or blocks that are not plain \"BEGIN CERTIFICATE\".",
				Fix:    "Pass only the roots you need; if the root you need is among the skipped ones the handshake will fail later with -0x2700 or -0x3000.",
				When:   PhaseLoad,
				Source: espidfIssuePartly,
			},
			{
				Text:   "One block in a concatenated PEM is damaged (a missing line, a stray character) while the others are fine.",
				Fix:    "Check each block of the file; tlsdoctor check reports the failing one with its offset.",
				When:   PhaseLoad,
				Source: espidfSrcMbedCode + ":set_ca_cert",
			},
		},
		Question: "How many certificates does the warning say failed, and is the root your server needs among them?",
		Confirm:  "tlsdoctor check ROOT_CA_FILE",
	},
	{
		Stack:   ESPIDF,
		Names:   []string{"ESP_ERR_ESP_TLS_CANNOT_RESOLVE_HOSTNAME"},
		Meaning: "getaddrinfo could not turn the host name into an address (\"couldn't get hostname for :HOST:\"). Nothing TLS-related has happened yet.",
		Causes: []Cause{
			{
				Text:   "The network was not up yet (no IP or no DNS server) when the connection was attempted, e.g. right after boot before the got-IP event.",
				Fix:    "Connect only after IP_EVENT_STA_GOT_IP (or the PPP/Ethernet equivalent) and check the DNS server with esp_netif_get_dns_info.",
				When:   PhaseNetwork,
				Source: espidfSrcTLSCode + ":esp_tls_hostname_to_fd",
			},
			{
				Text:   "The host string is not a bare host name: it still has \"https://\", a port or a path, or a typo.",
				Fix:    "Pass only the host name; with esp_http_client give the full URL in .url and let it split it.",
				When:   PhaseNetwork,
				Source: espidfSrcTLSCode + ":esp_tls_hostname_to_fd",
			},
		},
		Question: "Does the device have an IP address and a DNS server at the moment of the call?",
		Confirm:  "tlsdoctor probe HOST:443",
	},
	{
		Stack: ESPIDF,
		Names: []string{"ESP_ERR_ESP_TLS_FAILED_CONNECT_TO_HOST", "ESP_ERR_TCP_TRANSPORT_CONNECTION_FAILED", "ESP_ERR_HTTP_CONNECT"},
		Meaning: "The TCP connection to the server could not be made, so TLS never started. esp-tls logs the socket error (\"connect() error: ...\" or \"delayed connect error\"); " +
			"esp_http_client and esp-mqtt wrap it as ESP_ERR_HTTP_CONNECT or the transport code, and \"esp-tls: Failed to open new connection\" precedes it.",
		Causes: []Cause{
			{
				Text:   "Nothing listens on that host and port from this network: wrong port (8883 vs 443), a firewall, or a private APN that blocks it (\"Connection refused\" / \"Host is unreachable\").",
				Fix:    "Check host and port from the same network (tlsdoctor probe HOST:PORT); fix the URL scheme and port.",
				When:   PhaseNetwork,
				Source: espidfSrcTLSCode + ":tcp_connect",
			},
			{
				Text:   "With ESP_ERR_HTTP_CONNECT the real failure may be any esp-tls step (parse, handshake): read the esp-tls lines logged just before it.",
				Fix:    "Look up the esp-tls code and the -0x mbedTLS code logged before \"Failed to open new connection\".",
				When:   PhaseAny,
				Source: espidfSrcHTTP,
			},
		},
		Question: "What does the line before say: a socket errno (network) or an mbedTLS -0x code (TLS)?",
		Confirm:  "tlsdoctor log CONSOLE_LOG_FILE",
	},
	{
		Stack:   ESPIDF,
		Names:   []string{"ESP_ERR_ESP_TLS_CONNECTION_TIMEOUT", "ESP_ERR_TCP_TRANSPORT_CONNECTION_TIMEOUT"},
		Meaning: "The non-blocking TCP connect did not finish within the timeout (\"select() timeout\"). The server never answered the SYN in time.",
		Causes: []Cause{
			{
				Text:   "The timeout is too short for a slow link (cellular PPP, weak Wi-Fi): timeout_ms in the client config.",
				Fix:    "Raise timeout_ms (esp_tls_cfg_t, esp_http_client_config_t, or network.timeout_ms for esp-mqtt).",
				When:   PhaseNetwork,
				Source: espidfSrcTLSCode + ":tcp_connect",
			},
			{
				Text:   "Packets to that host and port are dropped silently (firewall, wrong IP from DNS, IPv6 route missing).",
				Fix:    "Probe the endpoint from the same network and compare the address the device resolved.",
				When:   PhaseNetwork,
				Source: espidfSrcTLSCode + ":tcp_connect",
			},
		},
		Question: "Does the same host and port answer from another machine on the same network?",
		Confirm:  "tlsdoctor probe HOST:PORT",
	},
	{
		Stack:   ESPIDF,
		Names:   []string{"ESP_ERR_ESP_TLS_SE_FAILED"},
		Meaning: "esp-tls could not use the ATECC608 secure element for the client key or certificate (CONFIG_ESP_TLS_USE_SECURE_ELEMENT).",
		Causes: []Cause{
			{
				Text:   "The chip does not answer at the configured I2C address (\"Failed to initialize atca device\").",
				Fix:    "Check wiring and CONFIG_ATCA_I2C_ADDRESS for your part (TrustAndGo, TrustFlex and TrustCustom parts ship with different addresses).",
				When:   PhaseLoad,
				Source: espidfSrcMbedCode + ":esp_set_atecc608a_pki_context",
			},
			{
				Text:   "The wrong part type is selected (CONFIG_ATECC608A_TNG vs CONFIG_ATECC608A_TFLEX vs TrustCustom), so the device certificate cannot be read; TrustCustom needs the device certificate passed in.",
				Fix:    "Select the type that matches the chip; for TrustCustom pass clientcert_buf.",
				When:   PhaseLoad,
				Source: espidfSrcMbedCode + ":esp_set_atecc608a_pki_context",
			},
		},
		Question: "Which line before the code failed: init, reading the certificate, or reading the key?",
		Confirm:  "tlsdoctor log CONSOLE_LOG_FILE",
	},
	{
		Stack:   ESPIDF,
		Names:   []string{"ESP_ERR_ESP_TLS_TCP_CLOSED_FIN", "ESP_ERR_TCP_TRANSPORT_CONNECTION_CLOSED_BY_FIN"},
		Meaning: "The server closed the connection cleanly. If it happens during or right after the handshake, the server rejected something about the client without sending a TLS alert.",
		Causes: []Cause{
			{
				Text:   "The server drops clients that send no SNI or use a TLS version or suite it does not accept.",
				Fix:    "Keep SNI on (do not set skip_common_name) and compare the server's versions and suites with the build's (tlsdoctor probe HOST).",
				When:   PhaseHandshake,
				Source: espidfIssueSNI,
			},
			{
				Text:   "After the handshake, the broker or server closed the session: MQTT authentication or policy refused, or an idle timeout.",
				Fix:    "Check the broker's log and the client's identity and policy; for idle closes lower keepalive.",
				When:   PhaseNetwork,
				Source: espidfIssueFIN,
			},
		},
		Question: "Did the close come before the handshake finished or after data was exchanged?",
		Confirm:  "tlsdoctor probe HOST:PORT",
	},
	{
		Stack:   ESPIDF,
		Names:   []string{"ESP_ERR_MBEDTLS_SSL_WRITE_FAILED", "ESP_ERR_MBEDTLS_SSL_READ_FAILED"},
		Meaning: "The handshake succeeded but a later read or write on the TLS connection failed (\"write error :-0xNNNN\" / \"read error\"); the mbedTLS code says how the connection ended.",
		Causes: []Cause{
			{
				Text:   "The peer reset the connection (-0x0050 NET_CONN_RESET) or closed it (-0x7880 PEER_CLOSE_NOTIFY), e.g. AWS IoT dropping a client whose certificate or policy is wrong.",
				Fix:    "Check the server's reason (policy, certificate registration, duplicate client ID) and reconnect with backoff.",
				When:   PhaseNetwork,
				Source: espidfIssueConnReset,
			},
			{
				Text:   "A record larger than CONFIG_MBEDTLS_SSL_IN_CONTENT_LEN arrived (-0x7200).",
				Fix:    "Set CONFIG_MBEDTLS_SSL_IN_CONTENT_LEN to 16384, or use CONFIG_MBEDTLS_DYNAMIC_BUFFER to save RAM instead.",
				When:   PhaseNetwork,
				Source: espidfIssueMFL,
			},
		},
		Question: "Which -0x code does the read or write error line show?",
		Confirm:  "tlsdoctor explain -0xNNNN",
	},
	{
		Stack:   ESPIDF,
		Names:   []string{"ESP_ERR_NO_MEM", "ESP_ERR_TCP_TRANSPORT_NO_MEM"},
		Meaning: "An allocation failed. A TLS client needs tens of KB of contiguous heap for its buffers and the server's chain, so TLS is often the first thing to hit the limit.",
		Causes: []Cause{
			{
				Text:   "Internal RAM is too small or fragmented for the record buffers and the parsed chain (about 16 KB in plus 4 KB out per connection by default).",
				Fix:    "Enable CONFIG_MBEDTLS_DYNAMIC_BUFFER; on PSRAM boards set CONFIG_MBEDTLS_EXTERNAL_MEM_ALLOC; keep one TLS connection at a time.",
				When:   PhaseAny,
				Source: espidfIssueHeap,
			},
			{
				Text:   "A large CA buffer (a whole bundle as PEM) is parsed into RAM for every connection.",
				Fix:    "Use the certificate bundle (CONFIG_MBEDTLS_CERTIFICATE_BUNDLE, verified from flash) or only the root you need.",
				When:   PhaseLoad,
				Source: espidfIssueAWSHeap,
			},
		},
		Question: "How much free and largest-free-block heap is there just before the connection (heap_caps_get_largest_free_block)?",
		Confirm:  "tlsdoctor log CONSOLE_LOG_FILE",
	},
}
