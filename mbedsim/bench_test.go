package mbedsim

import (
	"bytes"
	"crypto/x509"
	"encoding/pem"
	"sync"
	"testing"
	"time"

	"github.com/tlsdoctor/tlsdoctor/errcode"
	"github.com/tlsdoctor/tlsdoctor/internal/testcert"
)

// The benchmarks compare mbedsim's parse prediction with
// crypto/x509.ParseCertificate on the same 100,000 realistic certificates
// (testcert.Leaves: RSA-2048 and P-256 server certificates, RSA-2048 and
// P-384 intermediates, with SAN, AKI/SKI, KU, EKU, AIA, policies, SCTs).
// Compare with
//
//	go test ./mbedsim -run XXX -bench 'ParseDER|X509|PEM' -benchmem
//
// Goals (issue 3): ParseDER at least 2x faster than x509.ParseCertificate,
// PEM at most 1.3x the cost of DER. BenchmarkPEMRead and
// BenchmarkDecodeBase64 isolate what PEM input adds; run them with
// -tags purego for the scalar decoder alone (no AVX2 or AVX-512 kernel).

const benchCerts = 100000

var benchSet = sync.OnceValues(func() ([][]byte, [][]byte) {
	ders := testcert.Leaves(benchCerts)
	// The PEM texts sit in one buffer, as the DER certificates do (and as
	// a bundle's do): 100,000 separate allocations would make every
	// allocation in the benchmark pay for sweeping them.
	var all []byte
	ends := make([]int, len(ders))
	for i, d := range ders {
		all = append(all, nul(pemWith(d, "\n", 64))...)
		ends[i] = len(all)
	}
	pems := make([][]byte, len(ders))
	start := 0
	for i, end := range ends {
		pems[i] = all[start:end:end]
		start = end
	}
	return ders, pems
})

func benchDER(b *testing.B) [][]byte {
	ders, _ := benchSet()
	b.ResetTimer()
	return ders
}

func BenchmarkParseDER(b *testing.B) {
	for _, v := range errcode.MbedVersions {
		b.Run(v.String(), func(b *testing.B) {
			build := Stock(v)
			ders := benchDER(b)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, f := ParseDER(build, ders[i%len(ders)]); f != nil {
					b.Fatal(f)
				}
			}
		})
	}
}

// BenchmarkParseDERDecision is the parse decision alone (the walk, no Cert
// built), what a caller pays to learn the return code.
func BenchmarkParseDERDecision(b *testing.B) {
	build := Stock(errcode.Mbed36)
	ders := benchDER(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		w := walker{b: &build, v: 1, d: ders[i%len(ders)]}
		if w.parseDER() != 0 {
			b.Fatal(w.failure())
		}
	}
}

func BenchmarkX509ParseCertificate(b *testing.B) {
	ders := benchDER(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := x509.ParseCertificate(ders[i%len(ders)]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseCRT(b *testing.B) {
	build := Stock(errcode.Mbed36)
	ders, pems := benchSet()
	b.Run("DER", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if r := ParseCRT(build, ders[i%len(ders)]); r.Ret != 0 {
				b.Fatal(r.Ret)
			}
		}
	})
	b.Run("PEM", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if r := ParseCRT(build, pems[i%len(pems)]); r.Ret != 0 {
				b.Fatal(r.Ret)
			}
		}
	})
}

// BenchmarkEncodingPEMThenX509 is what the standard library needs for the
// same PEM input: encoding/pem (given the text without its NUL, which it
// would not accept) and x509.ParseCertificate.
func BenchmarkEncodingPEMThenX509(b *testing.B) {
	_, pems := benchSet()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		p := pems[i%len(pems)]
		blk, _ := pem.Decode(p[:len(p)-1])
		if _, err := x509.ParseCertificate(blk.Bytes); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRatios measures the two goals directly: it alternates small
// batches of each contender over the same certificates, so that load on a
// shared machine hits both alike, and reports
//
//	x509/der: x509.ParseCertificate time over ParseDER time (goal >= 2)
//	pem/der:  ParseCRT on PEM over ParseCRT on DER (goal <= 1.3)
//
// benchSink keeps the warming reads of BenchmarkRatios from being removed.
var benchSink byte

func BenchmarkRatios(b *testing.B) {
	build := Stock(errcode.Mbed36)
	ders, pems := benchSet()
	const batch = 500
	var tDER, tX509, tCRT, tPEM time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		off := (i * batch) % (len(ders) - batch)
		t0 := time.Now()
		for _, d := range ders[off : off+batch] {
			ParseDER(build, d)
		}
		t1 := time.Now()
		for _, d := range ders[off : off+batch] {
			_, _ = x509.ParseCertificate(d)
		}
		t2 := time.Now()
		for _, d := range ders[off : off+batch] {
			ParseCRT(build, d)
		}
		t3 := time.Now()
		// The DER batch is in cache (the loops above read it): read the
		// PEM batch once, untimed, so that both sides start warm.
		for _, p := range pems[off : off+batch] {
			for j := 0; j < len(p); j += 64 {
				benchSink ^= p[j]
			}
		}
		t3pem := time.Now()
		for _, p := range pems[off : off+batch] {
			ParseCRT(build, p)
		}
		t4 := time.Now()
		tDER += t1.Sub(t0)
		tX509 += t2.Sub(t1)
		tCRT += t3.Sub(t2)
		tPEM += t4.Sub(t3pem)
	}
	b.ReportMetric(float64(tX509)/float64(tDER), "x509/der")
	b.ReportMetric(float64(tPEM)/float64(tCRT), "pem/der")
	b.ReportMetric(float64(tDER)/float64(b.N*batch), "ns/der")
	b.ReportMetric(float64(tX509)/float64(b.N*batch), "ns/x509")
	b.ReportMetric(float64(tPEM)/float64(b.N*batch), "ns/pem")
}

// BenchmarkPEMRead is mbedtls_pem_read_buffer alone on the benchmark
// certificates: header and footer search, line rules and the base64
// decoding, what PEM input costs on top of DER.
func BenchmarkPEMRead(b *testing.B) {
	build := Stock(errcode.Mbed36)
	_, pems := benchSet()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := pems[i%len(pems)]
		if r := pemRead(&build, p[:len(p)-1], 0); r.ret != 0 {
			b.Fatal(r.fail)
		}
	}
}

// BenchmarkDecodeBase64 is the base64 decoding of the certificate bodies
// alone, as 3.6 does it.
func BenchmarkDecodeBase64(b *testing.B) {
	_, pems := benchSet()
	bodies := make([][]byte, len(pems))
	size := 0
	for i, p := range pems {
		s := len(pemHeader) + 1
		e := bytes.Index(p, pemFooter)
		bodies[i] = p[s:e]
		size += e - s
	}
	b.SetBytes(int64(size / len(pems)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, _, bad := decodeBase64(bodies[i%len(bodies)], true); bad >= 0 {
			b.Fatal(bad)
		}
	}
}
