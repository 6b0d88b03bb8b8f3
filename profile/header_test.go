package profile

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tlsdoctor/tlsdoctor/errcode"
)

var testdata = os.DirFS("testdata")

// changes renders what m changes in the documented options of stock v, one
// "NAME: was -> now" per option, for exact comparison.
func changes(v errcode.MbedVersion, m Macros) []string {
	var out []string
	show := func(val string, set bool) string {
		switch {
		case !set:
			return "off"
		case val == "":
			return "on"
		}
		return val
	}
	for _, c := range Changes(v, Stock(v), m) {
		out = append(out, fmt.Sprintf("%s: %s -> %s", c.Name, show(c.Was, c.WasSet), show(c.Now, c.NowSet)))
	}
	sort.Strings(out)
	return out
}

// noteLines renders notes as "kind file:line: text" for comparison.
func noteLines(notes []Note) []string {
	out := make([]string, len(notes))
	for i, n := range notes {
		out[i] = n.Kind.String() + " " + n.String()
	}
	return out
}

func hasNote(notes []Note, want string) bool {
	for _, l := range noteLines(notes) {
		if l == want {
			return true
		}
	}
	return false
}

func hasNotePrefix(notes []Note, want string) bool {
	for _, l := range noteLines(notes) {
		if strings.HasPrefix(l, want) {
			return true
		}
	}
	return false
}

// header is one table row: a file read for one version, and what must come out.
type headerCase struct {
	name    string
	file    string
	v       errcode.MbedVersion
	opts    HeaderOptions
	mode    ConfigMode
	changes []string          // exact Changes against stock, when not nil
	macros  map[string]string // exact values; "<undefined>" for absent
	ints    map[string]int    // EffectiveInt
	notes   []string          // notes that must be present, exactly ("kind file:line: text")
	notes2  []string          // more of the same, kept apart for readability
	prefix  []string          // notes that must be present, by prefix
	absent  []string          // note prefixes that must not be present
}

const undefined = "<undefined>"

func TestReadConfigHeader(t *testing.T) {
	tests := []headerCase{
		{
			name: "full 2.28 config with a small MPI and P-384 commented out",
			file: "full228/config.h", v: errcode.Mbed228, mode: ModeFull,
			macros: map[string]string{
				"MBEDTLS_MPI_MAX_SIZE":             "256",
				"MBEDTLS_SSL_MAX_CONTENT_LEN":      "(4 * 1024)",
				"MBEDTLS_ECP_DP_SECP256R1_ENABLED": "",
				"MBEDTLS_ECP_DP_SECP384R1_ENABLED": undefined,
				"MBEDTLS_ECP_DP_SECP521R1_ENABLED": undefined,
				"MBEDTLS_ECP_DP_BP256R1_ENABLED":   undefined,
				"MBEDTLS_HAVE_TIME_DATE":           undefined,
				"MBEDTLS_SSL_IN_CONTENT_LEN":       undefined,
				"MBEDTLS_DES_C":                    undefined,
				"MBEDTLS_CONFIG_H":                 undefined, // its include guard
				"MBEDTLS_X509_CRT_PARSE_C":         "",
			},
			ints: map[string]int{"MBEDTLS_MPI_MAX_SIZE": 256, "MBEDTLS_SSL_IN_CONTENT_LEN": 4096, "MBEDTLS_SSL_OUT_CONTENT_LEN": 4096, "MBEDTLS_X509_MAX_INTERMEDIATE_CA": 8},
			notes: []string{
				"source full228/config.h: read as a FULL config that replaces the stock mbedTLS 2.28.3 config: it defines 50 options, core modules among them (MBEDTLS_ASN1_PARSE_C, MBEDTLS_BIGNUM_C, MBEDTLS_MD_C, MBEDTLS_OID_C), as a copy of config.h does",
				"ignored full228/config.h:14: #define MBEDTLS_HAVE_TIME_DATE is commented out: this line does nothing",
				"ignored full228/config.h:21: #define MBEDTLS_ECP_DP_SECP384R1_ENABLED is commented out: this line does nothing",
				"ignored full228/config.h:22: #define MBEDTLS_ECP_DP_SECP521R1_ENABLED is commented out: this line does nothing",
				"ignored full228/config.h:23: #define MBEDTLS_ECP_DP_BP256R1_ENABLED is commented out: this line does nothing",
				"define full228/config.h:69: #define MBEDTLS_MPI_MAX_SIZE 256",
				"define full228/config.h:70: #define MBEDTLS_SSL_MAX_CONTENT_LEN (4 * 1024)",
				"ignored full228/config.h:77: #include \"mbedtls/check_config.h\" ignored: check_config.h only rejects inconsistent configs with #error, it sets nothing",
				"differs full228/config.h:21: MBEDTLS_ECP_DP_SECP384R1_ENABLED is off (stock 2.28: on); commented out here",
				"differs full228/config.h:69: MBEDTLS_MPI_MAX_SIZE is 256 (stock 2.28: not set, so the module default 1024)",
				"differs full228/config.h:70: MBEDTLS_SSL_MAX_CONTENT_LEN is (4 * 1024) (stock 2.28: not set, so the module default 16384)",
				"differs MBEDTLS_DES_C is off (stock 2.28: on)",
			},
			absent: []string{"version", "problem", "unevaluated"},
		},
		{
			name: "the same 2.28-style config read for 3.6",
			file: "full228/config.h", v: errcode.Mbed36, mode: ModeFull,
			macros: map[string]string{
				"MBEDTLS_SHA512_C":           "",
				"MBEDTLS_SHA384_C":           undefined,
				"MBEDTLS_MD_CAN_SHA512":      "",
				"MBEDTLS_MD_CAN_SHA384":      undefined,
				"MBEDTLS_MD_CAN_SHA256":      "",
				"PSA_WANT_ALG_SHA_384":       undefined,
				"MBEDTLS_VERSION_NUMBER":     "0x03060600",
				"MBEDTLS_ECP_HAVE_SECP256R1": "",
				"MBEDTLS_ECP_HAVE_SECP384R1": undefined,
			},
			// 3.6 ignores MBEDTLS_SSL_MAX_CONTENT_LEN: the buffers stay 16384.
			ints: map[string]int{"MBEDTLS_SSL_IN_CONTENT_LEN": 16384, "MBEDTLS_MPI_MAX_SIZE": 256},
			notes: []string{
				"version full228/config.h:70: MBEDTLS_SSL_MAX_CONTENT_LEN is gone in 3.x: 3.6 reads only MBEDTLS_SSL_IN_CONTENT_LEN and MBEDTLS_SSL_OUT_CONTENT_LEN, which stay 16384 unless set",
				"version full228/config.h:34: MBEDTLS_X509_CHECK_KEY_USAGE is gone in 3.x: 3.6 always checks keyUsage, whatever this line says",
				"version full228/config.h:19: MBEDTLS_REMOVE_ARC4_CIPHERSUITES is an mbedTLS 2.28 option that 3.6 does not have: it changes nothing here",
				"version this config has MBEDTLS_SHA512_C but not MBEDTLS_SHA384_C: in 2.28 SHA512_C brought SHA-384, in 3.6 it does not, so certificates signed with SHA-384 (ecdsa-with-SHA384, sha384WithRSAEncryption) fail to parse (-0x262E); add #define MBEDTLS_SHA384_C",
			},
			prefix: []string{"version this config has MBEDTLS_SHA256_C but not MBEDTLS_SHA224_C", "version MBEDTLS_PSA_CRYPTO_C is off"},
			notes2: []string{"problem full228/config.h:72: mbedTLS 3.6 does not build with MBEDTLS_SSL_TRUNCATED_HMAC: the option was removed in mbedTLS 3.0, and mbedtls/check_config.h:1130 stops a 3.6 build with an #error when it is defined; remove the line"},
		},
		{
			name: "overlay with #undef, values in several forms and a typo",
			file: "overlay/user_config.h", v: errcode.Mbed228, mode: ModeOverlay,
			changes: []string{
				"MBEDTLS_ECP_DP_SECP384R1_ENABLED: on -> off",
				"MBEDTLS_ECP_DP_SECP521R1_ENABLED: on -> off",
				"MBEDTLS_MPI_MAX_SIZE: off -> 512",
				"MBEDTLS_PEM_WRITE_C: on -> off",
				"MBEDTLS_SSL_IN_CONTENT_LEN: off -> (16384)",
				"MBEDTLS_SSL_OUT_CONTENT_LEN: off -> 0x1000",
				"MBEDTLS_X509_ALLOW_UNSUPPORTED_CRITICAL_EXTENSION: off -> on",
				"MBEDTLS_X509_MAX_INTERMEDIATE_CA: off -> 2 + 2 * 1",
			},
			macros: map[string]string{"MBEDTLS_RSA_C": "", "MBEDTLS_HAVE_TIME_DATE": "", "MBEDTLS_MPI_MAX_SIZ": "512"},
			ints:   map[string]int{"MBEDTLS_MPI_MAX_SIZE": 512, "MBEDTLS_SSL_IN_CONTENT_LEN": 16384, "MBEDTLS_SSL_OUT_CONTENT_LEN": 4096, "MBEDTLS_X509_MAX_INTERMEDIATE_CA": 4},
			notes: []string{
				"source overlay/user_config.h: read as an OVERLAY on the stock mbedTLS 2.28.3 config, the way MBEDTLS_USER_CONFIG_FILE is read: it #defines 5 options and #undefs 4, and read alone it defines 0 of the core modules a whole config needs",
				"undef overlay/user_config.h:2: #undef MBEDTLS_ECP_DP_SECP384R1_ENABLED",
				"undef overlay/user_config.h:5: #undef MBEDTLS_NOT_DEFINED_ANYWHERE (it was not defined at this point, so this changes nothing)",
				"define overlay/user_config.h:9: #define MBEDTLS_SSL_OUT_CONTENT_LEN 0x1000",
				"ignored overlay/user_config.h:14: #undef MBEDTLS_RSA_C is commented out: this line does nothing",
				"version overlay/user_config.h:17: MBEDTLS_MPI_MAX_SIZ is not an option of mbedTLS 2.28 (did you mean MBEDTLS_MPI_MAX_SIZE?)",
				"differs overlay/user_config.h:2: MBEDTLS_ECP_DP_SECP384R1_ENABLED is off (stock 2.28: on)",
			},
		},
		{
			name: "the overlay for 3.6: the critical-extension option is gone",
			file: "overlay/user_config.h", v: errcode.Mbed36, mode: ModeOverlay,
			macros: map[string]string{"MBEDTLS_ECP_HAVE_SECP384R1": undefined, "PSA_WANT_ECC_SECP_R1_384": undefined, "PSA_WANT_ECC_SECP_R1_256": "1"},
			notes: []string{
				"version overlay/user_config.h:16: MBEDTLS_X509_ALLOW_UNSUPPORTED_CRITICAL_EXTENSION is gone in 3.x: 3.6 always rejects unknown critical extensions (-0x2562) unless the application registers an extension callback (mbedtls_x509_crt_parse_der_with_ext_cb)",
			},
		},
		{
			name: "includes: relative, through include directories, system, missing",
			file: "include/main_config.h", v: errcode.Mbed36, mode: ModeOverlay,
			opts:    HeaderOptions{IncludeDirs: []string{"include/inc"}},
			changes: []string{"MBEDTLS_ECP_DP_SECP384R1_ENABLED: on -> off", "MBEDTLS_SSL_IN_CONTENT_LEN: off -> TLS_RX_BUF"},
			macros:  map[string]string{"TLS_RX_BUF": "(8 * 1024)", "CURVES_H": undefined},
			ints:    map[string]int{"MBEDTLS_SSL_IN_CONTENT_LEN": 8192},
			notes: []string{
				"include include/main_config.h:2: #include \"sub/curves.h\": reading include/sub/curves.h",
				"undef include/sub/curves.h:3: #undef MBEDTLS_ECP_DP_SECP384R1_ENABLED",
				"include include/main_config.h:3: #include \"buffers.h\": reading include/inc/buffers.h",
				"define include/inc/buffers.h:2: #define TLS_RX_BUF (8 * 1024)",
				"ignored include/main_config.h:4: #include <stdint.h> ignored: a system header, not part of the config",
				"problem include/main_config.h:5: #include \"missing.h\": not found next to include/main_config.h or in the include directories given; not followed, so whatever it sets is missing here",
			},
		},
		{
			name: "conditional blocks",
			file: "ifblocks.h", v: errcode.Mbed228, mode: ModeOverlay,
			changes: []string{"MBEDTLS_PEM_PARSE_C: on -> off", "MBEDTLS_SHA512_C: on -> off"},
			macros: map[string]string{
				"BOARD_REV": "3", "MBEDTLS_ARITH_OK": "", "MBEDTLS_UNEVALUATED_TAKEN": "",
				"MBEDTLS_SHOULD_NOT_1": undefined, "MBEDTLS_SHOULD_NOT_2": undefined, "MBEDTLS_SHOULD_NOT_3": undefined,
				"MBEDTLS_SHOULD_NOT_4": undefined, "MBEDTLS_SHOULD_NOT_5": undefined, "MBEDTLS_SHOULD_NOT_6": undefined,
			},
			notes: []string{
				"unevaluated ifblocks.h:30: #if ESP_IDF_VERSION_VAL(4, 4, 0) <= 0x40400: cannot be evaluated (ESP_IDF_VERSION_VAL(...) is not a macro defined here); taken as true",
				"unevaluated ifblocks.h:34: #if defined(__GNUC__): __GNUC__ taken as not defined (the device's compiler or build may define it; pass it as a -D macro if so)",
			},
			absent: []string{"problem"},
		},
		{
			name: "a 3.6 mbedtls_config.h",
			file: "full36/mbedtls_config.h", v: errcode.Mbed36, mode: ModeFull,
			macros: map[string]string{
				"MBEDTLS_MD_CAN_SHA384": "", "MBEDTLS_SHA384_C": "", "PSA_WANT_ALG_SHA_384": "1",
				"MBEDTLS_ECP_HAVE_SECP384R1": "", "MBEDTLS_DES_C": undefined, "MBEDTLS_CONFIG_VERSION": "0x03000000",
				"MBEDTLS_PSA_CRYPTO_CLIENT": "", "MBEDTLS_CONFIG_IS_FINALIZED": "",
			},
			ints:   map[string]int{"MBEDTLS_SSL_IN_CONTENT_LEN": 8192, "MBEDTLS_SSL_OUT_CONTENT_LEN": 4096, "MBEDTLS_MPI_MAX_SIZE": 1024},
			absent: []string{"version", "problem", "unevaluated"},
		},
		{
			name: "a file that names the config files, as a board header does",
			file: "wrapper/board.h", v: errcode.Mbed36,
			macros: map[string]string{"MBEDTLS_SSL_PROTO_TLS1_3": undefined, "MBEDTLS_DES_C": undefined, "MBEDTLS_CONFIG_FILE": `"board_mbedtls_config.h"`},
			ints:   map[string]int{"MBEDTLS_X509_MAX_INTERMEDIATE_CA": 4, "MBEDTLS_SSL_IN_CONTENT_LEN": 8192},
			notes: []string{
				"include MBEDTLS_CONFIG_FILE names \"board_mbedtls_config.h\": reading wrapper/board_mbedtls_config.h, as mbedtls/build_info.h@3.6.6 does",
				"include MBEDTLS_USER_CONFIG_FILE names \"board_user.h\": reading wrapper/board_user.h, as mbedtls/build_info.h@3.6.6 does",
			},
		},
		{
			name: "in 2.28 a full MBEDTLS_CONFIG_FILE must include the user config itself",
			file: "wrapper/board.h", v: errcode.Mbed228,
			macros: map[string]string{"MBEDTLS_SSL_PROTO_TLS1_3": ""},
			ints:   map[string]int{"MBEDTLS_X509_MAX_INTERMEDIATE_CA": 8},
			notes:  []string{"version with MBEDTLS_CONFIG_FILE set, mbedTLS 2.28 reads MBEDTLS_USER_CONFIG_FILE only if that file includes it, as the stock config.h does"},
		},
		{
			name: "a full 2.28 config reading MBEDTLS_USER_CONFIG_FILE given as -D",
			file: "full228/config.h", v: errcode.Mbed228, mode: ModeFull,
			opts: HeaderOptions{Defines: Macros{"MBEDTLS_USER_CONFIG_FILE": `"../overlay/user_config.h"`}},
			ints: map[string]int{"MBEDTLS_MPI_MAX_SIZE": 512, "MBEDTLS_SSL_OUT_CONTENT_LEN": 4096},
			notes: []string{
				"define -D MBEDTLS_USER_CONFIG_FILE=\"../overlay/user_config.h\"",
				"include full228/config.h:74: #include MBEDTLS_USER_CONFIG_FILE (\"../overlay/user_config.h\"): reading overlay/user_config.h",
				"problem overlay/user_config.h:7: MBEDTLS_MPI_MAX_SIZE redefined without #undef (was \"256\", full228/config.h:69): the new value applies, and compilers warn",
			},
		},
		{
			name: "an overlay forced to be read as a full config",
			file: "overlay/user_config.h", v: errcode.Mbed228, mode: ModeFull,
			opts:   HeaderOptions{Mode: ModeFull},
			macros: map[string]string{"MBEDTLS_RSA_C": undefined, "MBEDTLS_MPI_MAX_SIZE": "512"},
			notes:  []string{"source overlay/user_config.h: read as a FULL config that replaces the stock mbedTLS 2.28.3 config: as asked"},
		},
		{
			name: "a full config forced to be read as an overlay",
			file: "full36/mbedtls_config.h", v: errcode.Mbed36, mode: ModeOverlay,
			opts:   HeaderOptions{Mode: ModeOverlay},
			macros: map[string]string{"MBEDTLS_DES_C": "", "MBEDTLS_HKDF_C": ""},
			ints:   map[string]int{"MBEDTLS_SSL_IN_CONTENT_LEN": 8192},
		},
		{
			name: "guarded headers that include each other",
			file: "cycle/guarded_a.h", v: errcode.Mbed36, mode: ModeOverlay,
			changes: []string{"MBEDTLS_SSL_ALPN: on -> off", "MBEDTLS_SSL_RENEGOTIATION: on -> off"},
			macros:  map[string]string{"GUARDED_A_H": undefined, "GUARDED_B_H": undefined},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := readHeader(testdata, tt.file, tt.v, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			// The exported function gives the same.
			m, notes, err := ReadConfigHeaderWith(testdata, tt.file, tt.v, tt.opts)
			if err != nil || len(m) != len(r.macros) || len(notes) != len(r.notes) {
				t.Fatalf("ReadConfigHeaderWith disagrees with readHeader: %v", err)
			}
			if tt.mode != ModeAuto && r.mode != tt.mode {
				t.Errorf("mode %v, want %v", r.mode, tt.mode)
			}
			if tt.changes != nil {
				got := changes(tt.v, m)
				if strings.Join(got, "\n") != strings.Join(tt.changes, "\n") {
					t.Errorf("changes against stock:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.changes, "\n"))
				}
			}
			for name, want := range tt.macros {
				got, ok := m[name]
				switch {
				case want == undefined && ok:
					t.Errorf("%s = %q, want it undefined", name, got)
				case want != undefined && !ok:
					t.Errorf("%s undefined, want %q", name, want)
				case want != undefined && got != want:
					t.Errorf("%s = %q, want %q", name, got, want)
				}
			}
			for name, want := range tt.ints {
				if got, ok := EffectiveInt(tt.v, m, name); !ok || got != want {
					t.Errorf("EffectiveInt(%s) = %d, %v, want %d", name, got, ok, want)
				}
			}
			for _, want := range append(tt.notes, tt.notes2...) {
				if !hasNote(notes, want) {
					t.Errorf("missing note %q", want)
				}
			}
			for _, want := range tt.prefix {
				if !hasNotePrefix(notes, want) {
					t.Errorf("missing note starting %q", want)
				}
			}
			for _, bad := range tt.absent {
				for _, l := range noteLines(notes) {
					if strings.HasPrefix(l, bad) {
						t.Errorf("unexpected note %q", l)
					}
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

// TestFull228Exact checks the whole configuration read from the full 2.28
// fixture: exactly the options it defines, nothing of the stock config.
func TestFull228Exact(t *testing.T) {
	m, _, err := ReadConfigHeader(testdata, "full228/config.h", errcode.Mbed228)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"MBEDTLS_MPI_MAX_SIZE": "256", "MBEDTLS_SSL_MAX_CONTENT_LEN": "(4 * 1024)"}
	for _, n := range strings.Fields(`HAVE_ASM HAVE_TIME PLATFORM_MEMORY CIPHER_MODE_CBC REMOVE_ARC4_CIPHERSUITES
		ECP_DP_SECP256R1_ENABLED ECP_DP_CURVE25519_ENABLED ECP_NIST_OPTIM KEY_EXCHANGE_ECDHE_RSA_ENABLED
		KEY_EXCHANGE_ECDHE_ECDSA_ENABLED PK_PARSE_EC_EXTENDED PKCS1_V15 PKCS1_V21 SSL_MAX_FRAGMENT_LENGTH
		SSL_PROTO_TLS1_2 SSL_SERVER_NAME_INDICATION X509_CHECK_KEY_USAGE X509_CHECK_EXTENDED_KEY_USAGE
		X509_RSASSA_PSS_SUPPORT AES_C ASN1_PARSE_C ASN1_WRITE_C BASE64_C BIGNUM_C CIPHER_C CTR_DRBG_C ECDH_C
		ECDSA_C ECP_C ENTROPY_C ERROR_C GCM_C HMAC_DRBG_C MD_C OID_C PEM_PARSE_C PK_C PK_PARSE_C PLATFORM_C
		RSA_C SHA1_C SHA256_C SHA512_C SSL_CLI_C SSL_TLS_C X509_USE_C X509_CRT_PARSE_C SSL_TRUNCATED_HMAC`) {
		want["MBEDTLS_"+n] = ""
	}
	if len(m) != len(want) {
		t.Errorf("%d macros, want %d", len(m), len(want))
	}
	for n, v := range want {
		if got, ok := m[n]; !ok || got != v {
			t.Errorf("%s = %q (%v), want %q", n, got, ok, v)
		}
	}
	for n := range m {
		if _, ok := want[n]; !ok {
			t.Errorf("unexpected %s", n)
		}
	}
}

func TestReadConfigHeaderErrors(t *testing.T) {
	deep := strings.Repeat("#if 1\n", 10000) + "#define MBEDTLS_DEEP\n" + strings.Repeat("#endif\n", 10000)
	chain := fstest.MapFS{}
	for i := 0; i < 100; i++ {
		chain[fmt.Sprintf("h%d.h", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("#include \"h%d.h\"\n", i+1))}
	}
	var bomb strings.Builder
	bomb.WriteString("#define B0 1\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&bomb, "#define B%d B%d+B%d\n", i, i-1, i-1)
	}
	// Each #if B15 would expand to 2^16 tokens: each stops at the limit of one
	// expression, and together they exceed the budget of the whole read.
	bomb.WriteString(strings.Repeat("#if B15\n#endif\n", 1000))
	tests := []struct {
		name string
		fsys fstest.MapFS
		file string
		want error
		what string
	}{
		{"include cycle", nil, "cycle/a.h", ErrIncludeCycle, "cycle/a.h -> cycle/b.h -> cycle/a.h"},
		{"self include", fstest.MapFS{"self.h": {Data: []byte("#include \"self.h\"\n")}}, "self.h", ErrIncludeCycle, "self.h -> self.h"},
		{"10,000 nested #if", fstest.MapFS{"deep.h": {Data: []byte(deep)}}, "deep.h", ErrTooDeep, "#if nested more than 256 deep"},
		{"100 nested includes", chain, "h0.h", ErrTooDeep, "#include nested more than 64 deep"},
		{"macro expansion bomb", fstest.MapFS{"bomb.h": {Data: []byte(bomb.String())}}, "bomb.h", ErrTooLarge, "macro expansion exceeds the budget of the whole read"},
		{"missing file", fstest.MapFS{}, "nope.h", os.ErrNotExist, ""},
		{"file too large", fstest.MapFS{"big.h": {Data: make([]byte, maxFileSize+1)}}, "big.h", ErrTooLarge, "larger than 8 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fsys = testdata
			if tt.fsys != nil {
				fsys = tt.fsys
			}
			start := time.Now()
			_, _, err := ReadConfigHeader(fsys, tt.file, errcode.Mbed36)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("error %T, want *ConfigError", err)
			}
			if tt.what != "" && ce.What != tt.what {
				t.Errorf("What = %q, want %q", ce.What, tt.what)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
	if _, _, err := ReadConfigHeader(nil, "x.h", errcode.Mbed36); !errors.Is(err, errNoFS) {
		t.Errorf("nil fs: %v", err)
	}
	if _, _, err := ReadConfigHeader(testdata, "ifblocks.h", errcode.MbedVersion(9)); err == nil {
		t.Error("unknown version: no error")
	}
}

// TestPreprocessorDetails covers what the fixtures do not: line splicing,
// CR LF, comments inside directives, function-like macros and problems a
// compiler would report.
func TestPreprocessorDetails(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		macros map[string]string
		notes  []string
	}{
		{
			name:   "continuation lines and CR LF",
			src:    "#define MBEDTLS_SSL_IN_CONTENT_LEN \\\r\n    (4 * \\\r\n     1024)\r\n#define AFTER 1\r\n",
			macros: map[string]string{"MBEDTLS_SSL_IN_CONTENT_LEN": "(4 * 1024)", "AFTER": "1"},
			notes:  []string{"define t.h:4: #define AFTER 1"},
		},
		{
			name:   "a block comment inside a directive joins its lines",
			src:    "#define X 1 /* first\nsecond */ + 2\n#define Y X * 2 // trailing\n",
			macros: map[string]string{"X": "1 + 2", "Y": "X * 2"},
			notes:  []string{"define t.h:3: #define Y X * 2"},
		},
		{
			name:   "a commented-out define is not defined, in either comment style",
			src:    "// #define MBEDTLS_A1\n/* #define MBEDTLS_A2 */\n/*\n * #undef MBEDTLS_RSA_C\n */\n#define MBEDTLS_URL \"http://x//y\"\n",
			macros: map[string]string{"MBEDTLS_A1": undefined, "MBEDTLS_A2": undefined, "MBEDTLS_RSA_C": "", "MBEDTLS_URL": `"http://x//y"`},
			notes:  []string{"ignored t.h:4: #undef MBEDTLS_RSA_C is commented out: this line does nothing"},
		},
		{
			name:   "function-like macros in #if",
			src:    "#define VER(a, b) ((a) * 100 + (b))\n#if VER(3, 6) >= 306\n#define MBEDTLS_NEW\n#endif\n",
			macros: map[string]string{"MBEDTLS_NEW": "", "VER": "(a, b) ((a) * 100 + (b))"},
		},
		{
			name:   "#elif, #else and nested inactive blocks",
			src:    "#if 0\n#if 1\n#define A\n#endif\n#elif 2 > 1\n#define B\n#else\n#define C\n#endif\n#ifdef B\n#define D\n#endif\n",
			macros: map[string]string{"A": undefined, "B": "", "C": undefined, "D": ""},
		},
		{
			name: "problems a compiler would report",
			src:  "#error \"not for this board\"\n#endif\n#else\n#if 1\n#define X\n",
			notes: []string{
				"problem t.h:1: #error \"not for this board\": a compiler would stop here, so this config does not build as read (check the -D macros and include directories given)",
				"problem t.h:2: #endif without #if",
				"problem t.h:3: #else without #if",
				"problem t.h:4: #if without #endif (unterminated at the end of t.h)",
			},
		},
		{
			name:   "an unterminated comment",
			src:    "#define A 1\n/* never closed\n#define B 2\n",
			macros: map[string]string{"A": "1", "B": undefined},
			notes:  []string{"problem t.h:2: unterminated /* comment: the rest of the file is comment"},
		},
		{
			name:  "directives not understood",
			src:   "#frobnicate\n#if\n#endif\n#ifdef 3\n#endif\n#define\n#include\n",
			notes: []string{"unevaluated t.h:1: #frobnicate  is not a directive tlsdoctor knows: ignored", "unevaluated t.h:2: #if with no expression; taken as true", "unevaluated t.h:4: #ifdef 3: not a macro name; taken as true", "unevaluated t.h:6: #define : no macro name; ignored"},
		},
		{
			name:   "#line renumbers",
			src:    "#line 100 \"orig.h\"\n#define X 1\n",
			notes:  []string{"define orig.h:100: #define X 1"},
			macros: map[string]string{"X": "1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, notes, err := ReadConfigHeaderWith(fstest.MapFS{"t.h": {Data: []byte(tt.src)}}, "t.h", errcode.Mbed228, HeaderOptions{Mode: ModeOverlay})
			if err != nil {
				t.Fatal(err)
			}
			for name, want := range tt.macros {
				got, ok := m[name]
				if want == undefined && ok || want != undefined && (!ok || got != want) {
					t.Errorf("%s = %q (%v), want %q", name, got, ok, want)
				}
			}
			for _, want := range tt.notes {
				if !hasNote(notes, want) {
					t.Errorf("missing note %q", want)
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

// TestExpansionLimit: one expression that would expand to 2^40 tokens stops at
// the per-expression limit and is taken as true, with a note.
func TestExpansionLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString("#define B0 1\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "#define B%d B%d+B%d\n", i, i-1, i-1)
	}
	b.WriteString("#if B40\n#define MBEDTLS_TAKEN\n#endif\n")
	m, notes, err := ReadConfigHeader(fstest.MapFS{"b.h": {Data: []byte(b.String())}}, "b.h", errcode.Mbed228)
	if err != nil {
		t.Fatal(err)
	}
	if !m.Defined("MBEDTLS_TAKEN") {
		t.Error("the unevaluable #if was not taken as true")
	}
	want := "unevaluated b.h:42: #if B40: cannot be evaluated (macro expansion produces more than 16384 tokens); taken as true"
	if !hasNote(notes, want) {
		t.Errorf("missing note %q", want)
	}
	if v, ok := m.Int("B40"); ok {
		t.Errorf("Int(B40) = %d, want no value", v)
	}
}

// TestConfigFileDefine: MBEDTLS_CONFIG_FILE given as -D replaces the stock
// config under an overlay; 2.28 then never reads the overlay.
func TestConfigFileDefine(t *testing.T) {
	opts := HeaderOptions{Defines: Macros{"MBEDTLS_CONFIG_FILE": `"../full36/mbedtls_config.h"`}}
	m, _, err := ReadConfigHeaderWith(testdata, "wrapper/board_user.h", errcode.Mbed36, opts)
	if err != nil {
		t.Fatal(err)
	}
	if m.Defined("MBEDTLS_DES_C") || m.Defined("MBEDTLS_SSL_PROTO_TLS1_3") {
		t.Error("not the -D config with the overlay applied")
	}
	if v, _ := EffectiveInt(errcode.Mbed36, m, "MBEDTLS_X509_MAX_INTERMEDIATE_CA"); v != 4 {
		t.Errorf("overlay not applied: MAX_INTERMEDIATE_CA %d", v)
	}
	m, notes, err := ReadConfigHeaderWith(testdata, "wrapper/board_user.h", errcode.Mbed228, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !m.Defined("MBEDTLS_SSL_PROTO_TLS1_3") {
		t.Error("2.28 applied the overlay")
	}
	want := "version wrapper/board_user.h: so this overlay is not read by mbedTLS 2.28: ../full36/mbedtls_config.h replaces config.h, and only config.h reads the user config file"
	if !hasNote(notes, want) {
		t.Errorf("missing note %q", want)
		for _, l := range noteLines(notes) {
			t.Log(l)
		}
	}
}
