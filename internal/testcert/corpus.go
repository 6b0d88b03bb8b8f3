package testcert

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
)

// Case is one input for mbedtls_x509_crt_parse or _parse_der.
type Case struct {
	Name  string // stable, unique, says what it is: "rsa2048-sha256-leaf/pem-nul/crlf"
	Mode  string // "crt": mbedtls_x509_crt_parse(buf, len(buf)); "der": mbedtls_x509_crt_parse_der(buf, len(buf))
	Input []byte
}

// Case names are slash-separated: the base certificate (or "input" for
// inputs made from no certificate, "bundle" for several certificates), the
// form the bytes take, and what was done to them:
//
//	<cert>/der/...            DER, mode der
//	<cert>/der-crt/...        the same DER, mode crt
//	<cert>/pem-nul/...        PEM text with a NUL appended, mode crt
//	<cert>/pem-strlen/...     the same text without the NUL, mode crt
//	<cert>/pem-as-der/...     PEM text, mode der
//	.../mut/<edit>            one field of the certificate edited (see corpus_mut.go)
//	.../tlv/<path>@<offset>/<change>   one TLV header byte changed
//	.../cut/<offset>-...      cut at a structural boundary
//	.../ends-before/<path>@<offset>   the element and what follows it in its top-level field removed
//
// Category (used by the tests and the dump) is the name without the
// certificate and without details: "der/tlv", "pem-nul/crlf".

// Certificates that get every PEM variant and every single-field edit: one
// of each key type, the odd structures, and all three base64 padding lengths.
var fullCerts = map[string]bool{
	"rsa2048-sha256-leaf":                true,
	"p256-sha256-leaf":                   true,
	"rsa4096-sha256-root-isrgx1":         true,
	"p384-sha384-root-isrgx2":            true,
	"rsa2048-sha256-root-digicertg2":     true,
	"rsa8192-sha512-root":                true,
	"p521-sha512-root":                   true,
	"ed25519-root":                       true,
	"bp256-sha256-root":                  true,
	"rsa2048-pss256-int":                 true,
	"rsa1024-md5-root-v1":                true,
	"rsa2048-sha256-leaf-big":            true,
	"p256-sha256-leaf-uid-81":            true,
	"p256-sha384-leaf-e1like":            true,
	"rsa2048-sha256-leaf-crit-unknown":   true,
	"rsa2048-sha256-int-nameconstraints": true,
}

// Certificates whose whole TLV tree is walked (fullCerts: down to the
// fields of TBSCertificate; the others: the Certificate and its three
// fields). Between them they hold every field and extension type the parser
// reads.
var deepCerts = map[string]bool{
	"rsa2048-sha256-leaf":        true,
	"p256-sha384-leaf-e1like":    true,
	"p384-sha384-root-isrgx2":    true,
	"rsa2048-pss256-int":         true,
	"ed25519-root":               true,
	"p256-sha256-leaf-san-mixed": true,
}

// Certificates whose PEM is also cut at every 7th byte.
var every7Certs = map[string]bool{
	"ed25519-root":            true,
	"p256-sha256-leaf":        true,
	"rsa2048-sha256-leaf":     true,
	"p384-sha384-root-isrgx2": true,
	"rsa2048-pss256-int":      true,
}

type builder struct {
	cases []Case
	names map[string]bool
}

func (b *builder) add(name, mode string, in []byte) {
	if b.names[name] {
		panic("testcert: duplicate case name " + name)
	}
	b.names[name] = true
	if in == nil {
		in = []byte{}
	}
	b.cases = append(b.cases, Case{Name: name, Mode: mode, Input: in})
}

// Corpus returns the oracle corpus: every base certificate as DER and PEM,
// and damaged systematically. The result is the same on every call, run and
// machine. Inputs of different cases may share memory; treat them as
// read-only.
func Corpus() []Case {
	b := &builder{names: make(map[string]bool, 50000)}
	b.addInputs()
	for _, c := range loadBases() {
		t, err := parseDER(c.der)
		if err != nil {
			panic(fmt.Sprintf("testcert: base certificate %s: %v", c.Name, err))
		}
		full := fullCerts[c.Name]
		b.addDERShapes(c.Name, c.der)
		b.addPEM(c.Name, c.der, full)
		b.addPEMCuts(c.Name, c.der, every7Certs[c.Name])
		// Depth 0 is the Certificate, 1 its three fields, 2 the fields of
		// TBSCertificate and the AlgorithmIdentifiers.
		derDepth, crtDepth := 1, 1
		switch {
		case deepCerts[c.Name]:
			derDepth, crtDepth = 1<<30, 2
		case full:
			derDepth = 2
		}
		b.addTLV(c.Name, t, derDepth, crtDepth)
		b.addMutations(c.Name, t, full)
	}
	b.addBundles()
	return b.cases
}

// Category is a case name without its certificate and details, for counts:
// "pem-nul/crlf", "der/tlv", "der-crt/cut", "pem-nul/mut", "bundle/position".
func Category(name string) string {
	parts := strings.Split(name, "/")
	if len(parts) < 3 {
		return name
	}
	form, what := parts[1], parts[2]
	switch {
	case parts[0] == "input" || parts[0] == "bundle":
		return parts[0] + "/" + parts[1]
	case strings.HasPrefix(what, "cut-after-line"):
		what = "cut-after-line"
	case strings.HasPrefix(what, "cut-at-") && strings.HasSuffix(what, "+footer"):
		what = "cut-every-7+footer"
	case strings.HasPrefix(what, "cut-at-"):
		what = "cut-every-7"
	}
	return form + "/" + what
}

// addInputs adds inputs made from no certificate: empty, erased flash,
// random bytes (a fixed-seed PCG), minimal and absurd DER headers, a private
// key where a certificate should be.
func (b *builder) addInputs() {
	both := func(name string, in []byte) {
		b.add("input/der/"+name, "der", in)
		b.add("input/crt/"+name, "crt", in)
	}
	both("empty", nil)
	both("byte-00", []byte{0})
	both("byte-30", []byte{0x30})
	both("byte-ff", []byte{0xFF})
	both("nul-nul", []byte{0, 0})
	both("seq-empty", []byte{0x30, 0x00})
	both("seq-indefinite", []byte{0x30, 0x80})
	both("seq-indefinite-eoc", []byte{0x30, 0x80, 0x00, 0x00})
	both("seq-length-4-bytes-huge", []byte{0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF})
	both("seq-length-5-bytes", []byte{0x30, 0x85, 0x00, 0x00, 0x00, 0x00, 0x10})
	both("seq-length-beyond", []byte{0x30, 0x82, 0xFF, 0xF0, 0x30, 0x00})
	both("seq-of-integer", []byte{0x30, 0x03, 0x02, 0x01, 0x00})
	both("seq-of-empty-seq", []byte{0x30, 0x02, 0x30, 0x00})
	both("seq-of-seq-of-empty-seq", []byte{0x30, 0x04, 0x30, 0x02, 0x30, 0x00})
	both("ff-4096", bytes.Repeat([]byte{0xFF}, 4096))
	both("ff-4095-nul", append(bytes.Repeat([]byte{0xFF}, 4095), 0))
	both("zero-4096", make([]byte, 4096))
	both("ff-65536", bytes.Repeat([]byte{0xFF}, 65536))

	// Nested SEQUENCEs: each level is read by a different mbedTLS step
	// until the structure stops matching.
	nest := []byte{0x05, 0x00}
	for range 200 {
		nest = tlv(0x30, nest)
	}
	both("nested-sequences-200", nest)

	r := rand.New(rand.NewPCG(0x746c73646f63746f, 0x72)) // "tlsdocto", "r"
	random := func(n int) []byte {
		out := make([]byte, 0, n+8)
		for len(out) < n {
			v := r.Uint64()
			for i := 0; i < 8; i++ {
				out = append(out, byte(v>>(8*i)))
			}
		}
		return out[:n]
	}
	for _, n := range []int{1, 2, 16, 100, 1000, 4096} {
		both(fmt.Sprintf("random-%d", n), random(n))
		b.add(fmt.Sprintf("input/crt/random-%d-nul", n), "crt", append(random(n), 0))
	}
	// Random bodies under a plausible certificate header.
	for i, n := range []int{200, 800, 1500} {
		body := random(n)
		both(fmt.Sprintf("random-under-seq-header-%d", i), tlv(0x30, body))
		both(fmt.Sprintf("random-under-cert-headers-%d", i), tlv(0x30, tlv(0x30, body)))
	}

	for _, s := range []struct{ name, text string }{
		{"text", "hello\n"},
		{"header-only-no-newline", pemHeader},
		{"header-footer-same-line", pemHeader + pemFooter},
		{"header-newline-footer", pemHeader + "\n" + pemFooter + "\n"},
		{"header-body-a", pemHeader + "\nA\n" + pemFooter + "\n"},
		{"header-body-aa", pemHeader + "\nAA\n" + pemFooter + "\n"},
		{"header-body-aaa", pemHeader + "\nAAA\n" + pemFooter + "\n"},
		{"header-body-aaaa", pemHeader + "\nAAAA\n" + pemFooter + "\n"},
		{"header-body-padding-only", pemHeader + "\n==\n" + pemFooter + "\n"},
		{"header-body-mzaa", pemHeader + "\nMAA=\n" + pemFooter + "\n"},
	} {
		b.add("input/crt/"+s.name+"-nul", "crt", []byte(s.text+"\x00"))
		b.add("input/crt/"+s.name, "crt", []byte(s.text))
	}
	if key, err := data.ReadFile("testdata/keys/p256-leaf.pem"); err == nil {
		// A private key pasted where the root CA belongs.
		b.add("input/crt/private-key-pem-nul", "crt", append(bytes.Clone(key), 0))
		b.add("input/crt/private-key-then-cert-nul", "crt", []byte(string(key)+pemLF(loadBases()[0].der)+"\x00"))
	}
}
