package certinput

import (
	"strings"
	"testing"
)

// TestJSON checks items, their names (jq paths) and unescaped bytes.
func TestJSON(t *testing.T) {
	der := readFile(t, "amazon_root_ca1.der")
	x5c := b64(der)
	tests := []struct {
		name string
		src  string
		item string
		form Form
		want string
	}{
		{"top-level field", `{"certificatePem": "` + begin + `\nMIIB\n` + end + `\n"}`, ".certificatePem", FormJSON, begin + "\nMIIB\n" + end + "\n"},
		{"nested in an array", `{"data": [{"id": 1, "ca": "` + begin + `\r\n"}]}`, ".data[0].ca", FormJSON, begin + "\r\n"},
		{"key needing quotes", `{"root ca": {"pem-data": "` + begin + `"}}`, `."root ca"."pem-data"`, FormJSON, begin},
		{"escapes", `{"ca": "` + begin + `\/\"\\\b\f\t\u0041\u00e9\ud83d\ude00"}`, ".ca", FormJSON, begin + "/\"\\\b\f\tAé😀"},
		{"top-level array", `["x", "` + begin + `"]`, ".[1]", FormJSON, begin},
		{"array under a named key", `{"rootCAs": ["placeholder"]}`, ".rootCAs[0]", FormJSON, "placeholder"},
		{"top-level string", `"` + begin + `\n"`, ".", FormJSON, begin + "\n"},
		{"base64 DER (x5c)", `{"keys": [{"kty": "RSA", "x5c": ["` + x5c + `"]}]}`, ".keys[0].x5c[0]", FormBase64, string(der)},
		{"base64 with escaped slashes", `{"cert": "` + strings.ReplaceAll(x5c, "/", `\/`) + `"}`, ".cert", FormBase64, string(der)},
		{"named but empty", `{"rootCA": ""}`, ".rootCA", FormJSON, ""},
		{"JSON Lines", "{\"a\": 1}\n{\"ca\": \"" + begin + "\"}\n", ".ca", FormJSON, begin},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := mustRead(t, []byte(tt.src), Options{Name: "x.json"})
			it := item(t, in, tt.item)
			if string(it.Bytes) != tt.want {
				t.Errorf("bytes %q, want %q", head(it.Bytes), head([]byte(tt.want)))
			}
			if it.Form != tt.form || in.Form != FormJSON {
				t.Errorf("item form %s input form %s, want %s json", it.Form, in.Form, tt.form)
			}
		})
	}
}

// TestJSONPositions: each byte maps to its source, an escape to its
// backslash, a base64-decoded byte to its digits.
func TestJSONPositions(t *testing.T) {
	src := "{\n  \"ca\": \"AB\\nC\\u00e9D\"\n}"
	in := mustRead(t, []byte(src), Options{Name: "x.json", Form: FormJSON})
	_ = in
	src2 := "{\"certificatePem\": \"" + begin + "\\n\"}"
	in2 := mustRead(t, []byte(src2), Options{Name: "x.json"})
	it := item(t, in2, ".certificatePem")
	if s, e := it.Span(27, 28); src2[s:e] != `\n` {
		t.Errorf("Span of the \\n escape = %q", src2[s:e])
	}
	if p := it.Pos(0); p.Col != 21 {
		t.Errorf("Pos(0) col %d, want 21", p.Col)
	}
	// Base64: byte i comes from digits 4(i/3)+i%3 and the next.
	der := readFile(t, "amazon_root_ca1.der")
	x5c := b64(der)
	src3 := `{"cert": "` + strings.Replace(x5c, "A", `\u0041`, 1) + `"}`
	in3 := mustRead(t, []byte(src3), Options{Name: "x.json"})
	it3 := item(t, in3, ".cert")
	if string(it3.Bytes) != string(der) {
		t.Fatalf("decoded bytes differ")
	}
	if s, e := it3.Span(0, 1); src3[s:e] != "MI" {
		t.Errorf("byte 0 from %q, want MI", src3[s:e])
	}
	if s, e := it3.Span(2, 3); src3[s:e] != "ID" {
		t.Errorf("byte 2 from %q, want ID", src3[s:e])
	}
	k := strings.Index(x5c, "A")
	i := k / 4 * 3
	if k%4 > 0 {
		i += k%4 - 1
	}
	if s, e := it3.Span(i, i+1); !strings.Contains(src3[s:e], `\u0041`) {
		t.Errorf("byte %d (from the escaped A) came from %q", i, src3[s:e])
	}
}

// TestJSONFindings checks JSON reading findings at their place.
func TestJSONFindings(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		id        string
		line, col int
	}{
		{"raw newline", "{\"ca\": \"" + begin + "\nMIIB\"}", "json.control-character", 1, 36},
		{"invalid escape", "{\"ca\": \"" + begin + "\\q\"}", "json.invalid-escape", 1, 36},
		{"bad \\u", "{\"ca\": \"" + begin + "\\u12\"}", "json.invalid-escape", 1, 36},
		{"lone surrogate", "{\"ca\": \"" + begin + "\\ud800\"}", "json.lone-surrogate", 1, 36},
		{"syntax error after an item", "{\"ca\": \"" + begin + "\",\n \"x\": tru}", "json.syntax-error", 2, 7},
		{"too deep", "{\"ca\": \"" + begin + "\", \"d\": " + strings.Repeat("[", maxJSONDepth+5) + "}", "json.too-deep", 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := mustRead(t, []byte(tt.src), Options{Name: "x.json"})
			for _, f := range in.Findings {
				if f.ID == tt.id {
					if p := f.Evidence[0].Pos; tt.col > 0 && (p.Line != tt.line || p.Col != tt.col) {
						t.Errorf("%s at line %d col %d, want line %d col %d", tt.id, p.Line, p.Col, tt.line, tt.col)
					}
					return
				}
			}
			t.Errorf("findings %v, want %s", findingIDs(in), tt.id)
		})
	}
}
