package certinput

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// mustRead reads src and fails the test on error.
func mustRead(t testing.TB, src []byte, opt Options) *Input {
	t.Helper()
	in, err := Read(src, opt)
	if err != nil {
		t.Fatalf("Read(%q): %v", opt.Name, err)
	}
	checkInvariants(t, in)
	return in
}

// item returns the item called name.
func item(t testing.TB, in *Input, name string) *Item {
	t.Helper()
	var names []string
	for _, it := range in.Items {
		if it.Name == name {
			return it
		}
		names = append(names, it.Name)
	}
	t.Fatalf("no item %q; items: %q", name, names)
	return nil
}

// findingIDs lists the IDs of in's findings.
func findingIDs(in *Input) []string {
	var ids []string
	for _, f := range in.Findings {
		ids = append(ids, f.ID)
	}
	return ids
}

func hasFinding(in *Input, id string) bool {
	for _, f := range in.Findings {
		if f.ID == id {
			return true
		}
	}
	return false
}

// checkInvariants holds for any input: every byte's position and span lie
// within Data, positions are well-formed, and every buffer stays in bounds.
func checkInvariants(t testing.TB, in *Input) {
	t.Helper()
	n := int64(len(in.Data))
	for _, it := range in.Items {
		if it.in != in {
			t.Fatalf("item %q belongs to another input", it.Name)
		}
		if got := it.prov.bytes(); got != len(it.Bytes) {
			t.Fatalf("item %q: provenance covers %d bytes, Bytes has %d", it.Name, got, len(it.Bytes))
		}
		step := max(1, len(it.Bytes)/256)
		for i := -1; i <= len(it.Bytes); i += step {
			p := it.Pos(i)
			if p.Offset < 0 || p.Offset > n || p.Line < 1 || p.Col < 1 {
				t.Fatalf("item %q: Pos(%d) = %+v outside %d bytes", it.Name, i, p, n)
			}
			s, e := it.Span(i, i+1)
			if s < 0 || e > n || s > e {
				t.Fatalf("item %q: Span(%d) = %d, %d outside %d bytes", it.Name, i, s, e, n)
			}
		}
		if it.Extent.Start < 0 || it.Extent.End > n || it.Extent.Start > it.Extent.End {
			t.Fatalf("item %q: extent %+v outside %d bytes", it.Name, it.Extent, n)
		}
		obj := len(it.object())
		for _, m := range append(PlausibleModes(it), Sizeof, Strlen, StrlenPlus1, SizeofMinus1, AsIs, AsIsPlusNUL, Fixed(0), Fixed(obj), Fixed(obj+1)) {
			b, err := it.Buffer(m)
			if err != nil {
				var be *BufferError
				if !errors.As(err, &be) {
					t.Fatalf("item %q: Buffer(%s) error %v is not a *BufferError", it.Name, m, err)
				}
				continue
			}
			if len(b) > max(obj, len(it.Bytes))+1 {
				t.Fatalf("item %q: Buffer(%s) has %d bytes, object %d", it.Name, m, len(b), obj)
			}
		}
	}
	for _, f := range in.Findings {
		if _, ok := findingKinds()[f.ID]; !ok {
			t.Fatalf("unregistered finding %s", f.ID)
		}
		for _, ev := range f.Evidence {
			if ev.Pos.Offset < 0 || ev.Pos.Offset > n || ev.Pos.Line < 1 {
				t.Fatalf("finding %s: evidence at %+v outside %d bytes", f.ID, ev.Pos, n)
			}
		}
	}
}

// TestFixtures reads each realistic fixture and checks the form, the items
// and their exact bytes.
func TestFixtures(t *testing.T) {
	amazonDER := readFile(t, "amazon_root_ca1.der")
	amazonPEM := readFile(t, "amazon_root_ca1.pem")
	isrgDER := readFile(t, "isrg_root_x1.der")
	devPEM := readFile(t, "aws_iot_device.pem.crt")
	isrgPEM := pemOf(t, isrgDER)
	tests := []struct {
		file     string
		form     Form
		item     string
		want     []byte
		modes    []LengthMode
		findings []string
	}{
		{"amazon_root_ca1.pem", FormPEM, "", amazonPEM, []LengthMode{AsIs, AsIsPlusNUL}, nil},
		{"amazon_root_ca1.der", FormDER, "", amazonDER, []LengthMode{AsIs}, nil},
		{"aws_iot_device.pem.crt", FormPEM, "", devPEM, []LengthMode{AsIs, AsIsPlusNUL}, nil},
		{"amazon_root_ca1.b64", FormBase64, "", amazonDER, []LengthMode{AsIs}, nil},
		{"amazon_root_ca1.xxd.txt", FormHex, "", amazonDER, []LengthMode{AsIs}, nil},
		{"amazon_root_ca1.xxd-p.txt", FormHex, "", amazonDER, []LengthMode{AsIs}, nil},
		{"amazon_root_ca1.hexdump.txt", FormHex, "", amazonDER, []LengthMode{AsIs}, nil},
		{"amazon_root_ca1.hexdump-words.txt", FormHex, "", amazonDER, []LengthMode{AsIs}, []string{"hex.word-order"}},
		{"amazon_root_ca1.od.txt", FormHex, "", amazonDER, []LengthMode{AsIs}, nil},
		{"amazon_root_ca1.od-An.txt", FormHex, "", amazonDER, []LengthMode{AsIs}, nil},
		{"flash_slot.bin", FormBinary, "", readFile(t, "flash_slot.bin"), []LengthMode{AsIs, AsIsPlusNUL}, nil},
		{"flash_slot.hexdump.txt", FormHex, "", readFile(t, "flash_slot.bin"), []LengthMode{AsIs, AsIsPlusNUL}, nil},
		{"putty_cr_paste.txt", FormPEM, "", readFile(t, "putty_cr_paste.txt"), []LengthMode{AsIs, AsIsPlusNUL}, nil},
		{"aws_root_ca_pem.h", FormCString, "aws_root_ca_pem", amazonPEM, []LengthMode{Sizeof, Strlen, StrlenPlus1}, nil},
		{"wificlientsecure.ino", FormCString, "test_root_ca", append([]byte("\n"), isrgPEM...), []LengthMode{StrlenPlus1, Strlen}, nil},
		{"isrg_root_x1_der.h", FormCArray, "isrg_root_x1_der", isrgDER, []LengthMode{Sizeof}, nil},
		{"aws_iot_create_keys.json", FormJSON, ".certificatePem", devPEM, []LengthMode{AsIs, AsIsPlusNUL}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			in := mustRead(t, readFile(t, tt.file), Options{Name: filepath.Join("testdata", tt.file)})
			if in.Form != tt.form {
				t.Errorf("form = %s, want %s", in.Form, tt.form)
			}
			it := item(t, in, tt.item)
			if !bytes.Equal(it.Bytes, tt.want) {
				t.Errorf("bytes differ: got %d bytes %q..., want %d bytes %q...", len(it.Bytes), head(it.Bytes), len(tt.want), head(tt.want))
			}
			if got := PlausibleModes(it); !equalModes(got, tt.modes) {
				t.Errorf("PlausibleModes = %v, want %v", got, tt.modes)
			}
			if got := findingIDs(in); strings.Join(got, ",") != strings.Join(tt.findings, ",") {
				t.Errorf("findings = %v, want %v", got, tt.findings)
			}
		})
	}
}

func head(b []byte) []byte { return b[:min(len(b), 24)] }

func equalModes(a, b []LengthMode) bool {
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

// pemOf wraps DER as openssl prints it.
func pemOf(t testing.TB, der []byte) []byte {
	t.Helper()
	var sb strings.Builder
	sb.WriteString("-----BEGIN CERTIFICATE-----\n")
	s := b64(der)
	for len(s) > 64 {
		sb.WriteString(s[:64] + "\n")
		s = s[64:]
	}
	sb.WriteString(s + "\n-----END CERTIFICATE-----\n")
	return []byte(sb.String())
}

func b64(b []byte) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	var sb strings.Builder
	for i := 0; i < len(b); i += 3 {
		var v uint32
		n := min(3, len(b)-i)
		for k := 0; k < 3; k++ {
			v <<= 8
			if k < n {
				v |= uint32(b[i+k])
			}
		}
		for k := 0; k < 4; k++ {
			if k <= n {
				sb.WriteByte(alphabet[v>>(18-6*k)&63])
			} else {
				sb.WriteByte('=')
			}
		}
	}
	return sb.String()
}

// TestFixtureLengths checks the length each fixture's source shows.
func TestFixtureLengths(t *testing.T) {
	tests := []struct {
		file, item string
		want       LengthMode
		call, expr string
		line       int
	}{
		{"aws_root_ca_pem.h", "aws_root_ca_pem", Sizeof, ".cacert_pem_bytes", "sizeof(aws_root_ca_pem)", 37},
		{"wificlientsecure.ino", "test_root_ca", StrlenPlus1, "setCACert", "strlen(test_root_ca) + 1", 59},
	}
	for _, tt := range tests {
		in := mustRead(t, readFile(t, tt.file), Options{Name: tt.file})
		it := item(t, in, tt.item)
		if it.Length.Mode != tt.want || it.Length.Call != tt.call || it.Length.Expr != tt.expr || it.Length.Pos.Line != tt.line {
			t.Errorf("%s: Length = %+v, want %s %s %q at line %d", tt.file, it.Length, tt.want, tt.call, tt.expr, tt.line)
		}
	}
}

// TestFixturePositions checks where particular bytes came from.
func TestFixturePositions(t *testing.T) {
	tests := []struct {
		file, item string
		i          int
		line, col  int
	}{
		// The first byte of the header's literal, after the opening quote.
		{"aws_root_ca_pem.h", "aws_root_ca_pem", 0, 12, 40},
		// The LF after the BEGIN line is the \n escape: its backslash.
		{"aws_root_ca_pem.h", "aws_root_ca_pem", 27, 12, 67},
		// The second line's first byte.
		{"aws_root_ca_pem.h", "aws_root_ca_pem", 28, 13, 6},
		// The raw string starts with the newline after R"EOF(.
		{"wificlientsecure.ino", "test_root_ca", 0, 13, 42},
		{"wificlientsecure.ino", "test_root_ca", 1, 14, 1},
		// xxd: "00000000: 3082 0341": byte 2 is "03" at column 16.
		{"amazon_root_ca1.xxd.txt", "", 0, 1, 11},
		{"amazon_root_ca1.xxd.txt", "", 2, 1, 16},
		{"amazon_root_ca1.xxd.txt", "", 16, 2, 11},
		// hexdump -C: byte 8 follows the extra blank in the middle.
		{"amazon_root_ca1.hexdump.txt", "", 8, 1, 36},
		// hexdump words: "8230" holds byte 0 (30) in its last two digits.
		{"amazon_root_ca1.hexdump-words.txt", "", 0, 1, 11},
		{"amazon_root_ca1.hexdump-words.txt", "", 1, 1, 9},
		// The array element 0x6b is the 4th on the first data line.
		{"isrg_root_x1_der.h", "isrg_root_x1_der", 3, 2, 21},
		// A CR-only paste: the second line starts after the first CR.
		{"putty_cr_paste.txt", "", 28, 2, 1},
		// JSON: the \n after the BEGIN line points at its backslash.
		{"aws_iot_create_keys.json", ".certificatePem", 27, 4, 51},
	}
	for _, tt := range tests {
		in := mustRead(t, readFile(t, tt.file), Options{Name: tt.file})
		it := item(t, in, tt.item)
		p := it.Pos(tt.i)
		if p.Line != tt.line || p.Col != tt.col {
			t.Errorf("%s %s: Pos(%d) = line %d col %d, want line %d col %d", tt.file, tt.item, tt.i, p.Line, p.Col, tt.line, tt.col)
		}
	}
}

// TestPaste: stdin text is a paste, kept byte for byte.
func TestPaste(t *testing.T) {
	data := readFile(t, "putty_cr_paste.txt")
	for _, name := range []string{"", "-"} {
		in := mustRead(t, data, Options{Name: name})
		if in.Form != FormPaste || in.Source != "stdin" {
			t.Errorf("name %q: form %s source %q, want paste from stdin", name, in.Form, in.Source)
		}
		if !bytes.Equal(in.Items[0].Bytes, data) {
			t.Errorf("paste not kept byte for byte")
		}
	}
	in := mustRead(t, readFile(t, "amazon_root_ca1.pem"), Options{Form: FormPaste, Name: "x.pem"})
	if in.Form != FormPaste || in.Items[0].Form != FormPaste {
		t.Errorf("forced paste: got %s", in.Form)
	}
}

// TestDataNeverModified: reading never writes into the caller's bytes, and
// buffers built from them cannot grow into them.
func TestDataNeverModified(t *testing.T) {
	for _, f := range []string{"amazon_root_ca1.pem", "aws_root_ca_pem.h", "flash_slot.bin", "aws_iot_create_keys.json"} {
		data := readFile(t, f)
		orig := bytes.Clone(data)
		in := mustRead(t, data, Options{Name: f})
		for _, it := range in.Items {
			for _, m := range PlausibleModes(it) {
				b, err := it.Buffer(m)
				if err == nil {
					_ = append(b, 'X')
				}
			}
		}
		if !bytes.Equal(data, orig) {
			t.Errorf("%s: Data was modified", f)
		}
	}
}

// TestReadErrors: nothing readable gives a typed error naming the place.
func TestReadErrors(t *testing.T) {
	tests := []struct {
		name    string
		data    string
		opt     Options
		reason  ReadErrorReason
		line    int
		suggest Form
	}{
		{"empty", "", Options{Name: "ca.pem"}, ReasonEmpty, 1, FormAuto},
		{"bad json", "\n\n  -----BEGIN CERTIFICATE-----\nMIIB\n", Options{Name: "ca.json"}, ReasonSyntax, 3, FormPEM},
		{"json without certificates", `{"a": "b", "n": 1}`, Options{Name: "x.json"}, ReasonNoCertificate, 1, FormAuto},
		{"c without literals", "int main(void) { return 0; }\n", Options{Name: "main.c"}, ReasonNoCertificate, 1, FormAuto},
		{"c with other literals", "int x;\nconst char *url = \"https://example.com\";\n", Options{Name: "x.c"}, ReasonNoCertificate, 2, FormAuto},
		{"c holding a hex dump", "00000000: 3082 0341 3082 0229 a003 0201 0202 1306  0..A0..)........\n", Options{Name: "x.c"}, ReasonNoCertificate, 1, FormHex},
		{"hex forced on text", "hello world\n", Options{Form: FormHex}, ReasonSyntax, 1, FormAuto},
		{"hex forced on PEM", "-----BEGIN CERTIFICATE-----\n", Options{Form: FormHex, Name: "x.pem"}, ReasonSyntax, 1, FormPEM},
		{"base64 forced on symbols", "!!!! ????\n", Options{Form: FormBase64}, ReasonSyntax, 1, FormAuto},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read([]byte(tt.data), tt.opt)
			var re *ReadError
			if !errors.As(err, &re) {
				t.Fatalf("err = %v, want *ReadError", err)
			}
			if re.Reason != tt.reason || re.Pos.Line != tt.line {
				t.Errorf("reason %s line %d, want %s line %d (%v)", re.Reason, re.Pos.Line, tt.reason, tt.line, err)
			}
			if re.Suggest != tt.suggest {
				t.Errorf("suggest %s, want %s (%v)", re.Suggest, tt.suggest, err)
			}
			if re.Error() == "" || strings.HasSuffix(re.Error(), ".") {
				t.Errorf("error text %q", re.Error())
			}
		})
	}
}

// TestEmbeddedFileHint: an ESP-IDF source that embeds the PEM points at
// the embedded file.
func TestEmbeddedFileHint(t *testing.T) {
	src := `extern const uint8_t server_root_cert_pem_start[] asm("_binary_server_root_cert_pem_start");
extern const uint8_t server_root_cert_pem_end[]   asm("_binary_server_root_cert_pem_end");
`
	_, err := Read([]byte(src), Options{Name: "main.c"})
	var re *ReadError
	if !errors.As(err, &re) || !strings.Contains(re.Hint, "server_root_cert.pem") {
		t.Fatalf("err = %v, want a hint naming server_root_cert.pem", err)
	}
}

// TestPosition checks line counting with LF, CR LF and lone CR.
func TestPosition(t *testing.T) {
	in := &Input{Data: []byte("ab\ncd\r\nef\rgh")}
	tests := []struct {
		off       int64
		line, col int
	}{
		{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {5, 2, 3}, {6, 2, 4}, {7, 3, 1}, {9, 3, 3}, {10, 4, 1}, {12, 4, 3}, {99, 4, 3}, {-5, 1, 1},
	}
	for _, tt := range tests {
		p := in.Position(tt.off)
		if p.Line != tt.line || p.Col != tt.col {
			t.Errorf("Position(%d) = line %d col %d, want line %d col %d", tt.off, p.Line, p.Col, tt.line, tt.col)
		}
	}
	// Across checkpoint chunks.
	big := bytes.Repeat([]byte("0123456789\r"), 3*lineChunk/11+5)
	in = &Input{Data: big}
	off := int64(len(big) - 3)
	if p := in.Position(off); p.Line != len(big)/11 || p.Col != 9 {
		t.Errorf("big: Position(%d) = %+v, want line %d col 9", off, p, len(big)/11)
	}
}

// TestBounded: pathological inputs take little time and memory.
func TestBounded(t *testing.T) {
	long := "const char ca[] = \"-----BEGIN CERTIFICATE-----\\n" + strings.Repeat("A", 10<<20) + "\";\n"
	deepBraces := "const uint8_t ca_der[] = " + strings.Repeat("{", 1<<20) + "0x30" + strings.Repeat("}", 1<<20) + ";\n"
	unclosed := strings.Repeat("{", 1<<20)
	deepJSON := strings.Repeat("[", 1<<20)
	escapes := "const char ca[] = \"" + strings.Repeat("\\x41", 1<<20) + "\";\n"
	star := "00000000  ff ff ff ff ff ff ff ff  ff ff ff ff ff ff ff ff  |................|\n*\nfffffff0\n"
	tests := []struct {
		name string
		data string
		opt  Options
	}{
		{"10 MB literal", long, Options{Name: "ca.h"}},
		{"nested braces", deepBraces, Options{Name: "ca.h"}},
		{"unclosed braces", unclosed, Options{Name: "ca.c"}},
		{"deep JSON", deepJSON, Options{Name: "x.json"}},
		{"a million escapes", escapes, Options{Name: "ca.h"}},
		{"hexdump claiming 4 GiB", star, Options{Name: "dump.txt"}},
		{"stray quotes", strings.Repeat("\"'", 1<<20), Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			in, err := Read([]byte(tt.data), tt.opt)
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
			if err == nil {
				checkInvariants(t, in)
			}
		})
	}
	in := mustRead(t, []byte(long), Options{Name: "ca.h"})
	if n := len(item(t, in, "ca").Bytes); n != 28+10<<20 {
		t.Errorf("10 MB literal: %d bytes", n)
	}
	in = mustRead(t, []byte(star), Options{Name: "dump.txt"})
	if !hasFinding(in, "hex.repeat-too-large") {
		t.Errorf("hexdump claiming 4 GiB: findings %v", findingIDs(in))
	}
}

// TestScanLimit: text decoders stop at maxTextScan and say so.
func TestScanLimit(t *testing.T) {
	defer func(n int) { maxTextScan = n }(maxTextScan)
	maxTextScan = 64
	src := "const char ca[] = \"-----BEGIN CERTIFICATE-----\\n\";\n" + strings.Repeat("// padding\n", 10)
	in := mustRead(t, []byte(src), Options{Name: "ca.h"})
	if !hasFinding(in, "certinput.scan-limit") {
		t.Errorf("findings %v, want certinput.scan-limit", findingIDs(in))
	}
	// Sniffing a large text input reads it as it is.
	in = mustRead(t, []byte(src), Options{Name: "big.txt"})
	if in.Form != FormPEM {
		t.Errorf("large text: form %s, want pem", in.Form)
	}
}

// FuzzRead: any bytes, in any form, under any name: no panic, every
// position within Data, every buffer within bounds.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b, uint8(0), filepath.Base(name))
		}
	}
	f.Add([]byte("const char *a = \"\\x3082\" u8\"\\u00e9\" R\"x()x\" L\"w\";"), uint8(FormCString), "a.c")
	f.Add([]byte("{\"a\":[\"-----BEGIN \\ud800\"]}"), uint8(FormJSON), "a.json")
	f.Add([]byte("00000000  30 82\n*\n00000020\n"), uint8(FormHex), "")
	f.Fuzz(func(t *testing.T, data []byte, form uint8, name string) {
		orig := bytes.Clone(data)
		in, err := Read(data, Options{Form: Form(form % uint8(len(formNames))), Name: name})
		if !bytes.Equal(data, orig) {
			t.Fatal("Data modified")
		}
		if err != nil {
			var re *ReadError
			if !errors.As(err, &re) {
				t.Fatalf("error %v is not a *ReadError", err)
			}
			return
		}
		checkInvariants(t, in)
	})
}

// TestPositionAgainstNaive compares the checkpointed line index with a plain
// count from the start, on inputs of several chunks mixing LF-only chunks
// (the fast path), CR LF, lone CRs and a CR LF split across a chunk edge.
func TestPositionAgainstNaive(t *testing.T) {
	naive := func(data []byte, off int) (line, col int) {
		line, start := 1, 0
		for i := 0; i < off; i++ {
			if data[i] == '\n' || data[i] == '\r' && (i+1 >= len(data) || data[i+1] != '\n') {
				line, start = line+1, i+1
			}
		}
		return line, off - start + 1
	}
	r := rand.New(rand.NewPCG(7, 8))
	for round := 0; round < 20; round++ {
		data := make([]byte, 3*lineChunk+r.IntN(lineChunk))
		for i := range data {
			data[i] = 'a' + byte(r.IntN(26))
			switch k := r.IntN(40); {
			case k == 0:
				data[i] = '\n'
			case k == 1 && round%2 == 1: // CRs only in odd rounds: even ones take the fast path
				data[i] = '\r'
			}
		}
		if round%4 >= 2 { // a CR LF across the first chunk edge (in round 2 the only CR)
			data[lineChunk-1], data[lineChunk] = '\r', '\n'
		}
		in := &Input{Data: data}
		for k := 0; k < 200; k++ {
			off := r.IntN(len(data))
			line, col := naive(data, off)
			if p := in.Position(int64(off)); p.Line != line || p.Col != col {
				t.Fatalf("round %d: Position(%d) = line %d col %d, want line %d col %d", round, off, p.Line, p.Col, line, col)
			}
		}
	}
}
