package certinput

import (
	"regexp"
	"strings"
	"testing"
)

// findingFixtures holds, for every registered finding, an input that
// triggers it. TestFindingRegistry enforces that the two stay in step.
var findingFixtures = map[string]struct {
	src string
	opt Options
}{
	"c.unterminated-literal":              {"const char ca[] = \"" + begin + "\n;", Options{Name: "x.c"}},
	"c.unterminated-comment":              {"const char ca[] = \"" + begin + "\"; /*", Options{Name: "x.c"}},
	"c.unknown-escape":                    {"const char ca[] = \"" + begin + "\\d\";", Options{Name: "x.c"}},
	"c.escape-out-of-range":               {"const char ca[] = \"" + begin + "\\x3082\";", Options{Name: "x.c"}},
	"c.bad-raw-delimiter":                 {"const char *ca = R\"a b(" + begin + ")a b\";", Options{Name: "x.cpp"}},
	"c.splice-whitespace":                 {"#define CA \\  \n\"" + begin + "\"\n", Options{Name: "x.h"}},
	"c.array-size-too-small":              {"char ca[8] = \"" + begin + "\";", Options{Name: "x.c"}},
	"c.string-no-room-for-nul":            {"char root_ca[2] = \"ab\";", Options{Name: "x.c"}},
	"c.array-element-out-of-range":        {"const uint8_t ca_der[] = {0x30, 0x182};", Options{Name: "x.c"}},
	"c.array-element-not-understood":      {"const uint8_t ca_der[] = {0x30, x};\nconst char *ca = \"" + begin + "\";", Options{Name: "x.c"}},
	"c.array-size-unknown":                {"const uint8_t ca_der[N * 2] = {0x30, 0x82};", Options{Name: "x.c"}},
	"c.wide-literal":                      {"const wchar_t ca[] = L\"" + begin + "\";", Options{Name: "x.c"}},
	"c.sizeof-pointer":                    {"const char *ca = \"" + begin + "\";\nmbedtls_x509_crt_parse(&c, ca, sizeof(ca));", Options{Name: "x.c"}},
	"c.length-of-other-object":            {"const char ca[] = \"" + begin + "\";\nconst char b[] = \"x\";\nmbedtls_x509_crt_parse(&c, ca, sizeof(b));", Options{Name: "x.c"}},
	"c.define-continuation-missing":       {"#define CA \"" + begin + "\\n\"\n\"MIIB\\n\"\n", Options{Name: "x.h"}},
	"c.disabled-code":                     {"#if 0\nconst char *ca = \"" + begin + "\";\n#endif\nconst char *ca2 = \"" + begin + "\";", Options{Name: "x.c"}},
	"c.duplicate-name":                    {"const char *ca = \"" + begin + "\";\nconst char *ca = \"" + begin + "\";", Options{Name: "x.c"}},
	"c.embedded-file":                     {"extern const uint8_t s[] asm(\"_binary_ca_pem_start\");\nconst char *ca = \"" + begin + "\";", Options{Name: "x.c"}},
	"json.syntax-error":                   {"{\"ca\": \"" + begin + "\" x", Options{Name: "x.json"}},
	"json.invalid-escape":                 {"{\"ca\": \"" + begin + "\\x\"}", Options{Name: "x.json"}},
	"json.control-character":              {"{\"ca\": \"" + begin + "\n\"}", Options{Name: "x.json"}},
	"json.lone-surrogate":                 {"{\"ca\": \"" + begin + "\\udc00\"}", Options{Name: "x.json"}},
	"json.too-deep":                       {"{\"ca\": \"" + begin + "\", \"x\": " + strings.Repeat("[", maxJSONDepth+1) + "}", Options{Name: "x.json"}},
	"hex.odd-digit-count":                 {"30 82 034", Options{Form: FormHex}},
	"hex.invalid-character":               {"30 82 0z", Options{Form: FormHex}},
	"hex.address-gap":                     {"00000000: 3082 0341  0..A\n00000010: 3082 0341  0..A\n", Options{Form: FormHex}},
	"hex.repeat-without-address":          {" 30 82 03 41\n*\n", Options{Form: FormHex}},
	"hex.repeat-too-large":                {"00000000  ff ff ff ff ff ff ff ff  ff ff ff ff ff ff ff ff  |................|\n*\nfffffff0\n", Options{Form: FormHex}},
	"hex.word-order":                      {"0000000 8230 4103\n0000004\n", Options{Form: FormHex}},
	"hex.intel-hex":                       {":10000000308203413082022900000000000000006D\n", Options{Name: "fw.hex"}},
	"certinput.extension-mismatch":        {"\x30\x82\x01\x00\x00", Options{Name: "ca.pem"}},
	"certinput.scan-limit":                {"", Options{}}, // TestScanLimit: needs maxTextScan lowered
	"certinput.base64-invalid-character":  {"MIID*QTCC", Options{Form: FormBase64}},
	"certinput.base64-data-after-padding": {"QQ==QUJD", Options{Form: FormBase64}},
	"certinput.base64-incomplete":         {"QUJDQ", Options{Form: FormBase64}},
	"certinput.utf16-text":                {"\xff\xfe-\x00-\x00-\x00-\x00", Options{Name: "ca"}},
}

var findingID = regexp.MustCompile(`^(certinput|c|json|hex)\.[a-z0-9]+(-[a-z0-9]+)*$`)

// TestFindingRegistry: every finding is registered with a well-formed ID,
// a severity and a citation, and has a fixture that triggers it.
func TestFindingRegistry(t *testing.T) {
	for id, k := range findingKinds() {
		if !findingID.MatchString(id) {
			t.Errorf("%s: malformed ID", id)
		}
		if k.cite == "" {
			t.Errorf("%s: no citation", id)
		}
		fx, ok := findingFixtures[id]
		if !ok {
			t.Errorf("%s: no fixture", id)
			continue
		}
		if fx.src == "" {
			continue
		}
		in := mustRead(t, []byte(fx.src), fx.opt)
		found := false
		for _, f := range in.Findings {
			if f.ID != id {
				continue
			}
			found = true
			if f.Severity != k.sev || f.Message == "" || f.Fix == "" || len(f.Evidence) == 0 || f.Evidence[0].Source == "" {
				t.Errorf("%s: incomplete finding %+v", id, f)
			}
			if strings.HasSuffix(f.Fix, ".") {
				t.Errorf("%s: fix ends with a period: %q", id, f.Fix)
			}
		}
		if !found {
			t.Errorf("%s: fixture triggers %v", id, findingIDs(in))
		}
	}
	for id := range findingFixtures {
		if _, ok := findingKinds()[id]; !ok {
			t.Errorf("%s: fixture for an unregistered finding", id)
		}
	}
}

// TestFindingCap: one repeated problem yields a bounded list.
func TestFindingCap(t *testing.T) {
	src := "const char ca[] = \"" + begin + strings.Repeat("\\d", 1000) + "\";"
	in := mustRead(t, []byte(src), Options{Name: "x.c"})
	n := 0
	for _, f := range in.Findings {
		if f.ID == "c.unknown-escape" {
			n++
		}
	}
	if n != maxFindingsPerID {
		t.Errorf("%d findings, want %d", n, maxFindingsPerID)
	}
	last := in.Findings[len(in.Findings)-1]
	if !strings.Contains(last.Message, "980 more") {
		t.Errorf("last message %q does not count the rest", last.Message)
	}
}
