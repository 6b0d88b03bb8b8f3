package profile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/tlsdoctor/tlsdoctor/errcode"
	"github.com/tlsdoctor/tlsdoctor/internal/lazy"
)

// ConfigMode says how a config header relates to the stock configuration.
type ConfigMode uint8

// The modes. ModeAuto decides from the file's contents.
const (
	ModeAuto ConfigMode = iota
	// ModeFull: the file is a whole configuration (an edited copy of
	// mbedtls/config.h or mbedtls_config.h, used as MBEDTLS_CONFIG_FILE); it
	// replaces the stock config.
	ModeFull
	// ModeOverlay: the file changes the stock configuration, as an
	// MBEDTLS_USER_CONFIG_FILE does, read after the stock config.
	ModeOverlay
)

// String returns "auto", "full" or "overlay".
func (m ConfigMode) String() string {
	switch m {
	case ModeFull:
		return "full"
	case ModeOverlay:
		return "overlay"
	}
	return "auto"
}

// ParseConfigMode reads "auto", "full" or "overlay".
func ParseConfigMode(s string) (ConfigMode, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "auto", "":
		return ModeAuto, true
	case "full":
		return ModeFull, true
	case "overlay", "user":
		return ModeOverlay, true
	}
	return ModeAuto, false
}

// HeaderOptions tune ReadConfigHeaderWith.
type HeaderOptions struct {
	// Mode forces a full or an overlay reading; ModeAuto decides.
	Mode ConfigMode
	// IncludeDirs are searched, in order, for #include "file" after the
	// directory of the including file and of the file named, and for <file>.
	IncludeDirs []string
	// Defines are macros defined before anything is read, as -D options would
	// (for example MBEDTLS_USER_CONFIG_FILE "\"my_user_config.h\"" or a target
	// macro the config tests).
	Defines Macros
}

// ReadConfigHeader reads an mbedTLS config header from fsys the way the C
// preprocessor of a build of version v would, and returns the resulting
// configuration and notes on how it was read. It decides whether the file is a
// full config or an overlay on the stock config (see ReadConfigHeaderWith).
func ReadConfigHeader(fsys fs.FS, name string, v errcode.MbedVersion, includeDirs ...string) (Macros, []Note, error) {
	return ReadConfigHeaderWith(fsys, name, v, HeaderOptions{IncludeDirs: includeDirs})
}

// ReadConfigHeaderWith is ReadConfigHeader with options.
//
// A full config (a copy of mbedtls/config.h or mbedtls_config.h, edited)
// defines dozens of options, core modules among them; it replaces the stock
// config. An overlay (an MBEDTLS_USER_CONFIG_FILE) changes a few options and is
// read after the stock config. A file that only names MBEDTLS_CONFIG_FILE or
// MBEDTLS_USER_CONFIG_FILE is read first, like -D options, and the files it
// names are read where the library reads them. For 3.6, the derivations
// build_info.h applies after the config files (PSA_WANT_*, MBEDTLS_MD_CAN_*) are
// applied too, so the result compares with Stock.
//
// The error is a *ConfigError when the file cannot be read or goes beyond the
// limits (an include cycle, includes or #if nested too deep, too large);
// everything else, including directives that could not be evaluated, is a Note.
func ReadConfigHeaderWith(fsys fs.FS, name string, v errcode.MbedVersion, opts HeaderOptions) (Macros, []Note, error) {
	r, err := readHeader(fsys, name, v, opts)
	if err != nil {
		return nil, nil, err
	}
	return r.macros, r.notes, nil
}

type headerResult struct {
	macros Macros
	notes  []Note
	mode   ConfigMode
}

var errNoFS = errors.New("no file system given")

func checkVersion(v errcode.MbedVersion) error {
	if v != errcode.Mbed228 && v != errcode.Mbed36 {
		return fmt.Errorf("mbedTLS version %d is not one tlsdoctor models: want 2.28 or 3.6", v)
	}
	return nil
}

// coreModules are options every working full config defines and an overlay
// has no reason to: the stock config has them on already.
var coreModules = []string{
	"MBEDTLS_ASN1_PARSE_C", "MBEDTLS_BIGNUM_C", "MBEDTLS_MD_C", "MBEDTLS_OID_C",
	"MBEDTLS_PK_C", "MBEDTLS_PK_PARSE_C", "MBEDTLS_X509_USE_C", "MBEDTLS_X509_CRT_PARSE_C",
	"MBEDTLS_SSL_TLS_C", "MBEDTLS_CIPHER_C", "MBEDTLS_ENTROPY_C", "MBEDTLS_CTR_DRBG_C",
	"MBEDTLS_AES_C", "MBEDTLS_SHA256_C", "MBEDTLS_PLATFORM_C",
}

func configHeaderName(v errcode.MbedVersion) string {
	if v == errcode.Mbed36 {
		return "mbedtls/mbedtls_config.h"
	}
	return "mbedtls/config.h"
}

func readHeader(fsys fs.FS, name string, v errcode.MbedVersion, opts HeaderOptions) (*headerResult, error) {
	if err := checkVersion(v); err != nil {
		return nil, err
	}
	if fsys == nil {
		return nil, &ConfigError{File: name, Err: errNoFS}
	}
	name = strings.TrimPrefix(path.Clean(name), "./")
	if !fs.ValidPath(name) {
		return nil, &ConfigError{File: name, Err: fs.ErrInvalid, What: "want a slash-separated path relative to the file system given"}
	}
	data, err := readLimited(fsys, name)
	if err != nil {
		var ce *ConfigError
		if errors.As(err, &ce) {
			return nil, ce
		}
		return nil, &ConfigError{File: name, Err: err}
	}
	top := path.Dir(name)
	start := func() (*pp, error) {
		p := newPP(fsys, v, opts.IncludeDirs, top)
		for _, n := range sortedNames(opts.Defines) {
			p.define(n, opts.Defines[n], false)
			p.touched[n] = loc{"-D", 0}
			p.note(NoteDefine, "", 0, n, "-D %s", dashD(n, opts.Defines[n]))
		}
		if v == errcode.Mbed36 {
			// build_info.h defines the version macros before it reads any config.
			p.defineVersion36()
		}
		return p, nil
	}

	// First reading: the file on its own, as the whole config. Its contents
	// decide whether that is what it is.
	full, err := start()
	if err != nil {
		return nil, err
	}
	if err := full.run(source{name: name, path: name, text: data}); err != nil {
		return nil, err
	}
	mode, reason := opts.Mode, "as asked"
	if mode == ModeAuto {
		mode, reason = detectMode(full, v)
	}

	p := full
	var modeNote string
	if mode == ModeFull {
		modeNote = fmt.Sprintf("read as a FULL config that replaces the stock mbedTLS %s config: %s", v.Release(), reason)
	} else {
		if p, err = start(); err != nil {
			return nil, err
		}
		// Only names the file itself sets make it a wrapper; a -D value is the
		// build's, and in overlay mode the file already is the user config.
		_, namesConfig := full.stringMacro("MBEDTLS_CONFIG_FILE")
		_, namesUser := full.stringMacro("MBEDTLS_USER_CONFIG_FILE")
		namesConfig = namesConfig && full.touched["MBEDTLS_CONFIG_FILE"].file != "-D"
		namesUser = namesUser && full.touched["MBEDTLS_USER_CONFIG_FILE"].file != "-D"
		wrapper := namesConfig && !full.stats.configFileRead || namesUser && !full.stats.userFileRead
		if wrapper {
			modeNote = fmt.Sprintf("read first, like -D options, because it names the config files (MBEDTLS_CONFIG_FILE / MBEDTLS_USER_CONFIG_FILE) without including them; those are then read where mbedTLS %s reads them", v.Release())
			if err := p.run(source{name: name, path: name, text: data}); err != nil {
				return nil, err
			}
		} else {
			p.userFile = name // the overlay is the user config file
		}
		// The config file: MBEDTLS_CONFIG_FILE when set (by the file or a -D),
		// else the stock one.
		if cf, ok := p.stringMacro("MBEDTLS_CONFIG_FILE"); ok && !p.stats.configFileRead {
			p.stats.configFileRead = true
			from := "the mbedTLS " + v.Release() + " sources"
			if v == errcode.Mbed36 {
				from = "mbedtls/build_info.h@" + release36
			}
			if err := p.includeNamed(from, "MBEDTLS_CONFIG_FILE", cf); err != nil {
				return nil, err
			}
			if v == errcode.Mbed228 {
				p.note(NoteVersion, "", 0, "MBEDTLS_CONFIG_FILE", "with MBEDTLS_CONFIG_FILE set, mbedTLS 2.28 reads MBEDTLS_USER_CONFIG_FILE only if that file includes it, as the stock config.h does")
				if p.userFile != "" {
					p.note(NoteVersion, name, 0, "", "so this overlay is not read by mbedTLS 2.28: %s replaces config.h, and only config.h reads the user config file", cf)
					p.userFile = ""
				}
			}
		} else if err := p.applyStock(configHeaderName(v)); err != nil {
			return nil, err
		}
	}

	if v == errcode.Mbed36 {
		if err := finish36(p); err != nil {
			return nil, err
		}
	} else {
		if s, ok := p.stringMacro("MBEDTLS_USER_CONFIG_FILE"); ok && !p.stats.userFileRead && mode == ModeFull {
			p.note(NoteVersion, "", 0, "MBEDTLS_USER_CONFIG_FILE", "MBEDTLS_USER_CONFIG_FILE names %q, but in 2.28 only config.h includes it and this full config does not: it is not read", s)
		}
		if p.isDefined("MBEDTLS_PSA_CRYPTO_CONFIG") {
			p.note(NoteUnevaluated, "", 0, "MBEDTLS_PSA_CRYPTO_CONFIG", "MBEDTLS_PSA_CRYPTO_CONFIG is set: 2.28 then derives the PSA_WANT_* macros in config_psa.h, which tlsdoctor does not model (they do not change certificate parsing)")
		}
	}

	if modeNote == "" {
		if opts.Mode == ModeAuto {
			// Count what the file did on top of the stock config, not alone.
			reason = fmt.Sprintf("it #defines %d options and #undefs %d, and %s", len(p.stats.defined), p.stats.undefs, reason)
		}
		modeNote = fmt.Sprintf("read as an OVERLAY on the stock mbedTLS %s config, the way MBEDTLS_USER_CONFIG_FILE is read: %s", v.Release(), reason)
	}

	m := p.macros()
	for _, g := range p.guards {
		if !knownAnywhere(g) {
			delete(m, g)
		}
	}
	for n := range m {
		// Guards of mbedTLS's own headers, and the helpers of the generated
		// derivations, are not configuration: Stock leaves them out too.
		mbed := strings.HasPrefix(n, "MBEDTLS_") || strings.HasPrefix(n, "PSA_WANT_")
		if mbed && strings.HasSuffix(n, "_H") && !knownAnywhere(n) || !mbed && p.defs[n].generated {
			delete(m, n)
		}
	}
	notes := append([]Note{{Kind: NoteSource, File: name, Text: modeNote}}, p.notes...)
	notes = append(notes, versionNotes(p, v, m, mode)...)
	notes = append(notes, differsNotes(p, v, m)...)
	return &headerResult{macros: m, notes: notes, mode: mode}, nil
}

func dashD(name, value string) string {
	if value == "" {
		return name
	}
	return name + "=" + value
}

// finish36 does what mbedtls/build_info.h@3.6 does after the config file:
// read the user config file, the PSA config when asked, then derive.
func finish36(p *pp) error {
	const bi = "mbedtls/build_info.h@" + release36
	if err := p.userConfigStep(bi); err != nil {
		return err
	}
	if p.isDefined("MBEDTLS_PSA_CRYPTO_CONFIG") {
		if f, ok := p.stringMacro("MBEDTLS_PSA_CRYPTO_CONFIG_FILE"); ok {
			if err := p.includeNamed(bi, "MBEDTLS_PSA_CRYPTO_CONFIG_FILE", f); err != nil {
				return err
			}
		} else {
			p.note(NoteInclude, "", 0, "MBEDTLS_PSA_CRYPTO_CONFIG", "MBEDTLS_PSA_CRYPTO_CONFIG is set: the PSA_WANT_* defaults of psa/crypto_config.h (%s) apply", release36)
			if err := p.applyStock("psa/crypto_config.h"); err != nil {
				return err
			}
		}
		if f, ok := p.stringMacro("MBEDTLS_PSA_CRYPTO_USER_CONFIG_FILE"); ok {
			if err := p.includeNamed(bi, "MBEDTLS_PSA_CRYPTO_USER_CONFIG_FILE", f); err != nil {
				return err
			}
		}
	}
	if p.isDefined("MBEDTLS_PSA_CRYPTO_CONFIG") && p.isDefined("MBEDTLS_PSA_CRYPTO_C") {
		p.note(NoteUnevaluated, "", 0, "MBEDTLS_PSA_CRYPTO_CONFIG", "MBEDTLS_PSA_CRYPTO_CONFIG is set: tlsdoctor derives the built-in PSA mechanisms and the legacy modules they need from the PSA_WANT_* macros as if no accelerator driver (MBEDTLS_PSA_ACCEL_*) were present; with drivers, the real build may differ")
	}
	derive36(p, bi)
	return nil
}

// defineVersion36 defines the version macros, which 3.6's build_info.h sets
// before it reads any config file.
func (p *pp) defineVersion36() {
	for _, n := range sortedNames(version36()) {
		p.define(n, version36()[n], true)
	}
}

// detectMode tells a full config from an overlay by what the file defines when
// read on its own.
func detectMode(full *pp, v errcode.MbedVersion) (ConfigMode, string) {
	s := full.stats
	if s.includesStock {
		return ModeFull, "it includes the upstream default config itself and changes it after (as ESP-IDF's esp_config.h does)"
	}
	var core []string
	for _, c := range coreModules {
		if s.defined[c] {
			core = append(core, c)
		}
	}
	n := len(s.defined)
	if len(core) >= 3 && n >= 8 && n > s.undefs {
		shown := core
		if len(shown) > 4 {
			shown = shown[:4]
		}
		return ModeFull, fmt.Sprintf("it defines %d options, core modules among them (%s), as a copy of %s does", n, strings.Join(shown, ", "), path.Base(configHeaderName(v)))
	}
	return ModeOverlay, fmt.Sprintf("read alone it defines %d of the core modules a whole config needs", len(core))
}

// versionNotes explain options the user set that version v does not have, and
// what a 2.28-style config means for 3.6 (and the reverse).
func versionNotes(p *pp, v errcode.MbedVersion, m Macros, mode ConfigMode) []Note {
	var notes []Note
	other := errcode.Mbed36
	if v == errcode.Mbed36 {
		other = errcode.Mbed228
	}
	names := make([]string, 0, len(p.touched))
	for n := range p.touched {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		at := p.touched[n]
		if !strings.HasPrefix(n, "MBEDTLS_") && !strings.HasPrefix(n, "PSA_WANT_") {
			continue
		}
		if IsOption(v, n) || derived(v, n) || isGuard(p, n) || n == "MBEDTLS_CONFIG_FILE" || n == "MBEDTLS_USER_CONFIG_FILE" {
			continue
		}
		if _, ok := moduleDefault(v, n); ok {
			continue
		}
		text, ok := renamedOptions()[v][n]
		switch {
		case ok:
		case IsOption(other, n):
			text = fmt.Sprintf("%s is an mbedTLS %s option that %s does not have: it changes nothing here", n, other, v)
		default:
			text = fmt.Sprintf("%s is not an option of mbedTLS %s", n, v)
			if s := closestOption(v, n); s != "" {
				text += fmt.Sprintf(" (did you mean %s?)", s)
			}
		}
		notes = append(notes, Note{Kind: NoteVersion, File: at.file, Line: at.line, Name: n, Text: text})
	}
	if v == errcode.Mbed36 {
		for _, n := range sortedNames(m) {
			if r, ok := removed36()[n]; ok {
				at := p.touched[n]
				notes = append(notes, Note{Kind: NoteProblem, File: at.file, Line: at.line, Name: n,
					Text: fmt.Sprintf("mbedTLS 3.6 does not build with %s: the option was removed in mbedTLS 3.0, and mbedtls/check_config.h:%d stops a 3.6 build with an #error when it is defined; remove the line", n, r.line)})
			}
		}
	}
	if v == errcode.Mbed36 && mode == ModeFull {
		// A 2.28 config.h edited and used with 3.6: SHA512_C no longer brings
		// SHA-384, nor SHA256_C SHA-224 (3.0 split them into their own options).
		if m.Defined("MBEDTLS_SHA512_C") && !m.Defined("MBEDTLS_SHA384_C") {
			notes = append(notes, Note{Kind: NoteVersion, Name: "MBEDTLS_SHA384_C", Text: "this config has MBEDTLS_SHA512_C but not MBEDTLS_SHA384_C: in 2.28 SHA512_C brought SHA-384, in 3.6 it does not, so certificates signed with SHA-384 (ecdsa-with-SHA384, sha384WithRSAEncryption) fail to parse (-0x262E); add #define MBEDTLS_SHA384_C"})
		}
		if m.Defined("MBEDTLS_SHA256_C") && !m.Defined("MBEDTLS_SHA224_C") {
			notes = append(notes, Note{Kind: NoteVersion, Name: "MBEDTLS_SHA224_C", Text: "this config has MBEDTLS_SHA256_C but not MBEDTLS_SHA224_C: in 3.6 SHA-224 is its own option (in 2.28 SHA256_C brought it), so SHA-224 signatures are unknown here"})
		}
		if !m.Defined("MBEDTLS_PSA_CRYPTO_C") {
			notes = append(notes, Note{Kind: NoteVersion, Name: "MBEDTLS_PSA_CRYPTO_C", Text: "MBEDTLS_PSA_CRYPTO_C is off (the 3.6 default has it on, 2.28-style configs lack it): TLS 1.3 and the PSA-backed paths are unavailable; certificate parsing is unaffected"})
		}
	}
	if v == errcode.Mbed228 && (p.touched["MBEDTLS_SHA384_C"] != loc{}) && m.Defined("MBEDTLS_SHA512_C") && !m.Defined("MBEDTLS_SHA512_NO_SHA384") {
		notes = append(notes, Note{Kind: NoteVersion, Name: "MBEDTLS_SHA384_C", Text: "in 2.28 SHA-384 comes with MBEDTLS_SHA512_C (unless MBEDTLS_SHA512_NO_SHA384), whatever MBEDTLS_SHA384_C says"})
	}
	return notes
}

func isGuard(p *pp, name string) bool {
	for _, g := range p.guards {
		if g == name {
			return true
		}
	}
	return false
}

// removedOption is an option 3.0 removed that check_config.h rejects.
type removedOption struct {
	line int // of the #error in check_config.h
}

var renamedOptionsLazy lazy.Value[map[errcode.MbedVersion]map[string]string]

// renamedOptions explain the options that changed meaning between the lines,
// beyond "this version does not have it".
func renamedOptions() map[errcode.MbedVersion]map[string]string {
	return renamedOptionsLazy.Get(buildRenamedOptions)
}

func buildRenamedOptions() map[errcode.MbedVersion]map[string]string {
	return map[errcode.MbedVersion]map[string]string{
		errcode.Mbed36: {
			"MBEDTLS_SSL_MAX_CONTENT_LEN":                       "MBEDTLS_SSL_MAX_CONTENT_LEN is gone in 3.x: 3.6 reads only MBEDTLS_SSL_IN_CONTENT_LEN and MBEDTLS_SSL_OUT_CONTENT_LEN, which stay 16384 unless set",
			"MBEDTLS_X509_ALLOW_UNSUPPORTED_CRITICAL_EXTENSION": "MBEDTLS_X509_ALLOW_UNSUPPORTED_CRITICAL_EXTENSION is gone in 3.x: 3.6 always rejects unknown critical extensions (-0x2562) unless the application registers an extension callback (mbedtls_x509_crt_parse_der_with_ext_cb)",
			"MBEDTLS_X509_ALLOW_EXTENSIONS_NON_V3":              "MBEDTLS_X509_ALLOW_EXTENSIONS_NON_V3 is gone in 3.x: 3.6 rejects extensions in v1/v2 certificates",
			"MBEDTLS_X509_CHECK_KEY_USAGE":                      "MBEDTLS_X509_CHECK_KEY_USAGE is gone in 3.x: 3.6 always checks keyUsage, whatever this line says",
			"MBEDTLS_X509_CHECK_EXTENDED_KEY_USAGE":             "MBEDTLS_X509_CHECK_EXTENDED_KEY_USAGE is gone in 3.x: 3.6 always checks extendedKeyUsage, whatever this line says",
		},
		errcode.Mbed228: {
			"MBEDTLS_SHA384_C": "MBEDTLS_SHA384_C is a 3.x option: in 2.28 SHA-384 is part of MBEDTLS_SHA512_C (turned off only by MBEDTLS_SHA512_NO_SHA384)",
			"MBEDTLS_SHA224_C": "MBEDTLS_SHA224_C is a 3.x option: in 2.28 SHA-224 is part of MBEDTLS_SHA256_C",
		},
	}
}

// closestOption suggests a documented option within two edits of name.
func closestOption(v errcode.MbedVersion, name string) string {
	best, bestD := "", 3
	for _, k := range KnownOptions(v) {
		if d := editDistance(name, k, bestD); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance of a and b, or limit when it is at least limit.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			c = min(c, prev[j]+1, cur[j-1]+1)
			cur[j] = c
			rowMin = min(rowMin, c)
		}
		if rowMin >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], limit)
}

// differsNotes list the documented options whose value differs from the stock
// config, each at the line that set it.
func differsNotes(p *pp, v errcode.MbedVersion, m Macros) []Note {
	var notes []Note
	for _, c := range Changes(v, Stock(v), m) {
		if sameAsDefault(v, c) {
			continue
		}
		text := describeChange(v, c)
		at, ok := p.touched[c.Name]
		if !ok {
			if at, ok = p.commented[c.Name]; ok {
				text += "; commented out here"
			} else {
				at = p.undefAt[c.Name]
			}
		}
		notes = append(notes, Note{Kind: NoteDiffers, File: at.file, Line: at.line, Name: c.Name, Text: text})
	}
	return notes
}

// sameAsDefault reports a change that changes nothing: an option set to the
// value its module default gives it anyway.
func sameAsDefault(v errcode.MbedVersion, c Change) bool {
	def, ok := moduleDefault(v, c.Name)
	return ok && !c.WasSet && c.NowSet && normalizeValue(c.Now) == def
}

func describeChange(v errcode.MbedVersion, c Change) string {
	state := func(val string, set bool) string {
		switch {
		case !set:
			return "off"
		case val == "":
			return "on"
		}
		return val
	}
	text := fmt.Sprintf("%s is %s (stock %s: %s)", c.Name, state(c.Now, c.NowSet), v, state(c.Was, c.WasSet))
	if def, ok := moduleDefault(v, c.Name); ok {
		switch {
		case !c.NowSet:
			text = fmt.Sprintf("%s is not set (stock %s: %s), so the module default %s applies", c.Name, v, state(c.Was, c.WasSet), def)
		case !c.WasSet:
			text = fmt.Sprintf("%s is %s (stock %s: not set, so the module default %s)", c.Name, c.Now, v, def)
		}
	}
	return text
}

// textFS is a one-file fs.FS for configs that live in memory (presets).
type textFS struct{ name, text string }

func (t textFS) Open(name string) (fs.File, error) {
	if name != t.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &textFile{t: t, r: strings.NewReader(t.text)}, nil
}

type textFile struct {
	t textFS
	r *strings.Reader
}

func (f *textFile) Stat() (fs.FileInfo, error) { return textInfo{f.t}, nil }
func (f *textFile) Read(b []byte) (int, error) { return f.r.Read(b) }
func (f *textFile) Close() error               { return nil }

type textInfo struct{ t textFS }

func (i textInfo) Name() string       { return path.Base(i.t.name) }
func (i textInfo) Size() int64        { return int64(len(i.t.text)) }
func (i textInfo) Mode() fs.FileMode  { return 0o444 }
func (i textInfo) ModTime() time.Time { return time.Time{} }
func (i textInfo) IsDir() bool        { return false }
func (i textInfo) Sys() any           { return nil }

var _ io.Reader = (*textFile)(nil)
