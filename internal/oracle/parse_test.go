//go:build oracle

package oracle

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/tlsdoctor/tlsdoctor/errcode"
	"github.com/tlsdoctor/tlsdoctor/internal/testcert"
	"github.com/tlsdoctor/tlsdoctor/mbedsim"
)

// parseDivergences lists the inputs (by case name) on which mbedsim is known
// to disagree with a real library, each with the reason. Keys are
// "VERSION CONFIG CASE"; "* * CASE" matches every build. "When the real
// library disagrees with our prediction, the library is right": an entry
// here is a bug we have not fixed, never a test we loosened.
var parseDivergences = map[string]string{}

// parseCase is one input: Mode "crt" runs mbedtls_x509_crt_parse, "der"
// mbedtls_x509_crt_parse_der.
type parseCase struct {
	Name  string
	Mode  string
	Input []byte
}

// TestParseAgainstMbedTLS runs every input of the corpus through the real
// mbedtls_x509_crt_parse / _parse_der of every oracle build and through
// mbedsim.ParseCRT / ParseDER with the build's configuration, and requires
// the same return code and the same number of certificates in the chain.
func TestParseAgainstMbedTLS(t *testing.T) {
	var cases []parseCase
	for _, c := range testcert.Corpus() {
		cases = append(cases, parseCase{"testcert/" + c.Name, c.Mode, c.Input})
	}
	nTestcert := len(cases)
	cases = append(cases, parseCorpus(t)...)
	t.Logf("parse corpus: %d inputs (%d from testcert.Corpus, %d from the seed corpus)", len(cases), nTestcert, len(cases)-nTestcert)
	total, totalDiv := 0, 0
	for _, bc := range Builds {
		t.Run(bc.Version+"-"+bc.Config, func(t *testing.T) {
			b := LoadBuild(t, bc.Version, bc.Config)
			var link []string
			if b.Config == "debian" {
				link = []string{"-lmbedtls", "-lmbedx509", "-lmbedcrypto"}
			}
			bin := CompileRunner(t, "x509parse", &b, link...)
			got := runParseBatch(t, bin, cases)
			version, ok := errcode.ParseMbedVersion(b.Version)
			if !ok {
				t.Fatalf("unknown mbedTLS version %q", b.Version)
			}
			build := mbedsim.FromMacros(version, b.Macros)
			// The runner is a host program: its mbedtls_mpi_uint is 64
			// bits wide on 64-bit hosts, which decides when an absurdly long
			// INTEGER is refused outright (MBEDTLS_MPI_MAX_LIMBS).
			if strings.HasSuffix(runtime.GOARCH, "64") {
				build.MPILimbBytes = 8
			}
			div, known, byCode := 0, 0, map[string]int{}
			for i, c := range cases {
				ret, n := predict(build, c)
				lib := got[i]
				if ret == lib.ret && n == lib.n {
					byCode[mbedsim.HexCode(lib.ret)]++
					continue
				}
				if reason, ok := divergenceReason(b.Version, b.Config, c.Name); ok {
					known++
					_ = reason
					continue
				}
				div++
				if div <= 25 {
					t.Errorf("%s %s %s [%s, %d bytes]: library %s/%d certs, mbedsim %s/%d certs%s",
						b.Version, b.Config, c.Name, c.Mode, len(c.Input), mbedsim.HexCode(lib.ret), lib.n,
						mbedsim.HexCode(ret), n, explain(build, c))
				}
			}
			total += len(cases)
			totalDiv += div
			t.Logf("mbedTLS %s %s: %d inputs compared, %d divergences (%d listed in parseDivergences); outcomes: %s",
				b.Version, b.Config, len(cases), div, known, summarize(byCode))
		})
	}
	t.Logf("parse oracle: %d comparisons across %d builds, %d unexplained divergences", total, len(Builds), totalDiv)
}

func divergenceReason(version, config, name string) (string, bool) {
	for _, k := range []string{version + " " + config + " " + name, version + " * " + name, "* * " + name} {
		if r, ok := parseDivergences[k]; ok {
			return r, true
		}
	}
	return "", false
}

func predict(b mbedsim.Build, c parseCase) (ret, n int) {
	in := c.Input
	if in == nil {
		in = []byte{} // the runner never passes NULL
	}
	if c.Mode == "der" {
		cert, f := mbedsim.ParseDER(b, in)
		if f != nil {
			return f.Ret, 0
		}
		_ = cert
		return 0, 1
	}
	r := mbedsim.ParseCRT(b, in)
	return r.Ret, len(r.Certs)
}

func explain(b mbedsim.Build, c parseCase) string {
	in := c.Input
	if in == nil {
		in = []byte{}
	}
	if c.Mode == "der" {
		if _, f := mbedsim.ParseDER(b, in); f != nil {
			return fmt.Sprintf(" (mbedsim: %s at %d: %s; %s)", f.Step, f.Offset, f.Reason, f.Cite)
		}
		return ""
	}
	r := mbedsim.ParseCRT(b, in)
	var parts []string
	for _, blk := range r.Blocks {
		if blk.Failure != nil {
			parts = append(parts, fmt.Sprintf("%s at %d: %s", blk.Failure.Step, blk.Failure.Offset, blk.Failure.Reason))
		}
	}
	return fmt.Sprintf(" (pem=%v blocks=%d %s)", r.PEM, len(r.Blocks), strings.Join(parts, "; "))
}

func summarize(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return m[keys[i]] > m[keys[j]] })
	var sb strings.Builder
	for i, k := range keys {
		if i == 12 {
			fmt.Fprintf(&sb, " +%d more", len(keys)-i)
			break
		}
		if i > 0 {
			sb.WriteString(" ")
		}
		fmt.Fprintf(&sb, "%s:%d", k, m[k])
	}
	return sb.String()
}

type libResult struct{ ret, n int }

// runParseBatch feeds the cases to the runner ("crt <hex>" / "der <hex>"
// lines) and returns its answers in order.
func runParseBatch(t *testing.T, bin string, cases []parseCase) []libResult {
	t.Helper()
	cmd := exec.Command(bin)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	werr := make(chan error, 1)
	go func() {
		w := bufio.NewWriterSize(stdin, 1<<20)
		var err error
		for _, c := range cases {
			if _, err = w.WriteString(c.Mode + " " + hex.EncodeToString(c.Input) + "\n"); err != nil {
				break
			}
		}
		if err == nil {
			err = w.Flush()
		}
		stdin.Close()
		werr <- err
	}()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("%s: %v\n%s", bin, err, stderr.String())
	}
	if err := <-werr; err != nil {
		t.Fatalf("writing to %s: %v", bin, err)
	}
	lines := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
	if len(lines) != len(cases) {
		t.Fatalf("%s answered %d of %d inputs", bin, len(lines), len(cases))
	}
	out := make([]libResult, len(cases))
	for i, line := range lines {
		a, b, ok := strings.Cut(line, "\t")
		ret, err1 := strconv.Atoi(a)
		n, err2 := strconv.Atoi(b)
		if !ok || err1 != nil || err2 != nil {
			t.Fatalf("%s: bad output line %q", bin, line)
		}
		out[i] = libResult{ret, n}
	}
	return out
}

// parseCorpus is the seed corpus, run in addition to testcert.Corpus(): the
// certificates in mbedsim/testdata/certs
// (OpenSSL-made: RSA 1024-8192, P-192 to P-521, secp256k1, Brainpool,
// Ed25519, X25519/X448 keys, RSASSA-PSS, MD5 to SHA-512, explicit and
// compressed EC keys, v1, many extensions) with systematic damage.
func parseCorpus(t *testing.T) []parseCase {
	t.Helper()
	dir := filepath.Join(RepoRoot(t), "mbedsim", "testdata", "certs")
	files, err := filepath.Glob(filepath.Join(dir, "*.der"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no seed certificates in %s: %v", dir, err)
	}
	sort.Strings(files)
	var certs []namedDER
	for _, f := range files {
		der, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		certs = append(certs, namedDER{strings.TrimSuffix(filepath.Base(f), ".der"), der})
	}
	var cs []parseCase
	add := func(name, mode string, in []byte) {
		cs = append(cs, parseCase{name, mode, in})
	}
	for _, c := range certs {
		add(c.name+"/der", "der", c.der)
		add(c.name+"/crt-der", "crt", c.der)
		add(c.name+"/pem-nul", "crt", pemOf(c.der, "\n", 64, true))
		for i, m := range derMutations(c.der) {
			add(fmt.Sprintf("%s/mut%d/%s", c.name, i, m.name), "der", m.der)
		}
	}
	cs = append(cs, pemVariants(certs)...)
	cs = append(cs, craftedCases(certs)...)
	return cs
}

type namedDER struct {
	name string
	der  []byte
}

// pemOf armours der with the given line ending and width, optionally with
// a terminating NUL.
func pemOf(der []byte, eol string, width int, nul bool) []byte {
	b64 := base64.StdEncoding.EncodeToString(der)
	var sb strings.Builder
	sb.WriteString("-----BEGIN CERTIFICATE-----" + eol)
	for i := 0; i < len(b64); i += width {
		j := i + width
		if j > len(b64) {
			j = len(b64)
		}
		sb.WriteString(b64[i:j] + eol)
	}
	sb.WriteString("-----END CERTIFICATE-----" + eol)
	out := []byte(sb.String())
	if nul {
		out = append(out, 0)
	}
	return out
}

// ---------------------------------------------------------------------------
// DER mutations

// node is a parsed DER element, for mutations that keep lengths consistent.
type node struct {
	tag      byte
	content  []byte // primitive content
	kids     []*node
	cons     bool // parsed as a container (constructed, or an OCTET/BIT STRING holding DER)
	bitstr   bool // BIT STRING container: content starts with the unused-bits octet
	unused   byte
	rawStart int // offset of the tag in the original DER
}

// parseTree parses DER loosely: constructed tags and OCTET/BIT STRINGs whose
// content is itself well-formed DER become containers.
func parseTree(b []byte, base int, depth int) ([]*node, bool) {
	var out []*node
	p := 0
	for p < len(b) {
		if len(b)-p < 2 {
			return nil, false
		}
		tag := b[p]
		l, hl, ok := readLen(b[p+1:])
		if !ok || p+1+hl+l > len(b) {
			return nil, false
		}
		c := b[p+1+hl : p+1+hl+l]
		n := &node{tag: tag, rawStart: base + p}
		if depth < 12 && tag&0x20 != 0 {
			if kids, ok := parseTree(c, base+p+1+hl, depth+1); ok {
				n.kids, n.cons = kids, true
			} else {
				n.content = c
			}
		} else if depth < 12 && tag == 0x04 && len(c) >= 2 {
			if kids, ok := parseTree(c, base+p+1+hl, depth+1); ok && len(kids) > 0 {
				n.kids, n.cons = kids, true
			} else {
				n.content = c
			}
		} else if depth < 12 && tag == 0x03 && len(c) >= 3 && c[0] == 0 {
			if kids, ok := parseTree(c[1:], base+p+2+hl, depth+1); ok && len(kids) > 0 {
				n.kids, n.cons, n.bitstr = kids, true, true
			} else {
				n.content = c
			}
		} else {
			n.content = c
		}
		out = append(out, n)
		p += 1 + hl + l
	}
	return out, true
}

func readLen(b []byte) (l, n int, ok bool) {
	if len(b) < 1 {
		return 0, 0, false
	}
	if b[0] < 0x80 {
		return int(b[0]), 1, true
	}
	k := int(b[0] & 0x7F)
	if k == 0 || k > 4 || len(b) < 1+k {
		return 0, 0, false
	}
	for i := 1; i <= k; i++ {
		l = l<<8 | int(b[i])
	}
	return l, 1 + k, true
}

func encLen(l int) []byte {
	switch {
	case l < 0x80:
		return []byte{byte(l)}
	case l < 0x100:
		return []byte{0x81, byte(l)}
	case l < 0x10000:
		return []byte{0x82, byte(l >> 8), byte(l)}
	default:
		return []byte{0x83, byte(l >> 16), byte(l >> 8), byte(l)}
	}
}

func (n *node) encode() []byte {
	var c []byte
	if n.cons {
		if n.bitstr {
			c = append(c, n.unused)
		}
		for _, k := range n.kids {
			c = append(c, k.encode()...)
		}
	} else {
		c = n.content
	}
	out := append([]byte{n.tag}, encLen(len(c))...)
	return append(out, c...)
}

func (n *node) clone() *node {
	m := *n
	m.content = append([]byte(nil), n.content...)
	m.kids = make([]*node, len(n.kids))
	for i, k := range n.kids {
		m.kids[i] = k.clone()
	}
	return &m
}

// walk visits every node with its path.
func walk(nodes []*node, path string, f func(n *node, path string)) {
	for i, n := range nodes {
		p := fmt.Sprintf("%s.%d", path, i)
		f(n, p)
		if n.cons {
			walk(n.kids, p, f)
		}
	}
}

type mutation struct {
	name string
	der  []byte
}

// derMutations damages a certificate systematically: raw byte changes at
// every structural position (tag, length, first and last content octet),
// truncations, and tree edits that keep all lengths consistent (replace a
// tag, replace a primitive's content, drop, duplicate or swap elements).
func derMutations(der []byte) []mutation {
	var out []mutation
	addRaw := func(name string, f func(b []byte) []byte) {
		b := append([]byte(nil), der...)
		out = append(out, mutation{name, f(b)})
	}
	roots, ok := parseTree(der, 0, 0)
	if !ok || len(roots) == 0 {
		return nil
	}
	// Raw byte changes at structural positions.
	type pos struct {
		tagAt, lenAt, lenBytes, contentAt, contentLen int
		path                                          string
	}
	var ps []pos
	var collect func(b []byte, base int, path string, depth int)
	collect = func(b []byte, base int, path string, depth int) {
		p := 0
		for i := 0; p < len(b); i++ {
			l, hl, ok := readLen(b[p+1:])
			if !ok || p+1+hl+l > len(b) {
				return
			}
			pp := fmt.Sprintf("%s.%d", path, i)
			ps = append(ps, pos{base + p, base + p + 1, hl, base + p + 1 + hl, l, pp})
			c := b[p+1+hl : p+1+hl+l]
			if depth < 12 && (b[p]&0x20 != 0 || b[p] == 0x04) {
				collect(c, base+p+1+hl, pp, depth+1)
			} else if depth < 12 && b[p] == 0x03 && len(c) > 1 && c[0] == 0 {
				collect(c[1:], base+p+2+hl, pp, depth+1)
			}
			p += 1 + hl + l
		}
	}
	collect(der, 0, "", 0)
	altTags := []byte{0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0C, 0x12, 0x13, 0x16, 0x17, 0x18, 0x1A, 0x1E, 0x30, 0x31, 0x80, 0x81, 0x82, 0x84, 0x87, 0xA0, 0xA1, 0xA2, 0xA3, 0xA4, 0xFF}
	for k, p := range ps {
		p := p
		// tag: three replacement tags per position, chosen by position.
		for j := 0; j < 3; j++ {
			nt := altTags[(k*7+j*11)%len(altTags)]
			if nt == der[p.tagAt] {
				continue
			}
			addRaw(fmt.Sprintf("tag%s=%02x", p.path, nt), func(b []byte) []byte { b[p.tagAt] = nt; return b })
		}
		// length
		if p.lenBytes == 1 {
			v := der[p.lenAt]
			addRaw("len+1"+p.path, func(b []byte) []byte { b[p.lenAt] = v + 1; return b })
			if v > 0 {
				addRaw("len-1"+p.path, func(b []byte) []byte { b[p.lenAt] = v - 1; return b })
				addRaw("len0"+p.path, func(b []byte) []byte { b[p.lenAt] = 0; return b })
			}
			addRaw("len80"+p.path, func(b []byte) []byte { b[p.lenAt] = 0x80; return b })
			addRaw("len85"+p.path, func(b []byte) []byte { b[p.lenAt] = 0x85; return b })
		} else {
			last := p.lenAt + p.lenBytes - 1
			addRaw("lenlast+1"+p.path, func(b []byte) []byte { b[last]++; return b })
			addRaw("lenlast-1"+p.path, func(b []byte) []byte { b[last]--; return b })
			addRaw("lenfirst80"+p.path, func(b []byte) []byte { b[p.lenAt] = 0x80; return b })
			addRaw("lenfirst84"+p.path, func(b []byte) []byte { b[p.lenAt] = 0x84; return b })
		}
		// content
		if p.contentLen > 0 {
			at, end := p.contentAt, p.contentAt+p.contentLen-1
			addRaw("c0^80"+p.path, func(b []byte) []byte { b[at] ^= 0x80; return b })
			addRaw("c0=00"+p.path, func(b []byte) []byte { b[at] = 0; return b })
			addRaw("c0=ff"+p.path, func(b []byte) []byte { b[at] = 0xFF; return b })
			if end != at {
				addRaw("cN^01"+p.path, func(b []byte) []byte { b[end] ^= 0x01; return b })
				addRaw("cN=7f"+p.path, func(b []byte) []byte { b[end] = 0x7F; return b })
			}
		}
	}
	// Truncations and trailing bytes.
	for _, p := range ps {
		for _, cut := range []int{p.tagAt, p.lenAt, p.lenAt + 1, p.contentAt} {
			if cut > 0 && cut < len(der) {
				cut := cut
				addRaw(fmt.Sprintf("cut%d", cut), func(b []byte) []byte { return b[:cut] })
			}
		}
	}
	addRaw("trailing16", func(b []byte) []byte { return append(b, bytes.Repeat([]byte{0xAB}, 16)...) })
	addRaw("trailingNUL", func(b []byte) []byte { return append(b, 0) })
	addRaw("twice", func(b []byte) []byte { return append(b, der...) })

	// Tree edits with consistent lengths.
	count := 0
	walk(roots, "", func(_ *node, path string) { count++ })
	for idx := 0; idx < count; idx++ {
		for _, kind := range []string{"drop", "dup", "swap", "empty", "zero", "neg", "long", "int", "int5", "tagset", "tagutf8", "tagnum", "tagvis", "tagbmp", "tagt61", "taguniv", "tagbits", "big"} {
			r := []*node{roots[0].clone()}
			var target *node
			var parent *node
			var at int
			i := 0
			var find func(ns []*node, par *node)
			find = func(ns []*node, par *node) {
				for j, n := range ns {
					if target != nil {
						return
					}
					if i == idx {
						target, parent, at = n, par, j
						return
					}
					i++
					if n.cons {
						find(n.kids, n)
					}
				}
			}
			find(r, nil)
			if target == nil {
				continue
			}
			changed := true
			switch kind {
			case "drop", "dup", "swap":
				if parent == nil {
					changed = false
					break
				}
				switch kind {
				case "drop":
					parent.kids = append(parent.kids[:at:at], parent.kids[at+1:]...)
				case "dup":
					parent.kids = append(parent.kids[:at+1:at+1], append([]*node{target.clone()}, parent.kids[at+1:]...)...)
				case "swap":
					if at+1 >= len(parent.kids) {
						changed = false
						break
					}
					parent.kids[at], parent.kids[at+1] = parent.kids[at+1], parent.kids[at]
				}
			case "empty":
				target.cons, target.kids, target.content = false, nil, nil
			case "zero", "neg", "long", "int", "int5", "big":
				if target.cons {
					changed = false
					break
				}
				switch kind {
				case "zero":
					target.content = []byte{0}
				case "neg":
					target.content = append([]byte{0xFF}, target.content...)
				case "long":
					target.content = append(append([]byte{}, target.content...), target.content...)
				case "int":
					target.content = []byte{0x7F, 0xFF, 0xFF, 0xFF}
				case "int5":
					target.content = []byte{0x01, 0x00, 0x00, 0x00, 0x00}
				case "big":
					target.content = append(bytes.Repeat([]byte{0}, 3), target.content...)
				}
			case "tagset":
				target.tag = 0x31
			case "tagutf8":
				if target.cons {
					changed = false
					break
				}
				target.tag = 0x0C
			case "tagnum":
				if target.cons {
					changed = false
					break
				}
				target.tag = 0x12
			case "tagvis", "tagbmp", "tagt61", "taguniv", "tagbits":
				if target.cons {
					changed = false
					break
				}
				target.tag = map[string]byte{"tagvis": 0x1A, "tagbmp": 0x1E, "tagt61": 0x14, "taguniv": 0x1C, "tagbits": 0x03}[kind]
			}
			if !changed {
				continue
			}
			out = append(out, mutation{fmt.Sprintf("tree%d/%s", idx, kind), r[0].encode()})
		}
	}
	return out
}

// ---------------------------------------------------------------------------
// PEM variants

func pemVariants(certs []namedDER) []parseCase {
	var cs []parseCase
	add := func(name string, in []byte) { cs = append(cs, parseCase{name, "crt", in}) }
	byName := map[string][]byte{}
	for _, c := range certs {
		byName[c.name] = c.der
	}
	base := []string{"leaf", "ca", "ec384", "root4096", "leaf_pss", "ed25519", "leaf_crit", "leaf_v1"}
	for _, name := range base {
		der := byName[name]
		if der == nil {
			continue
		}
		p := pemOf(der, "\n", 64, true)
		n := name + "/"
		add(n+"lf-nul", p)
		add(n+"lf-strlen", p[:len(p)-1])
		add(n+"crlf", pemOf(der, "\r\n", 64, true))
		add(n+"cr-only", pemOf(der, "\r", 64, true))
		add(n+"w76", pemOf(der, "\n", 76, true))
		add(n+"w4", pemOf(der, "\n", 4, true))
		add(n+"w5", pemOf(der, "\n", 5, true))
		add(n+"w1000", pemOf(der, "\n", 100000, true))
		s := string(p[:len(p)-1])
		lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
		join := func(ls []string, sep string) []byte { return append([]byte(strings.Join(ls, sep)+sep), 0) }
		mapLines := func(f func(i int, l string) string) []string {
			out := make([]string, len(lines))
			for i, l := range lines {
				out[i] = f(i, l)
			}
			return out
		}
		header := func(i int) bool { return i == 0 }
		footer := func(i int) bool { return i == len(lines)-1 }
		// suffixed appends s to the lines sel picks.
		suffixed := func(sel func(int) bool, s string) []string {
			return mapLines(func(i int, l string) string {
				if sel(i) {
					return l + s
				}
				return l
			})
		}
		body := func(i int) bool { return i > 0 && i < len(lines)-1 }
		add(n+"mixed-lf-hdr-cr-body", append([]byte(lines[0]+"\n"+strings.Join(lines[1:], "\r")+"\r"), 0))
		add(n+"literal-bn-all", append([]byte(strings.Join(lines, `\n`)+`\n`), 0))
		add(n+"literal-bn-body", append([]byte(lines[0]+"\n"+strings.Join(lines[1:len(lines)-1], `\n`)+"\n"+lines[len(lines)-1]+"\n"), 0))
		add(n+"trailing-spaces", join(suffixed(body, "   "), "\n"))
		add(n+"trailing-space-hdr1", join(suffixed(header, " "), "\n"))
		add(n+"trailing-space-hdr2", join(suffixed(header, "  "), "\n"))
		add(n+"trailing-tab-hdr", join(suffixed(header, "\t"), "\n"))
		add(n+"trailing-tab-body", join(suffixed(body, "\t"), "\n"))
		add(n+"leading-spaces", join(mapLines(func(i int, l string) string {
			if body(i) {
				return "    " + l
			}
			return l
		}), "\n"))
		add(n+"indented-all", join(mapLines(func(i int, l string) string { return "  " + l }), "\n"))
		add(n+"crlf-trailing-space", join(suffixed(body, " "), "\r\n"))
		add(n+"blank-lines", join(suffixed(body, "\n"), "\n"))
		add(n+"footer-space", join(suffixed(footer, " "), "\n"))
		add(n+"bom", append([]byte("\xEF\xBB\xBF"), p...))
		add(n+"text-prefix", append([]byte("Certificate:\n    Data:\n        Version: 3 (0x2)\n"), p...))
		add(n+"garbage-after", append(append([]byte{}, p[:len(p)-1]...), []byte("garbage\x01\x02 after\n\x00")...))
		add(n+"no-eol-footer", append([]byte(strings.TrimSuffix(s, "\n")), 0))
		b64 := base64.StdEncoding.EncodeToString(der)
		unpadded := strings.TrimRight(b64, "=")
		add(n+"no-padding", pemFromB64(unpadded, "\n", 64))
		add(n+"extra-padding", pemFromB64(b64+"=", "\n", 64))
		add(n+"padding-mid", pemFromB64(b64[:64]+"="+b64[64:], "\n", 65))
		for _, cut := range []int{30, len(p) / 3, len(p) / 2, len(p) - 40, len(p) - 27} {
			if cut > 0 && cut < len(p) {
				add(fmt.Sprintf("%struncated%d", n, cut), append(append([]byte{}, p[:cut]...), 0))
			}
		}
		half := len(lines) / 2
		add(n+"truncated-body-footer", join(append(append([]string{}, lines[:half]...), lines[len(lines)-1]), "\n"))
		add(n+"missing-line", join(append(append([]string{}, lines[:2]...), lines[3:]...), "\n"))
		add(n+"hdr-only", append([]byte(lines[0]+"\n"), 0))
		add(n+"lowercase-hdr", append([]byte(strings.ToLower(lines[0])+"\n"+strings.Join(lines[1:], "\n")+"\n"), 0))
		add(n+"trusted-label", bytes.ReplaceAll(p, []byte("CERTIFICATE"), []byte("TRUSTED CERTIFICATE")))
		add(n+"x509-label", bytes.ReplaceAll(p, []byte("CERTIFICATE"), []byte("X509 CERTIFICATE")))
		add(n+"bad-footer", bytes.Replace(p, []byte("END CERTIFICATE"), []byte("END CERTIFICAT"), 1))
		add(n+"footer-before-header", append([]byte("-----END CERTIFICATE-----\n"), p...))
		add(n+"bad-char-star", bytes.Replace(p, []byte(lines[2][:3]), []byte(lines[2][:2]+"*"), 1))
		add(n+"bad-char-8bit", bytes.Replace(p, []byte(lines[2][:3]), []byte(lines[2][:2]+"\xC3"), 1))
		add(n+"c-quotes", append([]byte(strings.Join(mapLines(func(i int, l string) string { return "\"" + l + "\\n\"" }), "\n")+"\n"), 0))
		add(n+"quote-after-hdr", append([]byte(lines[0]+"\\n\"\n"+strings.Join(lines[1:], "\n")+"\n"), 0))
		add(n+"ff-fill", append(append([]byte{}, p[:len(p)-1]...), bytes.Repeat([]byte{0xFF}, 256)...))
		add(n+"nul-ff-fill", append(append([]byte{}, p...), bytes.Repeat([]byte{0xFF}, 256)...))
		add(n+"zero-fill", append(append([]byte{}, p...), bytes.Repeat([]byte{0}, 256)...))
		add(n+"nul-before-header", append([]byte{0}, p...))
		add(n+"utf16", utf16le(p))
		add(n+"empty-body", append([]byte(lines[0]+"\n"+lines[len(lines)-1]+"\n"), 0))
		add(n+"blank-body", append([]byte(lines[0]+"\n\n"+lines[len(lines)-1]+"\n"), 0))
		add(n+"spaces-body", append([]byte(lines[0]+"\n   \n"+lines[len(lines)-1]+"\n"), 0))
		add(n+"enc-aes", encrypted(lines, "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\n"))
		add(n+"enc-des3", encrypted(lines, "Proc-Type: 4,ENCRYPTED\nDEK-Info: DES-EDE3-CBC,0123456789ABCDEF\n\n"))
		add(n+"enc-des", encrypted(lines, "Proc-Type: 4,ENCRYPTED\nDEK-Info: DES-CBC,0123456789ABCDEF\n"))
		add(n+"enc-unknown", encrypted(lines, "Proc-Type: 4,ENCRYPTED\nDEK-Info: CAMELLIA-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\n"))
		add(n+"enc-bad-iv", encrypted(lines, "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,0123456789ABCDEFXX23456789ABCDEF\n\n"))
		add(n+"enc-short-iv", encrypted(lines, "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-192-CBC,0123\n"))
		add(n+"enc-aes-odd", encrypted(lines, "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-\n"))
		add(n+"enc-noeol", encrypted(lines, "Proc-Type: 4,ENCRYPTED DEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n"))
		add(n+"enc-dek-noeol", encrypted(lines, "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF"))
		add(n+"proc-type-other", encrypted(lines, "Proc-Type: 4,MIC-ONLY\n"))
	}
	// Multi-certificate mixes.
	good := pemOf(byName["leaf"], "\n", 64, false)
	good2 := pemOf(byName["ca"], "\n", 64, false)
	ec384 := pemOf(byName["ec384"], "\n", 64, false)
	badB64 := bytes.Replace(good2, []byte("\n"), []byte("\n*"), 3)
	badDER := pemOf(append([]byte{0x30, 0x03, 0x31, 0x01, 0x00}, byName["ca"][5:]...), "\n", 64, false)
	crOnly := pemOf(byName["ec256"], "\r", 64, false)
	truncated := good2[:len(good2)/2]
	empty := []byte("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n")
	blank := []byte("-----BEGIN CERTIFICATE-----\n\n-----END CERTIFICATE-----\n")
	enc := encrypted(strings.Split(strings.TrimSuffix(string(good2), "\n"), "\n"), "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\n")
	enc = enc[:len(enc)-1]
	edp := pemOf(byName["ed25519"], "\n", 64, false)
	parts := map[string][]byte{"good": good, "good2": good2, "ec384": ec384, "badb64": badB64, "badder": badDER,
		"cronly": crOnly, "trunc": truncated, "empty": empty, "blank": blank, "enc": enc, "ed25519": edp}
	names := make([]string, 0, len(parts))
	for k := range parts {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, a := range names {
		for _, b := range names {
			in := append(append(append([]byte{}, parts[a]...), parts[b]...), 0)
			add("mix/"+a+"+"+b, in)
			for _, c := range []string{"good", "badder", "blank", "cronly"} {
				in := append(append(append(append([]byte{}, parts[a]...), parts[b]...), parts[c]...), 0)
				add("mix/"+a+"+"+b+"+"+c, in)
			}
		}
	}
	add("mix/two-no-newline", append(append(bytes.TrimSuffix(good, []byte("\n")), good2...), 0))
	add("mix/two-cstrings", append(append(append(append([]byte{}, good...), 0), good2...), 0))
	add("mix/many", append(bytes.Repeat(append(append([]byte{}, good...), good2...), 20), 0))
	// Buffers that are not certificates at all.
	add("raw/empty", []byte{})
	add("raw/nul", []byte{0})
	add("raw/ff4096", bytes.Repeat([]byte{0xFF}, 4096))
	add("raw/ff4096-nul", append(bytes.Repeat([]byte{0xFF}, 4096), 0))
	add("raw/zero4096", make([]byte, 4096))
	add("raw/hdr-nul", []byte("-----BEGIN CERTIFICATE-----\x00"))
	add("raw/hdr-footer-nul", []byte("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\x00"))
	add("raw/hdr-footer-b64-nul", []byte("-----BEGIN CERTIFICATE-----\nMA==\n-----END CERTIFICATE-----\x00"))
	add("raw/hdr-footer-b64-noeq", []byte("-----BEGIN CERTIFICATE-----\nMAA\n-----END CERTIFICATE-----\x00"))
	add("raw/hdr-footer-eq", []byte("-----BEGIN CERTIFICATE-----\n=\n-----END CERTIFICATE-----\x00"))
	add("raw/hdr-footer-eqeq", []byte("-----BEGIN CERTIFICATE-----\n==\n-----END CERTIFICATE-----\x00"))
	add("raw/hdr-footer-1", []byte("-----BEGIN CERTIFICATE-----\nM\n-----END CERTIFICATE-----\x00"))
	add("raw/overlap", []byte("-----BEGIN CERTIFICATE-----END CERTIFICATE-----\n\x00"))
	for _, s := range []string{"3000", "3080", "308400000000", "3084ffffffff", "30820000", "3003020100", "30050303000000", "308a", "a003020102"} {
		b, _ := hex.DecodeString(s)
		add("raw/der-"+s, b)
		cs = append(cs, parseCase{"raw/derfn-" + s, "der", b})
	}
	cs = append(cs, parseCase{"raw/der-empty", "der", []byte{}})
	return cs
}

func pemFromB64(b64, eol string, width int) []byte {
	var sb strings.Builder
	sb.WriteString("-----BEGIN CERTIFICATE-----" + eol)
	for i := 0; i < len(b64); i += width {
		j := i + width
		if j > len(b64) {
			j = len(b64)
		}
		sb.WriteString(b64[i:j] + eol)
	}
	sb.WriteString("-----END CERTIFICATE-----" + eol)
	return append([]byte(sb.String()), 0)
}

func encrypted(lines []string, hdr string) []byte {
	s := lines[0] + "\n" + hdr + strings.Join(lines[1:], "\n") + "\n"
	return append([]byte(s), 0)
}

func utf16le(b []byte) []byte {
	out := []byte{0xFF, 0xFE}
	for _, c := range b {
		out = append(out, c, 0)
	}
	return out
}

// ---------------------------------------------------------------------------
// Crafted inputs: the rules a random mutation rarely reaches (explicit EC
// domains, point encodings, RSA key checks, dates, OID tables, unique IDs).

func tlv(tag byte, parts ...[]byte) []byte {
	c := bytes.Join(parts, nil)
	return append(append([]byte{tag}, encLen(len(c))...), c...)
}

func oidDER(dotted string) []byte {
	var arcs []uint64
	for _, p := range strings.Split(dotted, ".") {
		v, _ := strconv.ParseUint(p, 10, 64)
		arcs = append(arcs, v)
	}
	var out []byte
	enc := func(v uint64) {
		var tmp []byte
		tmp = append(tmp, byte(v&0x7F))
		for v >>= 7; v > 0; v >>= 7 {
			tmp = append([]byte{byte(v&0x7F) | 0x80}, tmp...)
		}
		out = append(out, tmp...)
	}
	enc(arcs[0]*40 + arcs[1])
	for _, a := range arcs[2:] {
		enc(a)
	}
	return tlv(0x06, out)
}

func mustHex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

// tbsIndex returns the index of a TBS field (0 serial, 1 signature, 2
// issuer, 3 validity, 4 subject, 5 SPKI) among the TBS's children.
func tbsIndex(tbs *node, field int) int {
	if len(tbs.kids) > 0 && tbs.kids[0].tag == 0xA0 {
		return field + 1
	}
	return field
}

func rawNode(der []byte) *node {
	ns, ok := parseTree(der, 0, 0)
	if !ok || len(ns) != 1 {
		// Not DER we can parse: keep it as an opaque element by wrapping
		// its bytes as the whole encoding.
		return &node{tag: 0, content: der, rawStart: -1}
	}
	return ns[0]
}

// encodeRaw re-encodes a tree where an opaque raw node (tag 0, rawStart -1)
// stands for its bytes verbatim.
func encodeRaw(n *node) []byte {
	if n.rawStart == -1 && n.tag == 0 {
		return n.content
	}
	if !n.cons {
		return n.encode()
	}
	var c []byte
	if n.bitstr {
		c = append(c, n.unused)
	}
	for _, k := range n.kids {
		c = append(c, encodeRaw(k)...)
	}
	return append(append([]byte{n.tag}, encLen(len(c))...), c...)
}

func withTBSField(cert []byte, field int, repl []byte) []byte {
	roots, ok := parseTree(cert, 0, 0)
	if !ok {
		return nil
	}
	tbs := roots[0].kids[0]
	tbs.kids[tbsIndex(tbs, field)] = rawNode(repl)
	return encodeRaw(roots[0])
}

func withSigAlg(cert []byte, alg []byte) []byte {
	roots, ok := parseTree(cert, 0, 0)
	if !ok {
		return nil
	}
	tbs := roots[0].kids[0]
	tbs.kids[tbsIndex(tbs, 1)] = rawNode(alg)
	roots[0].kids[1] = rawNode(alg)
	return encodeRaw(roots[0])
}

type curveConst struct {
	name, oid       string
	p, a, b, gx, gy string
	n               string
}

var craftCurves = []curveConst{
	{"p256", "1.2.840.10045.3.1.7",
		"FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF",
		"FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFC",
		"5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B",
		"6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296",
		"4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5",
		"FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551"},
	{"k256", "1.3.132.0.10",
		"FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F",
		"0000000000000000000000000000000000000000000000000000000000000000",
		"0000000000000000000000000000000000000000000000000000000000000007",
		"79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798",
		"483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8",
		"FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141"},
	{"bp256", "1.3.36.3.3.2.8.1.1.7",
		"A9FB57DBA1EEA9BC3E660A909D838D726E3BF623D52620282013481D1F6E5377",
		"7D5A0975FC2C3057EEF67530417AFFE7FB8055C126DC5C6CE94A4B44F330B5D9",
		"26DC5C6CE94A4B44F330B5D9BBD77CBF958416295CF7E1CE6BCCDC18FF8C07B6",
		"8BD2AEB9CB7E57CB2C4B482FFC81B7AFB9DE27E1E3BD23C23A4453BD9ACE3262",
		"547EF835C3DAC4FD97F8461A14611DC9C27745132DED8E545C1D54C72F046997",
		"A9FB57DBA1EEA9BC3E660A909D838D718C397AA3B561A6F7901E0E82974856A7"},
	{"p224", "1.3.132.0.33",
		"FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF000000000000000000000001",
		"FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFE",
		"B4050A850C04B3ABF54132565044B0B7D7BFD8BA270B39432355FFB4",
		"B70E0CBD6BB4BF7F321390B94A03C1D356C21122343280D6115C1D21",
		"BD376388B5F723FB4C22DFE6CD4375A05A07476444D5819985007E34",
		"FFFFFFFFFFFFFFFFFFFFFFFFFFFF16A2E0B8F03E13DD29455C5C2A3D"},
	{"p521", "1.3.132.0.35",
		"01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
		"01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC",
		"0051953EB9618E1C9A1F929A21A0B68540EEA2DA725B99B315F3B8B489918EF109E156193951EC7E937B1652C0BD3BB1BF073573DF883D2C34F1EF451FD46B503F00",
		"00C6858E06B70404E9CD9E3ECB662395B4429C648139053FB521F828AF606B4D3DBAA14B5E77EFE75928FE1DC127A2FFA8DE3348B3C1856A429BF97E7E31C2E5BD66",
		"011839296A789A3BC0045C8A5FB42C7D1BD998F54449579B446817AFBD17273E662C97EE72995EF42640C550B9013FAD0761353C7086A272C24088BE94769FD16650",
		"01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFA51868783BF2F966B7FCC0148F709A5D03BB5C9B8899C47AEBB6FB71E91386409"},
}

func ecSPKI(params, point []byte) []byte {
	return tlv(0x30, tlv(0x30, oidDER("1.2.840.10045.2.1"), params), tlv(0x03, []byte{0}, point))
}

func craftedCases(certs []namedDER) []parseCase {
	byName := map[string][]byte{}
	for _, c := range certs {
		byName[c.name] = c.der
	}
	var cs []parseCase
	addDER := func(name string, der []byte) {
		if der == nil {
			return
		}
		cs = append(cs, parseCase{"craft/" + name, "der", der})
		cs = append(cs, parseCase{"craft/" + name + "/pem", "crt", pemOf(der, "\n", 64, true)})
	}
	leaf := byName["leaf"]       // EC P-256 key, RSA-signed, v3
	rsaLeaf := byName["leaf_e3"] // RSA key
	v1 := byName["leaf_v1"]

	// EC points on named curves.
	for _, c := range craftCurves {
		P, gx, gy := mustHex(c.p), mustHex(c.gx), mustHex(c.gy)
		plen := len(P)
		if P[0] == 0 {
			plen--
		}
		fit := func(b []byte) []byte { // left-pad or trim to plen
			for len(b) < plen {
				b = append([]byte{0}, b...)
			}
			return b[len(b)-plen:]
		}
		gx, gy = fit(gx), fit(gy)
		par := byte(2 + gy[len(gy)-1]&1)
		named := oidDER(c.oid)
		pts := map[string][]byte{
			"G-uncompressed":  append(append([]byte{4}, gx...), gy...),
			"G-compressed":    append([]byte{par}, gx...),
			"G-wrong-parity":  append([]byte{par ^ 1}, gx...),
			"G-hybrid06":      append(append([]byte{6}, gx...), gy...),
			"G-y-plus-1":      append(append([]byte{4}, gx...), fit(addOne(gy))...),
			"x-is-p":          append([]byte{2}, fit(P)...),
			"x-all-ff":        append([]byte{3}, bytes.Repeat([]byte{0xFF}, plen)...),
			"x-zero":          append([]byte{2}, make([]byte, plen)...),
			"x-one":           append([]byte{3}, fit([]byte{1})...),
			"x-two":           append([]byte{2}, fit([]byte{2})...),
			"infinity":        {0},
			"zero-two":        {0, 0},
			"short-compr":     append([]byte{2}, gx[1:]...),
			"long-compr":      append(append([]byte{2}, gx...), 0),
			"only-prefix":     {4},
			"uncompr-short":   append(append([]byte{4}, gx...), gy[1:]...),
			"uncompr-x-ge-p":  append(append([]byte{4}, fit(P)...), gy...),
			"uncompr-y-ge-p":  append(append([]byte{4}, gx...), fit(P)...),
			"compressed-05":   append([]byte{5}, gx...),
			"compressed-x-gt": append([]byte{2}, fit(addOne(P))...),
		}
		keys := make([]string, 0, len(pts))
		for k := range pts {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			addDER("ec/"+c.name+"/"+k, withTBSField(leaf, 5, ecSPKI(named, pts[k])))
		}
		if c.name == "p521" {
			big := append([]byte{2}, bytes.Repeat([]byte{0xFF}, plen)...)
			addDER("ec/p521/x-528-bits", withTBSField(leaf, 5, ecSPKI(named, big)))
			big[1] = 0x02
			addDER("ec/p521/x-522-bits", withTBSField(leaf, 5, ecSPKI(named, big)))
		}
		// Explicit (specifiedCurve) domains.
		A := mustHex(c.a)
		N := mustHex(c.n)
		intOf := func(b []byte) []byte {
			if len(b) > 0 && b[0]&0x80 != 0 {
				b = append([]byte{0}, b...)
			}
			return tlv(0x02, b)
		}
		domain := func(ver []byte, field, curve, base, order []byte, extra ...[]byte) []byte {
			return tlv(0x30, append([][]byte{tlv(0x02, ver), field, curve, base, order}, extra...)...)
		}
		field := tlv(0x30, oidDER("1.2.840.10045.1.1"), intOf(P))
		curve := tlv(0x30, tlv(0x04, fit(A)), tlv(0x04, fit(mustHex(c.b))))
		baseC := tlv(0x04, append([]byte{par}, gx...))
		order := intOf(N)
		gU := append(append([]byte{4}, gx...), gy...)
		doms := map[string][]byte{
			"ok":              domain([]byte{1}, field, curve, baseC, order),
			"ok-cofactor":     domain([]byte{1}, field, curve, baseC, order, tlv(0x02, []byte{1})),
			"ok-junk":         domain([]byte{1}, field, curve, baseC, order, []byte{0xFF, 0x00}),
			"ok-seed":         domain([]byte{1}, field, tlv(0x30, tlv(0x04, fit(A)), tlv(0x04, fit(mustHex(c.b))), tlv(0x03, []byte{0, 1, 2})), baseC, order),
			"ver0":            domain([]byte{0}, field, curve, baseC, order),
			"ver3":            domain([]byte{3}, field, curve, baseC, order),
			"ver4":            domain([]byte{4}, field, curve, baseC, order),
			"a-zero":          domain([]byte{1}, field, tlv(0x30, tlv(0x04, make([]byte, plen)), tlv(0x04, fit(mustHex(c.b)))), baseC, order),
			"a-empty":         domain([]byte{1}, field, tlv(0x30, tlv(0x04), tlv(0x04, fit(mustHex(c.b)))), baseC, order),
			"b-wrong":         domain([]byte{1}, field, tlv(0x30, tlv(0x04, fit(A)), tlv(0x04, fit(addOne(mustHex(c.b))))), baseC, order),
			"g-uncompressed":  domain([]byte{1}, field, curve, tlv(0x04, gU), order),
			"g-wrong-parity":  domain([]byte{1}, field, curve, tlv(0x04, append([]byte{par ^ 1}, gx...)), order),
			"g-empty":         domain([]byte{1}, field, curve, tlv(0x04), order),
			"g-short":         domain([]byte{1}, field, curve, tlv(0x04, append([]byte{par}, gx[1:]...)), order),
			"n-wrong":         domain([]byte{1}, field, curve, baseC, intOf(addOne(N))),
			"n-missing":       domain([]byte{1}, field, curve, baseC, nil),
			"p-wrong":         domain([]byte{1}, tlv(0x30, oidDER("1.2.840.10045.1.1"), intOf(addOne(P))), curve, baseC, order),
			"field-char2":     domain([]byte{1}, tlv(0x30, oidDER("1.2.840.10045.1.2"), intOf(P)), curve, baseC, order),
			"field-junk":      domain([]byte{1}, tlv(0x30, oidDER("1.2.840.10045.1.1"), intOf(P), tlv(0x05)), curve, baseC, order),
			"curve-junk":      domain([]byte{1}, field, tlv(0x30, tlv(0x04, fit(A)), tlv(0x04, fit(mustHex(c.b))), tlv(0x05)), baseC, order),
			"field-not-seq":   domain([]byte{1}, tlv(0x31, oidDER("1.2.840.10045.1.1"), intOf(P)), curve, baseC, order),
			"curve-not-seq":   domain([]byte{1}, field, tlv(0x31, tlv(0x04, fit(A)), tlv(0x04, fit(mustHex(c.b)))), baseC, order),
			"a-as-int":        domain([]byte{1}, field, tlv(0x30, tlv(0x02, fit(A)), tlv(0x04, fit(mustHex(c.b)))), baseC, order),
			"order-as-octets": domain([]byte{1}, field, curve, baseC, tlv(0x04, N)),
		}
		keys = keys[:0]
		for k := range doms {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			addDER("explicit/"+c.name+"/"+k, withTBSField(leaf, 5, ecSPKI(doms[k], gU)))
			addDER("explicit/"+c.name+"/"+k+"/seq-as-set", withTBSField(leaf, 5, ecSPKI(append([]byte{0x31}, doms[k][1:]...), gU)))
		}
		addDER("explicit/"+c.name+"/ok/compressed-key", withTBSField(leaf, 5, ecSPKI(doms["ok"], append([]byte{par}, gx...))))
	}
	// EC parameter encodings that are not a curve at all.
	for name, params := range map[string][]byte{
		"absent": nil, "null": tlv(0x05), "int": tlv(0x02, []byte{1}), "empty-seq": tlv(0x30),
		"oid-unknown": oidDER("1.2.3.4"), "implicit-ca": tlv(0x05), "empty-oid": tlv(0x06),
	} {
		spki := tlv(0x30, tlv(0x30, append(oidDER("1.2.840.10045.2.1"), params...)), tlv(0x03, []byte{0}, []byte{4, 1, 2}))
		addDER("ecparams/"+name, withTBSField(leaf, 5, spki))
	}
	// Montgomery keys (RFC 8410): 3.6 reads them when X25519/X448 are on.
	x25519P := mustHex("7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFED")
	le := func(be []byte) []byte {
		out := make([]byte, len(be))
		for i, c := range be {
			out[len(be)-1-i] = c
		}
		return out
	}
	mont := map[string]struct {
		oid string
		key []byte
	}{
		"x25519/zero":    {"1.3.101.110", make([]byte, 32)},
		"x25519/one":     {"1.3.101.110", le(append(make([]byte, 31), 1))},
		"x25519/nine":    {"1.3.101.110", le(append(make([]byte, 31), 9))},
		"x25519/bad1":    {"1.3.101.110", mustHex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")},
		"x25519/bad2":    {"1.3.101.110", mustHex("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157")},
		"x25519/p-1":     {"1.3.101.110", le(subOne(x25519P))},
		"x25519/p":       {"1.3.101.110", le(x25519P)},
		"x25519/p+1":     {"1.3.101.110", le(addOne(x25519P))},
		"x25519/p+9":     {"1.3.101.110", le(addN(x25519P, 9))},
		"x25519/all-ff":  {"1.3.101.110", bytes.Repeat([]byte{0xFF}, 32)},
		"x25519/short":   {"1.3.101.110", bytes.Repeat([]byte{0x11}, 31)},
		"x25519/long":    {"1.3.101.110", bytes.Repeat([]byte{0x11}, 33)},
		"x448/zero":      {"1.3.101.111", make([]byte, 56)},
		"x448/one":       {"1.3.101.111", le(append(make([]byte, 55), 1))},
		"x448/five":      {"1.3.101.111", le(append(make([]byte, 55), 5))},
		"x448/all-ff":    {"1.3.101.111", bytes.Repeat([]byte{0xFF}, 56)},
		"x448/p-1":       {"1.3.101.111", le(subOne(p448()))},
		"x448/p":         {"1.3.101.111", le(p448())},
		"x448/p+1":       {"1.3.101.111", le(addOne(p448()))},
		"x448/short":     {"1.3.101.111", bytes.Repeat([]byte{0x11}, 55)},
		"ed25519-as-key": {"1.3.101.112", bytes.Repeat([]byte{0x11}, 32)},
	}
	mkeys := make([]string, 0, len(mont))
	for k := range mont {
		mkeys = append(mkeys, k)
	}
	sort.Strings(mkeys)
	for _, k := range mkeys {
		m := mont[k]
		addDER("mont/"+k, withTBSField(leaf, 5, tlv(0x30, tlv(0x30, oidDER(m.oid)), tlv(0x03, []byte{0}, m.key))))
		addDER("mont/"+k+"/null-params", withTBSField(leaf, 5, tlv(0x30, tlv(0x30, oidDER(m.oid), tlv(0x05)), tlv(0x03, []byte{0}, m.key))))
	}

	// RSA keys.
	if rsaLeaf != nil {
		n := rsaModulus(byName["ca"])
		rsa := func(name string, pk []byte, params ...[]byte) {
			alg := tlv(0x30, append([][]byte{oidDER("1.2.840.113549.1.1.1")}, params...)...)
			addDER("rsa/"+name, withTBSField(rsaLeaf, 5, tlv(0x30, alg, tlv(0x03, []byte{0}, pk))))
		}
		key := func(n, e []byte, extra ...[]byte) []byte {
			return tlv(0x30, append([][]byte{tlv(0x02, n), tlv(0x02, e)}, extra...)...)
		}
		e65537 := []byte{1, 0, 1}
		even := append([]byte{}, n...)
		even[len(even)-1] &^= 1
		odd := func(bits int) []byte {
			b := make([]byte, (bits+7)/8+1)
			b[1] = byte(1 << ((bits - 1) % 8))
			if bits%8 == 0 {
				b[1] = 0x80
			}
			b[len(b)-1] |= 1
			return b
		}
		rsa("ok", key(n, e65537), tlv(0x05))
		rsa("no-params", key(n, e65537))
		rsa("params-00", key(n, e65537), tlv(0x00))
		rsa("params-int", key(n, e65537), tlv(0x02, []byte{0}))
		rsa("params-null-content", key(n, e65537), tlv(0x05, []byte{0}))
		rsa("n-even", key(even, e65537), tlv(0x05))
		rsa("n-zero", key([]byte{0}, e65537), tlv(0x05))
		rsa("n-empty", key(nil, e65537), tlv(0x05))
		rsa("n-127bits", key(odd(127), []byte{3}), tlv(0x05))
		rsa("n-128bits", key(odd(128), []byte{3}), tlv(0x05))
		rsa("n-leading-zeros", key(append(make([]byte, 300), n...), e65537), tlv(0x05))
		for _, bits := range []int{2048, 2049, 2056, 4096, 4097, 8192, 8193, 8200} {
			rsa(fmt.Sprintf("n-%dbits", bits), key(odd(bits), e65537), tlv(0x05))
		}
		rsa("e-zero", key(n, []byte{0}), tlv(0x05))
		rsa("e-one", key(n, []byte{1}), tlv(0x05))
		rsa("e-two", key(n, []byte{2}), tlv(0x05))
		rsa("e-three", key(n, []byte{3}), tlv(0x05))
		rsa("e-even", key(n, []byte{1, 0, 0}), tlv(0x05))
		rsa("e-neg", key(n, []byte{0xFF, 1}), tlv(0x05))
		rsa("e-eq-n", key(n, n), tlv(0x05))
		rsa("e-gt-n", key(n, append([]byte{1}, n...)), tlv(0x05))
		rsa("e-leading-zeros", key(n, append(make([]byte, 100), 1, 0, 1)), tlv(0x05))
		rsa("e-missing", tlv(0x30, tlv(0x02, n)), tlv(0x05))
		rsa("e-as-octets", tlv(0x30, tlv(0x02, n), tlv(0x04, e65537)), tlv(0x05))
		rsa("trailing-int", key(n, e65537, tlv(0x02, []byte{1})), tlv(0x05))
		rsa("seq-short", append(key(n, e65537), 0, 0), tlv(0x05))
		rsa("not-seq", tlv(0x31, tlv(0x02, n), tlv(0x02, e65537)), tlv(0x05))
		rsa("huge-n-40001", key(append([]byte{0x40}, bytes.Repeat([]byte{0x11}, 40000)...), e65537), tlv(0x05))
		rsa("huge-n-80001", key(append([]byte{0x40}, bytes.Repeat([]byte{0x11}, 80000)...), e65537), tlv(0x05))
		rsa("huge-n-80001-bad-e", key(append([]byte{0x40}, bytes.Repeat([]byte{0x11}, 80000)...), nil)[:0], tlv(0x05))
		rsa("huge-e-80001", key(n, append([]byte{0x40}, bytes.Repeat([]byte{0x11}, 80000)...)), tlv(0x05))
		big := tlv(0x30, tlv(0x02, append([]byte{0x40}, bytes.Repeat([]byte{0x11}, 80000)...)), tlv(0x04, []byte{1}))
		rsa("huge-n-then-bad-e", big, tlv(0x05))
		big = tlv(0x30, tlv(0x02, append([]byte{0x40}, bytes.Repeat([]byte{0x11}, 40000)...)), tlv(0x04, []byte{1}))
		rsa("40k-n-then-bad-e", big, tlv(0x05))
		// An RSA key in an EC-only world and vice versa.
		addDER("rsa/key-in-ecdsa-cert", withTBSField(byName["leaf_int"], 5, tlv(0x30, tlv(0x30, oidDER("1.2.840.113549.1.1.1"), tlv(0x05)), tlv(0x03, []byte{0}, key(n, e65537)))))
		addDER("rsa/ecdh-oid", withTBSField(leaf, 5, tlv(0x30, tlv(0x30, oidDER("1.3.132.1.12"), oidDER("1.2.840.10045.3.1.7")), tlv(0x03, []byte{0}, append(append([]byte{4}, mustHex(craftCurves[0].gx)...), mustHex(craftCurves[0].gy)...)))))
	}

	// Signature algorithm OIDs, with absent, NULL and other parameters, in
	// an RSA-signed and an ECDSA-signed certificate (both copies changed
	// together so SIG_MISMATCH stays out of the way).
	sigOIDs := []string{"1.2.840.113549.1.1.2", "1.2.840.113549.1.1.3", "1.2.840.113549.1.1.4", "1.2.840.113549.1.1.5",
		"1.2.840.113549.1.1.14", "1.2.840.113549.1.1.11", "1.2.840.113549.1.1.12", "1.2.840.113549.1.1.13",
		"1.3.14.3.2.29", "1.2.840.10045.4.1", "1.2.840.10045.4.3.1", "1.2.840.10045.4.3.2", "1.2.840.10045.4.3.3",
		"1.2.840.10045.4.3.4", "1.2.840.113549.1.1.10", "1.3.101.112", "1.3.101.113", "1.2.840.10040.4.3",
		"1.2.840.113549.1.1.1", "2.16.840.1.101.3.4.3.10", "1.2.156.10197.1.501"}
	for _, o := range sigOIDs {
		for pname, params := range map[string][][]byte{"absent": nil, "null": {tlv(0x05)}, "zero": {tlv(0x00)}, "int": {tlv(0x02, []byte{0})}, "emptyseq": {tlv(0x30)}} {
			alg := tlv(0x30, append([][]byte{oidDER(o)}, params...)...)
			addDER("sigalg/"+o+"/"+pname, withSigAlg(leaf, alg))
		}
	}
	// RSASSA-PSS parameters.
	sha := func(o string, null bool) []byte {
		if null {
			return tlv(0x30, oidDER(o), tlv(0x05))
		}
		return tlv(0x30, oidDER(o))
	}
	mgf := func(h []byte) []byte { return tlv(0x30, oidDER("1.2.840.113549.1.1.8"), h) }
	pss := func(parts ...[]byte) []byte { return tlv(0x30, oidDER("1.2.840.113549.1.1.10"), tlv(0x30, parts...)) }
	psss := map[string][]byte{
		"defaults":         pss(),
		"sha256":           pss(tlv(0xA0, sha("2.16.840.1.101.3.4.2.1", true)), tlv(0xA1, mgf(sha("2.16.840.1.101.3.4.2.1", true))), tlv(0xA2, tlv(0x02, []byte{32}))),
		"sha384-nonull":    pss(tlv(0xA0, sha("2.16.840.1.101.3.4.2.2", false)), tlv(0xA1, mgf(sha("2.16.840.1.101.3.4.2.2", false)))),
		"sha512":           pss(tlv(0xA0, sha("2.16.840.1.101.3.4.2.3", true))),
		"sha3-256":         pss(tlv(0xA0, sha("2.16.840.1.101.3.4.2.8", true))),
		"md5":              pss(tlv(0xA0, sha("1.2.840.113549.2.5", true))),
		"md2":              pss(tlv(0xA0, sha("1.2.840.113549.2.2", true))),
		"ripemd":           pss(tlv(0xA0, sha("1.3.36.3.2.1", true))),
		"unknown-hash":     pss(tlv(0xA0, sha("1.2.3.4", true))),
		"hash-params-int":  pss(tlv(0xA0, tlv(0x30, oidDER("2.16.840.1.101.3.4.2.1"), tlv(0x02, []byte{1})))),
		"hash-junk":        pss(tlv(0xA0, sha("2.16.840.1.101.3.4.2.1", true), tlv(0x05))),
		"mgf-unknown":      pss(tlv(0xA1, tlv(0x30, oidDER("1.2.840.113549.1.1.9"), sha("2.16.840.1.101.3.4.2.1", true)))),
		"mgf-no-hash":      pss(tlv(0xA1, tlv(0x30, oidDER("1.2.840.113549.1.1.8")))),
		"mgf-hash-empty":   pss(tlv(0xA1, mgf(tlv(0x30)))),
		"mgf-hash-null-1":  pss(tlv(0xA1, mgf(tlv(0x30, oidDER("2.16.840.1.101.3.4.2.1"), tlv(0x05, []byte{0}))))),
		"mgf-hash-notnull": pss(tlv(0xA1, mgf(tlv(0x30, oidDER("2.16.840.1.101.3.4.2.1"), tlv(0x04))))),
		"mgf-hash-junk":    pss(tlv(0xA1, mgf(tlv(0x30, oidDER("2.16.840.1.101.3.4.2.1"), tlv(0x05), tlv(0x05))))),
		"mgf-hash-unknown": pss(tlv(0xA1, mgf(sha("1.2.3.4", true)))),
		"mgf-hash-oid-bad": pss(tlv(0xA1, mgf(tlv(0x30, tlv(0x04, []byte{1}))))),
		"mgf-junk":         pss(tlv(0xA1, mgf(sha("2.16.840.1.101.3.4.2.1", true)), tlv(0x05))),
		"salt-neg":         pss(tlv(0xA2, tlv(0x02, []byte{0x80}))),
		"salt-junk":        pss(tlv(0xA2, tlv(0x02, []byte{20}), tlv(0x05))),
		"salt-big":         pss(tlv(0xA2, tlv(0x02, []byte{1, 0, 0, 0, 0}))),
		"trailer-1":        pss(tlv(0xA3, tlv(0x02, []byte{1}))),
		"trailer-2":        pss(tlv(0xA3, tlv(0x02, []byte{2}))),
		"trailer-junk":     pss(tlv(0xA3, tlv(0x02, []byte{1}), tlv(0x05))),
		"trailer-octets":   pss(tlv(0xA3, tlv(0x04, []byte{1}))),
		"order-wrong":      pss(tlv(0xA2, tlv(0x02, []byte{20})), tlv(0xA0, sha("2.16.840.1.101.3.4.2.1", true))),
		"extra-a4":         pss(tlv(0xA4, tlv(0x02, []byte{1}))),
		"a0-broken":        pss([]byte{0xA0, 0x05, 0x30}),
		"a1-broken":        pss([]byte{0xA1, 0x05, 0x30}),
		"a2-broken":        pss([]byte{0xA2, 0x05, 0x30}),
		"a3-broken":        pss([]byte{0xA3, 0x05, 0x30}),
		"a0-indefinite":    pss([]byte{0xA0, 0x80, 0x30}),
		"not-seq":          tlv(0x30, oidDER("1.2.840.113549.1.1.10"), tlv(0x31)),
		"null":             tlv(0x30, oidDER("1.2.840.113549.1.1.10"), tlv(0x05)),
		"absent":           tlv(0x30, oidDER("1.2.840.113549.1.1.10")),
	}
	pkeys := make([]string, 0, len(psss))
	for k := range psss {
		pkeys = append(pkeys, k)
	}
	sort.Strings(pkeys)
	for _, k := range pkeys {
		addDER("pss/"+k, withSigAlg(leaf, psss[k]))
	}

	// Dates.
	times := []string{"991231235959Z", "500101000000Z", "491231235959Z", "000229000000Z", "010229000000Z", "211301000000Z",
		"210001000000Z", "210100000000Z", "210132000000Z", "210431000000Z", "210430000000Z", "210101240000Z", "210101236000Z",
		"210101235960Z", "2101010000Z", "210101000000", "210101000000+0100", "210101000000.5Z", " 10101000000Z",
		"21010100000aZ", "2101010000000Z", "21010100000Z", "-10101000000Z", "21010100000-Z", "210101000000ZZ", "",
		"21000229000000Z", "20000229000000Z", "99991231235959Z", "00000101000000Z", "19000229000000Z", "20240229235959Z",
		"2024022923595", "20240229235959", "20240229235959.123Z", "202402292359Z", "20241301000000Z", "0000"}
	for i, ts := range times {
		for _, tag := range []byte{0x17, 0x18} {
			for _, which := range []int{0, 1} {
				roots, ok := parseTree(leaf, 0, 0)
				if !ok {
					continue
				}
				tbs := roots[0].kids[0]
				val := tbs.kids[tbsIndex(tbs, 3)]
				val.kids[which] = &node{tag: tag, content: []byte(ts)}
				addDER(fmt.Sprintf("time/%d-%02x-%d", i, tag, which), roots[0].encode())
			}
		}
	}
	// Unique IDs, versions and extensions in v1/v2 certificates.
	if leaf != nil && v1 != nil {
		roots, _ := parseTree(leaf, 0, 0)
		tbs := roots[0].kids[0]
		spki := tbsIndex(tbs, 5)
		ins := func(name string, version byte, add ...[]byte) {
			r, _ := parseTree(leaf, 0, 0)
			t := r[0].kids[0]
			kids := append([]*node{}, t.kids[:spki+1]...)
			for _, a := range add {
				kids = append(kids, rawNode(a))
			}
			if version == 2 {
				kids = append(kids, t.kids[spki+1:]...)
			}
			t.kids = kids
			t.kids[0] = rawNode(tlv(0xA0, tlv(0x02, []byte{version})))
			addDER("uid/"+name, encodeRaw(r[0]))
		}
		uid := tlv(0x03, []byte{0, 0xAA, 0xBB})
		ins("v3-a1", 2, tlv(0xA1, uid))
		ins("v3-a1-a2", 2, tlv(0xA1, uid), tlv(0xA2, uid))
		ins("v3-a2", 2, tlv(0xA2, uid))
		ins("v3-81", 2, tlv(0x81, []byte{0, 0xAA}))
		ins("v3-a1-81", 2, tlv(0xA1, uid), tlv(0x81, []byte{0, 0xAA}))
		ins("v3-a1-empty", 2, tlv(0xA1))
		ins("v3-a1-long", 2, []byte{0xA1, 0x10, 0x00})
		ins("v2-a1", 1, tlv(0xA1, uid))
		ins("v2-a1-a2", 1, tlv(0xA1, uid), tlv(0xA2, uid))
		ins("v2-81", 1, tlv(0x81, []byte{0, 0xAA}))
		ins("v2-ext", 1, tlv(0xA3, tlv(0x30)))
		ins("v2-none", 1)
		ins("v1-a1", 0, tlv(0xA1, uid))
		ins("v1-ext", 0, tlv(0xA3, tlv(0x30, tlv(0x30, oidDER("2.5.29.19"), tlv(0x04, tlv(0x30))))))
		ins("v3-no-ext", 2)
		ins("v3-empty-a3", 2, tlv(0xA3))
		ins("v3-empty-extensions", 2, tlv(0xA3, tlv(0x30)))
		ins("v3-a3-mismatch", 2, tlv(0xA3, tlv(0x30), tlv(0x05)))
		ins("v3-a1-a2-long", 2, tlv(0xA1, uid), []byte{0xA2, 0x7F, 0x00})
		ins("v3-a2-indefinite", 2, []byte{0xA2, 0x80, 0x00, 0x00})
		// A tbsCertificate that ends after the version.
		r, _ := parseTree(leaf, 0, 0)
		r[0].kids[0].kids = r[0].kids[0].kids[:1]
		addDER("tbs/version-only", r[0].encode())
		r, _ = parseTree(leaf, 0, 0)
		r[0].kids[0].kids = r[0].kids[0].kids[:0]
		addDER("tbs/empty", r[0].encode())
	}
	// A specified domain whose prime is too long to read at all
	// (MBEDTLS_MPI_MAX_LIMBS).
	hugeP := tlv(0x30, tlv(0x02, []byte{1}), tlv(0x30, oidDER("1.2.840.10045.1.1"), tlv(0x02, append([]byte{0x7F}, bytes.Repeat([]byte{0xFF}, 80000)...))))
	addDER("explicit/huge-p", withTBSField(leaf, 5, ecSPKI(hugeP, []byte{4})))
	hugeP = tlv(0x30, tlv(0x02, []byte{1}), tlv(0x30, oidDER("1.2.840.10045.1.1"), tlv(0x02, append([]byte{0x7F}, bytes.Repeat([]byte{0xFF}, 40000)...))))
	addDER("explicit/40k-p", withTBSField(leaf, 5, ecSPKI(hugeP, []byte{4})))
	// Extensions, one at a time, critical and not, in a v3 certificate.
	extCases := map[string][]byte{
		"bc-empty":             tlv(0x30),
		"bc-ca":                tlv(0x30, tlv(0x01, []byte{0xFF})),
		"bc-ca-int":            tlv(0x30, tlv(0x02, []byte{1})),
		"bc-ca-int0":           tlv(0x30, tlv(0x02, []byte{0})),
		"bc-ca-bool2":          tlv(0x30, tlv(0x01, []byte{0xFF, 0})),
		"bc-pathlen":           tlv(0x30, tlv(0x01, []byte{0xFF}), tlv(0x02, []byte{3})),
		"bc-pathlen-only":      tlv(0x30, tlv(0x02, []byte{3}), tlv(0x02, []byte{3})),
		"bc-pathlen-max":       tlv(0x30, tlv(0x01, []byte{0xFF}), tlv(0x02, []byte{0x7F, 0xFF, 0xFF, 0xFF})),
		"bc-pathlen-max-1":     tlv(0x30, tlv(0x01, []byte{0xFF}), tlv(0x02, []byte{0x7F, 0xFF, 0xFF, 0xFE})),
		"bc-pathlen-neg":       tlv(0x30, tlv(0x01, []byte{0xFF}), tlv(0x02, []byte{0xFF})),
		"bc-junk":              tlv(0x30, tlv(0x01, []byte{0xFF}), tlv(0x02, []byte{3}), tlv(0x05)),
		"bc-seq-len0-content":  append([]byte{0x30, 0x00}, tlv(0x01, []byte{0xFF})...),
		"bc-not-seq":           tlv(0x31),
		"ku-empty-bits":        tlv(0x03, []byte{0}),
		"ku-unused-8":          tlv(0x03, []byte{8, 0x80}),
		"ku-no-octet":          tlv(0x03),
		"ku-5-octets":          tlv(0x03, []byte{0, 1, 2, 3, 4, 5}),
		"ku-junk":              append(tlv(0x03, []byte{7, 0x80}), 0x05, 0x00),
		"ns-empty":             tlv(0x03, []byte{0}),
		"ns-two":               tlv(0x03, []byte{0, 0x80, 0x40}),
		"ns-one":               tlv(0x03, []byte{0, 0x80}),
		"eku-empty":            tlv(0x30),
		"eku-not-oid":          tlv(0x30, tlv(0x04, []byte{1})),
		"eku-empty-oid":        tlv(0x30, tlv(0x06)),
		"eku-two":              tlv(0x30, oidDER("1.3.6.1.5.5.7.3.1"), oidDER("1.2.3")),
		"eku-junk":             append(tlv(0x30, oidDER("1.3.6.1.5.5.7.3.1")), 0x05, 0x00),
		"san-empty":            tlv(0x30),
		"san-dns":              tlv(0x30, tlv(0x82, []byte("a.example"))),
		"san-dns-constructed":  tlv(0x30, tlv(0xA2, []byte("a.example"))),
		"san-universal":        tlv(0x30, tlv(0x16, []byte("a.example"))),
		"san-ip5":              tlv(0x30, tlv(0x87, []byte{1, 2, 3, 4, 5})),
		"san-ip16":             tlv(0x30, tlv(0x87, make([]byte, 16))),
		"san-ip0":              tlv(0x30, tlv(0x87)),
		"san-uri":              tlv(0x30, tlv(0x86, []byte("http://x"))),
		"san-rfc822":           tlv(0x30, tlv(0x81, []byte("a@b"))),
		"san-x400":             tlv(0x30, tlv(0xA3, tlv(0x30))),
		"san-edi":              tlv(0x30, tlv(0xA5, tlv(0x30))),
		"san-regid":            tlv(0x30, tlv(0x88, []byte{0x2A})),
		"san-tag9":             tlv(0x30, tlv(0x89, []byte{1})),
		"san-tag31":            tlv(0x30, tlv(0x9F, []byte{0x1F, 1})),
		"san-dir-ok":           tlv(0x30, tlv(0xA4, tlv(0x30, tlv(0x31, tlv(0x30, oidDER("2.5.4.3"), tlv(0x0C, []byte("x"))))))),
		"san-dir-empty":        tlv(0x30, tlv(0xA4, tlv(0x30))),
		"san-dir-not-seq":      tlv(0x30, tlv(0xA4, tlv(0x31))),
		"san-dir-none":         tlv(0x30, tlv(0xA4)),
		"san-dir-bad-string":   tlv(0x30, tlv(0xA4, tlv(0x30, tlv(0x31, tlv(0x30, oidDER("2.5.4.3"), tlv(0x1A, []byte("x"))))))),
		"san-dir-trailing":     tlv(0x30, tlv(0xA4, tlv(0x30, tlv(0x31, tlv(0x30, oidDER("2.5.4.3"), tlv(0x0C, []byte("x"))))), tlv(0x05))),
		"san-dir-multi":        tlv(0x30, tlv(0xA4, tlv(0x30, tlv(0x31, tlv(0x30, oidDER("2.5.4.3"), tlv(0x0C, []byte("x"))), tlv(0x30, oidDER("2.5.4.10"), tlv(0x0C, []byte("y"))))))),
		"san-dir-84":           tlv(0x30, tlv(0x84, tlv(0x30, tlv(0x31, tlv(0x30, oidDER("2.5.4.3"), tlv(0x0C, []byte("x"))))))),
		"san-other-hw":         tlv(0x30, tlv(0xA0, oidDER("1.3.6.1.5.5.7.8.4"), tlv(0xA0, tlv(0x30, oidDER("1.2.3"), tlv(0x04, []byte{1}))))),
		"san-other-hw-junk":    tlv(0x30, tlv(0xA0, oidDER("1.3.6.1.5.5.7.8.4"), tlv(0xA0, tlv(0x30, oidDER("1.2.3"), tlv(0x04, []byte{1}), tlv(0x05))))),
		"san-other-hw-noseq":   tlv(0x30, tlv(0xA0, oidDER("1.3.6.1.5.5.7.8.4"), tlv(0xA0, tlv(0x31)))),
		"san-other-hw-no-a0":   tlv(0x30, tlv(0xA0, oidDER("1.3.6.1.5.5.7.8.4"), tlv(0x30))),
		"san-other-hw-a0-junk": tlv(0x30, tlv(0xA0, oidDER("1.3.6.1.5.5.7.8.4"), tlv(0xA0, tlv(0x30, oidDER("1.2.3"), tlv(0x04, []byte{1}))), tlv(0x05))),
		"san-other-hw-nooid":   tlv(0x30, tlv(0xA0, oidDER("1.3.6.1.5.5.7.8.4"), tlv(0xA0, tlv(0x30, tlv(0x04, []byte{1}))))),
		"san-other-upn":        tlv(0x30, tlv(0xA0, oidDER("1.3.6.1.4.1.311.20.2.3"), tlv(0xA0, tlv(0x0C, []byte("u@x"))))),
		"san-other-nooid":      tlv(0x30, tlv(0xA0, tlv(0x04, []byte{1}))),
		"san-other-empty":      tlv(0x30, tlv(0xA0)),
		"san-other-80":         tlv(0x30, tlv(0x80, oidDER("1.2.3"))),
		"pol-any":              tlv(0x30, tlv(0x30, oidDER("2.5.29.32.0"))),
		"pol-other":            tlv(0x30, tlv(0x30, oidDER("2.23.140.1.2.1"))),
		"pol-any-other":        tlv(0x30, tlv(0x30, oidDER("2.5.29.32.0")), tlv(0x30, oidDER("1.2.3"))),
		"pol-other-bad":        tlv(0x30, tlv(0x30, oidDER("1.2.3")), tlv(0x30, tlv(0x04))),
		"pol-empty":            tlv(0x30),
		"pol-qual":             tlv(0x30, tlv(0x30, oidDER("2.5.29.32.0"), tlv(0x30, tlv(0x30, oidDER("1.3.6.1.5.5.7.2.1"), tlv(0x16, []byte("x")))))),
		"pol-qual-not-seq":     tlv(0x30, tlv(0x30, oidDER("2.5.29.32.0"), tlv(0x31))),
		"pol-qual-junk":        tlv(0x30, tlv(0x30, oidDER("2.5.29.32.0"), tlv(0x30), tlv(0x05))),
		"pol-no-oid":           tlv(0x30, tlv(0x30, tlv(0x04))),
		"pol-info-empty":       tlv(0x30, tlv(0x30)),
		"skid-ok":              tlv(0x04, []byte{1, 2, 3}),
		"skid-empty":           tlv(0x04),
		"skid-junk":            append(tlv(0x04, []byte{1}), 0x05, 0x00),
		"skid-not-octets":      tlv(0x03, []byte{0, 1}),
		"akid-keyid":           tlv(0x30, tlv(0x80, []byte{1, 2})),
		"akid-empty":           tlv(0x30),
		"akid-keyid-a0":        tlv(0x30, tlv(0xA0, []byte{1, 2})),
		"akid-full":            tlv(0x30, tlv(0x80, []byte{1}), tlv(0xA1, tlv(0xA4, tlv(0x30, tlv(0x31, tlv(0x30, oidDER("2.5.4.3"), tlv(0x0C, []byte("x"))))))), tlv(0x82, []byte{1})),
		"akid-issuer-only":     tlv(0x30, tlv(0xA1, tlv(0x82, []byte("x")))),
		"akid-issuer-serial":   tlv(0x30, tlv(0xA1, tlv(0x82, []byte("x"))), tlv(0x82, []byte{1})),
		"akid-issuer-bad":      tlv(0x30, tlv(0xA1, tlv(0x04, []byte("x"))), tlv(0x82, []byte{1})),
		"akid-issuer-ip5":      tlv(0x30, tlv(0xA1, tlv(0x87, []byte{1, 2, 3, 4, 5})), tlv(0x82, []byte{1})),
		"akid-serial-only":     tlv(0x30, tlv(0x82, []byte{1})),
		"akid-junk":            tlv(0x30, tlv(0x80, []byte{1}), tlv(0xA1, tlv(0x82, []byte("x"))), tlv(0x82, []byte{1}), tlv(0x05)),
		"akid-not-seq":         tlv(0x31),
		"akid-short":           append(tlv(0x30, tlv(0x80, []byte{1})), 0x00),
		"null":                 tlv(0x05),
		"empty":                nil,
	}
	extOIDs := map[string]string{"bc": "2.5.29.19", "ku": "2.5.29.15", "eku": "2.5.29.37", "san": "2.5.29.17",
		"ns": "2.16.840.1.113730.1.1", "pol": "2.5.29.32", "skid": "2.5.29.14", "akid": "2.5.29.35", "nc": "2.5.29.30", "unk": "1.2.3.4.5"}
	ekeys := make([]string, 0, len(extCases))
	for k := range extCases {
		ekeys = append(ekeys, k)
	}
	sort.Strings(ekeys)
	okeys := make([]string, 0, len(extOIDs))
	for k := range extOIDs {
		okeys = append(okeys, k)
	}
	sort.Strings(okeys)
	withExts := func(exts ...[]byte) []byte {
		r, _ := parseTree(leaf, 0, 0)
		t := r[0].kids[0]
		last := t.kids[len(t.kids)-1]
		if last.tag != 0xA3 {
			return nil
		}
		t.kids[len(t.kids)-1] = rawNode(tlv(0xA3, tlv(0x30, exts...)))
		return encodeRaw(r[0])
	}
	for _, ek := range ekeys {
		for _, ok := range okeys {
			prefix := strings.SplitN(ek, "-", 2)[0]
			if prefix != ok && ek != "null" && ek != "empty" && ok != "unk" && ok != "nc" {
				continue
			}
			for _, crit := range []bool{false, true} {
				parts := [][]byte{oidDER(extOIDs[ok])}
				if crit {
					parts = append(parts, tlv(0x01, []byte{0xFF}))
				}
				parts = append(parts, tlv(0x04, extCases[ek]))
				addDER(fmt.Sprintf("ext/%s/%s/crit=%v", ok, ek, crit), withExts(tlv(0x30, parts...)))
			}
		}
	}
	for _, ok := range okeys {
		e := tlv(0x30, oidDER(extOIDs[ok]), tlv(0x04, extCases["null"]))
		addDER("ext/dup/"+ok, withExts(e, e))
		addDER("ext/crit-false/"+ok, withExts(tlv(0x30, oidDER(extOIDs[ok]), tlv(0x01, []byte{0}), tlv(0x04, tlv(0x05)))))
		addDER("ext/crit-len2/"+ok, withExts(tlv(0x30, oidDER(extOIDs[ok]), tlv(0x01, []byte{0xFF, 0}), tlv(0x04, tlv(0x05)))))
		addDER("ext/no-value/"+ok, withExts(tlv(0x30, oidDER(extOIDs[ok]))))
		addDER("ext/crit-no-value/"+ok, withExts(tlv(0x30, oidDER(extOIDs[ok]), tlv(0x01, []byte{0xFF}))))
		addDER("ext/value-junk/"+ok, withExts(tlv(0x30, oidDER(extOIDs[ok]), tlv(0x04, tlv(0x05)), tlv(0x05))))
	}
	addDER("ext/none-in-seq", withExts())
	addDER("ext/not-seq-inner", withExts(tlv(0x31)))

	// PEM encryption headers beyond the basic set.
	if leaf != nil {
		lines := strings.Split(strings.TrimSuffix(string(pemOf(leaf, "\n", 64, false)), "\n"), "\n")
		for name, hdr := range map[string]string{
			"des3-bad-iv":   "Proc-Type: 4,ENCRYPTED\nDEK-Info: DES-EDE3-CBC,0123456789ABCDEG\n\n",
			"des3-short-iv": "Proc-Type: 4,ENCRYPTED\nDEK-Info: DES-EDE3-CBC,0123\n",
			"des-bad-iv":    "Proc-Type: 4,ENCRYPTED\nDEK-Info: DES-CBC,0123456789abcdeX\n\n",
			"des-lower-iv":  "Proc-Type: 4,ENCRYPTED\nDEK-Info: DES-CBC,0123456789abcdef\n\n",
			"crlf":          "Proc-Type: 4,ENCRYPTED\r\nDEK-Info: AES-256-CBC,0123456789ABCDEF0123456789ABCDEF\r\n\r\n",
			"cr-only":       "Proc-Type: 4,ENCRYPTED\rDEK-Info: AES-256-CBC,0123456789ABCDEF0123456789ABCDEF\r\n",
			"no-dek":        "Proc-Type: 4,ENCRYPTED\n\n",
			"aes-lower":     "Proc-Type: 4,ENCRYPTED\nDEK-Info: aes-128-cbc,0123456789ABCDEF0123456789ABCDEF\n\n",
			"aes-iv-space":  "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF \n\n",
			"bad-b64":       "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n*\n",
		} {
			cs = append(cs, parseCase{"craft/pemenc/" + name, "crt", encrypted(lines, hdr)})
		}
		cs = append(cs, parseCase{"craft/pemenc/only-proc", "crt", append([]byte(lines[0]+"\nProc-Type: 4,ENCRYPTED\n"+lines[len(lines)-1]+"\n"), 0)})
		cs = append(cs, parseCase{"craft/pemenc/aes-dash-short", "crt", append([]byte(lines[0]+"\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-\n"+lines[len(lines)-1]+"\n"), 0)})
		cs = append(cs, parseCase{"craft/pemenc/aes-dash-21", "crt", append([]byte(lines[0]+"\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC"+lines[len(lines)-1]+"\n"), 0)})
		cs = append(cs, parseCase{"craft/pemenc/des-iv-short-body", "crt", append([]byte(lines[0]+"\nProc-Type: 4,ENCRYPTED\nDEK-Info: DES-CBC,0123"+lines[len(lines)-1]+"\n"), 0)})
		body := strings.Join(lines[1:len(lines)-1], "\n")
		cs = append(cs, parseCase{"craft/pem/footer-same-line-spaces", "crt", append([]byte(lines[0]+"\n"+body+"   "+lines[len(lines)-1]+"\n"), 0)})
		cs = append(cs, parseCase{"craft/pem/footer-same-line", "crt", append([]byte(lines[0]+"\n"+body+lines[len(lines)-1]+"\n"), 0)})
		cs = append(cs, parseCase{"craft/pem/footer-same-line-cr", "crt", append([]byte(lines[0]+"\n"+body+"\r"+lines[len(lines)-1]+"\n"), 0)})
		cs = append(cs, parseCase{"craft/pem/header-cr-space", "crt", append([]byte(lines[0]+"\r \n"+body+"\n"+lines[len(lines)-1]+"\n"), 0)})
		cs = append(cs, parseCase{"craft/pem/header-space-cr-lf", "crt", append([]byte(lines[0]+" \r\n"+body+"\n"+lines[len(lines)-1]+"\n"), 0)})
		cs = append(cs, parseCase{"craft/pem/footer-space-cr-lf-next", "crt", append([]byte(lines[0]+"\n"+body+"\n"+lines[len(lines)-1]+" \r\n"+strings.Join(lines, "\n")+"\n"), 0)})
		cs = append(cs, parseCase{"craft/pem/body-crcrlf", "crt", append([]byte(lines[0]+"\n"+strings.Join(lines[1:len(lines)-1], "\r\r\n")+"\n"+lines[len(lines)-1]+"\n"), 0)})
		cs = append(cs, parseCase{"craft/pem/body-space-crlf", "crt", append([]byte(lines[0]+"\n"+strings.Join(lines[1:len(lines)-1], " \r\n")+"\n"+lines[len(lines)-1]+"\n"), 0)})
		cs = append(cs, parseCase{"craft/pem/body-lf-space", "crt", append([]byte(lines[0]+"\n"+strings.Join(lines[1:len(lines)-1], "\n ")+"\n"+lines[len(lines)-1]+"\n"), 0)})
	}
	return cs
}

func addN(b []byte, n int) []byte {
	out := append([]byte{0}, b...)
	carry := n
	for i := len(out) - 1; i >= 0 && carry > 0; i-- {
		v := int(out[i]) + carry
		out[i] = byte(v)
		carry = v >> 8
	}
	if out[0] == 0 {
		out = out[1:]
	}
	return out
}

func addOne(b []byte) []byte { return addN(b, 1) }

func subOne(b []byte) []byte {
	out := append([]byte{}, b...)
	for i := len(out) - 1; i >= 0; i-- {
		if out[i] > 0 {
			out[i]--
			break
		}
		out[i] = 0xFF
	}
	return out
}

func p448() []byte {
	b := bytes.Repeat([]byte{0xFF}, 56)
	b[27] = 0xFE
	return b
}

// rsaModulus extracts n from an RSA certificate.
func rsaModulus(cert []byte) []byte {
	roots, ok := parseTree(cert, 0, 0)
	if !ok {
		return nil
	}
	tbs := roots[0].kids[0]
	spki := tbs.kids[tbsIndex(tbs, 5)]
	bs := spki.kids[1]
	if !bs.cons || len(bs.kids) != 1 || len(bs.kids[0].kids) < 1 {
		return nil
	}
	return bs.kids[0].kids[0].content
}
