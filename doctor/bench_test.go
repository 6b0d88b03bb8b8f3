package doctor

import (
	"crypto/x509"
	"testing"

	"github.com/tlsdoctor/tlsdoctor/certinput"
	"github.com/tlsdoctor/tlsdoctor/internal/testcert"
	"github.com/tlsdoctor/tlsdoctor/profile"
)

// The speed goals: the whole check pipeline (sniffing, prediction
// for both mbedTLS lines, every finding) within 3x of a bare
// crypto/x509.ParseCertificate per certificate, and linear in size: a
// 100,000-certificate PEM bundle in under 3 s on one core. Compare
// BenchmarkCheckPerCert with BenchmarkX509ParsePerCert in the same run
// (scripts/bench prints the ratio).

func benchProfile(b *testing.B) *profile.Profile {
	p, err := profile.New(profile.Options{Now: now})
	if err != nil {
		b.Fatal(err)
	}
	return p
}

func BenchmarkX509ParsePerCert(b *testing.B) {
	certs := testcert.Leaves(1000)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := x509.ParseCertificate(certs[i%len(certs)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckPerCert checks a 1,000-certificate PEM bundle and reports
// the cost per certificate.
func BenchmarkCheckPerCert(b *testing.B) {
	benchBundle(b, 1000)
}

// BenchmarkCheckBundle100k is the 100,000-certificate bundle.
func BenchmarkCheckBundle100k(b *testing.B) {
	benchBundle(b, 100000)
}

func benchBundle(b *testing.B, n int) {
	pem := PEM(testcert.Leaves(n))
	p := benchProfile(b)
	b.SetBytes(int64(len(pem)))
	b.ResetTimer()
	for b.Loop() {
		in, err := certinput.Read(pem, certinput.Options{Name: "bundle.pem"})
		if err != nil {
			b.Fatal(err)
		}
		r := Run(in, p, Options{Now: now, Modes: []certinput.LengthMode{certinput.AsIsPlusNUL}})
		if got := len(r.Items[0].Predictions[0].Result.Certs); got != n {
			b.Fatalf("%d certificates parsed, want %d", got, n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/cert")
}
