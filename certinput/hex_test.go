package certinput

import (
	"bytes"
	"strings"
	"testing"
)

// TestHex checks the dump dialects and bare hex.
func TestHex(t *testing.T) {
	want := "\x30\x82\x03\x41"
	tests := []struct {
		name     string
		src      string
		want     string
		findings []string
	}{
		{"xxd -g1", "00000000: 30 82 03 41                                      0..A\n", want, nil},
		{"xxd at an offset", "00001000: 3082 0341  0..A\n", want, nil},
		{"hexdump -C", "00000000  30 82 03 41                                       |0..A|\n00000004\n", want, nil},
		{"hd with 30 in the ASCII column", "00000000  30 82 03 41                                       |30 82|\n", want, nil},
		{"od -tx1", "0000000 30 82 03 41\n0000004\n", want, nil},
		{"od -An -tx1", " 30 82 03 41\n", want, nil},
		{"certutil -encodehex", "0000\t30 82 03 41   0..A\n", want, nil},
		{"plain with blanks", "30 82 03 41", want, nil},
		{"plain groups", "3082 0341\n", want, nil},
		{"xxd -p wrapped", "308\n20341\n", want, nil},
		{"0x list", "0x30, 0x82, 0x3, 0x41,", want, nil},
		{"C escapes", `\x30\x82\x03\x41`, want, nil},
		{"colons", "30:82:03:41", want, nil},
		{"odd group", "30 82 034 41", "\x30\x82\x03\x41", []string{"hex.odd-digit-count"}},
		{"odd total", "3082034", "\x30\x82\x03", []string{"hex.odd-digit-count"}},
		{"invalid character", "30 82 0g 03 41", want, []string{"hex.invalid-character"}},
		{"od -An with a star", " 30 82 03 41\n*\n", want, []string{"hex.repeat-without-address"}},
		{"missing line", "00000000: 3082 0341 3082 0341 3082 0341 3082 0341  ................\n00000020: 3082 0341  0..A\n",
			strings.Repeat(want, 5), []string{"hex.address-gap"}},
		{"star without end", "00000000  30 82 03 41 30 82 03 41  30 82 03 41 30 82 03 41  |................|\n*\n",
			strings.Repeat(want, 4), []string{"hex.address-gap"}},
		{"star expanded", "00000000  30 82 03 41 30 82 03 41  30 82 03 41 30 82 03 41  |................|\n*\n00000030\n",
			strings.Repeat(want, 12), nil},
		{"od -x words", "0000000 8230 4103\n0000004\n", want, []string{"hex.word-order"}},
		{"hexdump words, odd length", "0000000 8230 0003\n0000003\n", "\x30\x82\x03", []string{"hex.word-order"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := mustRead(t, []byte(tt.src), Options{Form: FormHex})
			if got := string(in.Items[0].Bytes); got != tt.want {
				t.Errorf("bytes %q, want %q", got, tt.want)
			}
			if got := findingIDs(in); strings.Join(got, ",") != strings.Join(tt.findings, ",") {
				t.Errorf("findings %v, want %v", got, tt.findings)
			}
		})
	}
}

// TestHexSpans: each byte maps to its two digits.
func TestHexSpans(t *testing.T) {
	src := "0x30, 0x82,\n0x3"
	in := mustRead(t, []byte(src), Options{Form: FormHex})
	it := in.Items[0]
	for i, want := range []string{"30", "82", "3"} {
		if s, e := it.Span(i, i+1); src[s:e] != want {
			t.Errorf("Span(%d) = %q, want %q", i, src[s:e], want)
		}
	}
	if p := it.Pos(2); p.Line != 2 || p.Col != 3 {
		t.Errorf("Pos(2) = %+v", p)
	}
	// A byte split over a line break covers both digits.
	src = "308\n2"
	in = mustRead(t, []byte(src), Options{Form: FormHex})
	if s, e := in.Items[0].Span(1, 2); src[s:e] != "8\n2" {
		t.Errorf("split byte from %q", src[s:e])
	}
	// Repeated lines map to the star.
	src = "00000000  ff ff ff ff ff ff ff ff  ff ff ff ff ff ff ff ff  |................|\n*\n00000020\n"
	in = mustRead(t, []byte(src), Options{Name: "dump.txt"})
	if in.Form != FormHex || !bytes.Equal(in.Items[0].Bytes, bytes.Repeat([]byte{0xff}, 32)) {
		t.Fatalf("form %s bytes %x", in.Form, in.Items[0].Bytes)
	}
	if s, e := in.Items[0].Span(20, 21); src[s:e] != "*" {
		t.Errorf("repeated byte from %q, want *", src[s:e])
	}
}

// TestIntelHex: an Intel HEX image is pointed at tlsdoctor scan.
func TestIntelHex(t *testing.T) {
	src := ":10000000308203413082022900000000000000006D\n:00000001FF\n"
	for _, name := range []string{"fw.hex", "fw.txt"} {
		in := mustRead(t, []byte(src), Options{Name: name})
		if !hasFinding(in, "hex.intel-hex") || in.Form != FormBinary {
			t.Errorf("%s: form %s findings %v", name, in.Form, findingIDs(in))
		}
	}
}

// TestBase64 checks bare base64 and its findings.
func TestBase64(t *testing.T) {
	der := readFile(t, "amazon_root_ca1.der")
	enc := b64(der)
	tests := []struct {
		name     string
		src      string
		want     []byte
		findings []string
	}{
		{"one line", enc, der, nil},
		{"CR LF lines", strings.Join(splitEvery(enc, 64), "\r\n"), der, nil},
		{"no padding", strings.TrimRight(enc, "="), der, nil},
		{"stray character", enc[:10] + "*" + enc[10:], der, []string{"certinput.base64-invalid-character"}},
		{"two joined", "QUJD" + "QQ==" + "QUJD", []byte("ABCA"), []string{"certinput.base64-data-after-padding"}},
		{"one digit left", "QUJDQ", []byte("ABC"), []string{"certinput.base64-incomplete"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := mustRead(t, []byte(tt.src), Options{Form: FormBase64})
			if !bytes.Equal(in.Items[0].Bytes, tt.want) {
				t.Errorf("bytes %x..., want %x...", head(in.Items[0].Bytes), head(tt.want))
			}
			if got := findingIDs(in); strings.Join(got, ",") != strings.Join(tt.findings, ",") {
				t.Errorf("findings %v, want %v", got, tt.findings)
			}
		})
	}
	// Provenance through line breaks: byte 48 starts line 2.
	src := strings.Join(splitEvery(enc, 64), "\n")
	in := mustRead(t, []byte(src), Options{Form: FormBase64})
	if p := in.Items[0].Pos(48); p.Line != 2 || p.Col != 1 {
		t.Errorf("Pos(48) = %+v, want line 2 col 1", p)
	}
	if s, e := in.Items[0].Span(47, 48); src[s:e] != enc[62:64] {
		t.Errorf("Span(47) = %q, want %q", src[s:e], enc[62:64])
	}
}

func splitEvery(s string, n int) []string {
	var out []string
	for len(s) > n {
		out = append(out, s[:n])
		s = s[n:]
	}
	return append(out, s)
}
