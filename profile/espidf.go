package profile

import (
	"github.com/tlsdoctor/tlsdoctor/errcode"
	"github.com/tlsdoctor/tlsdoctor/internal/lazy"
)

// ESP-IDF builds mbedTLS with MBEDTLS_CONFIG_FILE="mbedtls/esp_config.h"
// (components/mbedtls/port/include/mbedtls/esp_config.h), which includes the
// upstream default config and then turns options on and off from the
// project's sdkconfig (CONFIG_MBEDTLS_*). The tables below restate, in our own
// form, which CONFIG option sets which mbedTLS macro, and the Kconfig
// defaults and dependencies of those options (components/mbedtls/Kconfig), for
// the two ESP-IDF releases whose mbedTLS matches ours:
//
//   - ESP-IDF v5.5.5 ships mbedTLS 3.6.6 (esp_config.h and Kconfig at tag v5.5.5);
//   - ESP-IDF v4.4.8 ships mbedTLS 2.28.8 (same files at tag v4.4.8), whose
//     default config.h matches 2.28.3's.
//
// Facts worth knowing, checked in those files:
//   - ESP-IDF does not set MBEDTLS_MPI_MAX_SIZE (esp_config.h stopped carrying
//     it in v4.0), so bignum.h's 1024 bytes apply: RSA-4096 roots parse. The
//     RSA hardware limit (SOC_RSA_MAX_BIT_LEN) only decides whether big keys
//     fall back to software (CONFIG_MBEDTLS_LARGE_KEY_SOFTWARE_MPI).
//   - CONFIG_MBEDTLS_HAVE_TIME_DATE is off by default: without it mbedTLS does
//     not check certificate validity dates at all.
//   - MBEDTLS_SSL_MAX_FRAGMENT_LENGTH and MBEDTLS_X509_RSASSA_PSS_SUPPORT are
//     always on; there is no Kconfig option for them.
//   - With CONFIG_MBEDTLS_ASYMMETRIC_CONTENT_LEN off, esp_config.h sets only
//     MBEDTLS_SSL_MAX_CONTENT_LEN, which mbedTLS 3.x no longer reads: the
//     record buffers then stay 16384 on IDF v5, whatever
//     CONFIG_MBEDTLS_SSL_MAX_CONTENT_LEN says.
//   - CONFIG_MBEDTLS_ALLOW_UNSUPPORTED_CRITICAL_EXT exists up to v5.1 and maps
//     to MBEDTLS_X509_ALLOW_UNSUPPORTED_CRITICAL_EXTENSION, a 2.x option that
//     3.x ignores; v5.2 removed it.
//   - The certificate bundle options (CONFIG_MBEDTLS_CERTIFICATE_BUNDLE*) set
//     no mbedTLS macro: they decide which roots esp_crt_bundle_attach() offers.

// idfSet selects the ESP-IDF releases a table row applies to.
type idfSet uint8

const (
	idf44   idfSet = 1 << iota // v4.4.8, mbedTLS 2.28
	idf55                      // v5.5.5, mbedTLS 3.6
	idfBoth = idf44 | idf55
)

// idfRelease is the ESP-IDF release whose tables model an mbedTLS version.
type idfRelease struct {
	set     idfSet
	tag     string // git tag of espressif/esp-idf
	mbedtls string // the mbedTLS release that tag ships
}

func idfFor(v errcode.MbedVersion) idfRelease {
	if v == errcode.Mbed36 {
		return idfRelease{idf55, "v5.5.5", "3.6.6"}
	}
	return idfRelease{idf44, "v4.4.8", "2.28.8"}
}

// espConfigFile is the file the rules restate, for citations.
const espConfigFile = "components/mbedtls/port/include/mbedtls/esp_config.h"

// ksym is one Kconfig symbol of components/mbedtls/Kconfig (or a platform
// symbol the mbedTLS symbols depend on). Names are without CONFIG_.
type ksym struct {
	name string
	kind byte // 'b' bool, 'i' int, 's' string
	// defs are Kconfig's "default V [if COND]" lines: the first whose COND
	// holds gives the default; none means n (or unset).
	defs []kdef
	dep  string   // "depends on", a C-style expression over symbols; "" always
	sel  []string // "select X [if COND]", as "X" or "X if COND"
	// derived symbols have no prompt: Kconfig computes them, a value in the
	// file is ignored.
	derived bool
	// matters marks options that change what tlsdoctor predicts; a default
	// taken for one of them gets its own note.
	matters bool
	idf     idfSet
}

type kdef struct{ val, cond string }

// kchoice is a Kconfig choice: exactly one member is y.
type kchoice struct {
	name    string
	members []string
	def     string
	dep     string
	idf     idfSet
}

func b(name, def, dep string, idf idfSet) ksym {
	return ksym{name: name, kind: 'b', defs: []kdef{{def, ""}}, dep: dep, idf: idf}
}

func bm(name, def, dep string, idf idfSet) ksym {
	s := b(name, def, dep, idf)
	s.matters = true
	return s
}

func in(name, def, dep string, idf idfSet) ksym {
	return ksym{name: name, kind: 'i', defs: []kdef{{def, ""}}, dep: dep, idf: idf, matters: true}
}

// notATCA is the condition under which ESP-IDF enables every curve by default:
// the ATECC608A secure element supports P-256 only.
const notATCA = "!(MBEDTLS_ATCA_HW_ECDSA_SIGN || MBEDTLS_ATCA_HW_ECDSA_VERIFY)"

func curve(name string) ksym {
	return ksym{name: name, kind: 'b', defs: []kdef{{"y", notATCA}}, dep: "MBEDTLS_ECP_C", idf: idfBoth, matters: true}
}

var kconfigChoicesLazy lazy.Value[[]kchoice]

// kconfigChoices restate the choices of components/mbedtls/Kconfig.
func kconfigChoices() []kchoice { return kconfigChoicesLazy.Get(buildKconfigChoices) }

func buildKconfigChoices() []kchoice {
	return []kchoice{
		{name: "MBEDTLS_MEM_ALLOC_MODE", members: []string{"MBEDTLS_INTERNAL_MEM_ALLOC", "MBEDTLS_EXTERNAL_MEM_ALLOC", "MBEDTLS_DEFAULT_MEM_ALLOC", "MBEDTLS_CUSTOM_MEM_ALLOC", "MBEDTLS_IRAM_8BIT_MEM_ALLOC"}, def: "MBEDTLS_INTERNAL_MEM_ALLOC", idf: idfBoth},
		{name: "MBEDTLS_DEBUG_LEVEL", members: []string{"MBEDTLS_DEBUG_LEVEL_WARN", "MBEDTLS_DEBUG_LEVEL_INFO", "MBEDTLS_DEBUG_LEVEL_DEBUG", "MBEDTLS_DEBUG_LEVEL_VERBOSE"}, def: "MBEDTLS_DEBUG_LEVEL_VERBOSE", dep: "MBEDTLS_DEBUG", idf: idfBoth},
		{name: "MBEDTLS_DEFAULT_CERTIFICATE_BUNDLE", members: []string{"MBEDTLS_CERTIFICATE_BUNDLE_DEFAULT_FULL", "MBEDTLS_CERTIFICATE_BUNDLE_DEFAULT_CMN", "MBEDTLS_CERTIFICATE_BUNDLE_DEFAULT_NONE"}, def: "MBEDTLS_CERTIFICATE_BUNDLE_DEFAULT_FULL", dep: "MBEDTLS_CERTIFICATE_BUNDLE", idf: idfBoth},
		{name: "MBEDTLS_TLS_MODE", members: []string{"MBEDTLS_TLS_SERVER_AND_CLIENT", "MBEDTLS_TLS_SERVER_ONLY", "MBEDTLS_TLS_CLIENT_ONLY", "MBEDTLS_TLS_DISABLED"}, def: "MBEDTLS_TLS_SERVER_AND_CLIENT", idf: idfBoth},
		{name: "MBEDTLS_RC4_MODE", members: []string{"MBEDTLS_RC4_DISABLED", "MBEDTLS_RC4_ENABLED_NO_DEFAULT", "MBEDTLS_RC4_ENABLED"}, def: "MBEDTLS_RC4_DISABLED", idf: idf44},
	}
}

var kconfigSymbolsLazy lazy.Value[[]ksym]

// kconfigSymbols restate the symbols of components/mbedtls/Kconfig that
// esp_config.h reads or that matter to a device's TLS, in Kconfig order
// (dependencies before dependants).
func kconfigSymbols() []ksym { return kconfigSymbolsLazy.Get(buildKconfigSymbols) }

func buildKconfigSymbols() []ksym {
	return []ksym{
		// Platform symbols from other components and the chip (soc_caps), read from
		// the file when it has them; platformDefaults says what is assumed if not.
		{name: "IDF_TARGET_LINUX", kind: 'b', idf: idfBoth},
		{name: "IDF_TARGET_ESP32", kind: 'b', idf: idfBoth},
		{name: "SOC_AES_SUPPORTED", kind: 'b', idf: idf55},
		{name: "SOC_AES_SUPPORT_GCM", kind: 'b', idf: idf55},
		{name: "SOC_MPI_SUPPORTED", kind: 'b', idf: idf55},
		{name: "SOC_SHA_SUPPORTED", kind: 'b', idf: idf55},
		{name: "SOC_SHA_SUPPORT_SHA512", kind: 'b', idf: idfBoth},
		{name: "SOC_ECC_SUPPORTED", kind: 'b', idf: idf55},
		{name: "SOC_RSA_MAX_BIT_LEN", kind: 'i', idf: idf55},
		{name: "SPIRAM_CACHE_WORKAROUND_STRATEGY_DUPLDST", kind: 'b', idf: idfBoth},
		{name: "ESP_TIME_FUNCS_USE_NONE", kind: 'b', idf: idfBoth},
		{name: "VFS_SUPPORT_IO", kind: 'b', idf: idf55},
		{name: "VFS_SUPPORT_DIR", kind: 'b', idf: idf55},
		{name: "ESP_ROM_HAS_MBEDTLS_CRYPTO_LIB", kind: 'b', idf: idf55},

		bm("MBEDTLS_ASYMMETRIC_CONTENT_LEN", "y", "", idfBoth),
		in("MBEDTLS_SSL_MAX_CONTENT_LEN", "16384", "!MBEDTLS_ASYMMETRIC_CONTENT_LEN", idfBoth),
		in("MBEDTLS_SSL_IN_CONTENT_LEN", "16384", "MBEDTLS_ASYMMETRIC_CONTENT_LEN", idfBoth),
		in("MBEDTLS_SSL_OUT_CONTENT_LEN", "4096", "MBEDTLS_ASYMMETRIC_CONTENT_LEN", idfBoth),
		{name: "MBEDTLS_DYNAMIC_BUFFER", kind: 'b', defs: []kdef{{"n", ""}}, dep: "!IDF_TARGET_LINUX && !MBEDTLS_SSL_PROTO_DTLS && !MBEDTLS_SSL_VARIABLE_BUFFER_LENGTH", sel: []string{"MBEDTLS_ASYMMETRIC_CONTENT_LEN"}, idf: idfBoth, matters: true},
		bm("MBEDTLS_DYNAMIC_FREE_PEER_CERT", "n", "MBEDTLS_DYNAMIC_BUFFER", idf44),
		bm("MBEDTLS_DYNAMIC_FREE_CONFIG_DATA", "n", "MBEDTLS_DYNAMIC_BUFFER", idfBoth),
		bm("MBEDTLS_DYNAMIC_FREE_CA_CERT", "y", "MBEDTLS_DYNAMIC_FREE_CONFIG_DATA", idfBoth),
		b("MBEDTLS_DEBUG", "n", "", idfBoth),
		b("MBEDTLS_SSL_VARIABLE_BUFFER_LENGTH", "n", "", idfBoth),
		{name: "MBEDTLS_ECP_RESTARTABLE", kind: 'b', defs: []kdef{{"n", ""}}, dep: "MBEDTLS_ECP_C", sel: []string{"MBEDTLS_ECDH_LEGACY_CONTEXT"}, idf: idf55},
		b("MBEDTLS_ECP_RESTARTABLE", "n", "", idf44),
		b("MBEDTLS_ECDH_LEGACY_CONTEXT", "n", "MBEDTLS_ECDH_C && MBEDTLS_ECP_RESTARTABLE", idf55),
		b("MBEDTLS_ECDH_LEGACY_CONTEXT", "y", "MBEDTLS_ECDH_C && MBEDTLS_ECP_RESTARTABLE", idf44),
		bm("MBEDTLS_X509_TRUSTED_CERT_CALLBACK", "n", "", idfBoth),
		b("MBEDTLS_SSL_CONTEXT_SERIALIZATION", "n", "MBEDTLS_GCM_C || MBEDTLS_CCM_C || MBEDTLS_CHACHAPOLY_C", idfBoth),
		bm("MBEDTLS_SSL_KEEP_PEER_CERTIFICATE", "y", "", idf55),
		bm("MBEDTLS_SSL_KEEP_PEER_CERTIFICATE", "y", "!MBEDTLS_DYNAMIC_FREE_PEER_CERT", idf44),
		b("MBEDTLS_SSL_KEYING_MATERIAL_EXPORT", "n", "MBEDTLS_TLS_ENABLED", idf55),
		b("MBEDTLS_PKCS7_C", "y", "MBEDTLS_X509_CRL_PARSE_C", idf55),
		b("MBEDTLS_SSL_DTLS_CONNECTION_ID", "n", "MBEDTLS_SSL_PROTO_DTLS", idfBoth),
		in("MBEDTLS_SSL_CID_IN_LEN_MAX", "32", "MBEDTLS_SSL_DTLS_CONNECTION_ID", idfBoth),
		in("MBEDTLS_SSL_CID_OUT_LEN_MAX", "32", "MBEDTLS_SSL_DTLS_CONNECTION_ID", idfBoth),
		in("MBEDTLS_SSL_CID_PADDING_GRANULARITY", "16", "MBEDTLS_SSL_PROTO_TLS1_3 || MBEDTLS_SSL_DTLS_CONNECTION_ID", idf55),
		in("MBEDTLS_SSL_CID_PADDING_GRANULARITY", "16", "MBEDTLS_SSL_DTLS_CONNECTION_ID", idf44),
		b("MBEDTLS_SSL_DTLS_SRTP", "n", "MBEDTLS_SSL_PROTO_DTLS", idfBoth),

		bm("MBEDTLS_CERTIFICATE_BUNDLE", "y", "", idfBoth),
		bm("MBEDTLS_CUSTOM_CERTIFICATE_BUNDLE", "n", "MBEDTLS_CERTIFICATE_BUNDLE", idfBoth),
		{name: "MBEDTLS_CUSTOM_CERTIFICATE_BUNDLE_PATH", kind: 's', dep: "MBEDTLS_CUSTOM_CERTIFICATE_BUNDLE", idf: idfBoth, matters: true},
		bm("MBEDTLS_CERTIFICATE_BUNDLE_DEPRECATED_LIST", "n", "MBEDTLS_CERTIFICATE_BUNDLE && !MBEDTLS_CERTIFICATE_BUNDLE_DEFAULT_NONE", idf55),
		in("MBEDTLS_CERTIFICATE_BUNDLE_MAX_CERTS", "200", "MBEDTLS_CERTIFICATE_BUNDLE", idfBoth),

		b("MBEDTLS_CMAC_C", "n", "MBEDTLS_AES_C || MBEDTLS_DES_C", idfBoth),
		b("MBEDTLS_HARDWARE_AES", "y", "!SPIRAM_CACHE_WORKAROUND_STRATEGY_DUPLDST && SOC_AES_SUPPORTED", idf55),
		b("MBEDTLS_HARDWARE_AES", "y", "!SPIRAM_CACHE_WORKAROUND_STRATEGY_DUPLDST", idf44),
		b("MBEDTLS_GCM_SUPPORT_NON_AES_CIPHER", "y", "MBEDTLS_HARDWARE_AES && MBEDTLS_GCM_C", idf55),
		b("MBEDTLS_HARDWARE_MPI", "y", "!SPIRAM_CACHE_WORKAROUND_STRATEGY_DUPLDST && SOC_MPI_SUPPORTED", idf55),
		b("MBEDTLS_HARDWARE_MPI", "y", "!SPIRAM_CACHE_WORKAROUND_STRATEGY_DUPLDST", idf44),
		{name: "MBEDTLS_LARGE_KEY_SOFTWARE_MPI", kind: 'b', defs: []kdef{{"y", "SOC_RSA_MAX_BIT_LEN <= 3072"}}, dep: "MBEDTLS_HARDWARE_MPI", idf: idf55},
		{name: "MBEDTLS_LARGE_KEY_SOFTWARE_MPI", kind: 'b', defs: []kdef{{"y", "IDF_TARGET_ESP32C3 || IDF_TARGET_ESP32H2"}}, dep: "MBEDTLS_HARDWARE_MPI", idf: idf44},
		b("MBEDTLS_HARDWARE_SHA", "y", "!SPIRAM_CACHE_WORKAROUND_STRATEGY_DUPLDST && SOC_SHA_SUPPORTED", idf55),
		b("MBEDTLS_HARDWARE_SHA", "y", "!SPIRAM_CACHE_WORKAROUND_STRATEGY_DUPLDST", idf44),
		b("MBEDTLS_HARDWARE_ECC", "y", "SOC_ECC_SUPPORTED", idf55),
		b("MBEDTLS_ECC_OTHER_CURVES_SOFT_FALLBACK", "y", "MBEDTLS_HARDWARE_ECC", idf55),
		b("MBEDTLS_ROM_MD5", "y", "", idfBoth),
		bm("MBEDTLS_ATCA_HW_ECDSA_SIGN", "n", "", idfBoth),
		bm("MBEDTLS_ATCA_HW_ECDSA_VERIFY", "n", "", idfBoth),
		bm("MBEDTLS_HAVE_TIME", "y", "!ESP_TIME_FUNCS_USE_NONE", idfBoth),
		b("MBEDTLS_PLATFORM_TIME_ALT", "n", "MBEDTLS_HAVE_TIME", idf55),
		bm("MBEDTLS_HAVE_TIME_DATE", "n", "MBEDTLS_HAVE_TIME", idfBoth),
		b("MBEDTLS_ECDSA_DETERMINISTIC", "y", "", idfBoth),
		bm("MBEDTLS_SHA1_C", "y", "", idf55),
		bm("MBEDTLS_SHA512_C", "y", "", idfBoth),
		b("MBEDTLS_SHA3_C", "n", "", idf55),

		// The TLS role: prompt-less symbols selected by the MBEDTLS_TLS_MODE choice.
		{name: "MBEDTLS_TLS_SERVER", kind: 'b', defs: []kdef{{"y", "MBEDTLS_TLS_SERVER_AND_CLIENT || MBEDTLS_TLS_SERVER_ONLY"}}, derived: true, idf: idfBoth},
		{name: "MBEDTLS_TLS_CLIENT", kind: 'b', defs: []kdef{{"y", "MBEDTLS_TLS_SERVER_AND_CLIENT || MBEDTLS_TLS_CLIENT_ONLY"}}, derived: true, idf: idfBoth},
		{name: "MBEDTLS_TLS_ENABLED", kind: 'b', defs: []kdef{{"y", "MBEDTLS_TLS_SERVER || MBEDTLS_TLS_CLIENT"}}, derived: true, idf: idfBoth},

		b("MBEDTLS_PSK_MODES", "n", "MBEDTLS_TLS_ENABLED", idfBoth),
		b("MBEDTLS_KEY_EXCHANGE_PSK", "n", "MBEDTLS_TLS_ENABLED && MBEDTLS_PSK_MODES", idfBoth),
		b("MBEDTLS_KEY_EXCHANGE_DHE_PSK", "y", "MBEDTLS_TLS_ENABLED && MBEDTLS_PSK_MODES && MBEDTLS_DHM_C", idf55),
		b("MBEDTLS_KEY_EXCHANGE_DHE_PSK", "y", "MBEDTLS_TLS_ENABLED && MBEDTLS_PSK_MODES", idf44),
		b("MBEDTLS_KEY_EXCHANGE_ECDHE_PSK", "y", "MBEDTLS_TLS_ENABLED && MBEDTLS_PSK_MODES && MBEDTLS_ECDH_C", idfBoth),
		b("MBEDTLS_KEY_EXCHANGE_RSA_PSK", "y", "MBEDTLS_TLS_ENABLED && MBEDTLS_PSK_MODES", idfBoth),
		b("MBEDTLS_KEY_EXCHANGE_RSA", "y", "MBEDTLS_TLS_ENABLED", idfBoth),
		b("MBEDTLS_KEY_EXCHANGE_DHE_RSA", "y", "MBEDTLS_TLS_ENABLED && MBEDTLS_DHM_C", idf55),
		b("MBEDTLS_KEY_EXCHANGE_DHE_RSA", "y", "MBEDTLS_TLS_ENABLED", idf44),
		b("MBEDTLS_KEY_EXCHANGE_ELLIPTIC_CURVE", "y", "MBEDTLS_TLS_ENABLED && MBEDTLS_ECP_C", idfBoth),
		b("MBEDTLS_KEY_EXCHANGE_ECDHE_RSA", "y", "MBEDTLS_TLS_ENABLED && MBEDTLS_KEY_EXCHANGE_ELLIPTIC_CURVE && MBEDTLS_ECDH_C", idfBoth),
		b("MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA", "y", "MBEDTLS_TLS_ENABLED && MBEDTLS_KEY_EXCHANGE_ELLIPTIC_CURVE && MBEDTLS_ECDH_C && MBEDTLS_ECDSA_C", idfBoth),
		b("MBEDTLS_KEY_EXCHANGE_ECDH_ECDSA", "y", "MBEDTLS_TLS_ENABLED && MBEDTLS_KEY_EXCHANGE_ELLIPTIC_CURVE && MBEDTLS_ECDH_C && MBEDTLS_ECDSA_C", idfBoth),
		b("MBEDTLS_KEY_EXCHANGE_ECDH_RSA", "y", "MBEDTLS_TLS_ENABLED && MBEDTLS_KEY_EXCHANGE_ELLIPTIC_CURVE && MBEDTLS_ECDH_C", idfBoth),
		b("MBEDTLS_KEY_EXCHANGE_ECJPAKE", "n", "MBEDTLS_TLS_ENABLED && MBEDTLS_ECJPAKE_C && MBEDTLS_ECP_DP_SECP256R1_ENABLED", idfBoth),
		b("MBEDTLS_SSL_RENEGOTIATION", "y", "MBEDTLS_TLS_ENABLED && MBEDTLS_SSL_PROTO_TLS1_2", idf55),
		b("MBEDTLS_SSL_RENEGOTIATION", "y", "MBEDTLS_TLS_ENABLED", idf44),
		b("MBEDTLS_SSL_PROTO_SSL3", "n", "MBEDTLS_TLS_ENABLED", idf44),
		b("MBEDTLS_SSL_PROTO_TLS1", "y", "MBEDTLS_TLS_ENABLED", idf44),
		b("MBEDTLS_SSL_PROTO_TLS1_1", "y", "MBEDTLS_TLS_ENABLED", idf44),
		bm("MBEDTLS_SSL_PROTO_TLS1_2", "y", "MBEDTLS_TLS_ENABLED", idfBoth),
		{name: "MBEDTLS_SSL_PROTO_TLS1_3", kind: 'b', defs: []kdef{{"n", ""}}, dep: "MBEDTLS_TLS_ENABLED && MBEDTLS_SSL_KEEP_PEER_CERTIFICATE", sel: []string{"MBEDTLS_CLIENT_SSL_SESSION_TICKETS if MBEDTLS_DYNAMIC_BUFFER", "MBEDTLS_HKDF_C"}, idf: idf55, matters: true},
		b("MBEDTLS_SSL_TLS1_3_COMPATIBILITY_MODE", "y", "MBEDTLS_SSL_PROTO_TLS1_3", idf55),
		b("MBEDTLS_SSL_TLS1_3_KEXM_PSK", "y", "MBEDTLS_SSL_PROTO_TLS1_3", idf55),
		b("MBEDTLS_SSL_TLS1_3_KEXM_EPHEMERAL", "y", "MBEDTLS_SSL_PROTO_TLS1_3", idf55),
		b("MBEDTLS_SSL_TLS1_3_KEXM_PSK_EPHEMERAL", "y", "MBEDTLS_SSL_PROTO_TLS1_3", idf55),
		b("MBEDTLS_SSL_PROTO_DTLS", "n", "MBEDTLS_SSL_PROTO_TLS1_2", idf55),
		b("MBEDTLS_SSL_PROTO_DTLS", "n", "MBEDTLS_SSL_PROTO_TLS1_1 || MBEDTLS_SSL_PROTO_TLS1_2", idf44),
		b("MBEDTLS_SSL_ALPN", "y", "MBEDTLS_TLS_ENABLED", idfBoth),
		b("MBEDTLS_CLIENT_SSL_SESSION_TICKETS", "y", "MBEDTLS_TLS_ENABLED", idfBoth),
		bm("MBEDTLS_X509_CHECK_KEY_USAGE", "y", "MBEDTLS_TLS_ENABLED", idf44),
		bm("MBEDTLS_X509_CHECK_EXTENDED_KEY_USAGE", "y", "MBEDTLS_TLS_ENABLED", idf44),
		b("MBEDTLS_SERVER_SSL_SESSION_TICKETS", "y", "MBEDTLS_TLS_ENABLED && (MBEDTLS_GCM_C || MBEDTLS_CCM_C || MBEDTLS_CHACHAPOLY_C)", idfBoth),

		b("MBEDTLS_AES_C", "y", "", idfBoth),
		b("MBEDTLS_CAMELLIA_C", "n", "", idfBoth),
		b("MBEDTLS_DES_C", "n", "", idfBoth),
		b("MBEDTLS_BLOWFISH_C", "n", "", idfBoth),
		b("MBEDTLS_XTEA_C", "n", "", idfBoth),
		b("MBEDTLS_CCM_C", "y", "MBEDTLS_AES_C || MBEDTLS_CAMELLIA_C", idfBoth),
		b("MBEDTLS_GCM_C", "y", "MBEDTLS_AES_C || MBEDTLS_CAMELLIA_C", idfBoth),
		b("MBEDTLS_NIST_KW_C", "n", "MBEDTLS_AES_C", idfBoth),
		b("MBEDTLS_RIPEMD160_C", "n", "", idfBoth),
		bm("MBEDTLS_PEM_PARSE_C", "y", "", idfBoth),
		b("MBEDTLS_PEM_WRITE_C", "y", "", idfBoth),
		bm("MBEDTLS_X509_CRL_PARSE_C", "y", "", idfBoth),
		b("MBEDTLS_X509_CSR_PARSE_C", "y", "", idfBoth),
		bm("MBEDTLS_ECP_C", "y", "", idfBoth),
		bm("MBEDTLS_PK_PARSE_EC_EXTENDED", "y", "MBEDTLS_ECP_C", idf55),
		bm("MBEDTLS_PK_PARSE_EC_COMPRESSED", "y", "MBEDTLS_ECP_C", idf55),
		b("MBEDTLS_DHM_C", "n", "", idf55),
		b("MBEDTLS_ECDH_C", "y", "MBEDTLS_ECP_C", idfBoth),
		bm("MBEDTLS_ECDSA_C", "y", "MBEDTLS_ECDH_C", idfBoth),
		b("MBEDTLS_ECJPAKE_C", "n", "MBEDTLS_ECP_C", idfBoth),
		curve("MBEDTLS_ECP_DP_SECP192R1_ENABLED"),
		curve("MBEDTLS_ECP_DP_SECP224R1_ENABLED"),
		bm("MBEDTLS_ECP_DP_SECP256R1_ENABLED", "y", "MBEDTLS_ECP_C", idfBoth),
		curve("MBEDTLS_ECP_DP_SECP384R1_ENABLED"),
		curve("MBEDTLS_ECP_DP_SECP521R1_ENABLED"),
		curve("MBEDTLS_ECP_DP_SECP192K1_ENABLED"),
		curve("MBEDTLS_ECP_DP_SECP224K1_ENABLED"),
		curve("MBEDTLS_ECP_DP_SECP256K1_ENABLED"),
		curve("MBEDTLS_ECP_DP_BP256R1_ENABLED"),
		curve("MBEDTLS_ECP_DP_BP384R1_ENABLED"),
		curve("MBEDTLS_ECP_DP_BP512R1_ENABLED"),
		curve("MBEDTLS_ECP_DP_CURVE25519_ENABLED"),
		b("MBEDTLS_ECP_NIST_OPTIM", "y", "MBEDTLS_ECP_C", idfBoth),
		b("MBEDTLS_ECP_FIXED_POINT_OPTIM", "n", "MBEDTLS_ECP_C", idf55),
		b("MBEDTLS_POLY1305_C", "n", "", idfBoth),
		b("MBEDTLS_CHACHA20_C", "n", "", idfBoth),
		b("MBEDTLS_CHACHAPOLY_C", "n", "MBEDTLS_CHACHA20_C && MBEDTLS_POLY1305_C", idfBoth),
		b("MBEDTLS_HKDF_C", "n", "", idfBoth),
		b("MBEDTLS_THREADING_C", "n", "", idfBoth),
		b("MBEDTLS_THREADING_ALT", "y", "MBEDTLS_THREADING_C", idfBoth),
		b("MBEDTLS_THREADING_PTHREAD", "n", "MBEDTLS_THREADING_C", idfBoth),
		b("MBEDTLS_ERROR_STRINGS", "y", "", idf55),
		b("MBEDTLS_SECURITY_RISKS", "n", "", idf44),
		bm("MBEDTLS_ALLOW_UNSUPPORTED_CRITICAL_EXT", "n", "MBEDTLS_SECURITY_RISKS", idf44),
		{name: "MBEDTLS_USE_CRYPTO_ROM_IMPL", kind: 'b', defs: []kdef{{"n", ""}}, dep: "ESP_ROM_HAS_MBEDTLS_CRYPTO_LIB", sel: []string{"MBEDTLS_SHA512_C", "MBEDTLS_AES_C", "MBEDTLS_CCM_C", "MBEDTLS_CMAC_C", "MBEDTLS_ROM_MD5", "MBEDTLS_HARDWARE_SHA", "MBEDTLS_ECP_RESTARTABLE", "MBEDTLS_THREADING_C"}, idf: idf55},
		b("MBEDTLS_FS_IO", "y", "(VFS_SUPPORT_IO && VFS_SUPPORT_DIR) || IDF_TARGET_LINUX", idf55),
		bm("MBEDTLS_ALLOW_WEAK_CERTIFICATE_VERIFICATION", "n", "", idf55),
	}
}

var platformDefaultsLazy lazy.Value[map[string]string]

// platformDefaults are the chip facts assumed for an sdkconfig that does not
// state them (IDF v4 files never do; v5 files carry CONFIG_SOC_*): those of
// the ESP32, the chip IDF builds for when no target is set. They only decide
// hardware acceleration, which changes no parse or verify result.
func platformDefaults() map[string]string { return platformDefaultsLazy.Get(buildPlatformDefaults) }

func buildPlatformDefaults() map[string]string {
	return map[string]string{
		"IDF_TARGET_ESP32":       "y",
		"SOC_AES_SUPPORTED":      "y",
		"SOC_MPI_SUPPORTED":      "y",
		"SOC_SHA_SUPPORTED":      "y",
		"SOC_SHA_SUPPORT_SHA512": "y",
		"SOC_RSA_MAX_BIT_LEN":    "4096",
		"VFS_SUPPORT_IO":         "y",
		"VFS_SUPPORT_DIR":        "y",
	}
}

var sha512TargetsLazy lazy.Value[map[string]bool]

// sha512Targets are the chips whose SHA accelerator does SHA-512
// (SOC_SHA_SUPPORT_SHA512 in components/soc/*/include/soc/soc_caps.h at v5.5.5).
func sha512Targets() map[string]bool { return sha512TargetsLazy.Get(buildSha512Targets) }

func buildSha512Targets() map[string]bool {
	return map[string]bool{"esp32": true, "esp32s2": true, "esp32s3": true, "esp32c5": true, "esp32p4": true}
}

// espRule is one #ifdef block of esp_config.h: when cond holds (a preprocessor
// expression over the CONFIG_ macros of sdkconfig.h and the mbedTLS macros set
// so far) the then actions apply, else the els actions. An action is "NAME",
// "NAME VALUE" (#define) or "-NAME" (#undef).
type espRule struct {
	idf  idfSet
	cond string // "" always
	then []string
	els  []string
}

// flag is the common esp_config.h block
//
//	#ifdef CONFIG_<option>  #define NAMES  #else  #undef NAMES  #endif
func flag(idf idfSet, option string, names ...string) espRule {
	undef := make([]string, len(names))
	for i, n := range names {
		undef[i] = "-" + n
	}
	return espRule{idf: idf, cond: "defined(CONFIG_" + option + ")", then: names, els: undef}
}

func always(idf idfSet, actions ...string) espRule { return espRule{idf: idf, then: actions} }

func ifdef(idf idfSet, option string, then ...string) espRule {
	return espRule{idf: idf, cond: "defined(CONFIG_" + option + ")", then: then}
}

var espRulesLazy lazy.Value[[]espRule]

// espRules restate esp_config.h in its order (the order matters where a block
// tests a macro an earlier block set).
func espRules() []espRule { return espRulesLazy.Get(buildEspRules) }

func buildEspRules() []espRule {
	return []espRule{
		flag(idfBoth, "MBEDTLS_HAVE_TIME", "MBEDTLS_HAVE_TIME"),
		flag(idf55, "MBEDTLS_HAVE_TIME", "MBEDTLS_PLATFORM_MS_TIME_ALT"),
		flag(idfBoth, "MBEDTLS_HAVE_TIME_DATE", "MBEDTLS_HAVE_TIME_DATE"),
		flag(idf55, "MBEDTLS_PLATFORM_TIME_ALT", "MBEDTLS_PLATFORM_TIME_ALT"),
		always(idfBoth, "MBEDTLS_PLATFORM_MEMORY"),
		{idf: idfBoth, cond: "!defined(CONFIG_MBEDTLS_CUSTOM_MEM_ALLOC)", then: []string{"MBEDTLS_PLATFORM_STD_CALLOC esp_mbedtls_mem_calloc", "MBEDTLS_PLATFORM_STD_FREE esp_mbedtls_mem_free"}},
		flag(idfBoth, "MBEDTLS_HARDWARE_AES", "MBEDTLS_AES_ALT"),
		ifdef(idfBoth, "MBEDTLS_HARDWARE_AES", "MBEDTLS_GCM_ALT"),
		{idf: idf55, cond: "defined(CONFIG_MBEDTLS_HARDWARE_AES) && defined(CONFIG_MBEDTLS_GCM_SUPPORT_NON_AES_CIPHER)", then: []string{"MBEDTLS_GCM_NON_AES_CIPHER_SOFT_FALLBACK"}},
		{idf: idf55, cond: "defined(CONFIG_MBEDTLS_HARDWARE_AES) && !defined(CONFIG_MBEDTLS_GCM_SUPPORT_NON_AES_CIPHER)", then: []string{"-MBEDTLS_GCM_NON_AES_CIPHER_SOFT_FALLBACK"}},
		flag(idfBoth, "MBEDTLS_HARDWARE_SHA", "MBEDTLS_SHA1_ALT", "MBEDTLS_SHA256_ALT"),
		{idf: idfBoth, cond: "defined(CONFIG_MBEDTLS_HARDWARE_SHA) && SOC_SHA_SUPPORT_SHA512", then: []string{"MBEDTLS_SHA512_ALT"}, els: []string{"-MBEDTLS_SHA512_ALT"}},
		flag(idfBoth, "MBEDTLS_ROM_MD5", "MBEDTLS_MD5_ALT"),
		{idf: idfBoth, cond: "defined(CONFIG_MBEDTLS_HARDWARE_MPI) && defined(CONFIG_MBEDTLS_LARGE_KEY_SOFTWARE_MPI)", then: []string{"MBEDTLS_MPI_EXP_MOD_ALT_FALLBACK", "MBEDTLS_MPI_MUL_MPI_ALT"}},
		{idf: idfBoth, cond: "defined(CONFIG_MBEDTLS_HARDWARE_MPI) && !defined(CONFIG_MBEDTLS_LARGE_KEY_SOFTWARE_MPI)", then: []string{"MBEDTLS_MPI_EXP_MOD_ALT", "MBEDTLS_MPI_MUL_MPI_ALT"}},
		{idf: idfBoth, cond: "!defined(CONFIG_MBEDTLS_HARDWARE_MPI)", then: []string{"-MBEDTLS_MPI_EXP_MOD_ALT_FALLBACK", "-MBEDTLS_MPI_EXP_MOD_ALT", "-MBEDTLS_MPI_MUL_MPI_ALT"}},
		ifdef(idfBoth, "MBEDTLS_ATCA_HW_ECDSA_SIGN", "MBEDTLS_ECDSA_SIGN_ALT"),
		ifdef(idfBoth, "MBEDTLS_ATCA_HW_ECDSA_VERIFY", "MBEDTLS_ECDSA_VERIFY_ALT"),
		{idf: idf55, cond: "defined(CONFIG_MBEDTLS_HARDWARE_ECC) && defined(CONFIG_MBEDTLS_ECC_OTHER_CURVES_SOFT_FALLBACK)", then: []string{"MBEDTLS_ECP_MUL_ALT_SOFT_FALLBACK", "MBEDTLS_ECP_VERIFY_ALT_SOFT_FALLBACK"}},
		{idf: idf55, cond: "defined(CONFIG_MBEDTLS_HARDWARE_ECC) && !defined(CONFIG_MBEDTLS_ECC_OTHER_CURVES_SOFT_FALLBACK)", then: []string{"MBEDTLS_ECP_MUL_ALT", "MBEDTLS_ECP_VERIFY_ALT"}},
		{idf: idf55, cond: "!defined(CONFIG_MBEDTLS_HARDWARE_ECC)", then: []string{"-MBEDTLS_ECP_MUL_ALT", "-MBEDTLS_ECP_MUL_ALT_SOFT_FALLBACK", "-MBEDTLS_ECP_VERIFY_ALT", "-MBEDTLS_ECP_VERIFY_ALT_SOFT_FALLBACK"}},
		{idf: idf55, cond: "!defined(CONFIG_IDF_TARGET_LINUX)", then: []string{"MBEDTLS_ENTROPY_HARDWARE_ALT"}},
		always(idf44, "MBEDTLS_ENTROPY_HARDWARE_ALT"),
		always(idfBoth, "MBEDTLS_AES_ROM_TABLES", "MBEDTLS_CIPHER_MODE_CBC", "MBEDTLS_CIPHER_MODE_CFB", "MBEDTLS_CIPHER_MODE_CTR", "MBEDTLS_CIPHER_MODE_OFB", "MBEDTLS_CIPHER_MODE_XTS", "MBEDTLS_CIPHER_PADDING_PKCS7", "MBEDTLS_CIPHER_PADDING_ONE_AND_ZEROS", "MBEDTLS_CIPHER_PADDING_ZEROS_AND_LEN", "MBEDTLS_CIPHER_PADDING_ZEROS"),
		{idf: idf44, cond: "defined(CONFIG_MBEDTLS_RC4_ENABLED)", then: []string{"MBEDTLS_ARC4_C", "-MBEDTLS_REMOVE_ARC4_CIPHERSUITES"}},
		{idf: idf44, cond: "!defined(CONFIG_MBEDTLS_RC4_ENABLED) && defined(CONFIG_MBEDTLS_RC4_ENABLED_NO_DEFAULT)", then: []string{"MBEDTLS_ARC4_C", "MBEDTLS_REMOVE_ARC4_CIPHERSUITES"}},
		{idf: idf44, cond: "!defined(CONFIG_MBEDTLS_RC4_ENABLED) && !defined(CONFIG_MBEDTLS_RC4_ENABLED_NO_DEFAULT)", then: []string{"-MBEDTLS_ARC4_C", "MBEDTLS_REMOVE_ARC4_CIPHERSUITES"}},
		ifdef(idfBoth, "MBEDTLS_ECP_RESTARTABLE", "MBEDTLS_ECP_RESTARTABLE"),
		ifdef(idfBoth, "MBEDTLS_ECDH_LEGACY_CONTEXT", "MBEDTLS_ECDH_LEGACY_CONTEXT"),
		flag(idfBoth, "MBEDTLS_CMAC_C", "MBEDTLS_CMAC_C"),
		flag(idfBoth, "MBEDTLS_ECP_DP_SECP192R1_ENABLED", "MBEDTLS_ECP_DP_SECP192R1_ENABLED"),
		flag(idfBoth, "MBEDTLS_ECP_DP_SECP224R1_ENABLED", "MBEDTLS_ECP_DP_SECP224R1_ENABLED"),
		flag(idfBoth, "MBEDTLS_ECP_DP_SECP256R1_ENABLED", "MBEDTLS_ECP_DP_SECP256R1_ENABLED"),
		flag(idfBoth, "MBEDTLS_ECP_DP_SECP384R1_ENABLED", "MBEDTLS_ECP_DP_SECP384R1_ENABLED"),
		flag(idfBoth, "MBEDTLS_ECP_DP_SECP521R1_ENABLED", "MBEDTLS_ECP_DP_SECP521R1_ENABLED"),
		flag(idfBoth, "MBEDTLS_ECP_DP_SECP192K1_ENABLED", "MBEDTLS_ECP_DP_SECP192K1_ENABLED"),
		flag(idfBoth, "MBEDTLS_ECP_DP_SECP224K1_ENABLED", "MBEDTLS_ECP_DP_SECP224K1_ENABLED"),
		flag(idfBoth, "MBEDTLS_ECP_DP_SECP256K1_ENABLED", "MBEDTLS_ECP_DP_SECP256K1_ENABLED"),
		flag(idfBoth, "MBEDTLS_ECP_DP_BP256R1_ENABLED", "MBEDTLS_ECP_DP_BP256R1_ENABLED"),
		flag(idfBoth, "MBEDTLS_ECP_DP_BP384R1_ENABLED", "MBEDTLS_ECP_DP_BP384R1_ENABLED"),
		flag(idfBoth, "MBEDTLS_ECP_DP_BP512R1_ENABLED", "MBEDTLS_ECP_DP_BP512R1_ENABLED"),
		flag(idfBoth, "MBEDTLS_ECP_DP_CURVE25519_ENABLED", "MBEDTLS_ECP_DP_CURVE25519_ENABLED"),
		// Curve448 is always off on ESP-IDF: no Kconfig option.
		always(idfBoth, "-MBEDTLS_ECP_DP_CURVE448_ENABLED"),
		flag(idfBoth, "MBEDTLS_ECP_NIST_OPTIM", "MBEDTLS_ECP_NIST_OPTIM"),
		{idf: idf55, cond: "defined(CONFIG_MBEDTLS_ECP_FIXED_POINT_OPTIM)", then: []string{"MBEDTLS_ECP_FIXED_POINT_OPTIM 1"}, els: []string{"MBEDTLS_ECP_FIXED_POINT_OPTIM 0"}},
		flag(idfBoth, "MBEDTLS_ECDSA_DETERMINISTIC", "MBEDTLS_ECDSA_DETERMINISTIC"),
		flag(idfBoth, "MBEDTLS_KEY_EXCHANGE_PSK", "MBEDTLS_KEY_EXCHANGE_PSK_ENABLED"),
		flag(idfBoth, "MBEDTLS_KEY_EXCHANGE_DHE_PSK", "MBEDTLS_KEY_EXCHANGE_DHE_PSK_ENABLED"),
		flag(idfBoth, "MBEDTLS_KEY_EXCHANGE_ECDHE_PSK", "MBEDTLS_KEY_EXCHANGE_ECDHE_PSK_ENABLED"),
		flag(idfBoth, "MBEDTLS_KEY_EXCHANGE_RSA_PSK", "MBEDTLS_KEY_EXCHANGE_RSA_PSK_ENABLED"),
		flag(idfBoth, "MBEDTLS_KEY_EXCHANGE_RSA", "MBEDTLS_KEY_EXCHANGE_RSA_ENABLED"),
		flag(idfBoth, "MBEDTLS_KEY_EXCHANGE_DHE_RSA", "MBEDTLS_KEY_EXCHANGE_DHE_RSA_ENABLED"),
		flag(idfBoth, "MBEDTLS_KEY_EXCHANGE_ECDHE_RSA", "MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED"),
		flag(idfBoth, "MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA", "MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED"),
		flag(idfBoth, "MBEDTLS_KEY_EXCHANGE_ECDH_ECDSA", "MBEDTLS_KEY_EXCHANGE_ECDH_ECDSA_ENABLED"),
		flag(idfBoth, "MBEDTLS_KEY_EXCHANGE_ECDH_RSA", "MBEDTLS_KEY_EXCHANGE_ECDH_RSA_ENABLED"),
		flag(idfBoth, "MBEDTLS_KEY_EXCHANGE_ECJPAKE", "MBEDTLS_KEY_EXCHANGE_ECJPAKE_ENABLED"),
		always(idf44, "MBEDTLS_PK_PARSE_EC_EXTENDED"),
		flag(idf55, "MBEDTLS_PK_PARSE_EC_EXTENDED", "MBEDTLS_PK_PARSE_EC_EXTENDED"),
		flag(idf55, "MBEDTLS_PK_PARSE_EC_COMPRESSED", "MBEDTLS_PK_PARSE_EC_COMPRESSED"),
		always(idfBoth, "MBEDTLS_ERROR_STRERROR_DUMMY", "MBEDTLS_GENPRIME"),
		always(idf44, "MBEDTLS_FS_IO"),
		{idf: idf55, cond: "CONFIG_MBEDTLS_FS_IO", then: []string{"MBEDTLS_FS_IO"}, els: []string{"-MBEDTLS_FS_IO", "-MBEDTLS_PSA_ITS_FILE_C", "-MBEDTLS_PSA_CRYPTO_STORAGE_C"}},
		{idf: idf55, cond: "!defined(CONFIG_IDF_TARGET_LINUX)", then: []string{"MBEDTLS_NO_PLATFORM_ENTROPY"}},
		always(idf44, "MBEDTLS_NO_PLATFORM_ENTROPY"),
		always(idfBoth, "MBEDTLS_PK_RSA_ALT_SUPPORT", "MBEDTLS_PKCS1_V15", "MBEDTLS_PKCS1_V21", "MBEDTLS_SELF_TEST", "MBEDTLS_SSL_ALL_ALERT_MESSAGES"),
		flag(idfBoth, "MBEDTLS_SSL_DTLS_CONNECTION_ID", "MBEDTLS_SSL_DTLS_CONNECTION_ID"),
		always(idf55, "-MBEDTLS_SSL_DTLS_CONNECTION_ID_COMPAT"),
		flag(idfBoth, "MBEDTLS_SSL_CONTEXT_SERIALIZATION", "MBEDTLS_SSL_CONTEXT_SERIALIZATION"),
		flag(idfBoth, "MBEDTLS_TLS_ENABLED", "MBEDTLS_SSL_ENCRYPT_THEN_MAC"),
		flag(idfBoth, "MBEDTLS_TLS_ENABLED", "MBEDTLS_SSL_EXTENDED_MASTER_SECRET"),
		always(idfBoth, "MBEDTLS_SSL_FALLBACK_SCSV"),
		flag(idfBoth, "MBEDTLS_SSL_KEEP_PEER_CERTIFICATE", "MBEDTLS_SSL_KEEP_PEER_CERTIFICATE"),
		flag(idf55, "MBEDTLS_SSL_KEYING_MATERIAL_EXPORT", "MBEDTLS_SSL_KEYING_MATERIAL_EXPORT"),
		flag(idf44, "MBEDTLS_SSL_PROTO_TLS1", "MBEDTLS_SSL_PROTO_TLS1"),
		flag(idf44, "MBEDTLS_SSL_PROTO_SSL3", "MBEDTLS_SSL_PROTO_SSL3"),
		{idf: idfBoth, cond: "defined(MBEDTLS_SSL_PROTO_SSL3) || defined(MBEDTLS_SSL_PROTO_TLS1)", then: []string{"MBEDTLS_SSL_CBC_RECORD_SPLITTING"}, els: []string{"-MBEDTLS_SSL_CBC_RECORD_SPLITTING"}},
		flag(idfBoth, "MBEDTLS_SSL_RENEGOTIATION", "MBEDTLS_SSL_RENEGOTIATION"),
		always(idfBoth, "MBEDTLS_SSL_MAX_FRAGMENT_LENGTH"),
		flag(idf44, "MBEDTLS_SSL_PROTO_TLS1_1", "MBEDTLS_SSL_PROTO_TLS1_1"),
		flag(idfBoth, "MBEDTLS_SSL_PROTO_TLS1_2", "MBEDTLS_SSL_PROTO_TLS1_2"),
		flag(idf55, "MBEDTLS_SSL_PROTO_TLS1_3", "MBEDTLS_SSL_PROTO_TLS1_3"),
		flag(idf55, "MBEDTLS_SSL_TLS1_3_COMPATIBILITY_MODE", "MBEDTLS_SSL_TLS1_3_COMPATIBILITY_MODE"),
		flag(idf55, "MBEDTLS_SSL_TLS1_3_KEXM_PSK", "MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_PSK_ENABLED"),
		flag(idf55, "MBEDTLS_SSL_TLS1_3_KEXM_EPHEMERAL", "MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED"),
		flag(idf55, "MBEDTLS_SSL_TLS1_3_KEXM_PSK_EPHEMERAL", "MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_PSK_EPHEMERAL_ENABLED"),
		always(idf55, "MBEDTLS_SSL_TLS1_3_TICKET_AGE_TOLERANCE 6000", "MBEDTLS_SSL_TLS1_3_TICKET_NONCE_LENGTH 32", "MBEDTLS_SSL_TLS1_3_DEFAULT_NEW_SESSION_TICKETS 1", "MBEDTLS_SSL_MAX_EARLY_DATA_SIZE 1024"),
		flag(idfBoth, "MBEDTLS_SSL_PROTO_DTLS", "MBEDTLS_SSL_PROTO_DTLS"),
		flag(idfBoth, "MBEDTLS_SSL_ALPN", "MBEDTLS_SSL_ALPN"),
		flag(idfBoth, "MBEDTLS_SSL_PROTO_DTLS", "MBEDTLS_SSL_DTLS_ANTI_REPLAY"),
		flag(idfBoth, "MBEDTLS_SSL_PROTO_DTLS", "MBEDTLS_SSL_DTLS_HELLO_VERIFY"),
		flag(idfBoth, "MBEDTLS_SSL_PROTO_DTLS", "MBEDTLS_SSL_DTLS_SRTP"),
		flag(idfBoth, "MBEDTLS_SSL_PROTO_DTLS", "MBEDTLS_SSL_DTLS_CLIENT_PORT_REUSE"),
		flag(idf44, "MBEDTLS_SSL_PROTO_DTLS", "MBEDTLS_SSL_DTLS_BADMAC_LIMIT"),
		flag(idfBoth, "MBEDTLS_CLIENT_SSL_SESSION_TICKETS", "MBEDTLS_SSL_SESSION_TICKETS"),
		always(idfBoth, "MBEDTLS_SSL_EXPORT_KEYS", "MBEDTLS_SSL_SERVER_NAME_INDICATION"),
		always(idf44, "MBEDTLS_SSL_TRUNCATED_HMAC"),
		{idf: idf44, cond: "defined(MBEDTLS_SSL_MAX_FRAGMENT_LENGTH) && CONFIG_MBEDTLS_SSL_VARIABLE_BUFFER_LENGTH", then: []string{"MBEDTLS_SSL_VARIABLE_BUFFER_LENGTH"}, els: []string{"-MBEDTLS_SSL_VARIABLE_BUFFER_LENGTH"}},
		flag(idf55, "MBEDTLS_SSL_VARIABLE_BUFFER_LENGTH", "MBEDTLS_SSL_VARIABLE_BUFFER_LENGTH"),
		always(idfBoth, "MBEDTLS_VERSION_FEATURES"),
		flag(idf44, "MBEDTLS_X509_CHECK_KEY_USAGE", "MBEDTLS_X509_CHECK_KEY_USAGE"),
		flag(idf44, "MBEDTLS_X509_CHECK_EXTENDED_KEY_USAGE", "MBEDTLS_X509_CHECK_EXTENDED_KEY_USAGE"),
		always(idfBoth, "MBEDTLS_X509_RSASSA_PSS_SUPPORT", "MBEDTLS_AESNI_C"),
		flag(idfBoth, "MBEDTLS_AES_C", "MBEDTLS_AES_C"),
		always(idfBoth, "MBEDTLS_ASN1_PARSE_C", "MBEDTLS_ASN1_WRITE_C", "MBEDTLS_BASE64_C", "MBEDTLS_BIGNUM_C"),
		flag(idfBoth, "MBEDTLS_BLOWFISH_C", "MBEDTLS_BLOWFISH_C"),
		flag(idfBoth, "MBEDTLS_CAMELLIA_C", "MBEDTLS_CAMELLIA_C"),
		flag(idfBoth, "MBEDTLS_CCM_C", "MBEDTLS_CCM_C"),
		always(idfBoth, "MBEDTLS_CERTS_C"),
		flag(idfBoth, "MBEDTLS_CHACHA20_C", "MBEDTLS_CHACHA20_C"),
		flag(idfBoth, "MBEDTLS_CHACHAPOLY_C", "MBEDTLS_CHACHAPOLY_C"),
		always(idfBoth, "MBEDTLS_CIPHER_C", "MBEDTLS_CTR_DRBG_C"),
		{idf: idfBoth, cond: "CONFIG_MBEDTLS_DEBUG", then: []string{"MBEDTLS_DEBUG_C"}, els: []string{"-MBEDTLS_DEBUG_C"}},
		flag(idfBoth, "MBEDTLS_DES_C", "MBEDTLS_DES_C"),
		always(idf44, "MBEDTLS_DHM_C"),
		flag(idf55, "MBEDTLS_DHM_C", "MBEDTLS_DHM_C"),
		flag(idfBoth, "MBEDTLS_ECDH_C", "MBEDTLS_ECDH_C"),
		flag(idfBoth, "MBEDTLS_ECDSA_C", "MBEDTLS_ECDSA_C"),
		flag(idfBoth, "MBEDTLS_ECJPAKE_C", "MBEDTLS_ECJPAKE_C"),
		flag(idfBoth, "MBEDTLS_ECP_C", "MBEDTLS_ECP_C"),
		always(idfBoth, "MBEDTLS_ENTROPY_C"),
		always(idf44, "MBEDTLS_ERROR_C"),
		{idf: idf55, cond: "CONFIG_MBEDTLS_ERROR_STRINGS", then: []string{"MBEDTLS_ERROR_C"}, els: []string{"-MBEDTLS_ERROR_C"}},
		{idf: idf55, cond: "CONFIG_MBEDTLS_ALLOW_WEAK_CERTIFICATE_VERIFICATION", then: []string{"MBEDTLS_SSL_CLI_ALLOW_WEAK_CERTIFICATE_VERIFICATION_WITHOUT_HOSTNAME"}, els: []string{"-MBEDTLS_SSL_CLI_ALLOW_WEAK_CERTIFICATE_VERIFICATION_WITHOUT_HOSTNAME"}},
		flag(idfBoth, "MBEDTLS_GCM_C", "MBEDTLS_GCM_C"),
		flag(idfBoth, "MBEDTLS_HKDF_C", "MBEDTLS_HKDF_C"),
		always(idfBoth, "MBEDTLS_HMAC_DRBG_C", "MBEDTLS_MD_C", "MBEDTLS_MD5_C", "-MBEDTLS_NET_C", "MBEDTLS_OID_C", "MBEDTLS_PADLOCK_C"),
		flag(idfBoth, "MBEDTLS_PEM_PARSE_C", "MBEDTLS_PEM_PARSE_C"),
		flag(idfBoth, "MBEDTLS_PEM_WRITE_C", "MBEDTLS_PEM_WRITE_C"),
		always(idfBoth, "MBEDTLS_PK_C", "MBEDTLS_PK_PARSE_C", "MBEDTLS_PK_WRITE_C", "MBEDTLS_PKCS5_C"),
		flag(idf55, "MBEDTLS_PKCS7_C", "MBEDTLS_PKCS7_C"),
		always(idfBoth, "MBEDTLS_PKCS12_C", "MBEDTLS_PLATFORM_C"),
		flag(idfBoth, "MBEDTLS_POLY1305_C", "MBEDTLS_POLY1305_C"),
		flag(idfBoth, "MBEDTLS_RIPEMD160_C", "MBEDTLS_RIPEMD160_C"),
		always(idfBoth, "MBEDTLS_RSA_C"),
		always(idf44, "MBEDTLS_SHA1_C"),
		{idf: idf55, cond: "CONFIG_MBEDTLS_SHA1_C", then: []string{"MBEDTLS_SHA1_C"}, els: []string{"-MBEDTLS_SHA1_C"}},
		always(idf55, "MBEDTLS_SHA224_C"),
		always(idfBoth, "MBEDTLS_SHA256_C"),
		flag(idf55, "MBEDTLS_SHA512_C", "MBEDTLS_SHA384_C", "MBEDTLS_SHA512_C"),
		flag(idf44, "MBEDTLS_SHA512_C", "MBEDTLS_SHA512_C"),
		flag(idf55, "MBEDTLS_SHA3_C", "MBEDTLS_SHA3_C"),
		always(idfBoth, "MBEDTLS_SSL_CACHE_C", "MBEDTLS_SSL_COOKIE_C"),
		flag(idfBoth, "MBEDTLS_SERVER_SSL_SESSION_TICKETS", "MBEDTLS_SSL_TICKET_C"),
		flag(idfBoth, "MBEDTLS_TLS_CLIENT", "MBEDTLS_SSL_CLI_C"),
		flag(idfBoth, "MBEDTLS_TLS_SERVER", "MBEDTLS_SSL_SRV_C"),
		flag(idfBoth, "MBEDTLS_TLS_ENABLED", "MBEDTLS_SSL_TLS_C"),
		always(idfBoth, "-MBEDTLS_TIMING_C", "MBEDTLS_VERSION_C", "MBEDTLS_X509_USE_C", "MBEDTLS_X509_CRT_PARSE_C"),
		flag(idfBoth, "MBEDTLS_X509_CRL_PARSE_C", "MBEDTLS_X509_CRL_PARSE_C"),
		flag(idfBoth, "MBEDTLS_X509_CSR_PARSE_C", "MBEDTLS_X509_CSR_PARSE_C"),
		always(idfBoth, "MBEDTLS_X509_CREATE_C", "MBEDTLS_X509_CRT_WRITE_C"),
		flag(idfBoth, "MBEDTLS_X509_TRUSTED_CERT_CALLBACK", "MBEDTLS_X509_TRUSTED_CERTIFICATE_CALLBACK"),
		always(idfBoth, "MBEDTLS_X509_CSR_WRITE_C"),
		flag(idfBoth, "MBEDTLS_XTEA_C", "MBEDTLS_XTEA_C"),
		flag(idf44, "MBEDTLS_ALLOW_UNSUPPORTED_CRITICAL_EXT", "MBEDTLS_X509_ALLOW_UNSUPPORTED_CRITICAL_EXTENSION"),
		// The record buffers: one size for both directions, or one each.
		{idf: idfBoth, cond: "!defined(CONFIG_MBEDTLS_ASYMMETRIC_CONTENT_LEN)", then: []string{"MBEDTLS_SSL_MAX_CONTENT_LEN CONFIG_MBEDTLS_SSL_MAX_CONTENT_LEN"}},
		{idf: idfBoth, cond: "defined(CONFIG_MBEDTLS_ASYMMETRIC_CONTENT_LEN)", then: []string{"MBEDTLS_SSL_IN_CONTENT_LEN CONFIG_MBEDTLS_SSL_IN_CONTENT_LEN"}},
		{idf: idfBoth, cond: "defined(CONFIG_MBEDTLS_ASYMMETRIC_CONTENT_LEN) && defined(CONFIG_MBEDTLS_SSL_DTLS_CONNECTION_ID)", then: []string{"MBEDTLS_SSL_CID_IN_LEN_MAX CONFIG_MBEDTLS_SSL_CID_IN_LEN_MAX", "MBEDTLS_SSL_CID_OUT_LEN_MAX CONFIG_MBEDTLS_SSL_CID_OUT_LEN_MAX"}},
		{idf: idfBoth, cond: "defined(CONFIG_MBEDTLS_ASYMMETRIC_CONTENT_LEN) && !defined(CONFIG_MBEDTLS_SSL_DTLS_CONNECTION_ID)", then: []string{"-MBEDTLS_SSL_CID_IN_LEN_MAX", "-MBEDTLS_SSL_CID_OUT_LEN_MAX"}},
		{idf: idf44, cond: "defined(CONFIG_MBEDTLS_ASYMMETRIC_CONTENT_LEN) && defined(CONFIG_MBEDTLS_SSL_DTLS_CONNECTION_ID)", then: []string{"MBEDTLS_SSL_CID_PADDING_GRANULARITY CONFIG_MBEDTLS_SSL_CID_PADDING_GRANULARITY"}},
		{idf: idf44, cond: "defined(CONFIG_MBEDTLS_ASYMMETRIC_CONTENT_LEN) && !defined(CONFIG_MBEDTLS_SSL_DTLS_CONNECTION_ID)", then: []string{"-MBEDTLS_SSL_CID_PADDING_GRANULARITY"}},
		{idf: idf55, cond: "defined(CONFIG_MBEDTLS_ASYMMETRIC_CONTENT_LEN) && defined(CONFIG_MBEDTLS_SSL_CID_PADDING_GRANULARITY)", then: []string{"MBEDTLS_SSL_CID_TLS1_3_PADDING_GRANULARITY CONFIG_MBEDTLS_SSL_CID_PADDING_GRANULARITY"}},
		{idf: idf55, cond: "defined(CONFIG_MBEDTLS_ASYMMETRIC_CONTENT_LEN) && !defined(CONFIG_MBEDTLS_SSL_CID_PADDING_GRANULARITY)", then: []string{"-MBEDTLS_SSL_CID_TLS1_3_PADDING_GRANULARITY"}},
		{idf: idfBoth, cond: "defined(CONFIG_MBEDTLS_ASYMMETRIC_CONTENT_LEN)", then: []string{"MBEDTLS_SSL_OUT_CONTENT_LEN CONFIG_MBEDTLS_SSL_OUT_CONTENT_LEN"}},
		always(idfBoth, "MBEDTLS_TLS_DEFAULT_ALLOW_SHA1_IN_KEY_EXCHANGE"),
		flag(idfBoth, "MBEDTLS_THREADING_C", "MBEDTLS_THREADING_C"),
		flag(idfBoth, "MBEDTLS_THREADING_ALT", "MBEDTLS_THREADING_ALT"),
		flag(idfBoth, "MBEDTLS_THREADING_PTHREAD", "MBEDTLS_THREADING_PTHREAD"),
		flag(idfBoth, "MBEDTLS_NIST_KW_C", "MBEDTLS_NIST_KW_C"),
		always(idf55, "MBEDTLS_DEPRECATED_REMOVED"),
	}
}
