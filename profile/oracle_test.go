//go:build oracle

package profile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlsdoctor/tlsdoctor/errcode"
	"github.com/tlsdoctor/tlsdoctor/internal/oracle"
)

// TestOracleConfigs reads the user config of every oracle build the way
// tlsdoctor reads a user's file, and compares the result with what gcc made of
// the same build (its config.txt): every macro there must be here with the same
// value. The Debian 2.28 build's config.h is a full config edited by Debian, so
// it is read as one.
func TestOracleConfigs(t *testing.T) {
	for _, bc := range oracle.Builds {
		t.Run(bc.Version+"-"+bc.Config, func(t *testing.T) {
			b := oracle.LoadBuild(t, bc.Version, bc.Config)
			v, ok := errcode.ParseMbedVersion(bc.Version)
			if !ok {
				t.Fatalf("version %q", bc.Version)
			}
			var got Macros
			var err error
			if bc.Config == "debian" {
				got, _, err = ReadConfigHeader(os.DirFS("/usr/include"), "mbedtls/config.h", v)
			} else {
				inc := filepath.Join(b.Prefix, "include")
				got, _, err = ReadConfigHeader(os.DirFS(inc), "tlsdoctor_user_config.h", v)
			}
			if err != nil {
				t.Fatal(err)
			}
			for name, want := range b.Macros {
				if hostOnly(name) || name == "MBEDTLS_USER_CONFIG_FILE" {
					continue // the build's -D and its compiler, not the config
				}
				val, ok := got[name]
				if !ok {
					def, isDefault := moduleDefault(v, name)
					if !isDefault {
						if !configDependentDefault[name] {
							t.Errorf("%s missing, gcc has %q", name, want)
						}
						continue
					}
					val = def
				}
				resolved := resolveIdent(val, got, v)
				if isIdent(resolved) && resolved != want {
					continue // the script followed a header macro that is not configuration
				}
				if resolved != want {
					t.Errorf("%s = %q (%q), gcc has %q", name, val, resolved, want)
				}
			}
			for name, val := range got {
				if _, ok := b.Macros[name]; !ok && (strings.HasPrefix(name, "MBEDTLS_") || strings.HasPrefix(name, "PSA_WANT_")) && !hostOnly(name) {
					t.Errorf("%s = %q is not in the build's config.txt", name, val)
				}
			}
		})
	}
}

// configDependentDefault are the module defaults the generator leaves out
// because their value follows other options (see stock_gen.go).
var configDependentDefault = map[string]bool{
	"MBEDTLS_ECP_MAX_BITS": true, "MBEDTLS_CTR_DRBG_ENTROPY_LEN": true, "MBEDTLS_PSK_MAX_LEN": true,
}

// resolveIdent follows a value that is a single macro name, as the oracle script
// does when it writes config.txt.
func resolveIdent(val string, m Macros, v errcode.MbedVersion) string {
	for i := 0; i < 8 && isIdent(val); i++ {
		next, ok := m[val]
		if !ok {
			if next, ok = moduleDefault(v, val); !ok {
				break
			}
		}
		val = next
	}
	return val
}

// hostOnly names macros gcc derives from the host compiler, absent from a device
// build and left out of Stock.
func hostOnly(name string) bool {
	return strings.HasPrefix(name, "MBEDTLS_ARCH_IS_") || name == "MBEDTLS_COMPILER_IS_GCC" || name == "MBEDTLS_GCC_VERSION"
}
