package profile

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/tlsdoctor/tlsdoctor/errcode"
)

func TestReadSdkconfig(t *testing.T) {
	fixture, err := os.ReadFile("testdata/esp/sdkconfig")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		data   string
		v      errcode.MbedVersion
		macros map[string]string
		ints   map[string]int
		notes  []string
		prefix []string
	}{
		{
			name: "an ESP-IDF 5.1 sdkconfig for 3.6",
			data: string(fixture), v: errcode.Mbed36,
			macros: map[string]string{
				"MBEDTLS_ECP_DP_SECP384R1_ENABLED":                  undefined,
				"MBEDTLS_ECP_DP_SECP521R1_ENABLED":                  undefined,
				"MBEDTLS_ECP_HAVE_SECP384R1":                        undefined,
				"MBEDTLS_ECP_DP_SECP256R1_ENABLED":                  "",
				"MBEDTLS_ECP_DP_BP256R1_ENABLED":                    "", // Kconfig default
				"MBEDTLS_HAVE_TIME_DATE":                            "",
				"MBEDTLS_SHA384_C":                                  "",
				"MBEDTLS_MD_CAN_SHA384":                             "",
				"MBEDTLS_SSL_SRV_C":                                 undefined,
				"MBEDTLS_SSL_CLI_C":                                 "",
				"MBEDTLS_SSL_MAX_FRAGMENT_LENGTH":                   "",
				"MBEDTLS_SSL_IN_CONTENT_LEN":                        "CONFIG_MBEDTLS_SSL_IN_CONTENT_LEN",
				"CONFIG_MBEDTLS_SSL_IN_CONTENT_LEN":                 "8192",
				"CONFIG_MBEDTLS_CERTIFICATE_BUNDLE":                 "1",
				"CONFIG_MBEDTLS_CERTIFICATE_BUNDLE_DEFAULT_CMN":     "1",
				"CONFIG_MBEDTLS_CERTIFICATE_BUNDLE_DEFAULT_FULL":    undefined,
				"CONFIG_MBEDTLS_CERTIFICATE_BUNDLE_MAX_CERTS":       "200",
				"MBEDTLS_X509_ALLOW_UNSUPPORTED_CRITICAL_EXTENSION": undefined,
				"MBEDTLS_SHA512_ALT":                                undefined, // the ESP32-C3 has no SHA-512 hardware
				"MBEDTLS_SHA256_ALT":                                "",
				"MBEDTLS_MPI_EXP_MOD_ALT_FALLBACK":                  "",
				"CONFIG_IDF_TARGET":                                 undefined,
				"SOC_SHA_SUPPORT_SHA512":                            undefined,
			},
			ints: map[string]int{"MBEDTLS_SSL_IN_CONTENT_LEN": 8192, "MBEDTLS_SSL_OUT_CONTENT_LEN": 2048, "MBEDTLS_MPI_MAX_SIZE": 1024},
			notes: []string{
				"source read as an ESP-IDF sdkconfig; options mapped to mbedTLS macros as components/mbedtls/port/include/mbedtls/esp_config.h does in ESP-IDF v5.5.5 (which ships mbedTLS 3.6.6), on top of the stock mbedTLS 3.6.6 config",
				"source the file was written by ESP-IDF 5.1.2",
				"undef sdkconfig:61: #undef MBEDTLS_ECP_DP_SECP384R1_ENABLED (CONFIG_MBEDTLS_ECP_DP_SECP384R1_ENABLED=n; components/mbedtls/port/include/mbedtls/esp_config.h@v5.5.5)",
				"define sdkconfig:21: #define MBEDTLS_SSL_IN_CONTENT_LEN CONFIG_MBEDTLS_SSL_IN_CONTENT_LEN (= 8192, sdkconfig:22) (CONFIG_MBEDTLS_ASYMMETRIC_CONTENT_LEN=y; components/mbedtls/port/include/mbedtls/esp_config.h@v5.5.5)",
				"version sdkconfig:65: CONFIG_MBEDTLS_ALLOW_UNSUPPORTED_CRITICAL_EXT (ESP-IDF up to v5.1) maps to MBEDTLS_X509_ALLOW_UNSUPPORTED_CRITICAL_EXTENSION, which mbedTLS 3.x does not have: unknown critical extensions are rejected (-0x2562) whatever it says",
				"source sdkconfig:30: the ESP-IDF certificate bundle is on, with only the most common roots (CMN): it sets no mbedTLS macro, it decides which roots esp_crt_bundle_attach() trusts",
				"default CONFIG_MBEDTLS_ECP_DP_BP256R1_ENABLED is not in the file: ESP-IDF v5.5.5's default y applies",
				"differs MBEDTLS_ECP_DP_SECP384R1_ENABLED is off (stock 3.6: on); from CONFIG_MBEDTLS_ECP_DP_SECP384R1_ENABLED=n at sdkconfig:61",
			},
			prefix: []string{"default ", "differs MBEDTLS_SSL_SRV_C is off (stock 3.6: on)"},
		},
		{
			name: "the same file for 2.28, mapped as ESP-IDF 4.4 did",
			data: string(fixture), v: errcode.Mbed228,
			macros: map[string]string{
				"MBEDTLS_X509_ALLOW_UNSUPPORTED_CRITICAL_EXTENSION": "",
				"MBEDTLS_X509_CHECK_KEY_USAGE":                      "",
				"MBEDTLS_SSL_PROTO_TLS1":                            "",
				"MBEDTLS_ECP_DP_SECP384R1_ENABLED":                  undefined,
				"MBEDTLS_REMOVE_ARC4_CIPHERSUITES":                  "",
				"MBEDTLS_ARC4_C":                                    undefined,
			},
			ints:  map[string]int{"MBEDTLS_SSL_IN_CONTENT_LEN": 8192},
			notes: []string{"version ESP-IDF 5.1.2 ships mbedTLS 3.x, not 2.28: this is what the same options would give with ESP-IDF v4.4.8"},
		},
		{
			name:   "one buffer size: 2.28 honours it, 3.6 does not",
			data:   "CONFIG_IDF_TARGET=\"esp32\"\n# CONFIG_MBEDTLS_ASYMMETRIC_CONTENT_LEN is not set\nCONFIG_MBEDTLS_SSL_MAX_CONTENT_LEN=4096\n",
			v:      errcode.Mbed36,
			macros: map[string]string{"MBEDTLS_SSL_MAX_CONTENT_LEN": "CONFIG_MBEDTLS_SSL_MAX_CONTENT_LEN", "MBEDTLS_SSL_IN_CONTENT_LEN": undefined},
			ints:   map[string]int{"MBEDTLS_SSL_IN_CONTENT_LEN": 16384, "MBEDTLS_SSL_OUT_CONTENT_LEN": 16384, "MBEDTLS_SSL_MAX_CONTENT_LEN": 4096},
			notes:  []string{"version sdkconfig:3: CONFIG_MBEDTLS_ASYMMETRIC_CONTENT_LEN is off, so esp_config.h sets only MBEDTLS_SSL_MAX_CONTENT_LEN (4096), which mbedTLS 3.x no longer reads: both record buffers stay 16384 bytes"},
		},
		{
			name:   "one buffer size on 2.28",
			data:   "# CONFIG_MBEDTLS_ASYMMETRIC_CONTENT_LEN is not set\nCONFIG_MBEDTLS_SSL_MAX_CONTENT_LEN=4096\n",
			v:      errcode.Mbed228,
			ints:   map[string]int{"MBEDTLS_SSL_IN_CONTENT_LEN": 4096, "MBEDTLS_SSL_OUT_CONTENT_LEN": 4096},
			macros: map[string]string{"CONFIG_MBEDTLS_SSL_IN_CONTENT_LEN": undefined},
		},
		{
			name: "a defaults fragment: everything else is ESP-IDF's default",
			data: "CONFIG_MBEDTLS_HAVE_TIME_DATE=y\r\nCONFIG_MBEDTLS_TLS_CLIENT_ONLY=y\r\n",
			v:    errcode.Mbed36,
			macros: map[string]string{
				"MBEDTLS_HAVE_TIME_DATE": "", "MBEDTLS_SSL_SRV_C": undefined, "MBEDTLS_SSL_TLS_C": "",
				"MBEDTLS_SSL_PROTO_TLS1_3": undefined, "MBEDTLS_PEM_PARSE_C": "", "MBEDTLS_SHA512_ALT": "",
				"CONFIG_MBEDTLS_CERTIFICATE_BUNDLE_DEFAULT_FULL": "1",
			},
			ints: map[string]int{"MBEDTLS_SSL_IN_CONTENT_LEN": 16384, "MBEDTLS_SSL_OUT_CONTENT_LEN": 4096},
			notes: []string{
				"source no CONFIG_IDF_TARGET in the file: chip facts (hardware accelerators) are those of the ESP32; they change no parse or verify result",
				"default CONFIG_MBEDTLS_PEM_PARSE_C is not in the file: ESP-IDF v5.5.5's default y applies",
				"default CONFIG_MBEDTLS_SSL_IN_CONTENT_LEN is not in the file: ESP-IDF v5.5.5's default 16384 applies",
				"default no choice of CONFIG_MBEDTLS_DEFAULT_CERTIFICATE_BUNDLE in the file: ESP-IDF v5.5.5's default CONFIG_MBEDTLS_CERTIFICATE_BUNDLE_DEFAULT_FULL applies",
			},
		},
		{
			name: "sdkconfig.h: absent options are off",
			data: "/* generated */\n#pragma once\n#define CONFIG_IDF_TARGET \"esp32\"\n#define CONFIG_MBEDTLS_ECP_C 1\n#define CONFIG_MBEDTLS_ECP_DP_SECP256R1_ENABLED 1\n#define CONFIG_MBEDTLS_PEM_PARSE_C 1\n#define CONFIG_MBEDTLS_TLS_CLIENT_ONLY 1\n",
			v:    errcode.Mbed36,
			macros: map[string]string{
				"MBEDTLS_ECP_DP_SECP256R1_ENABLED": "", "MBEDTLS_ECP_DP_SECP384R1_ENABLED": undefined,
				"MBEDTLS_SHA512_C": undefined, "MBEDTLS_SHA384_C": undefined, "MBEDTLS_MD_CAN_SHA384": undefined,
				"MBEDTLS_ECDSA_C": undefined, "MBEDTLS_PEM_PARSE_C": "", "MBEDTLS_SSL_CLI_C": "",
			},
			prefix: []string{"source read as an ESP-IDF sdkconfig.h (options absent from it are off)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, notes, err := ReadSdkconfig([]byte(tt.data), tt.v)
			if err != nil {
				t.Fatal(err)
			}
			for name, want := range tt.macros {
				got, ok := m[name]
				if want == undefined && ok || want != undefined && (!ok || got != want) {
					t.Errorf("%s = %q (%v), want %q", name, got, ok, want)
				}
			}
			for name, want := range tt.ints {
				if got, ok := EffectiveInt(tt.v, m, name); !ok || got != want {
					t.Errorf("EffectiveInt(%s) = %d, %v, want %d", name, got, ok, want)
				}
			}
			for _, want := range tt.notes {
				if !hasNote(notes, want) {
					t.Errorf("missing note %q", want)
				}
			}
			for _, want := range tt.prefix {
				if !hasNotePrefix(notes, want) {
					t.Errorf("missing note starting %q", want)
				}
			}
			if t.Failed() {
				for _, l := range noteLines(notes) {
					t.Log(l)
				}
			}
		})
	}
}

func TestReadSdkconfigErrors(t *testing.T) {
	tests := []struct {
		name string
		data string
		want error
		line int
	}{
		{"empty", "", ErrNotSdkconfig, 0},
		{"only comments", "# hello\n#\n", ErrNotSdkconfig, 0},
		{"a C header", "#define MBEDTLS_RSA_C\n", ErrNotSdkconfig, 0},
		{"garbage line", "CONFIG_A=y\nthis is not an option\n", ErrSyntax, 2},
		{"bad name", "CONFIG_A B=y\n", ErrSyntax, 1},
		{"too large", strings.Repeat("#", maxSdkconfig+1), ErrTooLarge, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ReadSdkconfig([]byte(tt.data), errcode.Mbed36)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			var se *SdkconfigError
			if !errors.As(err, &se) || se.Line != tt.line {
				t.Errorf("error %#v, want *SdkconfigError at line %d", err, tt.line)
			}
		})
	}
	if _, _, err := ReadSdkconfig([]byte("CONFIG_A=y\n"), errcode.MbedVersion(7)); err == nil {
		t.Error("unknown version: no error")
	}
}

// TestKconfigSelect: a y symbol selects others whatever the file says, and a
// symbol whose dependencies are unmet is off even if the file sets it.
func TestKconfigSelect(t *testing.T) {
	data := "CONFIG_MBEDTLS_SSL_PROTO_TLS1_3=y\n# CONFIG_MBEDTLS_HKDF_C is not set\n# CONFIG_MBEDTLS_ECP_C is not set\nCONFIG_MBEDTLS_ECDSA_C=y\n"
	m, _, err := ReadSdkconfig([]byte(data), errcode.Mbed36)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]bool{
		"MBEDTLS_SSL_PROTO_TLS1_3":         true,
		"MBEDTLS_HKDF_C":                   true, // selected by TLS 1.3
		"MBEDTLS_ECP_C":                    false,
		"MBEDTLS_ECDSA_C":                  false, // depends on ECDH, which depends on ECP
		"MBEDTLS_ECP_DP_SECP256R1_ENABLED": false,
	} {
		if m.Defined(name) != want {
			t.Errorf("%s defined = %v, want %v", name, m.Defined(name), want)
		}
	}
}

func TestSdkconfigMPINote(t *testing.T) {
	_, notes, err := ReadSdkconfig([]byte("CONFIG_IDF_TARGET=\"esp32\"\n"), errcode.Mbed36)
	if err != nil {
		t.Fatal(err)
	}
	want := "source ESP-IDF sets no MBEDTLS_MPI_MAX_SIZE (no Kconfig option, and esp_config.h has not carried one since v4.0), so bignum.h's 1024 bytes apply: RSA keys up to 8192 bits; MBEDTLS_RSA_C is always on"
	if !hasNote(notes, want) {
		t.Errorf("missing note %q", want)
	}
}
