package certinput

import (
	"errors"
	"strings"
	"testing"
)

const (
	begin = "-----BEGIN CERTIFICATE-----"
	end   = "-----END CERTIFICATE-----"
)

// TestCLiterals checks the bytes a compiler stores for each construct.
func TestCLiterals(t *testing.T) {
	tests := []struct {
		name string
		src  string
		item string
		want string
		decl int
		ptr  bool
		es   int
	}{
		{"plain", `const char ca[] = "` + begin + `\nAB==\n";`, "ca", begin + "\nAB==\n", 0, false, 1},
		{"concatenated with comments holding quotes",
			"const char *ca = \"" + begin + "\\n\" // a \"quoted\" comment, and 'one'\n" +
				"  /* \"another\" */ \"MIIB\\n\"\n  \"" + end + "\\n\";\n",
			"ca", begin + "\nMIIB\n" + end + "\n", 0, true, 1},
		{"define with continuations",
			"#define ROOT_CA \\\n\"" + begin + "\\n\" \\\n\"MIIB\\n\" \\\n\"" + end + "\\n\"\n",
			"ROOT_CA", begin + "\nMIIB\n" + end + "\n", 0, false, 1},
		{"define with CR LF continuations",
			"#define ROOT_CA \\\r\n\"" + begin + "\\n\" \\\r\n\"" + end + "\\n\"\r\nint x;\r\n",
			"ROOT_CA", begin + "\n" + end + "\n", 0, false, 1},
		{"raw string, custom delimiter",
			"static const char root_ca[] PROGMEM = R\"cert(" + begin + "\\n)\" x\n)cert\";",
			"root_ca", begin + "\\n)\" x\n", 0, false, 1},
		{"raw string in a CR LF file", "const char *ca = R\"EOF(\r\n" + begin + "\r\nMIIB\r\n)EOF\";\r\n",
			"ca", "\n" + begin + "\nMIIB\n", 0, true, 1},
		{"raw string in a CR-only file", "const char *ca = R\"EOF(\r" + begin + "\r)EOF\";\r",
			"ca", "\n" + begin + "\n", 0, true, 1},
		{"raw string keeps backslash-newline", "const char *ca = R\"(" + begin + "\\\nX)\";",
			"ca", begin + "\\\nX", 0, true, 1},
		{"u8 prefix", `const char ca[] = u8"` + begin + `\n";`, "ca", begin + "\n", 0, false, 1},
		{"u8R prefix", `const char ca[] = u8R"(` + begin + `)";`, "ca", begin, 0, false, 1},
		{"every escape", `const char root_ca[] = "` + begin + `\n\r\t\\\"\'\0\x41\101\a\b\f\v\?\e";`,
			"root_ca", begin + "\n\r\t\\\"'\x00AA\a\b\f\v?\x1b", 0, false, 1},
		{"hex escape ended by a new literal", `const char ca[] = "` + begin + `\x30" "82";`, "ca", begin + "\x3082", 0, false, 1},
		{"octal escape takes three digits", `const char ca[] = "` + begin + `\0012";`, "ca", begin + "\x012", 0, false, 1},
		{"universal character names", `const char ca[] = "` + begin + `\u00e9\U0001F600";`, "ca", begin + "é😀", 0, false, 1},
		{"splice inside a literal", "const char ca[] = \"-----BEGIN CERT\\\nIFICATE-----\";", "ca", begin, 0, false, 1},
		{"splice inside an escape", "const char ca[] = \"" + begin + "\\\\\nn\";", "ca", begin + "\n", 0, false, 1},
		{"decorations", `extern "C" { static const char ca_pem[] ICACHE_RODATA_ATTR __attribute__((aligned(4))) = "` + begin + `"; }`,
			"ca_pem", begin, 0, false, 1},
		{"declared size", `char ca[64] = "` + begin + `";`, "ca", begin, 64, false, 1},
		{"size from a #define", "#define CA_SIZE (128)\nchar ca[CA_SIZE] = \"" + begin + "\";", "ca", begin, 128, false, 1},
		{"const pointer", `const char * const ca = "` + begin + `";`, "ca", begin, 0, true, 1},
		{"C++ brace initialisation", `const char ca[] {"` + begin + `"};`, "ca", begin, 0, false, 1},
		{"string in braces", `const char ca[] = {"` + begin + `"};`, "ca", begin, 0, false, 1},
		{"Arduino String", `String ca = "` + begin + `";`, "ca", begin, 0, false, 1},
		{"PSTR wrapper", `const char *ca = PSTR("` + begin + `");`, "ca", begin, 0, true, 1},
		{"cast", `const unsigned char *ca = (const unsigned char *)"` + begin + `";`, "ca", begin, 0, true, 1},
		{"macro expanded in a declaration", "#define PEM_BEGIN \"" + begin + "\\n\"\nconst char ca[] = PEM_BEGIN \"MIIB\\n\";",
			"ca", begin + "\nMIIB\n", 0, false, 1},
		{"member assignment", `cfg.cacert_pem_buf = (const unsigned char *)"` + begin + `";`, "cfg.cacert_pem_buf", begin, 0, false, 1},
		{"designated initialiser", "esp_http_client_config_t config = {\n .url = \"https://x\",\n .cert_pem = \"" + begin + "\",\n};",
			"config.cert_pem", begin, 0, false, 1},
		{"named by its word, not its content", `const char *root_ca = "PASTE YOUR CA HERE";`, "root_ca", "PASTE YOUR CA HERE", 0, true, 1},
		{"unnamed literal in a call", `client.setCACert("` + begin + `");`, "", begin, 0, false, 1},
		{"u prefix is UTF-16", `const char16_t ca[] = u"-B";`, "ca", "-\x00B\x00", 0, false, 2},
		{"L prefix is 32-bit", `const wchar_t ca[] = L"-B";`, "ca", "-\x00\x00\x00B\x00\x00\x00", 0, false, 4},
		{"wide prefix widens the group", `const wchar_t ca[] = "-" L"B";`, "ca", "-\x00\x00\x00B\x00\x00\x00", 0, false, 4},
		{"digit separator is not a character constant", "int n = 1'000; const char ca[] = \"" + begin + "\";", "ca", begin, 0, false, 1},
		{"character constant holding a quote", "char q = '\"'; const char ca[] = \"" + begin + "\";", "ca", begin, 0, false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := mustRead(t, []byte(tt.src), Options{Name: "x.cpp"})
			it := item(t, in, tt.item)
			if string(it.Bytes) != tt.want {
				t.Errorf("bytes = %q, want %q", it.Bytes, tt.want)
			}
			if !it.CString || it.Form != FormCString {
				t.Errorf("CString = %v, form %s", it.CString, it.Form)
			}
			if it.DeclaredSize != tt.decl || it.Pointer != tt.ptr || it.ElemSize != tt.es {
				t.Errorf("DeclaredSize %d Pointer %v ElemSize %d, want %d %v %d", it.DeclaredSize, it.Pointer, it.ElemSize, tt.decl, tt.ptr, tt.es)
			}
		})
	}
}

// TestCArrays checks byte arrays.
func TestCArrays(t *testing.T) {
	tests := []struct {
		name string
		src  string
		item string
		want string
		decl int
		es   int
	}{
		{"hex", `uint8_t ca_der[] = {0x30, 0x82, 0x01, 0x0a};`, "ca_der", "\x30\x82\x01\x0a", 0, 1},
		{"decimal with size", `const unsigned char ca_der[6] = {48, 130, 1, 10,};`, "ca_der", "\x30\x82\x01\x0a", 6, 1},
		{"octal binary and suffixes", `const uint8_t ca_der[] = {060, 0b10000010, 0x01u, 10UL};`, "ca_der", "\x30\x82\x01\x0a", 0, 1},
		{"character constants", `const char ca[] = {'-', '-', '\x41', 0};`, "ca", "--A\x00", 0, 1},
		{"negative values in a signed array", `const int8_t ca_der[] = {48, -126, 1, 10};`, "ca_der", "\x30\x82\x01\x0a", 0, 1},
		{"casts and nested braces", `const uint8_t ca_der[] = {{(uint8_t)0x30, (uint8_t)0x82}, {0x01, 0x0a}};`, "ca_der", "\x30\x82\x01\x0a", 0, 1},
		{"numeric #define", "#define B0 0x30\nconst uint8_t ca_der[] = {B0, 0x82, 1, 10};", "ca_der", "\x30\x82\x01\x0a", 0, 1},
		{"PROGMEM and attributes", `static const uint8_t ca_der[] PROGMEM __attribute__((aligned(4))) = {0x30, 0x82, 1, 10};`, "ca_der", "\x30\x82\x01\x0a", 0, 1},
		{"16-bit elements are little-endian", `const uint16_t ca[] = {0x8230, 0x0a01};`, "ca", "\x30\x82\x01\x0a", 0, 2},
		{"named zero array", `uint8_t root_ca[16] = {0};`, "root_ca", "\x00", 16, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := mustRead(t, []byte(tt.src), Options{Name: "x.c"})
			it := item(t, in, tt.item)
			if string(it.Bytes) != tt.want {
				t.Errorf("bytes = %q, want %q", it.Bytes, tt.want)
			}
			if it.Form != FormCArray || it.CString || it.DeclaredSize != tt.decl || it.ElemSize != tt.es {
				t.Errorf("form %s CString %v DeclaredSize %d ElemSize %d, want c-array false %d %d", it.Form, it.CString, it.DeclaredSize, it.ElemSize, tt.decl, tt.es)
			}
		})
	}
}

// TestCArrayOfStrings: each element of an array of strings is an item.
func TestCArrayOfStrings(t *testing.T) {
	src := "const char *certs[] = {\n  \"" + begin + "\\nA\\n\",\n  \"" + begin + "\\n\" \"B\\n\",\n};\n" +
		"const char roots[2][40] = {\"" + begin + "\", \"" + begin + "\"};\n"
	in := mustRead(t, []byte(src), Options{Name: "x.c"})
	if got := string(item(t, in, "certs[1]").Bytes); got != begin+"\nB\n" {
		t.Errorf("certs[1] = %q", got)
	}
	if it := item(t, in, "certs[0]"); !it.Pointer || it.DeclaredSize != 0 {
		t.Errorf("certs[0]: Pointer %v DeclaredSize %d", it.Pointer, it.DeclaredSize)
	}
	if it := item(t, in, "roots[1]"); it.Pointer || it.DeclaredSize != 40 {
		t.Errorf("roots[1]: Pointer %v DeclaredSize %d", it.Pointer, it.DeclaredSize)
	}
}

// TestCPositions checks where decoded bytes came from.
func TestCPositions(t *testing.T) {
	src := "// \"not a literal\"\n" + // line 1
		"const char ca[] =\n" + // line 2
		"  \"-----BEGIN CERTIFICATE-----\\n\"\n" + // line 3: the literal starts at column 3
		"  \"MI\\x49\\102\";\n" // line 4
	in := mustRead(t, []byte(src), Options{Name: "x.c"})
	it := item(t, in, "ca")
	tests := []struct {
		i         int
		line, col int
		width     int64
	}{
		{0, 3, 4, 1},
		{27, 3, 31, 2}, // \n
		{28, 4, 4, 1},  // M
		{30, 4, 6, 4},  // \x49
		{31, 4, 10, 4}, // \102
		{32, 4, 14, 0}, // past the end: the closing quote
	}
	for _, tt := range tests {
		p := it.Pos(tt.i)
		if p.Line != tt.line || p.Col != tt.col {
			t.Errorf("Pos(%d) = line %d col %d, want line %d col %d", tt.i, p.Line, p.Col, tt.line, tt.col)
		}
		if s, e := it.Span(tt.i, tt.i+1); tt.width > 0 && e-s != tt.width {
			t.Errorf("Span(%d) width %d, want %d", tt.i, e-s, tt.width)
		}
	}
	if s, e := it.Span(0, len(it.Bytes)); src[s:e] != "-----BEGIN CERTIFICATE-----\\n\"\n  \"MI\\x49\\102" {
		t.Errorf("Span(all) = %q", src[s:e])
	}
	if it.Extent.Start != int64(strings.Index(src, "\"-----")) || src[it.Extent.End-1] != '"' {
		t.Errorf("Extent %+v = %q", it.Extent, src[it.Extent.Start:it.Extent.End])
	}
}

// TestCMacroPositions: bytes from a macro point at the #define.
func TestCMacroPositions(t *testing.T) {
	src := "#define HDR \"" + begin + "\\n\"\nconst char ca[] = HDR \"MIIB\";\n"
	in := mustRead(t, []byte(src), Options{Name: "x.c"})
	if len(in.Items) != 1 {
		t.Fatalf("items %d, want only ca (the macro is part of it)", len(in.Items))
	}
	it := item(t, in, "ca")
	if p := it.Pos(0); p.Line != 1 || p.Col != 14 {
		t.Errorf("Pos(0) = %+v, want line 1 col 14", p)
	}
	if p := it.Pos(28); p.Line != 2 || p.Col != 24 {
		t.Errorf("Pos(28) = %+v, want line 2 col 24", p)
	}
}

// TestCDisabledAndDuplicates: #if 0 hides a definition; alternatives are
// both read.
func TestCDisabledAndDuplicates(t *testing.T) {
	src := "#if 0\nconst char *old_ca = \"" + begin + "\";\n#else\nconst char *new_ca = \"" + begin + "\";\n#endif\n" +
		"#ifdef USE_G2\nconst char *ca = \"" + begin + "G2\";\n#else\nconst char *ca = \"" + begin + "X1\";\n#endif\n"
	in := mustRead(t, []byte(src), Options{Name: "x.c"})
	var names []string
	for _, it := range in.Items {
		names = append(names, it.Name)
	}
	if strings.Join(names, ",") != "new_ca,ca,ca" {
		t.Errorf("items %v, want new_ca,ca,ca", names)
	}
	if !hasFinding(in, "c.disabled-code") || !hasFinding(in, "c.duplicate-name") {
		t.Errorf("findings %v", findingIDs(in))
	}
}

// TestCLengths checks the length expressions the source shows.
func TestCLengths(t *testing.T) {
	decl := "const char ca[] = \"" + begin + "\\n\";\n"
	ptr := "const char *ca = \"" + begin + "\\n\";\n"
	tests := []struct {
		name     string
		src      string
		item     string
		want     LengthMode
		expr     string
		call     string
		findings []string
	}{
		{"strlen", decl + "int r = mbedtls_x509_crt_parse(&cacert, (const unsigned char *)ca, strlen(ca));", "ca", Strlen, "strlen(ca)", "mbedtls_x509_crt_parse", nil},
		{"sizeof", decl + "mbedtls_x509_crt_parse(&cacert, (const unsigned char *) ca, sizeof(ca));", "ca", Sizeof, "sizeof(ca)", "mbedtls_x509_crt_parse", nil},
		{"sizeof without parentheses", decl + "mbedtls_x509_crt_parse(&c, ca, sizeof ca);", "ca", Sizeof, "sizeof ca", "mbedtls_x509_crt_parse", nil},
		{"strlen+1", decl + "mbedtls_x509_crt_parse(&c, (const uint8_t *)ca, strlen((const char *)ca) + 1);", "ca", StrlenPlus1, "strlen((const char *)ca) + 1", "mbedtls_x509_crt_parse", nil},
		{"sizeof-1", decl + "mbedtls_x509_crt_parse(&c, ca, sizeof(ca) - 1);", "ca", SizeofMinus1, "sizeof(ca) - 1", "mbedtls_x509_crt_parse", nil},
		{"a number", decl + "mbedtls_x509_crt_parse(&c, ca, 29);", "ca", Fixed(29), "29", "mbedtls_x509_crt_parse", nil},
		{"a #define", "#define CA_LEN 10\n" + decl + "mbedtls_x509_crt_parse(&c, ca, CA_LEN);", "ca", Fixed(10), "CA_LEN", "mbedtls_x509_crt_parse", nil},
		{"a _len variable", "const uint8_t ca_der[] = {0x30, 0x82, 0, 2, 5, 0};\nunsigned int ca_der_len = 6;\nvoid f(void) { mbedtls_x509_crt_parse_der(&c, ca_der, ca_der_len); }",
			"ca_der", Fixed(6), "ca_der_len", "mbedtls_x509_crt_parse_der", nil},
		{"a #define of sizeof", "#define CA_LEN (sizeof(ca))\n" + decl + "mbedtls_x509_crt_parse(&c, ca, CA_LEN);", "ca", Sizeof, "CA_LEN", "mbedtls_x509_crt_parse", nil},
		{"a variable holding sizeof", decl + "static const size_t ca_len = sizeof(ca);\nmbedtls_x509_crt_parse(&c, ca, ca_len);", "ca", Sizeof, "ca_len", "mbedtls_x509_crt_parse", nil},
		{"sizeof a pointer", ptr + "mbedtls_x509_crt_parse(&c, (const unsigned char *)ca, sizeof(ca));", "ca", Sizeof, "sizeof(ca)", "mbedtls_x509_crt_parse", []string{"c.sizeof-pointer"}},
		{"sizeof another object", decl + "const char other[] = \"xy\";\nmbedtls_x509_crt_parse(&c, ca, sizeof(other));", "ca", Fixed(3), "sizeof(other)", "mbedtls_x509_crt_parse", []string{"c.length-of-other-object"}},
		{"setCACert", ptr + "void setup() { client.setCACert(ca); }", "ca", StrlenPlus1, "strlen(ca) + 1", "setCACert", nil},
		{"transport adds one", decl + "esp_transport_ssl_set_cert_data(t, ca, strlen(ca));", "ca", StrlenPlus1, "strlen(ca)", "esp_transport_ssl_set_cert_data", nil},
		{"esp_tls_cfg_t fields", decl + "esp_tls_cfg_t cfg = {\n .cacert_pem_buf = (const unsigned char *)ca,\n .cacert_pem_bytes = strlen(ca) + 1,\n};", "ca", StrlenPlus1, "strlen(ca) + 1", ".cacert_pem_bytes", nil},
		{"esp_tls_cfg_t assignments", decl + "void f(void) { esp_tls_cfg_t cfg = {0};\n cfg.cacert_pem_buf = (const unsigned char *)ca;\n cfg.cacert_pem_bytes = strlen(ca);\n}", "ca", Strlen, "strlen(ca)", ".cacert_pem_bytes", nil},
		{"cert_pem without a length", decl + "esp_http_client_config_t config = {\n .url = URL,\n .cert_pem = ca,\n};", "ca", StrlenPlus1, "strlen(ca) + 1", ".cert_pem", nil},
		{"a macro passed directly", "#define ROOT_CA \"" + begin + "\\n\"\nmbedtls_x509_crt_parse(&c, (const unsigned char *)ROOT_CA, sizeof(ROOT_CA));", "ROOT_CA", Sizeof, "sizeof(ROOT_CA)", "mbedtls_x509_crt_parse", nil},
		{"a literal in the call", "mbedtls_x509_crt_parse(&c, (const unsigned char *)\"" + begin + "\", 27);", "", Fixed(27), "27", "mbedtls_x509_crt_parse", nil},
		{"an expression tlsdoctor does not evaluate", decl + "mbedtls_x509_crt_parse(&c, ca, end - start);", "ca", 0, "end - start", "mbedtls_x509_crt_parse", nil},
		{"String length", "String ca = \"" + begin + "\";\nmbedtls_x509_crt_parse(&c, (const unsigned char *)ca.c_str(), ca.length() + 1);", "ca", StrlenPlus1, "ca.length() + 1", "mbedtls_x509_crt_parse", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := mustRead(t, []byte(tt.src), Options{Name: "x.c"})
			it := item(t, in, tt.item)
			l := it.Length
			if l.Mode != tt.want || l.Expr != tt.expr || l.Call != tt.call || l.Pos.Line < 1 {
				t.Errorf("Length = %+v, want %s %q %s", l, tt.want, tt.expr, tt.call)
			}
			if got := findingIDs(in); strings.Join(got, ",") != strings.Join(tt.findings, ",") {
				t.Errorf("findings %v, want %v", got, tt.findings)
			}
			if tt.want != 0 && PlausibleModes(it)[0] != tt.want {
				t.Errorf("PlausibleModes %v does not lead with %s", PlausibleModes(it), tt.want)
			}
		})
	}
}

// TestCFindings checks each C reading finding at its exact place.
func TestCFindings(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		id        string
		line, col int
		item      string
		want      string // the item's bytes, when it matters
	}{
		{"unterminated literal", "const char ca[] = \"" + begin + "\\n\n\"MIIB\";", "c.unterminated-literal", 1, 19, "ca", begin + "\nMIIB"},
		{"unterminated raw string", "const char *ca = R\"EOF(" + begin + "\n)EO\";", "c.unterminated-literal", 1, 18, "ca", ""},
		{"unknown escape", "const char ca[] = \"" + begin + "\\d\";", "c.unknown-escape", 1, 47, "ca", begin + "d"},
		{"hex escape swallowing digits", "const char ca[] = \"" + begin + "\\x3082\";", "c.escape-out-of-range", 1, 47, "ca", begin + "\x82"},
		{"octal escape out of range", "const char ca[] = \"" + begin + "\\777\";", "c.escape-out-of-range", 1, 47, "ca", begin + "\xff"},
		{"\\x without digits", "const char ca[] = \"" + begin + "\\xg\";", "c.unknown-escape", 1, 47, "ca", begin + "g"},
		{"bad raw delimiter", "const char *ca = R\"a b(" + begin + ")a b\";", "c.bad-raw-delimiter", 1, 18, "", ""},
		{"splice with blanks", "#define CA \\ \n\"" + begin + "\"\n", "c.splice-whitespace", 1, 12, "CA", begin},
		{"array too small", "char ca[4] = \"" + begin + "\";", "c.array-size-too-small", 1, 14, "ca", begin},
		{"no room for the NUL", "char ca[2] = \"ab\"; mbedtls_x509_crt_parse(&c, ca, sizeof ca);", "c.string-no-room-for-nul", 1, 14, "ca", "ab"},
		{"array with too many elements", "const uint8_t ca_der[2] = {0x30, 0x82, 0x01};", "c.array-size-too-small", 1, 27, "ca_der", "\x30\x82\x01"},
		{"element out of range", "const uint8_t ca_der[] = {0x30, 0x182, 0x01};", "c.array-element-out-of-range", 1, 33, "ca_der", "\x30\x82\x01"},
		{"element not understood", "const uint8_t ca_der[] = {0x30, b, 0x01};\nconst char *ca = \"" + begin + "\";", "c.array-element-not-understood", 1, 33, "", ""},
		{"size not understood", "const uint8_t ca_der[sizeof(x)] = {0x30, 0x82, 0x01};", "c.array-size-unknown", 1, 22, "ca_der", "\x30\x82\x01"},
		{"wide literal", "const wchar_t ca[] = L\"" + begin + "\";", "c.wide-literal", 1, 22, "ca", ""},
		{"define continuation missing", "#define CA \"" + begin + "\\n\"\n\"MIIB\\n\"\n", "c.define-continuation-missing", 1, 43, "CA", begin + "\n"},
		{"unterminated comment", "const char ca[] = \"" + begin + "\"; /* oops\nconst char x[] = \"y\";", "c.unterminated-comment", 1, 50, "ca", begin},
		{"embedded file", "extern const uint8_t ca_start[] asm(\"_binary_ca_pem_start\");\nconst char *root_ca = \"" + begin + "\";", "c.embedded-file", 1, 37, "root_ca", begin},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := mustRead(t, []byte(tt.src), Options{Name: "x.cpp"})
			var found bool
			for _, f := range in.Findings {
				if f.ID != tt.id {
					continue
				}
				found = true
				p := f.Evidence[0].Pos
				if p.Line != tt.line || p.Col != tt.col {
					t.Errorf("%s at line %d col %d, want line %d col %d", tt.id, p.Line, p.Col, tt.line, tt.col)
				}
				if f.Message == "" || f.Fix == "" || f.Citation == "" || f.Evidence[0].Context == "" {
					t.Errorf("%s lacks message, fix, citation or context: %+v", tt.id, f)
				}
			}
			if !found {
				t.Fatalf("findings %v, want %s", findingIDs(in), tt.id)
			}
			if tt.want != "" {
				if got := string(item(t, in, tt.item).Bytes); got != tt.want {
					t.Errorf("bytes %q, want %q", got, tt.want)
				}
			}
		})
	}
}

// TestCFormFilter: a forced C form reads only that kind.
func TestCFormFilter(t *testing.T) {
	src := "const char ca[] = \"" + begin + "\";\nconst uint8_t ca_der[] = {0x30, 0x82, 0x01, 0x0a};\n"
	in := mustRead(t, []byte(src), Options{Form: FormCArray})
	if len(in.Items) != 1 || in.Items[0].Name != "ca_der" || in.Form != FormCArray {
		t.Errorf("c-array: items %d form %s", len(in.Items), in.Form)
	}
	in = mustRead(t, []byte(src), Options{Form: FormCString})
	if len(in.Items) != 1 || in.Items[0].Name != "ca" || in.Form != FormCString {
		t.Errorf("c-string: items %d form %s", len(in.Items), in.Form)
	}
	in = mustRead(t, []byte(src), Options{Name: "x.h"})
	if len(in.Items) != 2 || in.Form != FormCString {
		t.Errorf("both: items %d form %s", len(in.Items), in.Form)
	}
	// The input's form is its first item's.
	in = mustRead(t, []byte("const uint8_t ca_der[] = {0x30, 0x82, 0x01, 0x0a};\nconst char ca[] = \""+begin+"\";\n"), Options{Name: "x.h"})
	if in.Form != FormCArray {
		t.Errorf("array first: form %s", in.Form)
	}
}

// TestCReadErrorFindings: when nothing is readable, the error carries the
// findings that explain why.
func TestCReadErrorFindings(t *testing.T) {
	_, err := Read([]byte("const uint8_t ca_der[] = {0x30, x, 0x01};\n"), Options{Name: "x.c"})
	var re *ReadError
	if !errors.As(err, &re) || len(re.Findings) != 1 || re.Findings[0].ID != "c.array-element-not-understood" {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(err.Error(), "x in the initialiser of ca_der") {
		t.Errorf("Error() = %q", err.Error())
	}
}

// TestCSplitName checks the name rule.
func TestCNameLike(t *testing.T) {
	tests := map[string]bool{
		"root_ca": true, "rootCA": true, "AWS_CERT_CA": true, "caCert": true, "test_root_ca": true,
		"server_cert_pem": true, ".data[0].ca": true, "ca_url": false, "fingerprint": false,
		"certificateArn": false, "ssid": false, "CAfile_path": false, "cacert_len": false, "academy": false,
	}
	for name, want := range tests {
		if got := nameLike(name); got != want {
			t.Errorf("nameLike(%q) = %v, want %v (words %q)", name, got, want, splitName(name))
		}
	}
}
