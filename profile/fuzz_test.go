package profile

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tlsdoctor/tlsdoctor/errcode"
)

// FuzzReadConfigHeader reads any bytes as a config header, with copies of them
// reachable by #include, for both versions and every mode: it must end, without
// panic, with a configuration or a *ConfigError. Seeds: the fixtures under
// testdata and testdata/fuzz/FuzzReadConfigHeader (cycles, deep nesting,
// expansion bombs, broken comments).
func FuzzReadConfigHeader(f *testing.F) {
	_ = fs.WalkDir(testdata, ".", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".h") {
			if data, err := fs.ReadFile(testdata, path); err == nil {
				f.Add(data)
			}
		}
		return nil
	})
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{"f.h": {Data: data}, "inc.h": {Data: data}, "sub/f.h": {Data: data}}
		for _, v := range errcode.MbedVersions {
			for _, mode := range []ConfigMode{ModeAuto, ModeFull, ModeOverlay} {
				m, notes, err := ReadConfigHeaderWith(fsys, "f.h", v, HeaderOptions{Mode: mode, IncludeDirs: []string{"sub"}})
				if err != nil {
					var ce *ConfigError
					if !errors.As(err, &ce) {
						t.Fatalf("error %T %v, want *ConfigError", err, err)
					}
					continue
				}
				if m == nil || len(notes) == 0 {
					t.Fatal("no configuration and no error")
				}
				for _, n := range notes {
					if int(n.Kind) >= len(noteKindNames) || n.Text == "" {
						t.Fatalf("bad note %#v", n)
					}
				}
				for name := range m {
					if strings.HasPrefix(name, "MBEDTLS_") {
						EffectiveInt(v, m, name)
					}
				}
			}
		}
	})
}

// FuzzReadSdkconfig reads any bytes as an sdkconfig for both versions: a
// configuration or an *SdkconfigError, never a panic.
func FuzzReadSdkconfig(f *testing.F) {
	if data, err := fs.ReadFile(testdata, "esp/sdkconfig"); err == nil {
		f.Add(data)
	}
	for _, s := range espVariants {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, v := range errcode.MbedVersions {
			m, _, err := ReadSdkconfig(data, v)
			if err != nil {
				var se *SdkconfigError
				if !errors.As(err, &se) {
					t.Fatalf("error %T %v, want *SdkconfigError", err, err)
				}
				continue
			}
			for name := range m {
				EffectiveInt(v, m, name)
			}
		}
	})
}
