package certinput

import (
	"errors"
	"testing"
)

// TestBuffer checks exactly what each length mode hands to the parser.
func TestBuffer(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		opt     Options
		item    string
		mode    LengthMode
		want    string
		wantErr bool
	}{
		{"sizeof a literal array includes the NUL", `char root_ca[] = "ab";`, Options{Name: "x.c"}, "root_ca", Sizeof, "ab\x00", false},
		{"strlen excludes it", `char root_ca[] = "ab";`, Options{Name: "x.c"}, "root_ca", Strlen, "ab", false},
		{"strlen+1 includes it", `char root_ca[] = "ab";`, Options{Name: "x.c"}, "root_ca", StrlenPlus1, "ab\x00", false},
		{"sizeof-1", `char root_ca[] = "ab";`, Options{Name: "x.c"}, "root_ca", SizeofMinus1, "ab", false},
		{"fixed within", `char root_ca[] = "ab";`, Options{Name: "x.c"}, "root_ca", Fixed(2), "ab", false},
		{"fixed beyond the array", `char root_ca[] = "ab";`, Options{Name: "x.c"}, "root_ca", Fixed(4), "", true},
		{"as-is is the characters", `char root_ca[] = "ab";`, Options{Name: "x.c"}, "root_ca", AsIs, "ab", false},
		{"an exact-size array has no NUL", `char root_ca[2] = "ab";`, Options{Name: "x.c"}, "root_ca", Sizeof, "ab", false},
		{"so strlen runs past it", `char root_ca[2] = "ab";`, Options{Name: "x.c"}, "root_ca", Strlen, "", true},
		{"a larger array is zero-filled", `char root_ca[5] = "ab";`, Options{Name: "x.c"}, "root_ca", Sizeof, "ab\x00\x00\x00", false},
		{"a smaller array is cut", `char root_ca[1] = "ab";`, Options{Name: "x.c"}, "root_ca", Sizeof, "a", false},
		{"strlen stops at an embedded NUL", `char root_ca[] = "ab\0cd";`, Options{Name: "x.c"}, "root_ca", Strlen, "ab", false},
		{"sizeof does not", `char root_ca[] = "ab\0cd";`, Options{Name: "x.c"}, "root_ca", Sizeof, "ab\x00cd\x00", false},
		{"sizeof a pointer", `const char *root_ca = "abcdef";`, Options{Name: "x.c"}, "root_ca", Sizeof, "abcd", false},
		{"sizeof a pointer to a short string", `const char *root_ca = "ab";`, Options{Name: "x.c"}, "root_ca", Sizeof, "", true},
		{"strlen of a pointer", `const char *root_ca = "abcdef";`, Options{Name: "x.c"}, "root_ca", Strlen, "abcdef", false},
		{"a u literal's NUL is two bytes", `const char16_t root_ca[] = u"a";`, Options{Name: "x.c"}, "root_ca", Sizeof, "a\x00\x00\x00", false},
		{"a byte array", `uint8_t root_ca[] = {0x30, 0x82};`, Options{Name: "x.c"}, "root_ca", Sizeof, "\x30\x82", false},
		{"strlen of a byte array without NUL", `uint8_t root_ca[] = {0x30, 0x82};`, Options{Name: "x.c"}, "root_ca", Strlen, "", true},
		{"strlen of a byte array with NUL", `uint8_t root_ca[] = {0x30, 0x00, 0x82};`, Options{Name: "x.c"}, "root_ca", StrlenPlus1, "\x30\x00", false},
		{"a PEM file as is", "-----BEGIN X\n", Options{Name: "x.pem"}, "", AsIs, "-----BEGIN X\n", false},
		{"a PEM file loaded with a NUL", "-----BEGIN X\n", Options{Name: "x.pem"}, "", AsIsPlusNUL, "-----BEGIN X\n\x00", false},
		{"strlen of a file assumes the loader ended it", "-----BEGIN X\n", Options{Name: "x.pem"}, "", Strlen, "-----BEGIN X\n", false},
		{"strlen+1 of a file adds the NUL", "-----BEGIN X\n", Options{Name: "x.pem"}, "", StrlenPlus1, "-----BEGIN X\n\x00", false},
		{"strlen of a flash dump stops at its NUL", "-----BEGIN X\n\x00\xff\xff", Options{Name: "x.bin"}, "", Strlen, "-----BEGIN X\n", false},
		{"a fixed length of a flash dump", "-----BEGIN X\n\x00\xff\xff", Options{Name: "x.bin"}, "", Fixed(14), "-----BEGIN X\n\x00", false},
		{"beyond a flash dump", "-----BEGIN X\n\x00\xff\xff", Options{Name: "x.bin"}, "", Fixed(17), "", true},
		{"zero bytes", "-----BEGIN X\n", Options{Name: "x.pem"}, "", Fixed(0), "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := mustRead(t, []byte(tt.src), tt.opt)
			it := item(t, in, tt.item)
			got, err := it.Buffer(tt.mode)
			if tt.wantErr {
				var be *BufferError
				if !errors.As(err, &be) || be.Mode != tt.mode || be.Size != len(it.object()) {
					t.Fatalf("Buffer(%s) = %q, %v; want a *BufferError for mode %s size %d", tt.mode, got, err, tt.mode, len(it.object()))
				}
				return
			}
			if err != nil || string(got) != tt.want {
				t.Errorf("Buffer(%s) = %q, %v; want %q", tt.mode, got, err, tt.want)
			}
		})
	}
}

// TestBufferErrorNamesSize: Fixed(N) beyond the array names its size.
func TestBufferErrorNamesSize(t *testing.T) {
	in := mustRead(t, []byte(`char root_ca[] = "ab";`), Options{Name: "x.c"})
	_, err := in.Items[0].Buffer(Fixed(2048))
	var be *BufferError
	if !errors.As(err, &be) || be.Size != 3 || be.Need != 2048 {
		t.Fatalf("err = %v", err)
	}
	if got, want := err.Error(), "root_ca: length 2048: 2048 bytes asked, but the object holds 3; the parser would read past its end"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

// TestPlausibleModes checks the modes reported by default per form.
func TestPlausibleModes(t *testing.T) {
	tests := []struct {
		name string
		src  string
		opt  Options
		want []LengthMode
	}{
		{"C string array", `const char root_ca[] = "x";`, Options{Name: "x.c"}, []LengthMode{Sizeof, Strlen, StrlenPlus1}},
		{"C string pointer", `const char *root_ca = "x";`, Options{Name: "x.c"}, []LengthMode{Strlen, StrlenPlus1}},
		{"C string with its call", "const char root_ca[] = \"x\";\nmbedtls_x509_crt_parse(&c, root_ca, strlen(root_ca));", Options{Name: "x.c"}, []LengthMode{Strlen, Sizeof, StrlenPlus1}},
		{"C array", `const uint8_t root_ca[] = {1};`, Options{Name: "x.c"}, []LengthMode{Sizeof}},
		{"C array with its _len", "const uint8_t root_ca[] = {1, 2};\nconst unsigned int root_ca_len = 2;\nmbedtls_x509_crt_parse_der(&c, root_ca, root_ca_len);", Options{Name: "x.c"}, []LengthMode{Fixed(2), Sizeof}},
		{"PEM", "-----BEGIN X\n", Options{Name: "x.pem"}, []LengthMode{AsIs, AsIsPlusNUL}},
		{"paste", "-----BEGIN X\r", Options{}, []LengthMode{AsIs, AsIsPlusNUL}},
		{"DER", "\x30\x82\x01\x00", Options{Name: "x.der"}, []LengthMode{AsIs}},
		{"hex of a PEM", "2d 2d 2d 2d 2d 42 45 47 49 4e 20 0a 2d 2d 2d 2d", Options{Form: FormHex}, []LengthMode{AsIs, AsIsPlusNUL}},
	}
	for _, tt := range tests {
		in := mustRead(t, []byte(tt.src), tt.opt)
		if got := PlausibleModes(in.Items[0]); !equalModes(got, tt.want) {
			t.Errorf("%s: PlausibleModes = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestParseLengthMode checks --length values and their round trip.
func TestParseLengthMode(t *testing.T) {
	tests := []struct {
		in   string
		want LengthMode
	}{
		{"sizeof", Sizeof}, {"strlen", Strlen}, {"strlen+1", StrlenPlus1}, {"strlen + 1", StrlenPlus1},
		{"sizeof-1", SizeofMinus1}, {"as-is", AsIs}, {"as-is+nul", AsIsPlusNUL}, {"1188", Fixed(1188)},
		{"0x4a4", Fixed(1188)}, {"0", Fixed(0)}, {"STRLEN", Strlen},
	}
	for _, tt := range tests {
		got, err := ParseLengthMode(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseLengthMode(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
		if back, err := ParseLengthMode(got.String()); err != nil || back != got {
			t.Errorf("round trip of %v: %v, %v", got, back, err)
		}
	}
	for _, bad := range []string{"", "strlen+2", "-1", "sizeof(ca)", "1e3"} {
		if _, err := ParseLengthMode(bad); err == nil {
			t.Errorf("ParseLengthMode(%q) succeeded", bad)
		}
	}
	if n, ok := Fixed(7).Fixed(); !ok || n != 7 {
		t.Errorf("Fixed(7).Fixed() = %d, %v", n, ok)
	}
	if _, ok := Sizeof.Fixed(); ok {
		t.Error("Sizeof.Fixed() ok")
	}
}
