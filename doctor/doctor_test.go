package doctor

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tlsdoctor/tlsdoctor/certinput"
	"github.com/tlsdoctor/tlsdoctor/diag"
	"github.com/tlsdoctor/tlsdoctor/errcode"
	"github.com/tlsdoctor/tlsdoctor/profile"
)

// now is fixed: the fixtures' certificates are valid on it.
var now = time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)

func stock(t *testing.T) *profile.Profile {
	t.Helper()
	p, err := profile.New(profile.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func withPreset(t *testing.T, name string) *profile.Profile {
	t.Helper()
	p, err := profile.New(profile.Options{Now: now, Preset: name, Versions: errcode.MbedVersions})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func checkFile(t *testing.T, name string, p *profile.Profile, modes ...certinput.LengthMode) *Report {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "fixtures", name))
	if err != nil {
		t.Fatal(err)
	}
	in, err := certinput.Read(data, certinput.Options{Name: name})
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return Run(in, p, Options{Now: now, Modes: modes, Fix: true})
}

func ids(r *Report) map[string]diag.Severity {
	out := map[string]diag.Severity{}
	for _, it := range r.Items {
		for _, f := range it.Findings {
			if s, ok := out[f.ID]; !ok || f.Severity > s {
				out[f.ID] = f.Severity
			}
		}
	}
	return out
}

// TestRegistry enforces what every check carries: a unique dotted ID, a
// citation, a summary, and a fixture that triggers it.
func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range Registry() {
		if seen[k.ID] {
			t.Errorf("%s registered twice", k.ID)
		}
		seen[k.ID] = true
		if !strings.Contains(k.ID, ".") || strings.ToLower(k.ID) != k.ID {
			t.Errorf("%s: IDs are lower-case family.name", k.ID)
		}
		if k.Citation == "" || k.Summary == "" || k.Run == nil {
			t.Errorf("%s: citation, summary and Run are required", k.ID)
		}
		if k.Fixture == "" {
			t.Errorf("%s: no fixture", k.ID)
			continue
		}
		p := stock(t)
		switch k.ID {
		case checkConfig.ID:
			p = withPreset(t, "embedded-small")
		case checkHeap.ID:
			p.Heap = 100
		case checkSize.ID:
			p = withPreset(t, "small-buffers")
		}
		r := checkFile(t, k.Fixture, p)
		if _, ok := ids(r)[k.ID]; !ok {
			t.Errorf("%s: fixture %s does not trigger it (found %v)", k.ID, k.Fixture, ids(r))
		}
	}
}

// TestFixtures pins the predicted return code and the main finding of each
// fixture; the codes are the ones the real library returns
// (../shared/research/mbedtls-behaviour.md T1 and the oracle test).
func TestFixtures(t *testing.T) {
	tests := []struct {
		file   string
		mode   certinput.LengthMode
		preset string
		ret    int
		id     string
		sev    diag.Severity
	}{
		{"good.pem", certinput.AsIsPlusNUL, "", 0, "", 0},
		{"good.pem", certinput.AsIs, "", -0x2180, "length.nul-not-counted", diag.Error},
		{"cr-only.pem", certinput.AsIsPlusNUL, "", -0x2780, "pem.cr-only-line-endings", diag.Error},
		{"mixed-eol.pem", certinput.AsIsPlusNUL, "", -0x112C, "pem.mixed-line-endings", diag.Error},
		{"literal-n.pem", certinput.AsIsPlusNUL, "", -0x2780, "pem.literal-backslash-n", diag.Error},
		{"c-leftovers.pem", certinput.AsIsPlusNUL, "", -0x2780, "pem.stray-c-syntax", diag.Error},
		{"indented.pem", certinput.AsIsPlusNUL, "", -0x112C, "pem.base64-foreign-bytes", diag.Error},
		{"bom.pem", certinput.AsIsPlusNUL, "", 0, "pem.byte-order-mark", diag.Info},
		{"trusted-cert.pem", certinput.AsIsPlusNUL, "", -0x2180, "pem.wrong-label", diag.Error},
		{"lowercase.pem", certinput.AsIsPlusNUL, "", -0x2180, "pem.armour-not-exact", diag.Error},
		{"truncated.pem", certinput.AsIsPlusNUL, "", -0x2780, "pem.truncated", diag.Error},
		{"erased.bin", certinput.AsIs, "", -0x2180, "input.erased-flash", diag.Error},
		{"pem-then-ff.bin", certinput.AsIs, "", -0x2180, "input.erased-flash", diag.Error},
		{"nul-first.bin", certinput.AsIs, "", -0x2180, "input.nul-before-header", diag.Error},
		{"private-key.pem", certinput.AsIsPlusNUL, "", -0x2180, "pem.private-key", diag.Error},
		{"der-flip.der", certinput.AsIs, "", -0x21E2, "der.invalid", diag.Error},
		{"der-trailing.der", certinput.AsIs, "", 0, "der.trailing-bytes", diag.Warning},
		{"bundle-bad-second.pem", certinput.AsIsPlusNUL, "", 1, "bundle.partial", diag.Error},
		{"leaf.pem", certinput.AsIsPlusNUL, "", 0, "cert.not-a-trust-anchor", diag.Warning},
		{"rsa1024.pem", certinput.AsIsPlusNUL, "", 0, "cert.weak-key", diag.Warning},
		{"rsa4096-embedded.pem", certinput.AsIsPlusNUL, "embedded-small", -0x3B00, "config.unsupported", diag.Error},
		{"p384-root.pem", certinput.AsIsPlusNUL, "embedded-small", -0x262E, "config.unsupported", diag.Error},
		{"rsa4096-embedded.pem", certinput.AsIsPlusNUL, "", 0, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.mode.String()+"/"+tt.preset, func(t *testing.T) {
			p := stock(t)
			if tt.preset != "" {
				p = withPreset(t, tt.preset)
			}
			r := checkFile(t, tt.file, p, tt.mode)
			for _, pr := range r.Items[0].Predictions {
				if pr.Result == nil || pr.Result.Ret != tt.ret {
					t.Errorf("mbedTLS %s: ret %v, want %#x", pr.Version, pr.Result, tt.ret)
				}
			}
			got := ids(r)
			if tt.id == "" {
				for id, s := range got {
					if s == diag.Error {
						t.Errorf("unexpected error finding %s", id)
					}
				}
				return
			}
			if s, ok := got[tt.id]; !ok || s != tt.sev {
				t.Errorf("finding %s severity %v missing or wrong (got %v)", tt.id, tt.sev, got)
			}
		})
	}
}

// TestFixChecksClean: for every fixture whose damage is only around the
// base64, the fix recovers the original certificate, and checking the fixed
// bytes reports no error.
func TestFixChecksClean(t *testing.T) {
	good, err := os.ReadFile("testdata/fixtures/good.pem")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"cr-only.pem", "mixed-eol.pem", "literal-n.pem", "en-dash.pem", "bom.pem", "indented.pem",
		"c-leftovers.pem", "one-line.pem", "trusted-cert.pem", "lowercase.pem", "strlen.h", "bundle-ok.pem"} {
		t.Run(name, func(t *testing.T) {
			r := checkFile(t, name, stock(t))
			fixed, err := FixedInput(r)
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasSuffix(name, ".pem") && name != "bundle-ok.pem" && string(fixed) != string(good) {
				t.Errorf("fixed bytes differ from the original certificate:\n%s", fixed)
			}
			in, err := certinput.Read(fixed, certinput.Options{Name: name})
			if err != nil {
				t.Fatal(err)
			}
			again := Run(in, stock(t), Options{Now: now})
			if again.Failing() {
				t.Errorf("the fixed output still fails: %s", again.Items[0].Verdict)
			}
		})
	}
}

// TestFixNeverGuesses: a truncated certificate is reported, not invented.
func TestFixNeverGuesses(t *testing.T) {
	r := checkFile(t, "truncated.pem", stock(t))
	if _, err := FixedInput(r); err == nil {
		t.Fatal("a truncated certificate must not be fixed")
	}
	if f := r.Items[0].Fix; f == nil || len(f.Dropped) == 0 {
		t.Errorf("the dropped block must be named: %+v", f)
	}
}

// TestPrivateKeyNeverShown: the key's bytes appear in no finding.
func TestPrivateKeyNeverShown(t *testing.T) {
	data, _ := os.ReadFile("testdata/fixtures/private-key.pem")
	body := strings.Split(string(data), "\n")[2]
	r := checkFile(t, "private-key.pem", stock(t))
	for _, f := range r.Items[0].Findings {
		for _, e := range f.Evidence {
			if strings.Contains(e.Shown+e.Context, body[:20]) {
				t.Errorf("%s shows key bytes", f.ID)
			}
		}
	}
}

func TestClockUnset(t *testing.T) {
	p, err := profile.New(profile.Options{Now: now, DeviceTime: "unset"})
	if err != nil {
		t.Fatal(err)
	}
	r := checkFile(t, "good.pem", p, certinput.AsIsPlusNUL)
	var msg string
	for _, f := range r.Items[0].Findings {
		if f.ID == "cert.validity" {
			msg = f.Message
		}
	}
	if !strings.Contains(msg, "never set") {
		t.Errorf("unset clock not explained: %q", msg)
	}
}

func FuzzCheck(f *testing.F) {
	for _, name := range []string{"good.pem", "cr-only.pem", "strlen.h", "der-ok.der", "bundle-bad-second.pem"} {
		data, err := os.ReadFile(filepath.Join("testdata", "fixtures", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	p, err := profile.New(profile.Options{Now: now})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := certinput.Read(data, certinput.Options{})
		if err != nil {
			return
		}
		r := Run(in, p, Options{Now: now})
		for _, it := range r.Items {
			if it.Verdict == "" {
				t.Fatal("no verdict")
			}
		}
		_, _ = FixedInput(r)
	})
}
