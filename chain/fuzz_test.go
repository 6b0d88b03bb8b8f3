package chain

import (
	"bytes"
	"crypto/x509"
	"sync"
	"testing"

	"github.com/tlsdoctor/tlsdoctor/internal/testcert"
)

// fuzzPool is every base certificate of the test PKI (roots, intermediates,
// leaves, expired and cross-signed shapes), parsed once.
var fuzzPool = sync.OnceValue(func() []*x509.Certificate {
	var out []*x509.Certificate
	for _, n := range testcert.Certs() {
		if c, err := x509.ParseCertificate(n.DER); err == nil {
			out = append(out, c)
		}
	}
	return out
})

// FuzzBuild builds paths over certificates the input picks from the test
// PKI: which are presented (and in what order, repeats allowed), which are
// anchors, which are extra. Whatever the mix, Build must end, and every
// path must run from the leaf to an anchor through certificates each issued
// by the next, none twice, within MaxDepth.
func FuzzBuild(f *testing.F) {
	f.Fuzz(func(t *testing.T, sel []byte, depth uint8) {
		pool := fuzzPool()
		if len(pool) == 0 || len(sel) < 2 {
			return
		}
		pick := func(b byte) *x509.Certificate { return pool[int(b)%len(pool)] }
		nPresented := 1 + int(sel[0])%6
		sel = sel[1:]
		var presented, anchors, extra []*x509.Certificate
		for i, b := range sel {
			switch {
			case i < nPresented:
				presented = append(presented, pick(b))
			case b&1 == 0:
				anchors = append(anchors, pick(b>>1))
			default:
				extra = append(extra, pick(b>>1))
			}
		}
		opt := Options{Anchors: []*Pool{NewPool("fuzz", anchors)}, Extra: extra, At: testcert.Now(), MaxDepth: int(depth % 12)}
		res := Build(presented, opt)
		max := opt.MaxDepth
		if max == 0 {
			max = 10
		}
		for _, p := range res.Paths {
			if len(p.Certs) == 0 || len(p.Certs) > max {
				t.Fatalf("path of %d certificates (max %d)", len(p.Certs), max)
			}
			if !bytes.Equal(p.Certs[0].X509.Raw, presented[0].Raw) {
				t.Fatal("path does not start at the leaf")
			}
			if p.Anchor == nil || p.Anchor != p.Certs[len(p.Certs)-1] {
				t.Fatal("path does not end at its anchor")
			}
			for i := 0; i+1 < len(p.Certs); i++ {
				child, parent := p.Certs[i].X509, p.Certs[i+1].X509
				if !bytes.Equal(child.RawIssuer, parent.RawSubject) {
					t.Fatalf("link %d: issuer %s, next subject %s", i, child.Issuer, parent.Subject)
				}
				for j := i + 1; j < len(p.Certs); j++ {
					if bytes.Equal(p.Certs[j].X509.Raw, child.Raw) {
						t.Fatalf("certificate %d appears again at %d", i, j)
					}
				}
			}
		}
		for _, u := range res.Unused {
			if u < 0 || u >= len(presented) {
				t.Fatalf("unused position %d of %d presented", u, len(presented))
			}
		}
	})
}

// FuzzOriginText reads origin names: only the three names MarshalText
// writes are accepted, and they round-trip.
func FuzzOriginText(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		var o Origin
		if err := o.UnmarshalText([]byte(s)); err != nil {
			return
		}
		b, _ := o.MarshalText()
		if string(b) != s {
			t.Fatalf("%q read as %v, written as %q", s, o, b)
		}
	})
}
