package testcert

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"os/exec"
	"strings"
	"testing"
)

func TestCertsRoundTrip(t *testing.T) {
	certs := Certs()
	if len(certs) < 60 {
		t.Fatalf("got %d base certificates, want at least 60", len(certs))
	}
	seen := map[string]bool{}
	for _, c := range certs {
		if seen[c.Name] {
			t.Errorf("duplicate base certificate %s", c.Name)
		}
		seen[c.Name] = true
		tr, err := parseDER(c.DER)
		if err != nil {
			t.Errorf("%s: %v", c.Name, err)
			continue
		}
		// An edit that replaces nothing must give the original bytes back:
		// the generator writes minimal DER lengths, as edit does.
		if got := tr.edit(nil); !bytes.Equal(got, c.DER) {
			t.Errorf("%s: re-encoding changed the certificate", c.Name)
		}
		paths := map[string]bool{}
		for _, n := range tr.nodes {
			if paths[n.path] {
				t.Errorf("%s: two nodes at path %s", c.Name, n.path)
			}
			paths[n.path] = true
		}
	}
}

// The names and the manifest say which key and signature algorithm a
// certificate has; check the DER agrees, so a case name never lies.
func TestCertsAreWhatTheyClaim(t *testing.T) {
	sigOIDs := map[string]asn1.ObjectIdentifier{
		"md5-rsa": {1, 2, 840, 113549, 1, 1, 4}, "sha1-rsa": {1, 2, 840, 113549, 1, 1, 5},
		"sha224-rsa": {1, 2, 840, 113549, 1, 1, 14}, "sha256-rsa": {1, 2, 840, 113549, 1, 1, 11},
		"sha384-rsa": {1, 2, 840, 113549, 1, 1, 12}, "sha512-rsa": {1, 2, 840, 113549, 1, 1, 13},
		"ecdsa-sha1": {1, 2, 840, 10045, 4, 1}, "ecdsa-sha224": {1, 2, 840, 10045, 4, 3, 1},
		"ecdsa-sha256": {1, 2, 840, 10045, 4, 3, 2}, "ecdsa-sha384": {1, 2, 840, 10045, 4, 3, 3},
		"ecdsa-sha512": {1, 2, 840, 10045, 4, 3, 4}, "ed25519": {1, 3, 101, 112},
	}
	curves := map[string]string{"p256": "2a8648ce3d030107", "p384": "2b81040022", "p521": "2b81040023",
		"bp256": "2b2403030208010107", "k256": "2b8104000a"}
	for _, info := range Infos() {
		der, _ := Cert(info.Name)
		tr, err := parseDER(der)
		if err != nil {
			t.Fatal(err)
		}
		kind, _, _ := strings.Cut(info.Key, "-")
		if !strings.HasPrefix(info.Name, kind) {
			t.Errorf("%s: name does not start with its key kind %s", info.Name, kind)
		}
		// Signature algorithm.
		var oid asn1.ObjectIdentifier
		if _, err := asn1.Unmarshal(tr.bytesOf(kid(tr.find("sigalg"), 0)), &oid); err != nil {
			t.Fatalf("%s: %v", info.Name, err)
		}
		want, ok := sigOIDs[info.Signature]
		if strings.HasPrefix(info.Signature, "pss") {
			want, ok = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 10}, true
		}
		if !ok || !oid.Equal(want) {
			t.Errorf("%s: signature OID %v, want %s", info.Name, oid, info.Signature)
		}
		// Key.
		algOID := tr.bytesOf(tr.find("tbs.spki.alg.oid0"))
		switch {
		case strings.HasPrefix(kind, "rsa"):
			n := tr.find("tbs.spki.key.rsakey.n")
			if n == nil || !bytes.Equal(algOID, rsaEncOID) {
				t.Errorf("%s: not an RSA key", info.Name)
				continue
			}
			bits := 8 * (n.end - n.contentStart() - 1) // minus the sign byte
			if kind != "rsa"+itoa(bits) {
				t.Errorf("%s: RSA modulus of %d bits, want %s", info.Name, bits, kind)
			}
		case kind == "ed25519":
			if !bytes.Equal(algOID, ed25519OID) {
				t.Errorf("%s: not an Ed25519 key", info.Name)
			}
		default:
			p := tr.find("tbs.spki.alg.oid1")
			if p == nil || hexString(tr.content(p)) != curves[kind] {
				t.Errorf("%s: not a %s key", info.Name, kind)
			}
		}
	}
}

func TestChains(t *testing.T) {
	chains := Chains()
	if len(chains) < 10 {
		t.Fatalf("got %d chains, want at least 10", len(chains))
	}
	verified := 0
	for _, ch := range chains {
		root, err1 := x509.ParseCertificate(ch.Root.DER)
		in, err2 := x509.ParseCertificate(ch.Intermediate.DER)
		leaf, err3 := x509.ParseCertificate(ch.Leaf.DER)
		if err1 != nil || err2 != nil || err3 != nil {
			// Some leaves are meant to be odd (a VisibleString name, a
			// duplicate extension) and crypto/x509 refuses them.
			t.Logf("%s: crypto/x509 cannot parse the chain: %v %v %v", ch.Name, err1, err2, err3)
			continue
		}
		if err := in.CheckSignatureFrom(root); err != nil {
			t.Errorf("%s: intermediate not signed by root: %v", ch.Name, err)
		}
		if err := leaf.CheckSignatureFrom(in); err != nil {
			t.Errorf("%s: leaf not signed by intermediate: %v", ch.Name, err)
		}
		verified++
	}
	if verified < 10 {
		t.Errorf("verified %d chains, want at least 10", verified)
	}
}

func TestKey(t *testing.T) {
	for _, name := range []string{"rsa2048-sha256-root", "p384-sha384-root-isrgx2", "ed25519-root", "p256-sha256-leaf"} {
		k, err := Key(name)
		if err != nil {
			t.Fatalf("Key(%s): %v", name, err)
		}
		der, _ := Cert(name)
		c, err := x509.ParseCertificate(der)
		if err != nil {
			t.Fatal(err)
		}
		type equaler interface{ Equal(x crypto.PublicKey) bool }
		switch k.Public().(type) {
		case *rsa.PublicKey, *ecdsa.PublicKey, ed25519.PublicKey:
		default:
			t.Fatalf("Key(%s): unexpected type %T", name, k)
		}
		if !k.Public().(equaler).Equal(c.PublicKey) {
			t.Errorf("Key(%s) does not match the certificate's public key", name)
		}
	}
	if _, err := Key("bp256-sha256-root"); err == nil {
		t.Errorf("Key(bp256-sha256-root): got a key, want an error (Go has no brainpool)")
	}
	if _, err := Key("no-such-cert"); err == nil {
		t.Errorf("Key(no-such-cert): got a key, want an error")
	}
}

func TestNowInsideValidity(t *testing.T) {
	for _, name := range []string{"rsa2048-sha256-root", "rsa2048-sha256-leaf", "p256-sha384-leaf-e1like", "rsa4096-sha256-root-isrgx1"} {
		der, _ := Cert(name)
		c, err := x509.ParseCertificate(der)
		if err != nil {
			t.Fatal(err)
		}
		if Now().Before(c.NotBefore) || Now().After(c.NotAfter) {
			t.Errorf("%s is not valid at Now() %v", name, Now())
		}
	}
}

// TestGeneratedUpToDate runs the generator in -check mode: the committed
// certificates must be exactly what it makes from the committed keys.
func TestGeneratedUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the generator")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to run the generator with")
	}
	out, err := exec.Command(gobin, "run", "./gen", "-check", "-out", "testdata").CombinedOutput()
	if err != nil {
		t.Fatalf("go run ./gen -check: %v\n%s", err, out)
	}
}
