// Command gen makes the base certificates of package testcert, once, and
// writes them under testdata/ with the private keys they were made with.
//
// Most certificates come straight out of crypto/x509. What Go cannot make
// (MD5 and SHA-224 signatures, RSASSA-PSS parameter variants, brainpool and
// secp256k1 keys, v1 and v2 certificates, GeneralizedTime before 2050,
// RFC-style unique identifiers, duplicated extensions) is made by editing the
// TBSCertificate Go wrote and signing it again here.
//
// Every signature is deterministic (see sign), and keys are read back from
// testdata/keys when present, so running the generator again writes the same
// bytes; -check verifies exactly that without writing. New keys are only made
// for key files that are missing. Each signature is verified before it is
// written, and when openssl is installed the certificates whose signatures
// this program computed itself are also verified by openssl.
//
// Usage (from internal/testcert, see the go:generate line there):
//
//	go run ./gen [-check] [-out testdata]
package main

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

func main() {
	out := flag.String("out", "testdata", "testdata directory of package testcert")
	check := flag.Bool("check", false, "regenerate in memory and fail if any committed file would change")
	flag.Parse()
	if err := run(*out, *check); err != nil {
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
		os.Exit(1)
	}
}

// keyPair is a subject key: the private key, its public half and the DER
// SubjectPublicKeyInfo a certificate carries for it.
type keyPair struct {
	name, kind string
	priv       any // *rsa.PrivateKey, *ecdsa.PrivateKey, ed25519.PrivateKey or *ecKey
	pub        any
	spki       []byte
	ski        []byte
}

// goKey reports whether crypto/x509 can handle the key itself.
func (k *keyPair) goKey() bool { _, ok := k.priv.(*ecKey); return !ok }

// made is a finished certificate.
type made struct {
	spec
	der     []byte
	subject []byte // DER Name, for the AKI and issuer of certificates it signs
	key     *keyPair
}

type gen struct {
	dir     string
	check   bool
	keys    map[string]*keyPair
	made    map[string]*made
	order   []string
	standin *ecdsa.PrivateKey // stands in for keys and signers Go cannot use
	files   map[string][]byte // relative path -> content to write
}

func run(dir string, check bool) error {
	for _, c := range []*curve{brainpoolP256r1, secp256k1} {
		if err := c.check(); err != nil {
			return err
		}
	}
	g := &gen{dir: dir, check: check, keys: map[string]*keyPair{}, made: map[string]*made{}, files: map[string][]byte{}}
	var err error
	// The stand-in key never appears in output: every certificate made with it
	// gets its key or signature replaced, so a fresh key each run is fine.
	if g.standin, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader); err != nil {
		return err
	}
	for _, s := range specs() {
		if _, dup := g.made[s.name]; dup {
			return fmt.Errorf("duplicate certificate name %s", s.name)
		}
		if err := g.make(s); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	if err := g.opensslCheck(); err != nil {
		return err
	}
	g.writeManifest()
	return g.flush()
}

// key loads testdata/keys/NAME.pem or, when it is missing, makes the key and
// queues the file.
func (g *gen) key(name string) (*keyPair, error) {
	if k, ok := g.keys[name]; ok {
		return k, nil
	}
	kind, _, _ := strings.Cut(name, "-")
	path := filepath.Join("keys", name+".pem")
	var priv any
	if data, err := os.ReadFile(filepath.Join(g.dir, path)); err == nil {
		block, _ := pem.Decode(data)
		if block == nil {
			return nil, fmt.Errorf("%s: no PEM block", path)
		}
		switch block.Type {
		case "PRIVATE KEY":
			priv, err = x509.ParsePKCS8PrivateKey(block.Bytes)
		case "EC PRIVATE KEY":
			priv, err = parseSEC1(block.Bytes)
		default:
			err = fmt.Errorf("unexpected PEM type %q", block.Type)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		g.files[path] = data
	} else if errors.Is(err, os.ErrNotExist) {
		if g.check {
			return nil, fmt.Errorf("%s is missing", path)
		}
		fmt.Fprintf(os.Stderr, "gen: making key %s\n", name)
		if priv, err = newKey(kind); err != nil {
			return nil, err
		}
		var der []byte
		typ := "PRIVATE KEY"
		if ek, ok := priv.(*ecKey); ok {
			// PKCS #8 needs the curve too; SEC 1 is what openssl writes for
			// these curves and is as stable.
			typ = "EC PRIVATE KEY"
			der, err = ek.marshalSEC1()
		} else {
			der, err = x509.MarshalPKCS8PrivateKey(priv)
		}
		if err != nil {
			return nil, err
		}
		data := pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
		// Written at once: an RSA-8192 key takes a minute to make, and a
		// later failure should not throw it away.
		if err := os.MkdirAll(filepath.Join(g.dir, "keys"), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(g.dir, path), data, 0o600); err != nil {
			return nil, err
		}
		g.files[path] = data
	} else {
		return nil, err
	}
	k := &keyPair{name: name, kind: kind, priv: priv}
	switch p := priv.(type) {
	case *ecKey:
		k.pub = p
		k.spki = seq(seq(oid(oidECPublicKey...), oid(p.c.oid...)), bitString(p.uncompressed()))
	case crypto.Signer:
		k.pub = p.Public()
		var err error
		if k.spki, err = x509.MarshalPKIXPublicKey(k.pub); err != nil {
			return nil, err
		}
	}
	// RFC 7093 §2 method 1, as crypto/x509 computes it for CA certificates.
	bits := mustChildren(mustChildren(k.spki)[0].content)[1].content[1:]
	sum := sha256.Sum256(bits)
	k.ski = sum[:20]
	g.keys[name] = k
	return k, nil
}

func newKey(kind string) (any, error) {
	switch kind {
	case "rsa1024", "rsa2048", "rsa3072", "rsa4096", "rsa8192":
		var bits int
		fmt.Sscanf(kind, "rsa%d", &bits)
		return rsa.GenerateKey(rand.Reader, bits)
	case "p256":
		return ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	case "p384":
		return ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	case "p521":
		return ecdsa.GenerateKey(elliptic.P521(), rand.Reader)
	case "ed25519":
		_, k, err := ed25519.GenerateKey(rand.Reader)
		return k, err
	case "bp256", "k256":
		c := brainpoolP256r1
		if kind == "k256" {
			c = secp256k1
		}
		d, err := rand.Int(rand.Reader, new(big.Int).Sub(c.n, big.NewInt(1)))
		if err != nil {
			return nil, err
		}
		return c.keyFromScalar(d.Add(d, big.NewInt(1))), nil
	}
	return nil, fmt.Errorf("unknown key kind %q", kind)
}

// tbsIndex gives the index of the named TBSCertificate field in the element
// list, which depends on whether the version field is present.
func tbsIndex(f [][]byte, field int) int {
	if len(f) > 0 && f[0][0] == 0xA0 {
		return field + 1
	}
	return field
}

// TBSCertificate fields after the optional version (RFC 5280 §4.1).
const (
	fSerial = iota
	fSigAlg
	fIssuer
	fValidity
	fSubject
	fSPKI
)

func (g *gen) make(s spec) error {
	k, err := g.key(s.key)
	if err != nil {
		return err
	}
	alg, ok := sigAlgs[s.sig]
	if !ok {
		return fmt.Errorf("unknown signature algorithm %q", s.sig)
	}
	ik := k
	var parent *x509.Certificate
	if s.issuer != "" {
		im, ok := g.made[s.issuer]
		if !ok {
			return fmt.Errorf("issuer %s not made yet", s.issuer)
		}
		ik = im.key
		parent = &x509.Certificate{RawSubject: im.subject, SubjectKeyId: im.key.ski}
	}
	tpl := baseTemplate(s, k)
	if s.tpl != nil {
		s.tpl(tpl)
	}
	if parent == nil {
		parent = tpl
	}
	goSign := alg.goAlg != 0 && ik.goKey()
	signer := detSigner{g.standin}
	tpl.SignatureAlgorithm = x509.ECDSAWithSHA256
	if goSign {
		signer = detSigner{ik.priv.(crypto.Signer)}
		tpl.SignatureAlgorithm = alg.goAlg
	}
	pub := g.standin.Public()
	if k.goKey() {
		pub = k.pub
	}
	der, err := x509.CreateCertificate(nil, tpl, parent, pub, signer)
	if err != nil {
		return err
	}
	if !goSign || !k.goKey() || s.tbs != nil {
		outer := mustChildren(mustChildren(der)[0].content)
		f := fulls(mustChildren(outer[0].content))
		if !k.goKey() {
			f[tbsIndex(f, fSPKI)] = k.spki
		}
		outerAlg := outer[1].full
		if !goSign {
			f[tbsIndex(f, fSigAlg)] = alg.algorithmIdentifier()
			outerAlg = alg.algorithmIdentifier()
		}
		if s.tbs != nil {
			f = s.tbs(f)
		}
		tbs := seq(f...)
		sig, err := sign(ik.priv, alg, tbs)
		if err != nil {
			return err
		}
		der = seq(tbs, outerAlg, bitString(sig))
	}
	outer := mustChildren(mustChildren(der)[0].content)
	if err := verify(ik.pub, alg, outer[0].full, outer[2].content[1:]); err != nil {
		return err
	}
	f := fulls(mustChildren(outer[0].content))
	m := &made{spec: s, der: der, subject: f[tbsIndex(f, fSubject)], key: k}
	g.made[s.name] = m
	g.order = append(g.order, s.name)
	g.files[filepath.Join("certs", s.name+".der")] = der
	return nil
}

// opensslCheck has openssl verify each signature this program computed
// itself (brainpool, secp256k1, MD5, SHA-224, PSS variants, edited TBS), as a
// second opinion on sign. Skipped when openssl is not installed.
func (g *gen) opensslCheck() error {
	bin, err := exec.LookPath("openssl")
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen: openssl not found; skipping the second signature check")
		return nil
	}
	tmp, err := os.MkdirTemp("", "testcert-gen")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	write := func(name string, der []byte) string {
		p := filepath.Join(tmp, name+".pem")
		os.WriteFile(p, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
		return p
	}
	n := 0
	for _, name := range g.order {
		m := g.made[name]
		alg := sigAlgs[m.sig]
		ik := m.key
		issuer := m
		if m.issuer != "" {
			issuer = g.made[m.issuer]
			ik = issuer.key
		}
		if alg.goAlg != 0 && ik.goKey() && m.key.goKey() && m.tbs == nil {
			continue // crypto/x509 signed it and checked its own signature
		}
		if m.opensslSkip != "" {
			continue
		}
		ca := write("ca-"+name, issuer.der)
		leaf := write(name, m.der)
		// -partial_chain lets a non-root issuer anchor the check;
		// -check_ss_sig makes openssl verify a self-signed root's own
		// signature; the rest turns off checks that are not about signatures.
		out, err := exec.Command(bin, "verify", "-partial_chain", "-check_ss_sig", "-no_check_time",
			"-ignore_critical", "-auth_level", "0", "-CAfile", ca, leaf).CombinedOutput()
		if err != nil {
			return fmt.Errorf("openssl verify %s: %v\n%s", name, err, out)
		}
		n++
	}
	fmt.Fprintf(os.Stderr, "gen: openssl verified %d signatures made by the generator\n", n)
	return nil
}

// writeManifest lists the certificates in the order they were made: name,
// issuer, key file, signature algorithm, role and a description.
func (g *gen) writeManifest() {
	var b bytes.Buffer
	b.WriteString("# Code generated by internal/testcert/gen; DO NOT EDIT.\n")
	b.WriteString("# name\tissuer\tkey\tsignature\trole\tdescription\n")
	for _, name := range g.order {
		m := g.made[name]
		issuer := m.issuer
		if issuer == "" {
			issuer = "-"
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\t%s\n", m.name, issuer, m.key.name, m.sig, m.role, m.desc)
	}
	g.files["manifest.tsv"] = b.Bytes()
}

// flush writes the queued files, or with -check compares them. Files under
// certs/ that no spec makes any more are removed (reported under -check).
func (g *gen) flush() error {
	paths := make([]string, 0, len(g.files))
	for p := range g.files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var stale []string
	for _, p := range paths {
		full := filepath.Join(g.dir, p)
		old, err := os.ReadFile(full)
		if err == nil && bytes.Equal(old, g.files[p]) {
			continue
		}
		stale = append(stale, p)
		if g.check {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(full, g.files[p], 0o644); err != nil {
			return err
		}
	}
	existing, _ := filepath.Glob(filepath.Join(g.dir, "certs", "*.der"))
	for _, full := range existing {
		rel, _ := filepath.Rel(g.dir, full)
		if _, ok := g.files[rel]; !ok {
			stale = append(stale, rel+" (no longer generated)")
			if !g.check {
				os.Remove(full)
			}
		}
	}
	if g.check && len(stale) > 0 {
		return fmt.Errorf("testdata is out of date (run go generate ./internal/testcert): %s", strings.Join(stale, ", "))
	}
	fmt.Fprintf(os.Stderr, "gen: %d certificates, %d files changed\n", len(g.order), len(stale))
	return nil
}
