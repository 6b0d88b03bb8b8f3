package mbedsim

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlsdoctor/tlsdoctor/errcode"
)

// FuzzParseCRT checks that any buffer gets an answer on every build, and
// that the answer is consistent with itself: the return value agrees with
// the blocks and certificates, every certificate in the chain parses again
// from its Raw bytes, and every failure carries a citation for its version
// and an offset inside the bytes it talks about. The seed corpus is
// testdata/fuzz/FuzzParseCRT plus the certificates in testdata/certs, as DER
// and as PEM.
func FuzzParseCRT(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "certs", "*.der"))
	for _, name := range files {
		der, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(der)
		f.Add(nul(pemText(der)))
	}
	debian, small, v2, m36 := researchBuilds()
	m36small := Stock(errcode.Mbed36)
	m36small.MPIMaxSize = 256
	m36small.Curves = CurveSet(0).With(SECP256R1)
	m36small.Hashes = m36small.Hashes.Without(SHA384, SHA512)
	builds := []Build{debian, small, v2, m36, m36small}
	f.Fuzz(func(t *testing.T, in []byte) {
		for _, b := range builds {
			checkResult(t, b, in, ParseCRT(b, in))
			c, fail := ParseDER(b, in)
			if (c == nil) == (fail == nil) {
				t.Fatalf("%s: ParseDER returned %v and %v", b.Version, c, fail)
			}
			if fail != nil {
				checkFailure(t, b, fail, len(in))
			}
		}
	})
}

func checkResult(t *testing.T, b Build, in []byte, r *Result) {
	t.Helper()
	if len(r.Blocks) == 0 {
		t.Fatalf("%s: no blocks", b.Version)
	}
	failed, success := 0, 0
	for i, blk := range r.Blocks {
		if (blk.Ret == 0) != (blk.Failure == nil) {
			t.Fatalf("%s: block %d ret %s with failure %+v", b.Version, i, HexCode(blk.Ret), blk.Failure)
		}
		if blk.Start < 0 || blk.End < blk.Start || blk.End > len(in) {
			t.Fatalf("%s: block %d range %d..%d of %d", b.Version, i, blk.Start, blk.End, len(in))
		}
		if blk.Failure != nil {
			limit := len(in)
			if r.PEM && blk.Failure.Step != "" && !strings.HasPrefix(blk.Failure.Step, "pem.") {
				limit = blk.End // a DER offset is inside the decoded block, which is shorter than its text
			}
			checkFailure(t, b, blk.Failure, limit)
		}
		switch {
		case blk.Ret == 0:
			success++
		case !blk.StoppedScan && blk.Ret != -0x1480:
			failed++
		}
	}
	if success != len(r.Certs) {
		t.Fatalf("%s: %d blocks parsed, %d certificates", b.Version, success, len(r.Certs))
	}
	switch {
	case r.Ret > 0:
		if !r.PEM || success == 0 || r.Ret != failed {
			t.Fatalf("%s: ret %d with PEM=%v, %d parsed, %d failed", b.Version, r.Ret, r.PEM, success, failed)
		}
	case r.Ret == 0:
		if success == 0 || failed != 0 {
			t.Fatalf("%s: ret 0 with %d parsed, %d failed", b.Version, success, failed)
		}
	case r.Ret != -0x1480 && success != 0:
		t.Fatalf("%s: ret %s with %d certificates", b.Version, HexCode(r.Ret), success)
	}
	if r.HeapBytes < 0 || (len(r.Certs) > 0 && r.HeapBytes == 0) {
		t.Fatalf("%s: heap %d", b.Version, r.HeapBytes)
	}
	for _, c := range r.Certs {
		again, fail := ParseDER(b, c.Raw)
		if fail != nil || !bytes.Equal(again.Raw, c.Raw) {
			t.Fatalf("%s: a certificate of the chain does not parse again: %+v", b.Version, fail)
		}
		if !r.PEM && !bytes.Equal(c.Raw, in[:len(c.Raw)]) {
			t.Fatalf("%s: Raw is not the start of the DER input", b.Version)
		}
	}
}

func checkFailure(t *testing.T, b Build, f *Failure, limit int) {
	t.Helper()
	if f.Ret >= 0 || f.Step == "" || f.Reason == "" || !strings.HasSuffix(f.Cite, "@"+b.Version.Release()) ||
		!strings.HasPrefix(f.Cite, "library/") || f.Offset < 0 || f.Offset > limit {
		t.Fatalf("%s: bad failure %+v (limit %d)", b.Version, f, limit)
	}
}
