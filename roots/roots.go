// Package roots holds the trust anchors tlsdoctor knows about: the Mozilla
// root store bundled from golang.org/x/crypto/x509roots/fallback, stores the
// user adds (PEM bundles, directories, a device's own trust store in any form
// certinput reads), and a calendar of CA events (expiries, distrusts, cloud
// endpoint migrations, cross-sign ends, removals) with a public source each.
//
// A device carries a handful of roots chosen years before it fails, so the
// questions asked here are "is this root still in the store?", "which root
// is this fingerprint?" and "what happened, or will happen, to it and when?".
//
// The package is pure Go, prints nothing and parses nothing at program
// start: the bundled store is parsed once, on first use, by code that needs
// it. It imports the fallback module's bundle package and not the fallback
// package itself, because the latter calls x509.SetFallbackRoots in its init
// and would change how crypto/x509 verifies in every program importing us.
package roots

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"golang.org/x/crypto/x509roots/fallback/bundle"

	"github.com/tlsdoctor/tlsdoctor/certinput"
	"github.com/tlsdoctor/tlsdoctor/internal/lazy"
)

// The bundled store's provenance. The module publishes no NSS release
// number, so the date is the commit time in its pseudo-version: the bundle
// is regenerated from Mozilla's certdata.txt when it changes, so that commit
// is the newest the bundle can be. Keep both in step with go.mod (a test
// checks the version against the build's module list).
const (
	BundleModule  = "golang.org/x/crypto/x509roots/fallback"
	BundleVersion = "v0.0.0-20261030153154-30a33513ff6d"
	BundleDate    = "2026-10-30"
)

// BundledStoreName names the bundled store in results.
const BundledStoreName = "mozilla"

// Root is one trust anchor in a store.
type Root struct {
	// Store is the name of the store it came from: "mozilla" or a user
	// store's name (its path).
	Store string
	// Source is where in a user store it was read (file name, and C
	// identifier or JSON path when there is one); "" for the bundle.
	Source string
	// Cert is the parsed certificate. Its Raw is the DER.
	Cert *x509.Certificate
	// SHA256 is the fingerprint of the DER.
	SHA256 [32]byte
	// Constrained is set for a bundled root that Mozilla trusts only for
	// certificates issued before a distrust-after date.
	Constrained bool

	// Computed once, at load: a search reads them for every root.
	fp    string
	words []string
}

func newRoot(store, source string, c *x509.Certificate, sum [32]byte, constrained bool) *Root {
	r := &Root{Store: store, Source: source, Cert: c, SHA256: sum, Constrained: constrained}
	r.fp = hex.EncodeToString(sum[:])
	r.words = rootWords(r)
	return r
}

// DER returns the certificate's DER bytes (read-only).
func (r *Root) DER() []byte { return r.Cert.Raw }

// Fingerprint returns the SHA-256 fingerprint in lower-case hex.
func (r *Root) Fingerprint() string {
	if r.fp == "" {
		return hex.EncodeToString(r.SHA256[:])
	}
	return r.fp
}

// SKI returns the subject key identifier in lower-case hex, or "" when
// the certificate has none (old roots such as GlobalSign Root CA have one,
// some do not).
func (r *Root) SKI() string { return hex.EncodeToString(r.Cert.SubjectKeyId) }

// PEM returns the certificate as PEM text.
func (r *Root) PEM() []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: r.Cert.Raw})
}

// PEMSize is the length of PEM(): what a firmware string literal holds,
// without its terminating NUL.
func (r *Root) PEMSize() int { return len(r.PEM()) }

// Name is the root's everyday name: the subject CN, or the last OU when
// there is no CN (Starfield Class 2, Security Communication RootCA2), or
// the O.
func (r *Root) Name() string { return subjectName(r.Cert) }

func subjectName(c *x509.Certificate) string {
	s := c.Subject
	switch {
	case s.CommonName != "" && len(s.OrganizationalUnit) > 0 && s.CommonName == firstOf(s.Organization):
		// GlobalSign's R3/R5/R6 all have CN=GlobalSign; the OU tells them apart.
		return s.OrganizationalUnit[len(s.OrganizationalUnit)-1]
	case s.CommonName != "":
		return s.CommonName
	case len(s.OrganizationalUnit) > 0:
		return s.OrganizationalUnit[len(s.OrganizationalUnit)-1]
	case len(s.Organization) > 0:
		return s.Organization[0]
	}
	return s.String()
}

func firstOf(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// KeyDescription says what the key is in the terms a device build cares
// about: "RSA 2048", "ECDSA P-384", "Ed25519".
func (r *Root) KeyDescription() string { return keyDescription(r.Cert) }

func keyDescription(c *x509.Certificate) string {
	switch k := c.PublicKey.(type) {
	case *rsa.PublicKey:
		return fmt.Sprintf("RSA %d", k.N.BitLen())
	case *ecdsa.PublicKey:
		return "ECDSA " + k.Curve.Params().Name
	case ed25519.PublicKey:
		return "Ed25519"
	}
	return c.PublicKeyAlgorithm.String()
}

// SelfSigned reports whether the subject and issuer names are the same.
func (r *Root) SelfSigned() bool { return bytes.Equal(r.Cert.RawSubject, r.Cert.RawIssuer) }

// Store is a named set of roots.
type Store struct {
	Name  string
	Roots []*Root
	// Skipped lists what a user store's loader read but could not use:
	// "README.txt: no certificate found". Never set for the bundle.
	Skipped []string
}

var bundledLazy lazy.Value[*Store]

// bundled is parsed on first use only: most commands never need 117 roots
// parsed (about a millisecond and 400 KB), and tlsdoctor's start-up must
// stay fast.
func bundled() *Store { return bundledLazy.Get(parseBundle) }

func parseBundle() *Store {
	st := &Store{Name: BundledStoreName}
	for b := range bundle.Roots() {
		c, err := x509.ParseCertificate(b.Certificate)
		if err != nil {
			// The bundle's own tests parse every certificate with this
			// parser; a failure here means a broken module, not bad input.
			panic(fmt.Sprintf("roots: bundled certificate does not parse: %v", err))
		}
		st.Roots = append(st.Roots, newRoot(BundledStoreName, "", c, sha256.Sum256(b.Certificate), b.Constraint != nil))
	}
	sortRoots(st.Roots)
	return st
}

// Bundled returns the bundled Mozilla store, parsing it on the first call.
// The store is shared: do not modify it.
func Bundled() *Store { return bundled() }

func sortRoots(rs []*Root) {
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := strings.ToLower(rs[i].Name()), strings.ToLower(rs[j].Name())
		if a != b {
			return a < b
		}
		return rs[i].Fingerprint() < rs[j].Fingerprint()
	})
}

// Load reads one user store from data, in any form certinput reads: a PEM
// bundle, DER, a C source with string literals or byte arrays, a hex dump,
// base64 or JSON. name names the store and is used as the file name for
// certinput's extension rule. A duplicate certificate is kept once.
func Load(name string, data []byte) (*Store, error) {
	st := &Store{Name: name}
	if err := st.add(name, data); err != nil {
		return nil, err
	}
	if len(st.Roots) == 0 {
		return nil, fmt.Errorf("%s: no certificate found (read as %s)", name, formName(data, name))
	}
	sortRoots(st.Roots)
	return st, nil
}

// LoadFS reads every regular file directly in dir of fsys as one store
// named name, as a device's certificate directory or an OpenSSL hashed
// directory is laid out. Files with no certificate are listed in Skipped,
// not errors: such directories hold READMEs and CRLs too.
func LoadFS(fsys fs.FS, dir, name string) (*Store, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	st := &Store{Name: name}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		p := path.Join(dir, e.Name())
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, err
		}
		n := len(st.Roots)
		if err := st.add(e.Name(), data); err != nil || len(st.Roots) == n {
			st.Skipped = append(st.Skipped, e.Name()+": no certificate found")
		}
	}
	if len(st.Roots) == 0 {
		return nil, fmt.Errorf("%s: no certificate found in %d files", name, len(entries))
	}
	sortRoots(st.Roots)
	return st, nil
}

func formName(data []byte, name string) string {
	in, err := certinput.Read(data, certinput.Options{Name: name})
	if err != nil {
		return "nothing readable"
	}
	return in.Form.String()
}

// add reads the certificates in one file into st.
func (st *Store) add(file string, data []byte) error {
	in, err := certinput.Read(data, certinput.Options{Name: file})
	if err != nil {
		return err
	}
	seen := make(map[[32]byte]bool, len(st.Roots))
	for _, r := range st.Roots {
		seen[r.SHA256] = true
	}
	for _, it := range in.Items {
		src := file
		if it.Name != "" {
			src += ":" + it.Name
		}
		for _, der := range certsIn(it.Bytes) {
			c, err := x509.ParseCertificate(der)
			if err != nil {
				continue
			}
			sum := sha256.Sum256(der)
			if seen[sum] {
				continue
			}
			seen[sum] = true
			st.Roots = append(st.Roots, newRoot(st.Name, src, c, sum, false))
		}
	}
	return nil
}

// certsIn returns the DER of every certificate in b: each CERTIFICATE block
// of PEM text (a bundle holds many), or b itself as concatenated DER.
// Leniency is deliberate here: `tlsdoctor check` is where a malformed
// buffer is diagnosed; a store loader keeps what a tolerant reader finds.
func certsIn(b []byte) [][]byte {
	var out [][]byte
	rest := b
	for {
		var blk *pem.Block
		blk, rest = pem.Decode(rest)
		if blk == nil {
			break
		}
		if blk.Type != "CERTIFICATE" && blk.Type != "TRUSTED CERTIFICATE" {
			continue
		}
		// OpenSSL's TRUSTED CERTIFICATE appends its trust settings after
		// the certificate: keep the first DER element only.
		var rv asn1.RawValue
		if _, err := asn1.Unmarshal(blk.Bytes, &rv); err == nil {
			out = append(out, rv.FullBytes)
		}
	}
	if len(out) > 0 {
		return out
	}
	if cs, err := x509.ParseCertificates(b); err == nil {
		for _, c := range cs {
			out = append(out, c.Raw)
		}
	}
	return out
}
