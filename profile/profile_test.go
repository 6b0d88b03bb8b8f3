package profile

import (
	"encoding/json"
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tlsdoctor/tlsdoctor/errcode"
)

var testNow = time.Date(2026, 12, 1, 10, 30, 0, 0, time.UTC)

func TestPresets(t *testing.T) {
	type want struct {
		defined map[string]bool
		ints    map[string]int
	}
	tests := []struct {
		name     string
		versions []errcode.MbedVersion
		per      map[errcode.MbedVersion]want
	}{
		{"mbedtls-2.28", []errcode.MbedVersion{errcode.Mbed228}, nil},
		{"mbedtls-3.6", []errcode.MbedVersion{errcode.Mbed36}, nil},
		{"esp-idf", []errcode.MbedVersion{errcode.Mbed36}, map[errcode.MbedVersion]want{
			errcode.Mbed36: {
				defined: map[string]bool{"MBEDTLS_HAVE_TIME_DATE": false, "MBEDTLS_HAVE_TIME": true, "MBEDTLS_ECP_DP_SECP384R1_ENABLED": true, "MBEDTLS_SSL_MAX_FRAGMENT_LENGTH": true, "MBEDTLS_PEM_PARSE_C": true, "MBEDTLS_SSL_PROTO_TLS1_3": false, "CONFIG_MBEDTLS_CERTIFICATE_BUNDLE": true},
				ints:    map[string]int{"MBEDTLS_MPI_MAX_SIZE": 1024, "MBEDTLS_SSL_IN_CONTENT_LEN": 16384, "MBEDTLS_SSL_OUT_CONTENT_LEN": 4096},
			},
		}},
		{"esp-idf-4.4", []errcode.MbedVersion{errcode.Mbed228}, map[errcode.MbedVersion]want{
			errcode.Mbed228: {
				defined: map[string]bool{"MBEDTLS_HAVE_TIME_DATE": false, "MBEDTLS_SSL_PROTO_TLS1": true, "MBEDTLS_X509_CHECK_KEY_USAGE": true},
				ints:    map[string]int{"MBEDTLS_SSL_IN_CONTENT_LEN": 16384, "MBEDTLS_SSL_OUT_CONTENT_LEN": 4096},
			},
		}},
		{"embedded-small", []errcode.MbedVersion{errcode.Mbed228, errcode.Mbed36}, map[errcode.MbedVersion]want{
			errcode.Mbed228: {
				defined: map[string]bool{"MBEDTLS_ECP_DP_SECP384R1_ENABLED": false, "MBEDTLS_ECP_DP_SECP521R1_ENABLED": false, "MBEDTLS_ECP_DP_SECP256R1_ENABLED": true, "MBEDTLS_SHA512_C": false, "MBEDTLS_ENTROPY_FORCE_SHA256": true},
				ints:    map[string]int{"MBEDTLS_MPI_MAX_SIZE": 256, "MBEDTLS_SSL_IN_CONTENT_LEN": 4096, "MBEDTLS_SSL_OUT_CONTENT_LEN": 16384},
			},
			errcode.Mbed36: {
				defined: map[string]bool{"MBEDTLS_ECP_DP_SECP384R1_ENABLED": false, "MBEDTLS_SHA384_C": false, "MBEDTLS_SHA512_C": false, "MBEDTLS_MD_CAN_SHA384": false, "MBEDTLS_MD_CAN_SHA256": true, "PSA_WANT_ECC_SECP_R1_384": false},
				ints:    map[string]int{"MBEDTLS_MPI_MAX_SIZE": 256, "MBEDTLS_SSL_IN_CONTENT_LEN": 4096},
			},
		}},
		{"no-pem", []errcode.MbedVersion{errcode.Mbed228, errcode.Mbed36}, map[errcode.MbedVersion]want{
			errcode.Mbed228: {defined: map[string]bool{"MBEDTLS_PEM_PARSE_C": false, "MBEDTLS_PEM_WRITE_C": false, "MBEDTLS_BASE64_C": true}},
			errcode.Mbed36:  {defined: map[string]bool{"MBEDTLS_PEM_PARSE_C": false}},
		}},
		{"small-buffers", []errcode.MbedVersion{errcode.Mbed228, errcode.Mbed36}, map[errcode.MbedVersion]want{
			errcode.Mbed228: {ints: map[string]int{"MBEDTLS_SSL_IN_CONTENT_LEN": 512, "MBEDTLS_SSL_OUT_CONTENT_LEN": 512}},
			errcode.Mbed36:  {ints: map[string]int{"MBEDTLS_SSL_IN_CONTENT_LEN": 512, "MBEDTLS_SSL_OUT_CONTENT_LEN": 512}},
		}},
	}
	if got := len(Presets()); got != len(tests) {
		t.Errorf("%d presets, the test knows %d", got, len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := New(Options{Preset: tt.name, Now: testNow})
			if err != nil {
				t.Fatal(err)
			}
			if p.ConfigSource != tt.name {
				t.Errorf("ConfigSource %q", p.ConfigSource)
			}
			if !equalVersions(p.Versions, tt.versions) {
				t.Errorf("Versions %v, want %v", p.Versions, tt.versions)
			}
			for _, n := range p.ConfigNotes {
				if n.Kind == NoteProblem || n.Kind == NoteUnevaluated {
					t.Errorf("note %s", n)
				}
			}
			for _, v := range p.Versions {
				if tt.per == nil {
					if len(Changes(v, Stock(v), p.Config[v])) != 0 || len(p.Config[v]) != len(Stock(v)) {
						t.Errorf("%s: not the stock config", v)
					}
				}
				for name, want := range tt.per[v].defined {
					if p.Defined(v, name) != want {
						t.Errorf("%s: %s defined = %v, want %v", v, name, !want, want)
					}
				}
				for name, want := range tt.per[v].ints {
					if got, ok := p.Int(v, name); !ok || got != want {
						t.Errorf("%s: Int(%s) = %d, %v, want %d", v, name, got, ok, want)
					}
				}
			}
			// Every preset works for both versions.
			pre, _ := PresetByName(tt.name)
			for _, v := range errcode.MbedVersions {
				if _, _, err := pre.Config(v); err != nil {
					t.Errorf("Config(%s): %v", v, err)
				}
			}
		})
	}
}

func equalVersions(a, b []errcode.MbedVersion) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestPresetByName(t *testing.T) {
	for in, want := range map[string]string{
		"esp-idf": "esp-idf", "ESP-IDF": "esp-idf", " idf ": "esp-idf", "embedded": "embedded-small",
		"2.28": "mbedtls-2.28", "mbedtls-3.6.6": "mbedtls-3.6", "smallbuf": "small-buffers", "der-only": "no-pem",
	} {
		p, ok := PresetByName(in)
		if !ok || p.Name != want {
			t.Errorf("PresetByName(%q) = %q, %v, want %q", in, p.Name, ok, want)
		}
	}
	if _, ok := PresetByName("wolfssl"); ok {
		t.Error("PresetByName(wolfssl) found something")
	}
}

func TestNew(t *testing.T) {
	fsys := fstest.MapFS{
		"cfg/user.h":         {Data: []byte("#undef MBEDTLS_PEM_PARSE_C\n")},
		"cfg/sdkconfig":      {Data: []byte("# CONFIG_MBEDTLS_PEM_PARSE_C is not set\n")},
		"cfg/idf.defaults":   {Data: []byte("\n# comment\nCONFIG_MBEDTLS_SHA512_C=y\n")},
		"cfg/board_config.h": {Data: []byte("#define MBEDTLS_MPI_MAX_SIZE 256\n")},
	}
	tests := []struct {
		name     string
		opts     Options
		source   string
		versions []errcode.MbedVersion
		pem      bool
		note     string
	}{
		{"nothing given: stock, said so", Options{}, "stock (no --config given)", errcode.MbedVersions, true, "source no config given: the upstream default config of mbedTLS 2.28.3 is assumed [mbedTLS 2.28]"},
		{"an overlay for one version", Options{FS: fsys, Config: "cfg/user.h", Versions: []errcode.MbedVersion{errcode.Mbed36}}, "user.h (overlay on the stock config)", []errcode.MbedVersion{errcode.Mbed36}, false, "undef cfg/user.h:1: #undef MBEDTLS_PEM_PARSE_C"},
		{"an sdkconfig by name", Options{FS: fsys, Config: "./cfg/sdkconfig"}, "sdkconfig (ESP-IDF)", errcode.MbedVersions, false, "undef cfg/sdkconfig:1: #undef MBEDTLS_PEM_PARSE_C (CONFIG_MBEDTLS_PEM_PARSE_C=n; components/mbedtls/port/include/mbedtls/esp_config.h@v4.4.8) [mbedTLS 2.28]"},
		{"an sdkconfig by content", Options{FS: fsys, Config: "cfg/idf.defaults"}, "idf.defaults (ESP-IDF)", errcode.MbedVersions, true, ""},
		{"versions sorted and unique", Options{Versions: []errcode.MbedVersion{errcode.Mbed36, errcode.Mbed228, errcode.Mbed36}}, "stock (no --config given)", errcode.MbedVersions, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Now = testNow
			p, err := New(tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if p.ConfigSource != tt.source {
				t.Errorf("ConfigSource %q, want %q", p.ConfigSource, tt.source)
			}
			if !equalVersions(p.Versions, tt.versions) {
				t.Errorf("Versions %v, want %v", p.Versions, tt.versions)
			}
			for _, v := range p.Versions {
				if p.Defined(v, "MBEDTLS_PEM_PARSE_C") != tt.pem {
					t.Errorf("%s: PEM_PARSE_C defined = %v", v, !tt.pem)
				}
			}
			if tt.note != "" && !hasNote(p.ConfigNotes, tt.note) {
				t.Errorf("missing note %q", tt.note)
				for _, l := range noteLines(p.ConfigNotes) {
					t.Log(l)
				}
			}
			if !p.DeviceTime.Equal(testNow) || p.ClockUnset {
				t.Errorf("device time %v unset=%v, want now", p.DeviceTime, p.ClockUnset)
			}
			if p.Defined(errcode.MbedVersion(5), "MBEDTLS_RSA_C") {
				t.Error("a version outside the profile has a config")
			}
			if _, ok := p.Int(errcode.MbedVersion(5), "MBEDTLS_MPI_MAX_SIZE"); ok {
				t.Error("Int for a version outside the profile")
			}
		})
	}
}

func TestNewErrors(t *testing.T) {
	fsys := fstest.MapFS{"c.h": {Data: []byte("#define X\n")}}
	var pe *PresetError
	if _, err := New(Options{Preset: "nope"}); !errors.As(err, &pe) || !strings.Contains(err.Error(), "esp-idf") {
		t.Errorf("unknown preset: %v", err)
	}
	if _, err := New(Options{Preset: "esp-idf", FS: fsys, Config: "c.h"}); !errors.Is(err, ErrPresetAndConfig) {
		t.Errorf("preset and config: %v", err)
	}
	if _, err := New(Options{FS: fsys, Config: "missing.h"}); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing config: %v", err)
	}
	if _, err := New(Options{Config: "c.h"}); !errors.Is(err, errNoFS) {
		t.Errorf("no fs: %v", err)
	}
	if _, err := New(Options{Heap: -1}); err == nil {
		t.Error("negative heap: no error")
	}
	var te *TimeError
	if _, err := New(Options{DeviceTime: "yesterday-ish"}); !errors.As(err, &te) {
		t.Errorf("bad time: %v", err)
	}
	if _, err := New(Options{Versions: []errcode.MbedVersion{9}}); err == nil {
		t.Error("unknown version: no error")
	}
	p, err := New(Options{Heap: 40 * 1024, Now: testNow})
	if err != nil || p.Heap != 40*1024 {
		t.Errorf("heap: %v %v", p, err)
	}
}

func TestParseDeviceTime(t *testing.T) {
	tests := []struct {
		in    string
		want  time.Time
		unset bool
		note  string
	}{
		{"", testNow, false, "no device time given: the device clock is taken to be right (2026-12-01T10:30:00Z)"},
		{"now", testNow, false, "the device clock is right: 2026-12-01T10:30:00Z"},
		{"unset", RTCStart(), true, "the device clock was never set, so it reads the RTC start value 2000-01-01 00:00:00 UTC, where most MCU real-time clocks reset to: every certificate issued later is \"not yet valid\" (use 1970 for a clock that counts from the Unix epoch, as ESP-IDF's does before SNTP)"},
		{"UNSET", RTCStart(), true, ""},
		{"2000", RTCStart(), true, ""},
		{"1970", EpochStart(), true, "the device clock was never set and counts from the Unix epoch, 1970-01-01 00:00:00 UTC (ESP-IDF and newlib before SNTP): every certificate is \"not yet valid\""},
		{"epoch", EpochStart(), true, ""},
		{"2024", time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), false, ""},
		{"2000-01-01", RTCStart(), false, "the device clock reads 2000-01-01T00:00:00Z (no zone given: taken as UTC, which mbedTLS compares certificate times with)"},
		{"2000-01-01T00:00:00Z", RTCStart(), false, "the device clock reads 2000-01-01T00:00:00Z"},
		{"2024-05-01T14:00:00+02:00", time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC), false, "the device clock reads 2024-05-01T12:00:00Z"},
		{"2024-05-01 12:00:00", time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC), false, ""},
		{"2024-05-01T12:00", time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC), false, ""},
		{"@1700000000", time.Unix(1700000000, 0).UTC(), false, "the device clock reads 2023-11-14T22:13:20Z (Unix time 1700000000)"},
		{"now-30d", testNow.AddDate(0, 0, -30), false, "the device clock reads 2026-11-01T10:30:00Z (now-30d)"},
		{"now+1y", testNow.AddDate(1, 0, 0), false, ""},
		{"now + 36h", testNow.Add(36 * time.Hour), false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, unset, note, err := ParseDeviceTime(tt.in, testNow)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(tt.want) || unset != tt.unset {
				t.Errorf("got %v unset=%v, want %v unset=%v", got, unset, tt.want, tt.unset)
			}
			if tt.note != "" && note != tt.note {
				t.Errorf("note %q\nwant %q", note, tt.note)
			}
		})
	}
	for _, bad := range []string{"yesterday", "2024-13-01", "@x", "now-3q", "12:00", "@99999999999999"} {
		var te *TimeError
		if _, _, _, err := ParseDeviceTime(bad, testNow); !errors.As(err, &te) || te.Input != bad {
			t.Errorf("ParseDeviceTime(%q) error %v, want *TimeError", bad, err)
		}
	}
}

func TestMacrosInt(t *testing.T) {
	m := Macros{
		"A": "256", "B": "(16384)", "C": "0x4000", "D": "4 * 1024", "E": "A + B", "F": "", "G": "UNKNOWN",
		"H": "16384u", "I": "(1 << 12)", "J": "\"str\"", "K": "010", "L": "-1", "R": "R + 1", "M": "0b101",
		"N": "1'000", "O": "(2 > 1) ? 7 : 9", "P": "18446744073709551615u",
	}
	tests := []struct {
		name string
		v    int
		ok   bool
	}{
		{"A", 256, true}, {"B", 16384, true}, {"C", 16384, true}, {"D", 4096, true}, {"E", 16640, true},
		{"F", 0, false}, {"G", 0, false}, {"H", 16384, true}, {"I", 4096, true}, {"J", 0, false},
		{"K", 8, true}, {"L", -1, true}, {"R", 0, false}, {"M", 5, true}, {"N", 1000, true},
		{"O", 7, true}, {"P", 0, false}, {"Z", 0, false},
	}
	for _, tt := range tests {
		if v, ok := m.Int(tt.name); v != tt.v || ok != tt.ok {
			t.Errorf("Int(%s = %q) = %d, %v, want %d, %v", tt.name, m[tt.name], v, ok, tt.v, tt.ok)
		}
	}
	if !m.Defined("F") || m.Defined("Z") {
		t.Error("Defined")
	}
	c := m.Clone()
	c["A"] = "1"
	if m["A"] != "256" {
		t.Error("Clone shares the map")
	}
}

func TestEffectiveInt(t *testing.T) {
	// 2.28's MBEDTLS_SSL_IN_CONTENT_LEN follows MBEDTLS_SSL_MAX_CONTENT_LEN; 3.6's does not.
	m := Macros{"MBEDTLS_SSL_MAX_CONTENT_LEN": "2048"}
	if v, ok := EffectiveInt(errcode.Mbed228, m, "MBEDTLS_SSL_IN_CONTENT_LEN"); !ok || v != 2048 {
		t.Errorf("2.28: %d %v", v, ok)
	}
	if v, ok := EffectiveInt(errcode.Mbed36, m, "MBEDTLS_SSL_IN_CONTENT_LEN"); !ok || v != 16384 {
		t.Errorf("3.6: %d %v", v, ok)
	}
	// Defaults that depend on other options are not guessed.
	if _, ok := EffectiveInt(errcode.Mbed228, Stock(errcode.Mbed228), "MBEDTLS_CTR_DRBG_ENTROPY_LEN"); ok {
		t.Error("a config-dependent default was given")
	}
	if d := ModuleDefaults(errcode.Mbed36); d["MBEDTLS_X509_MAX_INTERMEDIATE_CA"] != "8" || ModuleDefaults(7) != nil || Stock(7) != nil || KnownOptions(7) != nil {
		t.Error("ModuleDefaults")
	}
	if !IsOption(errcode.Mbed228, "MBEDTLS_X509_ALLOW_UNSUPPORTED_CRITICAL_EXTENSION") || IsOption(errcode.Mbed36, "MBEDTLS_X509_ALLOW_UNSUPPORTED_CRITICAL_EXTENSION") {
		t.Error("IsOption")
	}
}

func TestEvalCondition(t *testing.T) {
	defs := map[string]*macroDef{
		"ONE": {value: "1"}, "TWO": {value: "(ONE + ONE)"}, "EMPTY": {value: ""},
		"F": {value: "((a) * (b))", funcLike: true, params: []string{"a", "b"}},
		"V": {value: "__VA_ARGS__", funcLike: true, variadic: true},
		"S": {value: "#x", funcLike: true, params: []string{"x"}},
	}
	lookup := func(n string) (*macroDef, bool) { d, ok := defs[n]; return d, ok }
	defined := func(n string) bool { _, ok := defs[n]; return ok }
	tests := []struct {
		expr string
		want bool
		err  string
	}{
		{"1", true, ""}, {"0", false, ""}, {"ONE", true, ""}, {"TWO == 2", true, ""},
		{"defined(ONE) && defined EMPTY", true, ""}, {"!defined(NOPE)", true, ""}, {"NOPE", false, ""},
		{"defined(ONE) || (1 / 0)", true, ""}, {"0 && (1 / 0)", false, ""}, {"1 / 0", false, "division by zero"},
		{"F(2, 3) == 6", true, ""}, {"V(4) == 4", true, ""}, {"S(1)", false, "uses # or ##"},
		{"-1 < 0", true, ""}, {"-1 < 0u", false, ""}, {"0xFFFFFFFFFFFFFFFF == -1", true, ""},
		{"(1 ? 0 : 1)", false, ""}, {"'\\n' == 10", true, ""}, {"1 +", false, "expression ends early"},
		{"(1", false, "missing ')'"}, {"1 2", false, "unexpected \"2\""}, {"\"s\"", false, "a string"},
		{"NOPE(1)", false, "is not a macro defined here"}, {"defined", false, "defined needs a macro name"},
		{"1 << 64", false, "shift by 64"}, {"3.5", false, "not an integer constant"},
		{"99999999999999999999999", false, "too large"}, {"~0 == -1", true, ""}, {"7 % 4 == 3 && -7 / 2 == -3", true, ""},
		{strings.Repeat("(", 2000) + "1" + strings.Repeat(")", 2000), false, "nested more than 1000 deep"},
		{strings.Repeat("!", 3000) + "1", false, "nested more than 1000 deep"},
		{strings.Repeat("1 ? ", 1500) + "1" + strings.Repeat(" : 0", 1500), false, "nested more than 1000 deep"},
	}
	for _, tt := range tests {
		budget := maxTotalTokens
		got, err := evalCondition(tt.expr, &expander{lookup: lookup, budget: &budget}, defined)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%.40s: error %v, want %q", tt.expr, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%.40s = %v, %v, want %v", tt.expr, got, err, tt.want)
		}
	}
}

func TestMergeNotes(t *testing.T) {
	a := Note{Kind: NoteDefine, File: "c.h", Line: 1, Text: "#define X"}
	b := Note{Kind: NoteVersion, Text: "only 3.6"}
	c := Note{Kind: NoteVersion, Text: "only 2.28"}
	got := mergeNotes(map[errcode.MbedVersion][]Note{
		errcode.Mbed228: {a, c},
		errcode.Mbed36:  {a, b},
	}, errcode.MbedVersions)
	want := []string{"c.h:1: #define X", "only 2.28 [mbedTLS 2.28]", "only 3.6 [mbedTLS 3.6]"}
	if len(got) != len(want) {
		t.Fatalf("%d notes, want %d: %v", len(got), len(want), got)
	}
	for i := range want {
		if got[i].String() != want[i] {
			t.Errorf("note %d = %q, want %q", i, got[i], want[i])
		}
	}
	if k, _ := NoteDiffers.MarshalText(); string(k) != "differs" || NoteKind(99).String() != "NoteKind(99)" {
		t.Error("NoteKind text")
	}
	for _, s := range []string{"full", "overlay", "auto"} {
		if m, ok := ParseConfigMode(s); !ok || m.String() != s {
			t.Errorf("ParseConfigMode(%q)", s)
		}
	}
}

func TestJSON(t *testing.T) {
	p, err := New(Options{Preset: "embedded-small", DeviceTime: "unset", Heap: 48 << 10, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Versions     []string                     `json:"versions"`
		ConfigSource string                       `json:"config_source"`
		Config       map[string]map[string]string `json:"config"`
		ConfigNotes  []map[string]any             `json:"config_notes"`
		DeviceTime   time.Time                    `json:"device_time"`
		ClockUnset   bool                         `json:"clock_unset"`
		Heap         int                          `json:"heap"`
	}
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	if strings.Join(got.Versions, ",") != "2.28,3.6" || got.ConfigSource != "embedded-small" || got.Config["3.6"]["MBEDTLS_MPI_MAX_SIZE"] != "256" ||
		!got.DeviceTime.Equal(RTCStart()) || !got.ClockUnset || got.Heap != 48<<10 || len(got.ConfigNotes) == 0 {
		t.Errorf("JSON %s", data)
	}
	for _, n := range got.ConfigNotes {
		if k, _ := n["kind"].(string); k == "" {
			t.Errorf("note without kind: %v", n)
		}
		if vs, ok := n["versions"]; ok {
			if s, _ := vs.([]any); len(s) != 1 || (s[0] != "2.28" && s[0] != "3.6") {
				t.Errorf("note versions %v", vs)
			}
		}
	}
	pre, _ := PresetByName("esp-idf")
	if b, _ := json.Marshal(pre); !strings.Contains(string(b), `"versions":["3.6"]`) {
		t.Errorf("preset JSON %s", b)
	}
}

func TestParseHeap(t *testing.T) {
	for in, want := range map[string]int{"49152": 49152, "0xC000": 49152, "48k": 49152, "48 KiB": 49152, "48KB": 49152, "1M": 1 << 20, "2MiB": 2 << 20, "512b": 512, "0": 0} {
		if got, err := ParseHeap(in); err != nil || got != want {
			t.Errorf("ParseHeap(%q) = %d, %v, want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "lots", "-1", "1.5k", "48x", "99999999999999M"} {
		var he *HeapError
		if _, err := ParseHeap(bad); !errors.As(err, &he) {
			t.Errorf("ParseHeap(%q) error %v, want *HeapError", bad, err)
		}
	}
}
