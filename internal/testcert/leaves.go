package testcert

import (
	"bytes"
	"fmt"
	"sync"
)

// Leaves are made from four templates among the base certificates, shaped
// like what a Web PKI client parses most: Let's Encrypt-style RSA and ECDSA
// server certificates (SAN with several names, AKI/SKI, key usage, EKU,
// policies with a CPS, AIA, SCTs) and the intermediates above them. Each
// copy gets its own serial, subject key identifier, names, dates and (RSA)
// modulus by overwriting bytes in place, so lengths and structure stay
// valid; the signatures no longer verify, which parsing never checks.

// leafCycle is the mix: four server certificates for each intermediate.
var leafCycle = []string{
	"rsa2048-sha256-leaf-r3like", "p256-sha384-leaf-e1like", "rsa2048-sha256-leaf-r3like", "p256-sha384-leaf-e1like",
	"rsa2048-sha256-leaf-r3like", "p256-sha384-leaf-e1like", "rsa2048-sha256-leaf-r3like", "p256-sha384-leaf-e1like",
	"rsa2048-sha256-int-r3like", "p384-sha384-int-e1like",
}

// leafTemplate is a template certificate and where its variable bytes are.
type leafTemplate struct {
	der       []byte
	serial    [2]int // content offset and length
	ski       [2]int
	markers   []int // offsets of "000000" inside names
	notBefore int   // content offsets of the UTCTime values
	notAfter  int
	modulus   int // offset of 8 bytes inside the RSA modulus, -1 for EC
}

var leafTemplates = sync.OnceValue(func() map[string]*leafTemplate {
	out := map[string]*leafTemplate{}
	for _, name := range leafCycle {
		if out[name] != nil {
			continue
		}
		der, err := Cert(name)
		if err != nil {
			panic(err)
		}
		lt, err := newLeafTemplate(der)
		if err != nil {
			panic(fmt.Sprintf("testcert: leaf template %s: %v", name, err))
		}
		out[name] = lt
	}
	return out
})

func newLeafTemplate(der []byte) (*leafTemplate, error) {
	t, err := parseDER(der)
	if err != nil {
		return nil, err
	}
	lt := &leafTemplate{der: der, modulus: -1}
	span := func(path string) ([2]int, error) {
		n := t.find(path)
		if n == nil {
			return [2]int{}, fmt.Errorf("no %s", path)
		}
		return [2]int{n.contentStart(), n.end - n.contentStart()}, nil
	}
	if lt.serial, err = span("tbs.serial"); err != nil {
		return nil, err
	}
	if lt.ski, err = span("tbs.ext.list.ski.value.octets0"); err != nil {
		return nil, err
	}
	nb, na := t.find("tbs.validity.notBefore"), t.find("tbs.validity.notAfter")
	if nb == nil || na == nil || nb.tag != 0x17 || na.tag != 0x17 {
		return nil, fmt.Errorf("validity is not two UTCTimes")
	}
	lt.notBefore, lt.notAfter = nb.contentStart(), na.contentStart()
	if n := t.find("tbs.spki.key.rsakey.n"); n != nil {
		lt.modulus = n.contentStart() + (n.end-n.contentStart())/2
	}
	for _, n := range t.nodes {
		switch n.tag {
		case 0x0C, 0x13, 0x16, 0x82: // name strings and dNSNames
		default:
			continue
		}
		c := t.content(n)
		for i := 0; ; {
			j := bytes.Index(c[i:], []byte("000000"))
			if j < 0 {
				break
			}
			lt.markers = append(lt.markers, n.contentStart()+i+j)
			i += j + 6
		}
	}
	if len(lt.markers) == 0 {
		return nil, fmt.Errorf("no 000000 markers in the names")
	}
	return lt, nil
}

// splitmix64 spreads an index into well-mixed bits (a fixed function, so the
// output is the same everywhere).
func splitmix64(x uint64) uint64 {
	x += 0x9E3779B97F4A7C15
	x = (x ^ x>>30) * 0xBF58476D1CE4E5B9
	x = (x ^ x>>27) * 0x94D049BB133111EB
	return x ^ x>>31
}

// Leaves returns n realistic DER certificates for benchmarks: RSA-2048 and
// P-256 server certificates and RSA-2048 and P-384 intermediates, four
// leaves to one intermediate, with distinct serials, names and key
// identifiers. Their signatures do not verify. The result is the same on
// every call; the certificates share one backing array (each slice has its
// capacity capped, so appending to one cannot overwrite another).
func Leaves(n int) [][]byte {
	if n <= 0 {
		return nil
	}
	tpls := leafTemplates()
	total := 0
	for i := 0; i < n; i++ {
		total += len(tpls[leafCycle[i%len(leafCycle)]].der)
	}
	buf := make([]byte, total)
	out := make([][]byte, n)
	off := 0
	const digits = "0123456789abcdefghijklmnopqrstuvwxyz"
	for i := 0; i < n; i++ {
		lt := tpls[leafCycle[i%len(leafCycle)]]
		c := buf[off : off+len(lt.der) : off+len(lt.der)]
		off += len(lt.der)
		copy(c, lt.der)
		u := uint64(i)
		// Serial: keep the first byte (positive, non-zero), mix the rest.
		s := c[lt.serial[0]+1 : lt.serial[0]+lt.serial[1]]
		for j := range s {
			if j%8 == 0 {
				u = splitmix64(u ^ uint64(i)<<20)
			}
			s[j] = byte(u >> (8 * (j % 8)))
		}
		ski := c[lt.ski[0] : lt.ski[0]+lt.ski[1]]
		for j := range ski {
			if j%8 == 0 {
				u = splitmix64(u)
			}
			ski[j] = byte(u >> (8 * (j % 8)))
		}
		// Names: i in base 36, six digits, in every marker.
		var name [6]byte
		v := i
		for j := 5; j >= 0; j-- {
			name[j] = digits[v%36]
			v /= 36
		}
		for _, m := range lt.markers {
			copy(c[m:m+6], name[:])
		}
		// Dates: YYMMDDhhmmssZ; move day (1..28) and hour, keeping both
		// valid and notBefore before notAfter (different years).
		day, hour := 1+i%28, (i/28)%24
		for _, d := range []int{lt.notBefore, lt.notAfter} {
			c[d+4], c[d+5] = byte('0'+day/10), byte('0'+day%10)
			c[d+6], c[d+7] = byte('0'+hour/10), byte('0'+hour%10)
		}
		if lt.modulus >= 0 {
			u = splitmix64(u)
			for j := 0; j < 8; j++ {
				c[lt.modulus+j] = byte(u >> (8 * j))
			}
		}
		out[i] = c
	}
	return out
}
