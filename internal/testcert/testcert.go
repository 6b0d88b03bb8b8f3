// Package testcert is tlsdoctor's deterministic test PKI and the input corpus
// the oracle tests feed to the real mbedTLS and to our prediction of it.
//
// The base certificates (Certs) are made once by the generator in ./gen and
// committed under testdata/ with their keys: since Go 1.26 crypto ignores
// custom random sources, certificates made at test time would differ on every
// run. Everything else here is derived from those bytes by pure functions, so
// Corpus and Leaves return identical bytes on every run and machine, and no
// test needs openssl or the network.
//
// Corpus is what a device might be given as a root CA: the base certificates
// as DER and as PEM, and the same damaged in every way seen in the field or
// worth probing (line endings, C-source leftovers, truncation, flash fill, a
// broken byte at every position of the DER structure, single-field edits).
// Leaves is a benchmark set of realistic server and intermediate certificates.
package testcert

import (
	"bufio"
	"bytes"
	"crypto"
	"crypto/x509"
	"embed"
	"encoding/pem"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

//go:generate go run ./gen -out testdata

//go:embed testdata/manifest.tsv testdata/certs/*.der testdata/keys/*.pem
var data embed.FS

// Named is a base certificate and its name, which says key, signature
// algorithm, role and what is special about it ("p256-sha256-leaf-uid-81").
type Named struct {
	Name string
	DER  []byte
}

// Info describes a base certificate as the generator recorded it.
type Info struct {
	Name      string
	Issuer    string // the issuing base certificate; "" when self-signed
	Key       string // key file under testdata/keys
	Signature string // the generator's signature algorithm name ("pss-sha256")
	Role      string // root, int or leaf
	About     string
}

type base struct {
	Info
	der []byte
}

var loadBases = sync.OnceValue(func() []base {
	manifest, err := data.ReadFile("testdata/manifest.tsv")
	if err != nil {
		panic(err) // embedded: cannot happen in a built binary
	}
	var out []base
	sc := bufio.NewScanner(bytes.NewReader(manifest))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 6 {
			panic("testcert: bad manifest line " + line)
		}
		der, err := data.ReadFile("testdata/certs/" + f[0] + ".der")
		if err != nil {
			panic(err)
		}
		if f[1] == "-" {
			f[1] = ""
		}
		out = append(out, base{Info: Info{Name: f[0], Issuer: f[1], Key: f[2], Signature: f[3], Role: f[4], About: f[5]}, der: der})
	}
	return out
})

// Certs returns the base certificates in the generator's order (roots, then
// intermediates, then leaves). Each call returns fresh copies.
func Certs() []Named {
	bs := loadBases()
	out := make([]Named, len(bs))
	for i, b := range bs {
		out[i] = Named{Name: b.Name, DER: bytes.Clone(b.der)}
	}
	return out
}

// Infos returns what the generator recorded about each base certificate, in
// the order of Certs.
func Infos() []Info {
	bs := loadBases()
	out := make([]Info, len(bs))
	for i, b := range bs {
		out[i] = b.Info
	}
	return out
}

// Cert returns the DER of the named base certificate.
func Cert(name string) ([]byte, error) {
	for _, b := range loadBases() {
		if b.Name == name {
			return bytes.Clone(b.der), nil
		}
	}
	return nil, fmt.Errorf("testcert: no base certificate %q", name)
}

// MustDER returns the DER of each named base certificate, in order, and
// fails t on a name it does not know.
func MustDER(t testing.TB, names ...string) [][]byte {
	t.Helper()
	out := make([][]byte, 0, len(names))
	for _, n := range names {
		d, err := Cert(n)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, d)
	}
	return out
}

// Key returns the private key of the named base certificate's subject, for
// tests that sign new certificates under a base CA. brainpoolP256r1 and
// secp256k1 keys are not usable by Go and give an error.
func Key(name string) (crypto.Signer, error) {
	for _, b := range loadBases() {
		if b.Name != name {
			continue
		}
		p, err := data.ReadFile("testdata/keys/" + b.Key + ".pem")
		if err != nil {
			return nil, err
		}
		block, _ := pem.Decode(p)
		if block == nil || block.Type != "PRIVATE KEY" {
			return nil, fmt.Errorf("testcert: the key of %s is not a PKCS #8 key Go can use", name)
		}
		k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
		if err != nil {
			return nil, err
		}
		return k.(crypto.Signer), nil
	}
	return nil, fmt.Errorf("testcert: no base certificate %q", name)
}

// Now is the fixed clock of the test PKI: every base certificate is valid at
// this instant except those whose name says expired, future or dstx3.
func Now() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }

// Chain is a root, an intermediate it issued and a leaf the intermediate
// issued, with valid signatures, for chain-building and verify tests.
type Chain struct {
	Name         string // the leaf's name
	Root         Named
	Intermediate Named
	Leaf         Named
}

// Chains returns every root → intermediate → leaf path among the base
// certificates.
func Chains() []Chain {
	bs := loadBases()
	byName := map[string]base{}
	for _, b := range bs {
		byName[b.Name] = b
	}
	named := func(b base) Named { return Named{Name: b.Name, DER: bytes.Clone(b.der)} }
	var out []Chain
	for _, leaf := range bs {
		if leaf.Role != "leaf" || leaf.Issuer == "" {
			continue
		}
		in, ok := byName[leaf.Issuer]
		if !ok || in.Role != "int" {
			continue
		}
		root, ok := byName[in.Issuer]
		if !ok || root.Issuer != "" {
			continue
		}
		out = append(out, Chain{Name: leaf.Name, Root: named(root), Intermediate: named(in), Leaf: named(leaf)})
	}
	return out
}
