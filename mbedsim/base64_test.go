package mbedsim

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// refDecodeBase64 is the plain model decodeBase64 must agree with: the two
// passes of library/base64.c:mbedtls_base64_decode@2.28.3,3.6.6 written out
// one character at a time, as in the C. The first pass decides validity and
// counts; it reports the offset where the C returns
// MBEDTLS_ERR_BASE64_INVALID_CHARACTER and the counts as they stood then.
// The second pass writes the bytes: 2.28 shifts '=' in as zero bits and
// writes only whole groups of four; 3.6 writes each whole group minus one
// byte per '=' (its caller has already rejected a body that is not whole
// groups, so der is left nil then).
func refDecodeBase64(src []byte, v36 bool) (der []byte, n, equals, bad int) {
	value := func(c byte) int {
		switch {
		case c >= 'A' && c <= 'Z':
			return int(c - 'A')
		case c >= 'a' && c <= 'z':
			return int(c-'a') + 26
		case c >= '0' && c <= '9':
			return int(c-'0') + 52
		case c == '+':
			return 62
		case c == '/':
			return 63
		}
		return -1
	}
	i := 0
	for ; i < len(src); i++ {
		spaces := false
		for i < len(src) && src[i] == ' ' {
			i++
			spaces = true
		}
		if i == len(src) {
			break
		}
		if len(src)-i >= 2 && src[i] == '\r' && src[i+1] == '\n' {
			continue
		}
		if src[i] == '\n' {
			continue
		}
		if spaces {
			return nil, n, equals, i
		}
		if src[i] == '=' {
			if equals++; equals > 2 {
				return nil, n, equals, i
			}
		} else if value(src[i]) < 0 || equals != 0 {
			return nil, n, equals, i
		}
		n++
	}
	if v36 && (n%4 != 0 || (n-equals)%4 == 1) {
		return nil, n, equals, -1
	}
	der = []byte{}
	x, k, eq := 0, 0, 0
	for _, c := range src[:i] {
		if c == '\r' || c == '\n' || c == ' ' {
			continue
		}
		x <<= 6
		if c == '=' {
			eq++
		} else {
			x |= value(c)
		}
		if k++; k == 4 {
			k = 0
			der = append(der, byte(x>>16))
			if eq <= 1 {
				der = append(der, byte(x>>8))
			}
			if eq == 0 {
				der = append(der, byte(x))
			}
		}
	}
	return der, n, equals, -1
}

// checkDecodeBase64 compares decodeBase64 with the model on src, for both
// versions, with each line kernel the processor has and with the scalar
// decoder alone.
func checkDecodeBase64(t *testing.T, src []byte) {
	t.Helper()
	best := useKernel
	defer func() { useKernel = best }()
	for useKernel = kernelNone; useKernel <= best; useKernel++ {
		for _, v36 := range []bool{false, true} {
			der, n, equals, bad := decodeBase64(src, v36)
			wder, wn, wequals, wbad := refDecodeBase64(src, v36)
			if n != wn || equals != wequals || bad != wbad || (wder != nil && !bytes.Equal(der, wder)) {
				t.Fatalf("kernel %d, v36=%v, body %q:\ngot  n=%d equals=%d bad=%d der=%x\nwant n=%d equals=%d bad=%d der=%x",
					useKernel, v36, src, n, equals, bad, der, wn, wequals, wbad, wder)
			}
		}
	}
}

const base64Digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

func randomDigits(r *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = base64Digits[r.IntN(64)]
	}
	return b
}

// wrap breaks s into lines of width characters ending in eol (width 0: one
// line).
func wrap(s []byte, width int, eol string) []byte {
	if width == 0 {
		return append(append([]byte{}, s...), eol...)
	}
	var out []byte
	for i := 0; i < len(s); i += width {
		out = append(out, s[i:min(i+width, len(s))]...)
		out = append(out, eol...)
	}
	return out
}

// TestDecodeBase64Lengths: valid bodies of every length up to 300 digits,
// padded as an encoder would and not, in the line shapes seen in the wild.
func TestDecodeBase64Lengths(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for length := 0; length <= 300; length++ {
		digits := randomDigits(r, length)
		for _, pad := range []string{"", "=", "=="} {
			body := append(append([]byte{}, digits...), pad...)
			for _, width := range []int{0, 4, 5, 63, 64, 65, 76} {
				for _, eol := range []string{"", "\n", "\r\n", " \n", "  \r\n"} {
					checkDecodeBase64(t, wrap(body, width, eol))
				}
			}
		}
	}
}

// TestDecodeBase64Large: bodies around the size where decodeBase64 grows
// its first 64 KiB buffer, valid and with a bad byte near the end.
func TestDecodeBase64Large(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	digits := randomDigits(r, 87400)
	for _, length := range []int{87360, 87380, 87381, 87384, 87388, 87400} {
		body := wrap(digits[:length], 64, "\n")
		checkDecodeBase64(t, body)
		for _, back := range []int{1, 2, 40, 70} {
			b := append([]byte{}, body...)
			b[len(b)-back] = '*'
			checkDecodeBase64(t, b)
		}
	}
}

// TestDecodeBase64EveryByte puts every byte value at every position of a
// two-line body with 64-character lines (every position of a 4-character
// group, of an 8-character lookup, of a 64-character line step, the line
// break itself), and at the positions around the padding.
func TestDecodeBase64EveryByte(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	bodies := [][]byte{
		wrap(randomDigits(r, 160), 64, "\n"),
		wrap(append(randomDigits(r, 130), "=="...), 64, "\r\n"),
		wrap(append(randomDigits(r, 95), '='), 76, "\n"),
	}
	for _, body := range bodies {
		for pos := range body {
			for c := 0; c < 256; c++ {
				b := append([]byte{}, body...)
				b[pos] = byte(c)
				checkDecodeBase64(t, b)
			}
		}
	}
}

// TestDecodeBase64Insertions inserts separators, padding and stray bytes at
// every position of a body: where a space, CR or '=' is accepted depends on
// what follows it.
func TestDecodeBase64Insertions(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	body := wrap(randomDigits(r, 140), 64, "\n")
	inserts := []string{" ", "  ", "\r", "\n", "\r\n", " \n", " \r", "\r\r\n", "=", "==", "===", "=\n=", "= ", "=A", "-", "\x00", "\xff", "\t"}
	for pos := 0; pos <= len(body); pos++ {
		for _, ins := range inserts {
			b := append(append(append([]byte{}, body[:pos]...), ins...), body[pos:]...)
			checkDecodeBase64(t, b)
		}
	}
}

// TestDecodeBase64Random: bodies drawn from a small alphabet of digits and
// of the bytes the rules treat specially.
func TestDecodeBase64Random(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	alphabet := []byte("AZaz09+/=  \r\n\n-\x00\x80")
	for range 20000 {
		b := make([]byte, r.IntN(200))
		for i := range b {
			if r.IntN(8) == 0 {
				b[i] = alphabet[r.IntN(len(alphabet))]
			} else {
				b[i] = base64Digits[r.IntN(64)]
			}
		}
		checkDecodeBase64(t, b)
	}
}

// FuzzDecodeBase64 compares decodeBase64 with the model on any body, as
// given and wrapped in PEM lines. The seeds are the bodies of the
// certificates in testdata/certs.
func FuzzDecodeBase64(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "certs", "*.der"))
	for _, name := range files {
		der, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		p := nul(pemText(der))
		f.Add(p[len(pemHeader)+1 : bytes.Index(p, pemFooter)])
	}
	f.Add([]byte("QQ==\n"))
	f.Add([]byte("QUJD \r\nRA=\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		checkDecodeBase64(t, body)
		// The same bytes as 64-character lines, where the line kernels run.
		checkDecodeBase64(t, wrap(body, 64, "\n"))
	})
}
