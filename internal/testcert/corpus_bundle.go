package testcert

import (
	"fmt"
	"strings"
)

// A bundle is several PEM blocks in one buffer, the way a device is given
// a CA file. mbedtls_x509_crt_parse returns 0, the number of failed blocks,
// or the first error depending on which blocks fail and how (§1.4 of the
// research notes), and a block it cannot delimit stops the scan; so each kind
// of bad block is tried at each position.

// blockKind makes one PEM block (with its final LF) from a good certificate.
type blockKind struct {
	name  string
	block func(der []byte) string
}

func mustCert(name string) []byte {
	der, err := Cert(name)
	if err != nil {
		panic(err)
	}
	return der
}

func fromVariant(name string) func([]byte) string {
	for _, v := range pemVariants() {
		if v.name == name {
			return func(der []byte) string { return string(v.f(der)) }
		}
	}
	panic("no PEM variant " + name)
}

// another ignores the certificate and uses a base certificate with some
// property instead (a key size, a curve, an algorithm).
func another(name string) func([]byte) string {
	return func([]byte) string { return pemLF(mustCert(name)) }
}

func badKinds() []blockKind {
	return []blockKind{
		{"bad-base64", fromVariant("bad-char-star")},
		{"bad-der", func(der []byte) string {
			t, err := parseDER(der)
			if err != nil {
				panic(err)
			}
			d := []byte(string(der))
			d[t.root.kids[0].start] = 0x31 // the TBSCertificate SEQUENCE tag
			return pemLF(d)
		}},
		{"no-footer", fromVariant("missing-footer")},
		{"cr-only", fromVariant("cr")},
		{"empty-body", fromVariant("empty-body")},
		{"blank-body", fromVariant("blank-body")},
		{"encrypted", fromVariant("proc-type-aes128")},
		{"trusted-label", fromVariant("label-trusted")},
		{"literal-bn", fromVariant("literal-bn-all")},
		{"indented", fromVariant("indent2-body")},
		{"lowercase-label", fromVariant("label-lowercase")},
		{"body-line-lost", fromVariant("missing-middle-line")},
		{"no-padding", fromVariant("no-padding")},
		{"ed25519", another("ed25519-root")},
		{"crit-unknown-ext", another("rsa2048-sha256-leaf-crit-unknown")},
		{"uid-81", another("p256-sha256-leaf-uid-81")},
		{"rsa8192", another("rsa8192-sha512-root")},
		{"rsa4096", another("rsa4096-sha256-root-isrgx1")},
		{"p521", another("p521-sha512-root")},
		{"bp256", another("bp256-sha256-root")},
		{"sha1-expired", another("rsa2048-sha1-root-dstx3")},
		{"md5-v1", another("rsa1024-md5-root-v1")},
		{"pss", another("rsa2048-pss256-int")},
	}
}

// goodBundleCerts are the certificates the good blocks are made of: the
// roots an IoT device typically carries.
var goodBundleCerts = []string{
	"rsa2048-sha256-root-digicertg2", "p384-sha384-root-isrgx2", "rsa2048-sha256-root", "p256-sha256-root",
}

func (b *builder) addBundles() {
	good := make([][]byte, len(goodBundleCerts))
	for i, n := range goodBundleCerts {
		good[i] = mustCert(n)
	}
	kinds := badKinds()
	// One bad block among good ones, at every position.
	for ki, k := range kinds {
		for n := 2; n <= 4; n++ {
			for pos := 1; pos <= n; pos++ {
				var s strings.Builder
				for i := 1; i <= n; i++ {
					der := good[(ki+i)%len(good)]
					if i == pos {
						s.WriteString(k.block(der))
					} else {
						s.WriteString(pemLF(der))
					}
				}
				b.add(fmt.Sprintf("bundle/position/%d-blocks-%s-at-%d", n, k.name, pos), "crt", []byte(s.String()+"\x00"))
			}
		}
	}
	// Two bad blocks: which error wins, and whether the scan stops.
	pairs := []string{"bad-base64", "bad-der", "no-footer", "cr-only", "empty-body", "blank-body", "encrypted", "ed25519", "uid-81"}
	byName := map[string]blockKind{}
	for _, k := range kinds {
		byName[k.name] = k
	}
	for _, a := range pairs {
		for _, c := range pairs {
			text := byName[a].block(good[0]) + byName[c].block(good[1])
			b.add("bundle/two-bad/"+a+"+"+c, "crt", []byte(text+"\x00"))
			text3 := byName[a].block(good[0]) + pemLF(good[2]) + byName[c].block(good[1])
			b.add("bundle/two-bad-around-good/"+a+"+"+c, "crt", []byte(text3+"\x00"))
		}
	}
	// Good blocks, joined in different ways.
	three := []string{pemLF(good[0]), pemLF(good[1]), pemLF(good[2])}
	crlf := func(der []byte) string { return armour(b64Lines(der, 64), "\r\n") }
	for _, s := range []struct{ name, text string }{
		{"lf", strings.Join(three, "")},
		{"no-newline-between", strings.Join(trimNL(three), "")},
		{"blank-lines-between", strings.Join(three, "\n\n")},
		{"ca-certificates-comments", "# DigiCert lookalike\n" + three[0] + "# ISRG X2 lookalike\n" + three[1] + "# Test root\n" + three[2]},
		{"text-between", three[0] + opensslText + three[1] + "subject=CN = x\n" + three[2]},
		{"crlf", crlf(good[0]) + crlf(good[1]) + crlf(good[2])},
		{"crlf-then-lf", crlf(good[0]) + three[1] + three[2]},
		{"space-separated", strings.Join(trimNL(three), " ")},
		{"literal-bn-between", strings.Join(trimNL(three), `\n`)},
		{"nul-between", strings.Join(three, "\x00")},
		{"ff-between", strings.Join(three, "\xff")},
		{"same-cert-twice", three[0] + three[0]},
	} {
		b.add("bundle/join/"+s.name+"-nul", "crt", []byte(s.text+"\x00"))
		b.add("bundle/join/"+s.name+"-strlen", "crt", []byte(s.text))
	}
	// Two C strings back to back, the length covering both.
	b.add("bundle/cstrings/two", "crt", []byte(three[0]+"\x00"+three[1]+"\x00"))
	b.add("bundle/cstrings/two-first-bad", "crt", []byte(byName["bad-der"].block(good[0])+"\x00"+three[1]+"\x00"))
	b.add("bundle/cstrings/empty-then-pem", "crt", []byte("\x00"+three[1]+"\x00"))
	// Whole stores: every root, and every base certificate (many fail in
	// some build, so the return value is a count).
	var roots, all, allCRLF strings.Builder
	for _, c := range loadBases() {
		all.WriteString(pemLF(c.der))
		allCRLF.WriteString(crlf(c.der))
		if c.Issuer == "" {
			roots.WriteString(pemLF(c.der))
		}
	}
	b.add("bundle/store/all-roots", "crt", []byte(roots.String()+"\x00"))
	b.add("bundle/store/all-certs", "crt", []byte(all.String()+"\x00"))
	b.add("bundle/store/all-certs-crlf", "crt", []byte(allCRLF.String()+"\x00"))
	b.add("bundle/store/all-certs-ff-fill", "crt", sector([]byte(all.String()), 0xFF))
	b.add("bundle/store/all-certs-zero-fill", "crt", sector([]byte(all.String()), 0))
}

func trimNL(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.TrimSuffix(s, "\n")
	}
	return out
}
