package profile

import (
	"math"
	"strings"

	"github.com/tlsdoctor/tlsdoctor/errcode"
	"github.com/tlsdoctor/tlsdoctor/internal/lazy"
)

// Macros is a configuration as the C preprocessor sees it once the config
// headers are read: macro name to replacement text, "" for a plain #define.
// A name that is absent is not defined. Function-like macros, rare in configs,
// keep their parameter list in front of the text ("(x) body"), as gcc -dM
// prints them.
type Macros map[string]string

// Defined reports whether name is defined, as #ifdef would.
func (m Macros) Defined(name string) bool {
	_, ok := m[name]
	return ok
}

// Int evaluates name's value as an integer the way #if would (256, (16384),
// 0x4000, 4 * 1024, or another macro of m). ok is false when name is not
// defined, is defined empty, or its value is not an integer expression of
// numbers and macros of m.
func (m Macros) Int(name string) (int, bool) {
	v, ok := m[name]
	if !ok {
		return 0, false
	}
	return toInt(evalInt(v, memoLookup(func(n string) (string, bool) {
		v, ok := m[n]
		return v, ok
	})))
}

// memoLookup turns a value lookup into a macro lookup that tokenizes each
// value once per evaluation.
func memoLookup(value func(string) (string, bool)) func(string) (*macroDef, bool) {
	seen := map[string]*macroDef{}
	return func(name string) (*macroDef, bool) {
		if d, ok := seen[name]; ok {
			return d, d != nil
		}
		v, ok := value(name)
		var d *macroDef
		if ok {
			d = &macroDef{value: v}
		}
		seen[name] = d
		return d, ok
	}
}

func toInt(n int64, ok bool) (int, bool) {
	if !ok || n > math.MaxInt || n < math.MinInt {
		return 0, false
	}
	return int(n), true
}

// Clone returns a copy of m that can be changed without changing m.
func (m Macros) Clone() Macros {
	out := make(Macros, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// Stock returns the upstream default configuration of mbedTLS 2.28.3 or 3.6.6
// as the preprocessor sees it: the MBEDTLS_* and PSA_WANT_* macros of
// `gcc -dM -E` over mbedtls/config.h (2.28) or mbedtls/build_info.h (3.6),
// which includes the macros 3.6 derives (PSA_WANT_*, MBEDTLS_MD_CAN_*). It
// returns nil for an unknown version. The caller owns the map.
func Stock(v errcode.MbedVersion) Macros {
	switch v {
	case errcode.Mbed228:
		return stock228().Clone()
	case errcode.Mbed36:
		return stock36().Clone()
	}
	return nil
}

// ModuleDefaults returns the values the module headers give the options a
// config header documents but leaves commented out: MBEDTLS_MPI_MAX_SIZE 1024
// (bignum.h), MBEDTLS_SSL_IN_CONTENT_LEN (ssl.h; in 2.28 it is
// MBEDTLS_SSL_MAX_CONTENT_LEN), MBEDTLS_X509_MAX_INTERMEDIATE_CA 8 (x509.h).
// Values are unexpanded: evaluate them against the configuration, as
// Profile.Int does. The caller owns the map.
func ModuleDefaults(v errcode.MbedVersion) Macros {
	switch v {
	case errcode.Mbed228:
		return moduleDefaults228().Clone()
	case errcode.Mbed36:
		return moduleDefaults36().Clone()
	}
	return nil
}

// EffectiveInt is the integer value the library code of version v sees for
// name under configuration m: m's value when m defines it, else the module
// header's default, evaluated with m's macros (so that 2.28's
// MBEDTLS_SSL_IN_CONTENT_LEN follows a configured MBEDTLS_SSL_MAX_CONTENT_LEN).
func EffectiveInt(v errcode.MbedVersion, m Macros, name string) (int, bool) {
	lookup := memoLookup(func(n string) (string, bool) {
		if val, ok := m[n]; ok {
			return val, true
		}
		return moduleDefault(v, n)
	})
	d, ok := lookup(name)
	if !ok {
		return 0, false
	}
	return toInt(evalInt(d.value, lookup))
}

func moduleDefault(v errcode.MbedVersion, name string) (string, bool) {
	var val string
	var ok bool
	switch v {
	case errcode.Mbed228:
		val, ok = moduleDefaults228()[name]
	case errcode.Mbed36:
		val, ok = moduleDefaults36()[name]
	}
	return val, ok
}

// KnownOptions lists the options the config header of version v documents,
// defined or commented out, in the header's order.
func KnownOptions(v errcode.MbedVersion) []string {
	switch v {
	case errcode.Mbed228:
		return append([]string(nil), known228...)
	case errcode.Mbed36:
		return append([]string(nil), known36...)
	}
	return nil
}

var knownSetsLazy lazy.Value[map[errcode.MbedVersion]map[string]bool]

// knownSets is built on first use (start-up time; see tables.go).
func knownSets() map[errcode.MbedVersion]map[string]bool { return knownSetsLazy.Get(buildKnownSets) }

func buildKnownSets() map[errcode.MbedVersion]map[string]bool {
	return map[errcode.MbedVersion]map[string]bool{
		errcode.Mbed228: setOf(known228),
		errcode.Mbed36:  setOf(known36),
	}
}

func setOf(names []string) map[string]bool {
	s := make(map[string]bool, len(names))
	for _, n := range names {
		s[n] = true
	}
	return s
}

// IsOption reports whether name is an option the config header of version v
// documents.
func IsOption(v errcode.MbedVersion, name string) bool { return knownSets()[v][name] }

func knownAnywhere(name string) bool {
	return knownSets()[errcode.Mbed228][name] || knownSets()[errcode.Mbed36][name]
}

// derived reports whether version v computes name itself (a macro of the stock
// configuration that is not an option, such as MBEDTLS_MD_CAN_SHA384).
func derived(v errcode.MbedVersion, name string) bool {
	if IsOption(v, name) {
		return false
	}
	switch v {
	case errcode.Mbed228:
		_, ok := stock228()[name]
		return ok
	case errcode.Mbed36:
		_, ok := stock36()[name]
		return ok || strings.HasPrefix(name, "PSA_WANT_") || strings.HasPrefix(name, "MBEDTLS_PSA_BUILTIN_") || strings.HasPrefix(name, "MBEDTLS_PSA_ACCEL_")
	}
	return false
}

// Change is one option whose value differs between two configurations.
type Change struct {
	Name string `json:"name"`
	// Was and Now are the values before and after; WasSet and NowSet say whether
	// the option was defined at all.
	Was    string `json:"was"`
	WasSet bool   `json:"was_set"`
	Now    string `json:"now"`
	NowSet bool   `json:"now_set"`
}

// Changes lists the documented options of version v whose value differs
// between base and m, in the config header's order. Derived macros (3.6's
// PSA_WANT_*) are left out: they follow from the options.
func Changes(v errcode.MbedVersion, base, m Macros) []Change {
	var out []Change
	for _, name := range KnownOptions(v) {
		was, wasSet := base[name]
		now, nowSet := m[name]
		if wasSet != nowSet || was != now {
			out = append(out, Change{Name: name, Was: was, WasSet: wasSet, Now: now, NowSet: nowSet})
		}
	}
	return out
}
