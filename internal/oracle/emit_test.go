//go:build oracle

package oracle

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlsdoctor/tlsdoctor/anchor"
	"github.com/tlsdoctor/tlsdoctor/internal/testcert"
)

// emitRoots are roots every stock build and Debian's libraries can use.
var emitRoots = []string{"rsa2048-sha256-root", "p256-sha256-root", "p384-sha384-root-isrgx2", "rsa4096-sha256-root-isrgx1"}

func emitAnchors(t *testing.T, names ...string) []*anchor.Anchor {
	t.Helper()
	var cands []anchor.Candidate
	for i, der := range testcert.MustDER(t, names...) {
		cands = append(cands, anchor.Candidate{DER: der, Source: names[i]})
	}
	as, _, err := anchor.Select(cands, anchor.Options{Now: testcert.Now()})
	if err != nil {
		t.Fatal(err)
	}
	return as
}

// writeEmitted emits format f into a fresh directory and adds glue as
// emit_case.h.
func writeEmitted(t *testing.T, f anchor.Format, as []*anchor.Anchor, glue string) string {
	t.Helper()
	dir := t.TempDir()
	files, err := anchor.Emit(f, as, anchor.EmitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		if err := os.WriteFile(filepath.Join(dir, file.Name), file.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "emit_case.h"), []byte(glue), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// cBytes renders data as a C initialiser.
func cBytes(data []byte) string {
	var b strings.Builder
	for i, c := range data {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%d", c)
	}
	return b.String()
}

// compileEmit compiles runner/NAME.c with the emitted files' directory on
// the include path; cxx compiles it as C++ (raw strings of the arduino
// format). Unlike CompileRunner it controls -x, which must not apply to the
// static libraries.
func compileEmit(t *testing.T, name, dir string, b *Build, cxx bool, flags ...string) string {
	t.Helper()
	if _, err := exec.LookPath("gcc"); err != nil {
		Unavailable(t, "gcc not found (apt-get install -y gcc)")
	}
	src := filepath.Join(RepoRoot(t), "internal", "oracle", "runner", name+".c")
	out := filepath.Join(dir, name)
	args := []string{"-O1", "-Wall", "-Wno-unused-const-variable", "-Wno-unused-variable", "-o", out, "-I" + dir}
	if cxx {
		args = append(args, "-x", "c++", src, "-x", "none")
	} else {
		args = append(args, "-std=c99", src)
	}
	if b != nil && b.Config != "debian" {
		args = append(args, "-I"+filepath.Join(b.Prefix, "include"), `-DMBEDTLS_USER_CONFIG_FILE="tlsdoctor_user_config.h"`,
			filepath.Join(b.Prefix, "lib", "libmbedtls.a"), filepath.Join(b.Prefix, "lib", "libmbedx509.a"), filepath.Join(b.Prefix, "lib", "libmbedcrypto.a"))
	} else if b != nil {
		args = append(args, "-lmbedtls", "-lmbedx509", "-lmbedcrypto")
	}
	args = append(args, flags...)
	cmd := exec.Command("gcc", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		// The emitted code not compiling is our bug, not a missing oracle.
		t.Fatalf("gcc %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("gcc warns about the emitted code:\n%s", stderr.String())
	}
	return out
}

func runLines(t *testing.T, bin string) [][]string {
	t.Helper()
	out, err := exec.Command(bin).Output()
	if err != nil {
		t.Fatalf("%s: %v", bin, err)
	}
	var rows [][]string
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		rows = append(rows, strings.Split(l, "\t"))
	}
	return rows
}

// mbedtlsGlue says, per format, how firmware hands the emitted buffers to
// mbedtls_x509_crt_parse: exactly as the emitted usage comments say.
func mbedtlsGlue(f anchor.Format, as []*anchor.Anchor) string {
	var b strings.Builder
	collect := func(body string) {
		b.WriteString("static int emit_collect(const unsigned char **bufs, size_t *lens)\n{\n    int n = 0;\n" + body + "    return n;\n}\n")
	}
	switch f {
	case anchor.CPEM:
		b.WriteString("#include \"root_ca.h\"\n")
		collect("    bufs[n] = (const unsigned char *)root_ca; lens[n++] = root_ca_len;\n")
	case anchor.Arduino:
		// WiFiClientSecure::setCACert passes strlen(ca) + 1.
		b.WriteString("#define PROGMEM\n#include \"root_ca.h\"\n")
		collect("    bufs[n] = (const unsigned char *)root_ca; lens[n++] = strlen(root_ca) + 1;\n")
	case anchor.CDER:
		b.WriteString("#include \"root_ca.h\"\n")
		var body strings.Builder
		for i := range as {
			fmt.Fprintf(&body, "    bufs[n] = root_ca_%d; lens[n++] = root_ca_%d_len;\n", i+1, i+1)
		}
		collect(body.String())
	case anchor.CHeader:
		b.WriteString("#include \"root_ca.h\"\n#include \"root_ca.h\" /* twice: the include guard must hold */\n")
		collect("    for (int i = 0; i < ROOT_CA_COUNT; i++) { bufs[n] = root_ca_anchors[i].der; lens[n++] = root_ca_anchors[i].len; }\n")
	case anchor.Zephyr:
		// A stand-in for Zephyr's credential store: it records what
		// tls_credential_add gets, which Zephyr's TLS socket later hands
		// to mbedtls_x509_crt_parse with the same length.
		b.WriteString("#include \"root_ca_credentials.c\"\n")
		collect("    if (root_ca_register() != 0) return -1;\n    for (int i = 0; i < z_n; i++) { bufs[n] = z_bufs[i]; lens[n++] = z_lens[i]; }\n")
	case anchor.PEMBundle, anchor.ESPIDFEmbed:
		// The file as EMBED_TXTFILES embeds it: its bytes and a NUL, with
		// end - start counting the NUL.
		b.WriteString("#include \"embedded.h\"\n")
		collect("    bufs[n] = embedded; lens[n++] = sizeof embedded;\n")
	}
	return b.String()
}

// zephyrHeader stands in for <zephyr/net/tls_credentials.h>.
const zephyrHeader = `#include <stddef.h>
enum tls_credential_type { TLS_CREDENTIAL_CA_CERTIFICATE = 1 };
static const unsigned char *z_bufs[64]; static size_t z_lens[64]; static int z_n;
static int tls_credential_add(int tag, enum tls_credential_type type, const void *cred, size_t len)
{
    (void)tag; (void)type;
    z_bufs[z_n] = cred; z_lens[z_n++] = len;
    return 0;
}
`

// TestEmitMbedTLS compiles every C output for mbedTLS against Debian's
// libmbedtls 2.28 and the 2.28 and 3.6 stock builds, and checks that each
// buffer parses with 0 and the chain ends with every anchor.
func TestEmitMbedTLS(t *testing.T) {
	as := emitAnchors(t, emitRoots...)
	builds := []*Build{{Version: "2.28", Config: "debian"}}
	if _, err := os.Stat("/usr/include/mbedtls/x509_crt.h"); err != nil {
		Unavailable(t, "libmbedtls-dev not installed (apt-get install -y libmbedtls-dev)")
	}
	for _, v := range []string{"2.28", "3.6"} {
		b := LoadBuild(t, v, "stock")
		builds = append(builds, &b)
	}
	formats := []anchor.Format{anchor.CPEM, anchor.CDER, anchor.CHeader, anchor.Arduino, anchor.Zephyr, anchor.PEMBundle, anchor.ESPIDFEmbed}
	for _, b := range builds {
		for _, f := range formats {
			t.Run(b.Version+"-"+b.Config+"/"+string(f), func(t *testing.T) {
				glue := mbedtlsGlue(f, as)
				dir := writeEmitted(t, f, as, glue)
				switch f {
				case anchor.Zephyr:
					os.MkdirAll(filepath.Join(dir, "zephyr", "net"), 0o755)
					if err := os.WriteFile(filepath.Join(dir, "zephyr", "net", "tls_credentials.h"), []byte(zephyrHeader), 0o644); err != nil {
						t.Fatal(err)
					}
				case anchor.PEMBundle, anchor.ESPIDFEmbed:
					data, err := os.ReadFile(filepath.Join(dir, "root_ca.pem"))
					if err != nil {
						t.Fatal(err)
					}
					embedded := "static const unsigned char embedded[] = {" + cBytes(append(data, 0)) + "};\n"
					if err := os.WriteFile(filepath.Join(dir, "embedded.h"), []byte(embedded), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				if f == anchor.ESPIDFEmbed {
					// The snippet must compile too (asm labels are GNU C).
					out := filepath.Join(dir, "embed.o")
					if msg, err := exec.Command("gcc", "-c", "-std=gnu99", "-Wall", "-o", out, filepath.Join(dir, "root_ca_embed.c")).CombinedOutput(); err != nil || len(msg) > 0 {
						t.Errorf("root_ca_embed.c: %v\n%s", err, msg)
					}
				}
				bin := compileEmit(t, "emit_mbedtls", dir, b, f == anchor.Arduino)
				rows := runLines(t, bin)
				for _, r := range rows {
					if r[1] != "0" {
						t.Errorf("buffer %s: mbedtls_x509_crt_parse returned %s, want 0", r[0], r[1])
					}
				}
				if last := rows[len(rows)-1]; last[2] != fmt.Sprint(len(as)) {
					t.Errorf("chain holds %s certificates, want %d", last[2], len(as))
				}
			})
		}
	}
}

// TestEmitBearSSL validates test chains with BearSSL's minimal engine
// against the emitted trust anchors, and checks a chain whose root is not
// among them fails as not trusted.
func TestEmitBearSSL(t *testing.T) {
	if _, err := os.Stat("/usr/include/bearssl.h"); err != nil {
		Unavailable(t, "libbearssl-dev not installed (apt-get install -y libbearssl-dev)")
	}
	chains := map[string]testcert.Chain{}
	for _, c := range testcert.Chains() {
		chains[c.Name] = c
	}
	// Chains whose algorithms BearSSL implements (no RSASSA-PSS, no
	// unknown critical extensions).
	names := []string{"rsa2048-sha256-leaf", "p256-sha256-leaf", "rsa2048-sha256-leaf-r3like", "p256-sha384-leaf-e1like", "p384-sha384-leaf"}
	now := testcert.Now().UTC()
	// BearSSL counts days from 0000-01-01 (proleptic Gregorian); 1970-01-01 is day 719528.
	days := 719528 + now.Unix()/86400
	secs := now.Unix() % 86400
	// The server name is not checked (NULL): the leaves differ in names,
	// and the anchors are what is under test.
	glue := func(header string) string {
		var b strings.Builder
		fmt.Fprintf(&b, "#include \"%s\"\n#define EMIT_CHAINS %d\n#define EMIT_DAYS %d\n#define EMIT_SECONDS %d\n#define EMIT_SERVER_NAME NULL\n", header, len(names), days, secs)
		b.WriteString("static const unsigned char *emit_cert[EMIT_CHAINS][2];\nstatic size_t emit_cert_len[EMIT_CHAINS][2];\nstatic const int emit_chain_len[EMIT_CHAINS] = {")
		for range names {
			b.WriteString("2,")
		}
		b.WriteString("};\n")
		for i, n := range names {
			c, ok := chains[n]
			if !ok {
				panic("no chain " + n)
			}
			fmt.Fprintf(&b, "static const unsigned char leaf%d[] = {%s};\nstatic const unsigned char int%d[] = {%s};\n", i, cBytes(c.Leaf.DER), i, cBytes(c.Intermediate.DER))
		}
		b.WriteString("__attribute__((constructor)) static void emit_init(void)\n{\n")
		for i := range names {
			fmt.Fprintf(&b, "    emit_cert[%d][0] = leaf%d; emit_cert_len[%d][0] = sizeof leaf%d;\n", i, i, i, i)
			fmt.Fprintf(&b, "    emit_cert[%d][1] = int%d; emit_cert_len[%d][1] = sizeof int%d;\n", i, i, i, i)
		}
		b.WriteString("}\n")
		return b.String()
	}
	var rootNames []string
	for _, n := range names {
		rootNames = append(rootNames, chains[n].Root.Name)
	}
	t.Run("all roots", func(t *testing.T) {
		as := emitAnchors(t, dedupe(rootNames)...)
		dir := writeEmitted(t, anchor.BearSSL, as, glue("root_ca_bearssl.h"))
		bin := compileEmit(t, "emit_bearssl", dir, nil, false, "-lbearssl")
		for _, r := range runLines(t, bin) {
			var i int
			fmt.Sscan(r[0], &i)
			if r[1] != "0" {
				t.Errorf("chain %s: br_x509_minimal end_chain = %s, want 0", names[i], r[1])
			}
		}
	})
	t.Run("missing root", func(t *testing.T) {
		as := emitAnchors(t, "p521-sha512-root")
		dir := writeEmitted(t, anchor.BearSSL, as, glue("root_ca_bearssl.h"))
		bin := compileEmit(t, "emit_bearssl", dir, nil, false, "-lbearssl")
		for _, r := range runLines(t, bin) {
			// BR_ERR_X509_NOT_TRUSTED is 62 (bearssl_x509.h).
			if r[1] != "62" {
				t.Errorf("chain %s without its root: end_chain = %s, want 62 (not trusted)", r[0], r[1])
			}
		}
	})
}

func dedupe(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// TestEmitWolfSSL loads the wolfssl output with Debian's libwolfssl.
func TestEmitWolfSSL(t *testing.T) {
	if _, err := os.Stat("/usr/include/wolfssl/ssl.h"); err != nil {
		Unavailable(t, "libwolfssl-dev not installed (apt-get install -y libwolfssl-dev)")
	}
	as := emitAnchors(t, emitRoots...)
	dir := writeEmitted(t, anchor.WolfSSL, as, "#include \"root_ca_wolfssl.h\"\n")
	bin := compileEmit(t, "emit_wolfssl", dir, nil, false, "-lwolfssl")
	rows := runLines(t, bin)
	if len(rows) != len(as) {
		t.Fatalf("%d anchors loaded, want %d", len(rows), len(as))
	}
	for _, r := range rows {
		if r[1] != "1" {
			t.Errorf("anchor %s: wolfSSL_CTX_load_verify_buffer = %s, want 1 (WOLFSSL_SUCCESS)", r[0], r[1])
		}
	}
}
