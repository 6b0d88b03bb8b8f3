//go:build oracle

package oracle

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tlsdoctor/tlsdoctor/errcode"
	"github.com/tlsdoctor/tlsdoctor/mbedsim"
)

// verifyDivergences lists the cases (by id, as "VERSION ID" or "* ID") on
// which mbedsim.Verify is known to disagree with a real library, each with
// its reason. An entry is a bug we have not fixed, never a loosened test.
var verifyDivergences = map[string]string{
	// None. webpki::forbidden-p192-root (a secp192r1 leaf key) was listed
	// until mbedsim checked ECDSA on the curves Go lacks (ecdsa_generic.go).
}

// verifyCase is one call of mbedtls_x509_crt_verify_with_profile.
type verifyCase struct {
	ID      string
	Time    time.Time
	Profile string
	Host    string // "" = NULL
	Chain   [][]byte
	Trust   [][]byte
}

type verifyAnswer struct {
	ret          int
	flags        uint32
	nchain, ntru int
}

// runVerifyBatch runs cases through runner/x509verify.
func runVerifyBatch(t *testing.T, bin string, cases []verifyCase) []verifyAnswer {
	t.Helper()
	var in bytes.Buffer
	hexList := func(l [][]byte) string {
		if len(l) == 0 {
			return "-"
		}
		parts := make([]string, len(l))
		for i, d := range l {
			parts[i] = hex.EncodeToString(d)
		}
		return strings.Join(parts, ",")
	}
	for i, c := range cases {
		host := "-"
		if c.Host != "" {
			host = hex.EncodeToString([]byte(c.Host))
		}
		fmt.Fprintf(&in, "%d %d %s %s %s %s\n", i, c.Time.Unix(), c.Profile, host, hexList(c.Chain), hexList(c.Trust))
	}
	cmd := exec.Command(bin)
	cmd.Stdin = &in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", bin, err, stderr.String())
	}
	res := make([]verifyAnswer, len(cases))
	seen := 0
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 5 {
			t.Fatalf("bad runner line %q", sc.Text())
		}
		i, err1 := strconv.Atoi(f[0])
		ret, err2 := strconv.Atoi(f[1])
		flags, err3 := strconv.ParseUint(f[2], 10, 32)
		nc, err4 := strconv.Atoi(f[3])
		nt, err5 := strconv.Atoi(f[4])
		if err1 != nil || err2 != nil || err3 != nil || err4 != nil || err5 != nil || i < 0 || i >= len(cases) {
			t.Fatalf("bad runner line %q", sc.Text())
		}
		res[i] = verifyAnswer{ret, uint32(flags), nc, nt}
		seen++
	}
	if seen != len(cases) {
		t.Fatalf("%s answered %d of %d cases", bin, seen, len(cases))
	}
	return res
}

// predictVerify parses each certificate with the build's model, leaves out
// those that fail (as the runner does), and verifies.
func predictVerify(b mbedsim.Build, c verifyCase) (mbedsim.VerifyResult, int, int) {
	parse := func(l [][]byte) []*mbedsim.Cert {
		var out []*mbedsim.Cert
		for _, d := range l {
			if cert, f := mbedsim.ParseDER(b, d); f == nil {
				out = append(out, cert)
			}
		}
		return out
	}
	chain, trust := parse(c.Chain), parse(c.Trust)
	return mbedsim.Verify(b, chain, trust, mbedsim.VerifyOptions{Time: c.Time, HostName: c.Host, Profile: c.Profile}), len(chain), len(trust)
}

// compareVerify runs cases on one build and reports agreement.
func compareVerify(t *testing.T, version, config, corpus string, cases []verifyCase) (agree, known int) {
	b := LoadBuild(t, version, config)
	var link []string
	if b.Config == "debian" {
		link = []string{"-lmbedtls", "-lmbedx509", "-lmbedcrypto"}
	}
	bin := CompileRunner(t, "x509verify", &b, link...)
	got := runVerifyBatch(t, bin, cases)
	v, ok := errcode.ParseMbedVersion(b.Version)
	if !ok {
		t.Fatalf("unknown mbedTLS version %q", b.Version)
	}
	build := mbedsim.FromMacros(v, b.Macros)
	div := 0
	byFlags := map[string]int{}
	for i, c := range cases {
		lib := got[i]
		pred, nc, nt := predictVerify(build, c)
		if pred.Ret == lib.ret && pred.Flags == lib.flags && nc == lib.nchain && nt == lib.ntru {
			agree++
			byFlags[fmt.Sprintf("%s/%#x", mbedsim.HexCode(lib.ret), lib.flags)]++
			continue
		}
		if _, ok := verifyDivergences[b.Version+" "+c.ID]; ok {
			known++
			continue
		}
		if _, ok := verifyDivergences["* "+c.ID]; ok {
			known++
			continue
		}
		div++
		if div <= 30 {
			t.Errorf("%s %s %s: library %s flags %#x (chain %d, trust %d parsed); mbedsim %s flags %#x (chain %d, trust %d) per-cert %x %v",
				b.Version, b.Config, c.ID, mbedsim.HexCode(lib.ret), lib.flags, lib.nchain, lib.ntru,
				mbedsim.HexCode(pred.Ret), pred.Flags, nc, nt, pred.PerCert, pred.Notes)
		}
	}
	keys := make([]string, 0, len(byFlags))
	for k := range byFlags {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return byFlags[keys[i]] > byFlags[keys[j]] })
	if len(keys) > 8 {
		keys = keys[:8]
	}
	var top []string
	for _, k := range keys {
		top = append(top, fmt.Sprintf("%s×%d", k, byFlags[k]))
	}
	t.Logf("%s on mbedTLS %s %s: %d/%d agree, %d listed divergences, %d unexplained; commonest outcomes: %s",
		corpus, b.Version, b.Config, agree, len(cases), known, div, strings.Join(top, " "))
	return agree, known
}

// limboCases reads x509-limbo and turns each case into a verify call with
// the default profile.
func limboCases(t *testing.T) []verifyCase {
	t.Helper()
	// shared/ sits beside the repository (a developer's checkout and CI's
	// clone alike); TLSDOCTOR_SHARED names another place.
	path := RepoRoot(t) + "/../shared/corpora/limbo.json.xz"
	if dir := os.Getenv("TLSDOCTOR_SHARED"); dir != "" {
		path = dir + "/corpora/limbo.json.xz"
	}
	if _, err := exec.LookPath("xz"); err != nil {
		Unavailable(t, "xz not found (apt-get install -y xz-utils)")
	}
	raw, err := exec.Command("xz", "-dc", path).Output()
	if err != nil {
		Unavailable(t, "x509-limbo corpus %s: %v", path, err)
	}
	var doc struct {
		Testcases []struct {
			ID             string   `json:"id"`
			Kind           string   `json:"validation_kind"`
			Trusted        []string `json:"trusted_certs"`
			Intermediates  []string `json:"untrusted_intermediates"`
			Peer           string   `json:"peer_certificate"`
			ValidationTime *string  `json:"validation_time"`
			PeerName       *struct {
				Kind  string `json:"kind"`
				Value string `json:"value"`
			} `json:"expected_peer_name"`
		} `json:"testcases"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("limbo.json: %v", err)
	}
	ders := func(pems ...string) [][]byte {
		var out [][]byte
		for _, p := range pems {
			rest := []byte(p)
			for {
				var blk *pem.Block
				blk, rest = pem.Decode(rest)
				if blk == nil {
					break
				}
				out = append(out, blk.Bytes)
			}
		}
		return out
	}
	var cases []verifyCase
	for _, tc := range doc.Testcases {
		c := verifyCase{ID: tc.ID, Profile: "default", Time: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
		if tc.ValidationTime != nil {
			tm, err := time.Parse(time.RFC3339, *tc.ValidationTime)
			if err != nil {
				t.Fatalf("%s: validation_time %q: %v", tc.ID, *tc.ValidationTime, err)
			}
			c.Time = tm
		}
		if tc.Kind == "SERVER" && tc.PeerName != nil && (tc.PeerName.Kind == "DNS" || tc.PeerName.Kind == "IP") {
			c.Host = tc.PeerName.Value
		}
		c.Chain = append(ders(tc.Peer), ders(tc.Intermediates...)...)
		c.Trust = ders(tc.Trusted...)
		if len(c.Chain) == 0 {
			continue
		}
		cases = append(cases, c)
	}
	return cases
}

// TestVerifyLimbo compares mbedsim.Verify with the real
// mbedtls_x509_crt_verify_with_profile on every x509-limbo case.
func TestVerifyLimbo(t *testing.T) {
	cases := limboCases(t)
	t.Logf("x509-limbo: %d cases", len(cases))
	for _, bc := range []struct{ v, c string }{{"2.28", "debian"}, {"2.28", "stock"}, {"3.6", "stock"}} {
		t.Run(bc.v+"-"+bc.c, func(t *testing.T) {
			t.Parallel()
			compareVerify(t, bc.v, bc.c, "x509-limbo", cases)
		})
	}
}
