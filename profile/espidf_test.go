package profile

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tlsdoctor/tlsdoctor/errcode"
)

// espVariants are sdkconfig fragments that between them flip every option the
// esp_config.h table reads.
var espVariants = map[string]string{
	"defaults": "CONFIG_IDF_TARGET=\"esp32\"\n",
	"trimmed": `CONFIG_IDF_TARGET="esp32c3"
CONFIG_IDF_TARGET_ESP32C3=y
# CONFIG_MBEDTLS_ASYMMETRIC_CONTENT_LEN is not set
CONFIG_MBEDTLS_SSL_MAX_CONTENT_LEN=4096
# CONFIG_MBEDTLS_ECP_DP_SECP384R1_ENABLED is not set
# CONFIG_MBEDTLS_ECP_DP_SECP521R1_ENABLED is not set
# CONFIG_MBEDTLS_SHA512_C is not set
# CONFIG_MBEDTLS_PEM_PARSE_C is not set
CONFIG_MBEDTLS_HAVE_TIME_DATE=y
CONFIG_MBEDTLS_TLS_CLIENT_ONLY=y
# CONFIG_MBEDTLS_HARDWARE_AES is not set
# CONFIG_MBEDTLS_HARDWARE_MPI is not set
# CONFIG_MBEDTLS_HARDWARE_SHA is not set
CONFIG_MBEDTLS_CUSTOM_MEM_ALLOC=y
CONFIG_MBEDTLS_DEBUG=y
# CONFIG_MBEDTLS_ERROR_STRINGS is not set
# CONFIG_MBEDTLS_SHA1_C is not set
# CONFIG_MBEDTLS_FS_IO is not set
CONFIG_MBEDTLS_ECP_FIXED_POINT_OPTIM=y
CONFIG_MBEDTLS_SSL_PROTO_TLS1_3=y
CONFIG_MBEDTLS_ALLOW_WEAK_CERTIFICATE_VERIFICATION=y
CONFIG_MBEDTLS_X509_TRUSTED_CERT_CALLBACK=y
# CONFIG_MBEDTLS_SSL_PROTO_TLS1 is not set
# CONFIG_MBEDTLS_X509_CHECK_KEY_USAGE is not set
CONFIG_MBEDTLS_SECURITY_RISKS=y
CONFIG_MBEDTLS_ALLOW_UNSUPPORTED_CRITICAL_EXT=y
CONFIG_MBEDTLS_RC4_ENABLED_NO_DEFAULT=y
`,
	"dtls": `CONFIG_IDF_TARGET="esp32s3"
CONFIG_MBEDTLS_SSL_PROTO_DTLS=y
CONFIG_MBEDTLS_SSL_DTLS_CONNECTION_ID=y
CONFIG_MBEDTLS_SSL_CID_IN_LEN_MAX=16
CONFIG_MBEDTLS_DHM_C=y
CONFIG_MBEDTLS_PSK_MODES=y
CONFIG_MBEDTLS_KEY_EXCHANGE_PSK=y
CONFIG_MBEDTLS_CHACHA20_C=y
CONFIG_MBEDTLS_POLY1305_C=y
CONFIG_MBEDTLS_CHACHAPOLY_C=y
CONFIG_MBEDTLS_ECP_RESTARTABLE=y
CONFIG_MBEDTLS_ATCA_HW_ECDSA_SIGN=y
CONFIG_MBEDTLS_SSL_VARIABLE_BUFFER_LENGTH=y
CONFIG_MBEDTLS_THREADING_C=y
CONFIG_MBEDTLS_RC4_ENABLED=y
CONFIG_MBEDTLS_SSL_PROTO_SSL3=y
`,
}

// TestSdkconfigMatchesEspConfig checks the esp_config.h table against the real
// esp_config.h of each ESP-IDF tag: the real header, read by this package's
// preprocessor with an sdkconfig.h made from the same options, must give the
// same macros as ReadSdkconfig. The header is ESP-IDF's (Apache-2.0) and not
// kept here: point TLSDOCTOR_ESP_CONFIG_DIR at a directory holding
// v5.5.5/esp_config.h and v4.4.8/esp_config.h (from espressif/esp-idf,
// components/mbedtls/port/include/mbedtls/esp_config.h at those tags).
func TestSdkconfigMatchesEspConfig(t *testing.T) {
	dir := os.Getenv("TLSDOCTOR_ESP_CONFIG_DIR")
	if dir == "" {
		t.Skip("TLSDOCTOR_ESP_CONFIG_DIR not set")
	}
	for _, v := range errcode.MbedVersions {
		rel := idfFor(v)
		real, err := os.ReadFile(filepath.Join(dir, rel.tag, "esp_config.h"))
		if err != nil {
			t.Fatal(err)
		}
		variants := map[string]string{}
		for name, sdk := range espVariants {
			variants[name] = sdk
		}
		// And one variant per option: the default config with that option
		// flipped, so that every row of the table is exercised on its own.
		for _, s := range kconfigSymbols() {
			if s.idf&rel.set == 0 || s.kind != 'b' || s.derived || !strings.HasPrefix(s.name, "MBEDTLS_") {
				continue
			}
			flip := "CONFIG_" + s.name + "=y\n"
			if s.defs[0].val == "y" {
				flip = "# CONFIG_" + s.name + " is not set\n"
			}
			variants["flip-"+s.name] = "CONFIG_IDF_TARGET=\"esp32\"\n" + flip
		}
		for name, sdk := range variants {
			t.Run(v.String()+"/"+name, func(t *testing.T) {
				f, err := parseSdkconfig([]byte(sdk))
				if err != nil {
					t.Fatal(err)
				}
				vals, _, err := evalKconfig(f, rel)
				if err != nil {
					t.Fatal(err)
				}
				if _, ok := f.values["SOC_SHA_SUPPORT_SHA512"]; !ok {
					t := f.target
					if t == "" {
						t = "esp32"
					}
					vals["SOC_SHA_SUPPORT_SHA512"] = map[bool]string{true: "y", false: "n"}[sha512Targets()[t]]
				}
				var h strings.Builder
				for _, n := range sortedKeys(vals) {
					val := vals[n]
					if !strings.HasPrefix(n, "MBEDTLS_") && n != "IDF_TARGET_LINUX" || val == "n" || val == "" {
						continue
					}
					switch {
					case val == "y":
						val = "1"
					case !isNumber(val):
						val = `"` + val + `"`
					}
					h.WriteString("#define CONFIG_" + n + " " + val + "\n")
				}
				caps := ""
				if vals["SOC_SHA_SUPPORT_SHA512"] == "y" {
					caps = "#define SOC_SHA_SUPPORT_SHA512 (1)\n"
				}
				fsys := fstest.MapFS{
					"mbedtls/esp_config.h": {Data: real},
					"sdkconfig.h":          {Data: []byte(h.String())},
					"soc/soc_caps.h":       {Data: []byte(caps)},
				}
				want, notes, err := ReadConfigHeaderWith(fsys, "mbedtls/esp_config.h", v, HeaderOptions{Mode: ModeFull, IncludeDirs: []string{"."}})
				if err != nil {
					t.Fatal(err)
				}
				for _, n := range notes {
					if n.Kind == NoteProblem || n.Kind == NoteUnevaluated {
						t.Logf("esp_config.h: %s", n)
					}
				}
				got, _, err := ReadSdkconfig([]byte(sdk), v)
				if err != nil {
					t.Fatal(err)
				}
				var diffs []string
				for n, wv := range want {
					if n == "ESP_CONFIG_H" || strings.HasPrefix(n, "SOC_") {
						continue
					}
					if gv, ok := got[n]; !ok {
						diffs = append(diffs, "missing "+n+"="+wv)
					} else if gv != wv {
						diffs = append(diffs, n+"="+gv+", esp_config.h gives "+wv)
					}
				}
				for n, gv := range got {
					if _, ok := want[n]; !ok {
						diffs = append(diffs, "extra "+n+"="+gv)
					}
				}
				sort.Strings(diffs)
				for _, d := range diffs {
					t.Error(d)
				}
			})
		}
	}
}
