package testcert

import (
	"bytes"
	"crypto/x509"
	"testing"
)

func TestServerCerts(t *testing.T) {
	all, err := ServerCerts()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range all {
		leaf, err := x509.ParseCertificate(s.Chain[0])
		if err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
		rootDER, err := Cert(s.Root)
		if err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
		pool := x509.NewCertPool()
		r, _ := x509.ParseCertificate(rootDER)
		pool.AddCert(r)
		inter := x509.NewCertPool()
		for _, d := range s.Chain[1:] {
			c, _ := x509.ParseCertificate(d)
			inter.AddCert(c)
		}
		// Usage checks off: several scenarios are wrong on purpose.
		if _, err := leaf.Verify(x509.VerifyOptions{Roots: pool, Intermediates: inter, CurrentTime: Now(), KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}}); err != nil {
			t.Errorf("%s: chain does not verify: %v", s.Name, err)
		}
	}
	// RSA-signed, hence the same bytes on every call of the generator.
	again, _ := makeServerCerts()
	for i := range all {
		if !bytes.Equal(again[i].Chain[0], all[i].Chain[0]) {
			t.Errorf("%s: differs between two runs of the generator", all[i].Name)
		}
	}
}
