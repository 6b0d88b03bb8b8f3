package mbedsim

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tlsdoctor/tlsdoctor/errcode"
)

// readConfig reads a config.txt of scripts/mbedtls-oracle ("NAME VALUE" or
// "NAME" per line), copied into testdata/config.
func readConfig(t *testing.T, name string) map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "config", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, _ := strings.Cut(strings.TrimSpace(sc.Text()), " ")
		if k != "" {
			m[k] = strings.TrimSpace(v)
		}
	}
	return m
}

// derived are the macros 3.6's build_info.h adds; a user's config header
// does not have them.
var derived = regexp.MustCompile(`^(PSA_WANT_|MBEDTLS_PSA_BUILTIN_|MBEDTLS_MD_CAN_|MBEDTLS_ECP_HAVE_|MBEDTLS_PK_CAN_|MBEDTLS_PK_HAVE_|MBEDTLS_MD_LIGHT|MBEDTLS_ECP_LIGHT|MBEDTLS_PSA_CRYPTO_CLIENT|MBEDTLS_CAN_ECDH|MBEDTLS_ARCH_IS_|MBEDTLS_MD_SOME_|MBEDTLS_CCM_GCM_CAN_|MBEDTLS_PK_PARSE_EC_COMPRESSED)`)

func TestFromMacrosRawEqualsPreprocessed(t *testing.T) {
	for _, name := range []string{"3.6-stock", "3.6-embedded", "3.6-nopem", "2.28-stock", "2.28-embedded", "2.28-debian"} {
		v := errcode.Mbed228
		if strings.HasPrefix(name, "3.6") {
			v = errcode.Mbed36
		}
		full := readConfig(t, name)
		raw := map[string]string{}
		for k, val := range full {
			if !derived.MatchString(k) {
				raw[k] = val
			}
		}
		a, b := FromMacros(v, full), FromMacros(v, raw)
		a.MPILimbBytes, b.MPILimbBytes = 0, 0 // the preprocessed set names the host architecture
		if a != b {
			t.Errorf("%s: preprocessed %+v\nraw %+v", name, a, b)
		}
	}
}

func TestStockMatchesUpstreamDefault(t *testing.T) {
	for _, tc := range []struct {
		v    errcode.MbedVersion
		name string
	}{{errcode.Mbed228, "2.28-stock"}, {errcode.Mbed36, "3.6-stock"}} {
		got, want := Stock(tc.v), FromMacros(tc.v, readConfig(t, tc.name))
		got.MPILimbBytes, want.MPILimbBytes = 0, 0
		if got != want {
			t.Errorf("Stock(%s) = %+v\nconfig.txt gives %+v", tc.v, got, want)
		}
	}
}

func TestFromMacrosReadsOptions(t *testing.T) {
	e := FromMacros(errcode.Mbed36, readConfig(t, "3.6-embedded"))
	if e.MPIMaxSize != 256 || e.Hashes.Has(SHA384) || e.Hashes.Has(SHA512) || !e.Hashes.Has(SHA256) ||
		e.Curves.Has(SECP384R1) || !e.Curves.Has(SECP256R1) || !e.PEMParse || !e.RSASSAPSS {
		t.Errorf("3.6 embedded: %+v", e)
	}
	e = FromMacros(errcode.Mbed228, readConfig(t, "2.28-embedded"))
	if e.MPIMaxSize != 256 || e.Hashes.Has(SHA384) || e.Curves.Has(BP256R1) || !e.Curves.Has(Curve25519) {
		t.Errorf("2.28 embedded: %+v", e)
	}
	if FromMacros(errcode.Mbed228, readConfig(t, "2.28-nopem")).PEMParse {
		t.Error("2.28 nopem has PEM parsing")
	}
	d := FromMacros(errcode.Mbed228, readConfig(t, "2.28-debian"))
	if !d.Hashes.Has(MD2) || !d.Hashes.Has(MD4) {
		t.Errorf("Debian 2.28 enables MD2 and MD4: %+v", d)
	}
	// A raw 3.6 user config: SHA-224 is its own module there.
	b := FromMacros(errcode.Mbed36, map[string]string{"MBEDTLS_SHA256_C": "", "MBEDTLS_RSA_C": "", "MBEDTLS_MPI_MAX_SIZE": "(512)"})
	if b.Hashes.Has(SHA224) || !b.Hashes.Has(SHA256) || b.MPIMaxSize != 512 || b.ECKeys {
		t.Errorf("raw 3.6 config: %+v", b)
	}
	// ...but not in 2.28.
	b = FromMacros(errcode.Mbed228, map[string]string{"MBEDTLS_SHA256_C": ""})
	if !b.Hashes.Has(SHA224) {
		t.Errorf("2.28 SHA256_C brings SHA-224: %+v", b)
	}
	// A PSA client build wants its hashes through PSA_WANT.
	b = FromMacros(errcode.Mbed36, map[string]string{"MBEDTLS_PSA_CRYPTO_CLIENT": "", "PSA_WANT_ALG_SHA_256": "1"})
	if !b.Hashes.Has(SHA256) {
		t.Errorf("PSA client: %+v", b)
	}
	// USE_PSA_CRYPTO without ECP_C keeps EC keys in PSA.
	b = FromMacros(errcode.Mbed36, map[string]string{"MBEDTLS_USE_PSA_CRYPTO": "", "PSA_WANT_KEY_TYPE_ECC_PUBLIC_KEY": "1", "PSA_WANT_ECC_SECP_R1_256": "1", "PSA_WANT_ALG_ECDSA": "1"})
	if !b.ECKeys || !b.ECPSAData || !b.ECDSA || !b.Curves.Has(SECP256R1) {
		t.Errorf("USE_PSA: %+v", b)
	}
}

func TestPEMBlocks(t *testing.T) {
	b := Stock(errcode.Mbed228)
	leaf, ca := pemText(cert(t, "leaf")), pemText(cert(t, "ca"))
	cr := strings.ReplaceAll(ca, "\n", "\r")
	in := nul("junk\n" + leaf + ca + cr + leaf)
	r := ParseCRT(b, in)
	if !r.PEM || r.Ret != 0 || len(r.Certs) != 2 || len(r.Blocks) != 3 {
		t.Fatalf("got PEM=%v ret=%s certs=%d blocks=%d", r.PEM, HexCode(r.Ret), len(r.Certs), len(r.Blocks))
	}
	b0, b1, b2 := r.Blocks[0], r.Blocks[1], r.Blocks[2]
	if b0.Start != 0 || b0.HeaderOffset != 5 || b0.End != 5+len(leaf) || b0.Ret != 0 || b0.Failure != nil {
		t.Errorf("block 0: %+v", b0)
	}
	if b1.Start != b0.End || b1.HeaderOffset != b1.Start || b1.End != b1.Start+len(ca) {
		t.Errorf("block 1: %+v", b1)
	}
	if in[b1.BodyStart] != 'M' || string(in[b1.FooterOffset:b1.FooterOffset+9]) != "-----END " || b1.BodyEnd != b1.FooterOffset {
		t.Errorf("block 1 body: %+v", b1)
	}
	// The CR-only block stops the scan: the last good block is never seen.
	if !b2.StoppedScan || b2.Ret != -0x1080 || b2.Start != b1.End || b2.End != b2.Start || b2.Failure == nil ||
		b2.Failure.Offset != b2.Start+len("-----BEGIN CERTIFICATE-----") || !strings.Contains(b2.Failure.Reason, "CR alone") {
		t.Errorf("block 2: %+v %+v", b2, b2.Failure)
	}
	// A base64 error points at the byte.
	bad := strings.Replace(leaf, "\n", "\n\t", 2)
	r = ParseCRT(b, nul(bad))
	f := r.Blocks[0].Failure
	if r.Ret != -0x112C || f == nil || bad[f.Offset] != '\t' || f.Cite != "library/base64.c:mbedtls_base64_decode@2.28.3" {
		t.Errorf("base64 failure: ret %s %+v", HexCode(r.Ret), f)
	}
}

func TestFailureCitations(t *testing.T) {
	cite := regexp.MustCompile(`^library/[a-z0-9_]+\.c:[a-z0-9_]+@(2\.28\.3|3\.6\.6)$`)
	leaf := cert(t, "leaf")
	for _, v := range errcode.MbedVersions {
		b := Stock(v)
		for i := 0; i < len(leaf); i++ {
			for _, x := range []byte{0x00, 0x01, 0x80, 0xFF} {
				d := append([]byte(nil), leaf...)
				d[i] ^= x
				_, f := ParseDER(b, d)
				if f == nil {
					continue
				}
				if !cite.MatchString(f.Cite) || !strings.HasSuffix(f.Cite, "@"+v.Release()) {
					t.Fatalf("byte %d ^ %02x: cite %q", i, x, f.Cite)
				}
				if f.Step == "" || f.Reason == "" || f.Offset < 0 || f.Offset > len(d) {
					t.Fatalf("byte %d ^ %02x: %+v", i, x, f)
				}
			}
		}
	}
}

func TestCertFields(t *testing.T) {
	b := Stock(errcode.Mbed36)
	c, f := ParseDER(b, cert(t, "leaf"))
	if f != nil {
		t.Fatal(f)
	}
	want := Cert{Version: 3, SerialHex: "64", SigAlg: "sha256WithRSAEncryption", SigHash: "SHA256", SigPK: "RSA",
		Issuer: "C=DE, O=tlsdoctor test, CN=Test RSA Root", Subject: "C=DE, O=tlsdoctor test, CN=leaf",
		KeyType: "EC", KeyBits: 256, Curve: "secp256r1", MaxPathLen: -1, KeyUsage: 0xA0}
	if c.Version != want.Version || c.SerialHex != want.SerialHex || c.SigAlg != want.SigAlg || c.SigHash != want.SigHash ||
		c.SigPK != want.SigPK || c.Issuer != want.Issuer || c.Subject != want.Subject || c.KeyType != want.KeyType ||
		c.KeyBits != want.KeyBits || c.Curve != want.Curve || c.IsCA || c.MaxPathLen != -1 || c.KeyUsage != want.KeyUsage {
		t.Errorf("leaf: %+v", c)
	}
	if strings.Join(c.DNSNames, " ") != "device.local *.example.com" || strings.Join(c.ExtKeyUsage, " ") != "serverAuth clientAuth" {
		t.Errorf("leaf SAN %q EKU %q", c.DNSNames, c.ExtKeyUsage)
	}
	if len(c.SubjectKeyID) != 20 || len(c.AuthorityKeyID) != 20 || c.SelfIssued || !bytes.Equal(c.Raw, cert(t, "leaf")) {
		t.Errorf("leaf key IDs %x %x self %v", c.SubjectKeyID, c.AuthorityKeyID, c.SelfIssued)
	}
	if c.NotAfter.Sub(c.NotBefore) != 825*24*time.Hour {
		t.Errorf("leaf validity %v .. %v", c.NotBefore, c.NotAfter)
	}
	// 2.28 does not parse the key identifiers, but Cert still reports them.
	c2, _ := ParseDER(Stock(errcode.Mbed228), cert(t, "leaf"))
	if !bytes.Equal(c2.SubjectKeyID, c.SubjectKeyID) || !bytes.Equal(c2.AuthorityKeyID, c.AuthorityKeyID) {
		t.Errorf("2.28 key IDs %x %x", c2.SubjectKeyID, c2.AuthorityKeyID)
	}

	ca, _ := ParseDER(b, cert(t, "ca"))
	if !ca.IsCA || ca.MaxPathLen != -1 || !ca.SelfIssued || ca.KeyType != "RSA" || ca.KeyBits != 2048 || ca.KeyUsage != 0x06 {
		t.Errorf("ca: %+v", ca)
	}
	in, _ := ParseDER(b, cert(t, "intermediate"))
	if !in.IsCA || in.MaxPathLen != 1 || in.Curve != "secp384r1" || in.KeyBits != 384 {
		t.Errorf("intermediate: %+v", in)
	}
	pss, _ := ParseDER(b, cert(t, "leaf_pss384"))
	if pss.SigAlg != "RSASSA-PSS" || pss.SigHash != "SHA384" || pss.SigPK != "RSASSA-PSS" {
		t.Errorf("pss: %+v", pss)
	}
	g, _ := ParseDER(b, cert(t, "leaf_future"))
	if g.NotAfter.Year() != 2060 {
		t.Errorf("GeneralizedTime notAfter: %v", g.NotAfter)
	}
	x, _ := ParseDER(b, cert(t, "leaf_x25519"))
	if x == nil || x.KeyType != "EC" || x.Curve != "x25519" || x.KeyBits != 255 {
		t.Errorf("x25519: %+v", x)
	}
}

func TestHeapModel(t *testing.T) {
	// Peaks measured on 32-bit builds of the two releases, with a calloc
	// that charges each block as the model does (see heap.go).
	bundle := nul(pemText(cert(t, "leaf")) + pemText(cert(t, "ca")) + pemText(cert(t, "root4096")))
	for _, tc := range []struct {
		name      string
		in        []byte
		v228, v36 int
	}{
		{"leaf DER (P-256 key)", cert(t, "leaf"), 1448, 1400},
		{"leaf PEM", nul(pemText(cert(t, "leaf"))), 2224, 2176},
		{"ca DER (RSA-2048)", cert(t, "ca"), 1472, 1416},
		{"ca PEM", nul(pemText(cert(t, "ca"))), 2312, 2256},
		{"root8192 DER", cert(t, "root8192"), 3768, 3712},
		{"ec384 DER", cert(t, "ec384"), 1304, 1256},
		{"bp512 DER", cert(t, "bp512"), 2000, 1952},
		{"intermediate PEM", nul(pemText(cert(t, "intermediate"))), 2208, 2160},
		{"leaf_pss PEM", nul(pemText(cert(t, "leaf_pss"))), 2464, 2416},
		{"leaf_multi PEM (6 SANs)", nul(pemText(cert(t, "leaf_multi"))), 2128, 2080},
		{"leaf_akid PEM", nul(pemText(cert(t, "leaf_akid"))), 2272, 2224},
		{"three-certificate bundle", bundle, 7088, 7056},
		{"leaf_p256_compressed DER", cert(t, "leaf_p256_compressed"), 880, 1880},
		{"leaf_p521_compressed DER", cert(t, "leaf_p521_compressed"), 912, 2800},
		{"leaf_x25519 DER", cert(t, "leaf_x25519"), 672, 1032},
	} {
		for _, v := range errcode.MbedVersions {
			want := tc.v228
			if v == errcode.Mbed36 {
				want = tc.v36
			}
			if got := ParseCRT(Stock(v), tc.in).HeapBytes; got != want {
				t.Errorf("%s on %s: heap %d, measured %d", tc.name, v, got, want)
			}
		}
	}
	if failed := ParseCRT(Stock(errcode.Mbed228), bytes.Repeat([]byte{0xFF}, 100)).HeapBytes; failed != 0 {
		t.Errorf("a buffer that is not a certificate needs %d bytes", failed)
	}
}

func TestCallocZero(t *testing.T) {
	// Research notes T7: an allocator whose calloc(1, 0) returns NULL turns
	// a blank PEM body into PEM_ALLOC_FAILED in 2.28.
	b := Stock(errcode.Mbed228)
	b.CallocZeroReturnsNull = true
	blank := "-----BEGIN CERTIFICATE-----\n\n-----END CERTIFICATE-----\n"
	if r := ParseCRT(b, nul(blank)); r.Ret != -0x1180 {
		t.Errorf("blank body: %s", HexCode(r.Ret))
	}
	good := pemText(cert(t, "leaf"))
	if r := ParseCRT(b, nul(good+blank+good)); r.Ret != 1 || len(r.Certs) != 2 {
		t.Errorf("good, blank, good: %s with %d certs", HexCode(r.Ret), len(r.Certs))
	}
}

func TestConfigDependentRules(t *testing.T) {
	leaf := cert(t, "leaf_crit")
	b := Stock(errcode.Mbed228)
	if _, f := ParseDER(b, leaf); f == nil || f.Ret != -0x2562 {
		t.Errorf("unknown critical extension: %+v", f)
	}
	b.AllowUnsupportedCriticalExtension = true
	if _, f := ParseDER(b, leaf); f != nil {
		t.Errorf("ALLOW_UNSUPPORTED_CRITICAL_EXTENSION: %+v", f)
	}
	// The option does not exist in 3.6.
	m := Stock(errcode.Mbed36)
	m.AllowUnsupportedCriticalExtension = true
	if _, f := ParseDER(m, leaf); f == nil || f.Ret != -0x2562 {
		t.Errorf("3.6 ignores ALLOW_UNSUPPORTED_CRITICAL_EXTENSION: %+v", f)
	}
	// A v1 certificate carrying extensions parses only with
	// MBEDTLS_X509_ALLOW_EXTENSIONS_NON_V3.
	v1ext := edit(t, cert(t, "leaf"), func(c *tnode) { c.at(0, 0, 0).content = []byte{0} })
	b = Stock(errcode.Mbed228)
	if _, f := ParseDER(b, v1ext); f == nil || f.Ret != -0x21E6 {
		t.Errorf("v1 with extensions: %+v", f)
	}
	b.AllowExtensionsNonV3 = true
	if _, f := ParseDER(b, v1ext); f != nil {
		t.Errorf("ALLOW_EXTENSIONS_NON_V3: %+v", f)
	}
	// No RSA module: RSA signatures are unknown OIDs, RSA keys unknown types.
	b = Stock(errcode.Mbed228)
	b.RSA = false
	if _, f := ParseDER(b, cert(t, "leaf")); f == nil || f.Ret != -0x262E {
		t.Errorf("no RSA_C, RSA signature: %+v", f)
	}
	if _, f := ParseDER(b, cert(t, "leaf_int")); f != nil {
		t.Errorf("no RSA_C, ECDSA certificate with EC key: %+v", f)
	}
	// No EC_EXTENDED: explicit parameters are refused differently.
	for _, v := range errcode.MbedVersions {
		b = Stock(v)
		b.PKParseECExtended = false
		want := -0x3D00
		if v == errcode.Mbed36 {
			want = -0x4E80
		}
		if _, f := ParseDER(b, cert(t, "leaf_k256_explicit")); f == nil || f.Ret != want {
			t.Errorf("%s without PK_PARSE_EC_EXTENDED: %+v", v, f)
		}
	}
}

// TestBadInputIsBounded feeds absurd inputs: they must give an answer, not
// a panic, in time and memory linear in their size.
func TestBadInputIsBounded(t *testing.T) {
	b36, b228 := Stock(errcode.Mbed36), Stock(errcode.Mbed228)
	deep := bytes.Repeat([]byte{0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF}, 100000)
	nested := make([]byte, 0, 2<<20)
	for i := 0; i < 1<<20; i++ {
		nested = append(nested, 0x30, 0x80)
	}
	huge := make([]byte, 64<<20)
	for i := range huge {
		huge[i] = 0xFF
	}
	noFooter := append([]byte("-----BEGIN CERTIFICATE-----\n"), bytes.Repeat([]byte("QUFB"), 8<<20)...)
	noFooter = append(noFooter, 0)
	longBody := append([]byte("-----BEGIN CERTIFICATE-----\n"), bytes.Repeat([]byte("QUFB\n"), 4<<20)...)
	longBody = append(append(longBody, "-----END CERTIFICATE-----\n"...), 0)
	headers := append(bytes.Repeat([]byte("-----BEGIN CERTIFICATE-----\n"), 1<<20), 0)
	oneBlock := pemText(cert(t, "leaf"))
	bundle := append(bytes.Repeat([]byte(oneBlock), 20000), 0)
	for _, tc := range []struct {
		name string
		in   []byte
		ret  int
	}{
		{"lengths 0x7FFFFFFF", deep, -0x2180},
		{"4-byte length beyond the end", []byte{0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF, 0x30}, -0x2180},
		{"indefinite nesting", nested, -0x2180},
		{"64 MiB of 0xFF", huge, -0x2180},
		{"a header and 32 MiB without a footer", noFooter, -0x2780},
		{"a 20 MiB body", longBody, -0x2180},
		{"a million headers", headers, -0x2780},
		{"20000 certificates", bundle, 0},
	} {
		for _, b := range []Build{b228, b36} {
			start := time.Now()
			r := ParseCRT(b, tc.in)
			if r.Ret != tc.ret {
				t.Errorf("%s, %s: got %s, want %s", tc.name, b.Version, HexCode(r.Ret), HexCode(tc.ret))
			}
			// Generous for a loaded machine; a quadratic scan would take
			// minutes here.
			if d := time.Since(start); d > 30*time.Second {
				t.Errorf("%s, %s: took %v", tc.name, b.Version, d)
			}
		}
	}
}

func TestHexCode(t *testing.T) {
	for in, want := range map[int]string{-0x21E2: "-0x21E2", -0x10: "-0x0010", 0: "0", 3: "3"} {
		if got := HexCode(in); got != want {
			t.Errorf("HexCode(%d) = %q, want %q", in, got, want)
		}
	}
	f := &Failure{Ret: -0x262E}
	if f.Hex() != "-0x262E" {
		t.Error(f.Hex())
	}
}

func TestSetsAndNames(t *testing.T) {
	s := HashSet(0).With(SHA256, SHA384).Without(SHA384)
	if !s.Has(SHA256) || s.Has(SHA384) || SHA3_256.String() != "SHA3-256" || Hash(99).String() != "Hash(99)" {
		t.Errorf("hash set %b", s)
	}
	c := CurveSet(0).With(BP256R1).Without(SECP256R1)
	if !c.Has(BP256R1) || c.Has(SECP256R1) || BP256R1.String() != "brainpoolP256r1" || Curve(99).String() != "Curve(99)" {
		t.Errorf("curve set %b", c)
	}
}
