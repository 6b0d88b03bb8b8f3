//go:build oracle

package oracle

import (
	"bufio"
	"bytes"
	"crypto"
	"crypto/tls"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tlsdoctor/tlsdoctor/errcode"
	"github.com/tlsdoctor/tlsdoctor/internal/testcert"
	"github.com/tlsdoctor/tlsdoctor/mbedsim"
	"github.com/tlsdoctor/tlsdoctor/profile"
	"github.com/tlsdoctor/tlsdoctor/verdict"
)

// handshakeDivergences lists (as "VERSION CONFIG CASE" or "* CASE") where
// verdict.PredictBuild is known to disagree with the real handshake, each
// with its reason. An entry is a bug we have not fixed, never a loosened
// test.
var handshakeDivergences = map[string]string{
	"3.6 embedded srv-p384, TLS 1.3": "the Go server refuses the handshake at ServerHello (alert, -0x7780 at state 2): in TLS 1.3 " +
		"it needs a signature algorithm for its P-384 key among those the client offers, and a build without P-384 and SHA-384 " +
		"offers none. The verdict models the client from the Certificate message on (-0x3A00 there); what a server does " +
		"before it is the server's choice, which the probe sees only for its own (Go) client",
	"3.6 embedded P-384 key, groups P-256, TLS 1.3": "as for srv-p384, TLS 1.3: the server's alert at state 2 comes before the Certificate message",
}

// hsCase is one TLS client handshake against a Go server on 127.0.0.1.
type hsCase struct {
	name  string
	chain [][]byte
	key   crypto.Signer
	trust []string // base certificates in the device's CA file
	// host: "-" never calls mbedtls_ssl_set_hostname, "=" calls it with
	// NULL, else the name.
	host     string
	groups   []string
	authmode string
	maxTLS   string // "1.2" or "1.3" (the server's and, on 3.6, the client's cap)
	rsaKX    bool   // the server offers RSA key transport suites only
}

func baseChain(t *testing.T, names ...string) ([][]byte, crypto.Signer) {
	t.Helper()
	out := testcert.MustDER(t, names...)
	k, err := testcert.Key(names[0])
	if err != nil {
		t.Fatal(err)
	}
	return out, k
}

func server(t *testing.T, name string) ([][]byte, crypto.Signer, string) {
	t.Helper()
	s, err := testcert.Server(name)
	if err != nil {
		t.Fatal(err)
	}
	return s.Chain, s.Key, s.Root
}

func handshakeCases(t *testing.T) []hsCase {
	good, goodKey := baseChain(t, "p256-sha256-leaf", "p256-sha256-int")
	expired, expiredKey := baseChain(t, "p256-sha256-leaf-expired", "p256-sha256-int")
	p384, p384Key := baseChain(t, "p384-sha384-leaf", "p384-sha384-int-e1like")
	r3, r3Key := baseChain(t, "rsa2048-sha256-leaf-r3like", "rsa2048-sha256-int-r3like")
	var cs []hsCase
	add := func(c hsCase) {
		if c.authmode == "" {
			c.authmode = "required"
		}
		if c.maxTLS == "" {
			c.maxTLS = "1.2"
		}
		if c.host == "" {
			c.host = "device.local"
		}
		cs = append(cs, c)
	}
	add(hsCase{name: "good chain", chain: good, key: goodKey, trust: []string{"p256-sha256-root"}})
	add(hsCase{name: "good chain, TLS 1.3", chain: good, key: goodKey, trust: []string{"p256-sha256-root"}, maxTLS: "1.3"})
	add(hsCase{name: "wrong root", chain: good, key: goodKey, trust: []string{"rsa2048-sha256-root"}})
	add(hsCase{name: "wrong root, optional", chain: good, key: goodKey, trust: []string{"rsa2048-sha256-root"}, authmode: "optional"})
	add(hsCase{name: "expired leaf", chain: expired, key: expiredKey, trust: []string{"p256-sha256-root"}})
	add(hsCase{name: "CN/SAN mismatch", chain: good, key: goodKey, trust: []string{"p256-sha256-root"}, host: "other.example.org"})
	add(hsCase{name: "no hostname set", chain: good, key: goodKey, trust: []string{"p256-sha256-root"}, host: "-"})
	add(hsCase{name: "no hostname set, wrong root", chain: good, key: goodKey, trust: []string{"rsa2048-sha256-root"}, host: "-"})
	add(hsCase{name: "no hostname set, optional", chain: good, key: goodKey, trust: []string{"p256-sha256-root"}, host: "-", authmode: "optional"})
	add(hsCase{name: "set_hostname(NULL)", chain: good, key: goodKey, trust: []string{"p256-sha256-root"}, host: "="})
	for _, sc := range []string{"srv-good-ec", "srv-good-rsa", "srv-ku-keyagreement-ec", "srv-ku-keyencipherment-rsa",
		"srv-ku-encipheronly", "srv-eku-clientauth", "srv-eku-any", "srv-no-ku-no-eku", "srv-p384"} {
		ch, k, root := server(t, sc)
		add(hsCase{name: sc, chain: ch, key: k, trust: []string{root}})
		add(hsCase{name: sc + ", optional", chain: ch, key: k, trust: []string{root}, authmode: "optional"})
		add(hsCase{name: sc + ", TLS 1.3", chain: ch, key: k, trust: []string{root}, maxTLS: "1.3"})
	}
	ch, k, root := server(t, "srv-ku-keyencipherment-rsa")
	add(hsCase{name: "keyEncipherment only, RSA key transport", chain: ch, key: k, trust: []string{root}, rsaKX: true})
	ch, k, root = server(t, "srv-ku-keyagreement-ec")
	add(hsCase{name: "KU fails and wrong root", chain: ch, key: k, trust: []string{"p256-sha256-root"}})
	_ = root
	// P-384: on a build without the curve the peer certificate does not
	// parse; with a configured curve list without it, the SSL layer's curve
	// check refuses it (TLS 1.2 only on 3.6).
	add(hsCase{name: "P-384 key", chain: p384, key: p384Key, trust: []string{"p384-sha384-root-isrgx2"}})
	add(hsCase{name: "P-384 key, groups P-256", chain: p384, key: p384Key, trust: []string{"p384-sha384-root-isrgx2"}, groups: []string{"secp256r1", "x25519"}})
	add(hsCase{name: "P-384 key, groups P-256, TLS 1.3", chain: p384, key: p384Key, trust: []string{"p384-sha384-root-isrgx2"}, groups: []string{"secp256r1", "x25519"}, maxTLS: "1.3"})
	add(hsCase{name: "P-384 key, groups P-256, optional", chain: p384, key: p384Key, trust: []string{"p384-sha384-root-isrgx2"}, groups: []string{"secp256r1"}, authmode: "optional"})
	ch, k, root = server(t, "srv-p384")
	add(hsCase{name: "srv-p384, groups P-256", chain: ch, key: k, trust: []string{root}, groups: []string{"secp256r1"}})
	// An RSA-4096 root: the CA file fails to parse on MPI_MAX_SIZE 256.
	add(hsCase{name: "RSA-4096 root", chain: r3, key: r3Key, trust: []string{"rsa4096-sha256-root-isrgx1"}, host: "www.example.com"})
	// The Certificate message against IN_CONTENT_LEN: about 700 bytes
	// (over smallbuf's 512, within its input buffer: -0x7200), and 1.5 KB
	// and more (beyond the buffer: -0x7100).
	ch, k, root = server(t, "srv-leaf-only")
	add(hsCase{name: "leaf only (~700 bytes)", chain: ch, key: k, trust: []string{root}})
	add(hsCase{name: "big leaf", chain: mustChain(t, "rsa2048-sha256-leaf-big", "rsa2048-sha256-int"), key: mustKey(t, "rsa2048-sha256-leaf-big"), trust: []string{"rsa2048-sha256-root"}, host: "www.example.com"})
	// An intermediate the build cannot parse: a P-384 intermediate under an
	// RSA root, issuing a P-256 leaf (ecdsa-with-SHA256).
	crossKey := mustKey(t, "p384-sha256-int-cross")
	leafKey := mustKey(t, "p256-sha256-leaf")
	leaf, err := testcert.IssueUnder("p384-sha256-int-cross", leafKey.Public())
	if err != nil {
		t.Fatal(err)
	}
	_ = crossKey
	cross := mustChain(t, "p384-sha256-int-cross")
	add(hsCase{name: "P-384 intermediate", chain: [][]byte{leaf, cross[0]}, key: leafKey, trust: []string{"rsa2048-sha256-root"}})
	return cs
}

func mustChain(t *testing.T, names ...string) [][]byte {
	c, _ := baseChain(t, names...)
	return c
}

func mustKey(t *testing.T, name string) crypto.Signer {
	k, err := testcert.Key(name)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// serve starts a Go TLS server for one case and returns its port.
func serve(t *testing.T, c hsCase) string {
	t.Helper()
	cfg := &tls.Config{Certificates: []tls.Certificate{{Certificate: c.chain, PrivateKey: c.key}}, MaxVersion: tls.VersionTLS12}
	if c.maxTLS == "1.3" {
		cfg.MaxVersion = tls.VersionTLS13
	}
	if c.rsaKX {
		cfg.CipherSuites = []uint16{tls.TLS_RSA_WITH_AES_128_GCM_SHA256, tls.TLS_RSA_WITH_AES_128_CBC_SHA}
	}
	_, port, _ := net.SplitHostPort(testcert.TLSServer(t, cfg, 10*time.Second))
	return port
}

// suiteFor is the suite the Go server picks for a TLS 1.2 client offering
// everything: ECDHE with the key's signature, or RSA key transport when
// that is all the server offers.
func suiteFor(c hsCase) string {
	switch {
	case c.rsaKX:
		return "TLS_RSA_WITH_AES_128_GCM_SHA256"
	case strings.Contains(fmt.Sprintf("%T", c.key), "ecdsa"):
		return "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"
	}
	return "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
}

type hsAnswer struct {
	ret, state int
	flags      uint32
	caRet      int
}

func TestHandshakeAgainstMbedTLS(t *testing.T) {
	cases := handshakeCases(t)
	dir := t.TempDir()
	total, agreeAll := 0, 0
	for _, bc := range Builds {
		t.Run(bc.Version+"-"+bc.Config, func(t *testing.T) {
			b := LoadBuild(t, bc.Version, bc.Config)
			var link []string
			if b.Config == "debian" {
				link = []string{"-lmbedtls", "-lmbedx509", "-lmbedcrypto"}
			}
			bin := CompileRunner(t, "handshake", &b, link...)
			v, _ := errcode.ParseMbedVersion(b.Version)
			build := mbedsim.FromMacros(v, b.Macros)
			p := &profile.Profile{Versions: []errcode.MbedVersion{v}, Config: map[errcode.MbedVersion]profile.Macros{v: profile.Macros(b.Macros)}, DeviceTime: testcert.Now()}

			var in bytes.Buffer
			for i, c := range cases {
				port := serve(t, c)
				ca := filepath.Join(dir, fmt.Sprintf("ca-%s-%s-%d.pem", b.Version, b.Config, i))
				var pemb bytes.Buffer
				for _, d := range testcert.MustDER(t, c.trust...) {
					if b.Macros["MBEDTLS_PEM_PARSE_C"] == "" && !hasMacro(b, "MBEDTLS_PEM_PARSE_C") {
						// A device without PEM carries its root as DER
						// (every case has one root, and a DER file holds one).
						pemb.Write(d)
						continue
					}
					_ = pem.Encode(&pemb, &pem.Block{Type: "CERTIFICATE", Bytes: d})
				}
				if err := os.WriteFile(ca, pemb.Bytes(), 0o600); err != nil {
					t.Fatal(err)
				}
				host := c.host
				if host != "-" && host != "=" {
					host = hex.EncodeToString([]byte(host))
				}
				groups := "-"
				if c.groups != nil {
					groups = strings.Join(c.groups, ",")
				}
				fmt.Fprintf(&in, "%d %s %d %s %s %s %s %s\n", i, port, testcert.Now().Unix(), ca, host, groups, c.authmode, c.maxTLS)
			}
			got := runHandshakes(t, bin, in.Bytes(), len(cases))
			agree := 0
			byRet := map[string]int{}
			for i, c := range cases {
				lib := got[i]
				byRet[mbedsim.HexCode(lib.ret)]++
				pred := predictHandshake(p, v, build, c)
				wantFlags := pred.VerifyFlags
				if pred.Stage == "record" || pred.Stage == "parse" || pred.Stage == "hostname" {
					// verify_flags is 0 when verification never ran (the
					// JSON contract); the library's "never verified" value
					// is 0 on 2.28 and 0xFFFFFFFF on 3.6.
					if v == errcode.Mbed36 {
						wantFlags = 0xFFFFFFFF
					}
				}
				ok := pred.ReturnCode == lib.ret && wantFlags == lib.flags && pred.State == lib.state
				total++
				if ok {
					agree++
					agreeAll++
					continue
				}
				key := b.Version + " " + b.Config + " " + c.name
				if why, known := handshakeDivergences[key]; known {
					t.Logf("known divergence %s: %s", key, why)
					continue
				}
				if why, known := handshakeDivergences["* "+c.name]; known {
					t.Logf("known divergence %s: %s", c.name, why)
					continue
				}
				t.Errorf("%s: library ret %s state %d flags %#x (CA parse %d); predicted %s state %d flags %#x (stage %s)",
					c.name, mbedsim.HexCode(lib.ret), lib.state, lib.flags, lib.caRet, pred.ReturnCodeHex, pred.State, wantFlags, pred.Stage)
			}
			t.Logf("mbedTLS %s %s: %d/%d handshakes agree (library returns: %s)", b.Version, b.Config, agree, len(cases), summarize(byRet))
		})
	}
	t.Logf("all builds: %d/%d handshakes agree", agreeAll, total)
}

func hasMacro(b Build, name string) bool { _, ok := b.Macros[name]; return ok }

// predictHandshake is our verdict for one case on one build.
func predictHandshake(p *profile.Profile, v errcode.MbedVersion, b mbedsim.Build, c hsCase) verdict.Prediction {
	var trust [][]byte
	for _, n := range c.trust {
		d, _ := testcert.Cert(n)
		trust = append(trust, d)
	}
	msg := 4 + 3
	for _, d := range c.chain {
		msg += 3 + len(d)
	}
	ver := "TLS 1.2"
	if c.maxTLS == "1.3" {
		ver = "TLS 1.3"
	}
	in := verdict.Input{Chain: c.chain, Trust: trust, TrustName: "ca.pem", Groups: c.groups,
		Handshake: &verdict.Handshake{CertificateMessage: msg, Records: 1, Measured: true, TLSVersion: ver, CipherSuite: suiteFor(c)}}
	switch c.host {
	case "-":
		in.NoHostname = true
	case "=":
	default:
		in.Host = c.host
	}
	if c.authmode == "optional" {
		in.AuthMode = verdict.Optional
	}
	pr, _ := verdict.PredictBuild(p, v, b, in)
	return pr
}

func runHandshakes(t *testing.T, bin string, input []byte, n int) map[int]hsAnswer {
	t.Helper()
	cmd := exec.Command(bin)
	cmd.Stdin = bytes.NewReader(input)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", bin, err, stderr.String())
	}
	res := map[int]hsAnswer{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 5 {
			t.Fatalf("bad runner line %q", sc.Text())
		}
		i, e1 := strconv.Atoi(f[0])
		ret, e2 := strconv.Atoi(f[1])
		state, e3 := strconv.Atoi(f[2])
		flags, e4 := strconv.ParseUint(f[3], 10, 32)
		caRet, e5 := strconv.Atoi(f[4])
		if e1 != nil || e2 != nil || e3 != nil || e4 != nil || e5 != nil {
			t.Fatalf("bad runner line %q", sc.Text())
		}
		res[i] = hsAnswer{ret, state, uint32(flags), caRet}
	}
	if len(res) != n {
		t.Fatalf("%s answered %d of %d handshakes", bin, len(res), n)
	}
	return res
}
