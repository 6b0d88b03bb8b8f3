package profile

import (
	"errors"
	"fmt"
	"maps"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/tlsdoctor/tlsdoctor/errcode"
	"github.com/tlsdoctor/tlsdoctor/internal/lazy"
)

// sdkconfigName is the name notes give the file ReadSdkconfig reads.
const sdkconfigName = "sdkconfig"

// ErrNotSdkconfig says the data holds no ESP-IDF option at all.
var ErrNotSdkconfig = errors.New("no CONFIG_ option found: not an ESP-IDF sdkconfig")

// SdkconfigError reports an sdkconfig tlsdoctor cannot read.
type SdkconfigError struct {
	Line int
	Err  error
	What string
}

func (e *SdkconfigError) Error() string {
	s := sdkconfigName
	if e.Line > 0 {
		s += ":" + strconv.Itoa(e.Line)
	}
	s += ": " + e.Err.Error()
	if e.What != "" {
		s += ": " + e.What
	}
	return s
}

func (e *SdkconfigError) Unwrap() error { return e.Err }

// ErrSyntax marks a line an sdkconfig cannot hold.
var ErrSyntax = errors.New("syntax error")

// sdkValue is one option as the file states it.
type sdkValue struct {
	val  string // "y", "n", a number, or a string without its quotes
	line int
}

// sdkFile is an sdkconfig (CONFIG_X=y) or the sdkconfig.h generated from it
// (#define CONFIG_X 1), parsed.
type sdkFile struct {
	values   map[string]sdkValue // by Kconfig name, without CONFIG_
	header   bool                // sdkconfig.h form: absent options are off
	idfVer   string              // from the header comment, if any
	target   string              // CONFIG_IDF_TARGET
	complete bool                // a full sdkconfig written by menuconfig
}

var idfVersionLineLazy lazy.Value[*regexp.Regexp]

func idfVersionLine() *regexp.Regexp { return idfVersionLineLazy.Get(buildIdfVersionLine) }

func buildIdfVersionLine() *regexp.Regexp {
	return regexp.MustCompile(`^#\s*Espressif IoT Development Framework \(ESP-IDF\)\s*(v?[0-9][0-9A-Za-z.\-]*)?\s*Project Configuration`)
}

// maxSdkconfig bounds the data ReadSdkconfig accepts.
const maxSdkconfig = 8 << 20

func parseSdkconfig(data []byte) (*sdkFile, error) {
	if len(data) > maxSdkconfig {
		return nil, &SdkconfigError{Err: ErrTooLarge, What: fmt.Sprintf("larger than %d MiB", maxSdkconfig>>20)}
	}
	f := &sdkFile{values: map[string]sdkValue{}}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	for i, raw := range strings.Split(text, "\n") {
		n := i + 1
		line := strings.TrimSpace(raw)
		switch {
		case line == "":
			continue
		case idfVersionLine().MatchString(line):
			f.complete = true
			f.idfVer = strings.TrimPrefix(idfVersionLine().FindStringSubmatch(line)[1], "v")
			continue
		case strings.HasPrefix(line, "# CONFIG_") && strings.HasSuffix(line, " is not set"):
			name := strings.TrimSuffix(strings.TrimPrefix(line, "# CONFIG_"), " is not set")
			if isIdent(name) {
				f.values[name] = sdkValue{"n", n}
			}
			continue
		case strings.HasPrefix(line, "#define CONFIG_"):
			// sdkconfig.h: #define CONFIG_X 1 / 16384 / "text".
			f.header = true
			rest := strings.TrimPrefix(line, "#define CONFIG_")
			name, val, _ := strings.Cut(rest, " ")
			if !isIdent(name) {
				return nil, &SdkconfigError{Line: n, Err: ErrSyntax, What: fmt.Sprintf("%q is not an option name", name)}
			}
			val = strings.TrimSpace(val)
			if val == "1" {
				val = "y"
			}
			f.values[name] = sdkValue{unquote(val), n}
			continue
		case strings.HasPrefix(line, "#"), strings.HasPrefix(line, "/*"), strings.HasPrefix(line, "*"), strings.HasPrefix(line, "//"):
			// Comments, and in sdkconfig.h its comment block and #pragma once.
			continue
		}
		name, val, ok := strings.Cut(line, "=")
		if !ok || !strings.HasPrefix(name, "CONFIG_") || !isIdent(strings.TrimPrefix(name, "CONFIG_")) {
			return nil, &SdkconfigError{Line: n, Err: ErrSyntax, What: fmt.Sprintf("want CONFIG_NAME=value, got %q", truncate(line, 60))}
		}
		f.values[strings.TrimPrefix(name, "CONFIG_")] = sdkValue{unquote(strings.TrimSpace(val)), n}
	}
	if len(f.values) == 0 {
		return nil, &SdkconfigError{Err: ErrNotSdkconfig}
	}
	if t, ok := f.values["IDF_TARGET"]; ok {
		f.target = t.val
	}
	return f, nil
}

func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		if u, err := strconv.Unquote(s); err == nil {
			return u
		}
		return s[1 : len(s)-1]
	}
	return s
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// ReadSdkconfig reads an ESP-IDF sdkconfig (or the sdkconfig.h generated from
// it) and returns the mbedTLS configuration ESP-IDF builds from it for
// version v, with notes on how each option was mapped. The mapping restates
// esp_config.h of the ESP-IDF release that ships that mbedTLS (v5.5.5 for 3.6,
// v4.4.8 for 2.28); options missing from the file take that release's Kconfig
// defaults. The result also holds the CONFIG_MBEDTLS_* macros, which the
// preprocessor sees too (esp_config.h includes sdkconfig.h); the certificate
// bundle options live only there.
func ReadSdkconfig(data []byte, v errcode.MbedVersion) (Macros, []Note, error) {
	if err := checkVersion(v); err != nil {
		return nil, nil, err
	}
	f, err := parseSdkconfig(data)
	if err != nil {
		return nil, nil, err
	}
	rel := idfFor(v)
	var notes []Note
	add := func(kind NoteKind, line int, name, format string, args ...any) {
		file := ""
		if line > 0 {
			file = sdkconfigName
		}
		notes = append(notes, Note{Kind: kind, File: file, Line: line, Name: name, Text: fmt.Sprintf(format, args...)})
	}
	form := "sdkconfig"
	if f.header {
		form = "sdkconfig.h (options absent from it are off)"
	}
	add(NoteSource, 0, "", "read as an ESP-IDF %s; options mapped to mbedTLS macros as %s does in ESP-IDF %s (which ships mbedTLS %s), on top of the stock mbedTLS %s config", form, espConfigFile, rel.tag, rel.mbedtls, v.Release())
	if f.idfVer != "" {
		add(NoteSource, 0, "", "the file was written by ESP-IDF %s", f.idfVer)
		major, _ := strconv.Atoi(strings.SplitN(f.idfVer, ".", 2)[0])
		if major == 4 && v == errcode.Mbed36 || major >= 5 && v == errcode.Mbed228 {
			ships := "3.x"
			if major == 4 {
				ships = "2.28"
			}
			add(NoteVersion, 0, "", "ESP-IDF %s ships mbedTLS %s, not %s: this is what the same options would give with ESP-IDF %s", f.idfVer, ships, v, rel.tag)
		}
	}

	vals, defaulted, err := evalKconfig(f, rel)
	if err != nil {
		return nil, nil, err
	}
	var minor []string
	for _, s := range kconfigSymbols() {
		if s.idf&rel.set == 0 || !defaulted[s.name] {
			continue
		}
		if s.matters {
			add(NoteDefault, 0, "CONFIG_"+s.name, "CONFIG_%s is not in the file: ESP-IDF %s's default %s applies", s.name, rel.tag, showKconfig(vals[s.name]))
		} else {
			minor = append(minor, "CONFIG_"+s.name)
		}
	}
	for _, c := range kconfigChoices() {
		if c.idf&rel.set == 0 || !defaulted[c.def] {
			continue
		}
		if c.name == "MBEDTLS_DEFAULT_CERTIFICATE_BUNDLE" || c.name == "MBEDTLS_TLS_MODE" {
			add(NoteDefault, 0, "CONFIG_"+c.def, "no choice of CONFIG_%s in the file: ESP-IDF %s's default CONFIG_%s applies", c.name, rel.tag, c.def)
		} else {
			minor = append(minor, "CONFIG_"+c.def)
		}
	}
	if len(minor) > 0 {
		add(NoteDefault, 0, "", "%d other options not in the file take ESP-IDF %s's defaults: %s", len(minor), rel.tag, strings.Join(minor, ", "))
	}
	if _, ok := f.values["SOC_SHA_SUPPORT_SHA512"]; !ok {
		t := f.target
		if t == "" {
			t = "esp32"
			add(NoteSource, 0, "", "no CONFIG_IDF_TARGET in the file: chip facts (hardware accelerators) are those of the ESP32; they change no parse or verify result")
		}
		if sha512Targets()[t] {
			vals["SOC_SHA_SUPPORT_SHA512"] = "y"
		} else {
			vals["SOC_SHA_SUPPORT_SHA512"] = "n"
		}
	}
	if s, ok := f.values["MBEDTLS_ALLOW_UNSUPPORTED_CRITICAL_EXT"]; ok && s.val == "y" && v == errcode.Mbed36 {
		add(NoteVersion, s.line, "CONFIG_MBEDTLS_ALLOW_UNSUPPORTED_CRITICAL_EXT", "CONFIG_MBEDTLS_ALLOW_UNSUPPORTED_CRITICAL_EXT (ESP-IDF up to v5.1) maps to MBEDTLS_X509_ALLOW_UNSUPPORTED_CRITICAL_EXTENSION, which mbedTLS 3.x does not have: unknown critical extensions are rejected (-0x2562) whatever it says")
	}

	// Two facts users look for in vain among the options.
	add(NoteSource, 0, "MBEDTLS_MPI_MAX_SIZE", "ESP-IDF sets no MBEDTLS_MPI_MAX_SIZE (no Kconfig option, and esp_config.h has not carried one since v4.0), so bignum.h's %s bytes apply: RSA keys up to %d bits; MBEDTLS_RSA_C is always on", moduleDefaultText(v, "MBEDTLS_MPI_MAX_SIZE"), 8*moduleDefaultInt(v, "MBEDTLS_MPI_MAX_SIZE"))
	if v == errcode.Mbed36 && vals["MBEDTLS_ASYMMETRIC_CONTENT_LEN"] != "y" {
		line := 0
		if s, ok := f.values["MBEDTLS_SSL_MAX_CONTENT_LEN"]; ok {
			line = s.line
		}
		add(NoteVersion, line, "CONFIG_MBEDTLS_SSL_MAX_CONTENT_LEN", "CONFIG_MBEDTLS_ASYMMETRIC_CONTENT_LEN is off, so esp_config.h sets only MBEDTLS_SSL_MAX_CONTENT_LEN (%s), which mbedTLS 3.x no longer reads: both record buffers stay 16384 bytes", showKconfig(vals["MBEDTLS_SSL_MAX_CONTENT_LEN"]))
	}
	if vals["MBEDTLS_CERTIFICATE_BUNDLE"] == "y" {
		which := "the full Mozilla-derived bundle"
		switch {
		case vals["MBEDTLS_CERTIFICATE_BUNDLE_DEFAULT_CMN"] == "y":
			which = "only the most common roots (CMN)"
		case vals["MBEDTLS_CERTIFICATE_BUNDLE_DEFAULT_NONE"] == "y":
			which = "no default roots"
		}
		if vals["MBEDTLS_CUSTOM_CERTIFICATE_BUNDLE"] == "y" {
			which += fmt.Sprintf(", plus the custom bundle %q", vals["MBEDTLS_CUSTOM_CERTIFICATE_BUNDLE_PATH"])
		}
		line := 0
		if s, ok := f.values["MBEDTLS_CERTIFICATE_BUNDLE"]; ok {
			line = s.line
		}
		add(NoteSource, line, "CONFIG_MBEDTLS_CERTIFICATE_BUNDLE", "the ESP-IDF certificate bundle is on, with %s: it sets no mbedTLS macro, it decides which roots esp_crt_bundle_attach() trusts", which)
	}

	p := newPP(nil, v, nil, "")
	if err := p.applyStock(configHeaderName(v)); err != nil {
		return nil, nil, err
	}
	if v == errcode.Mbed36 {
		p.defineVersion36()
	}
	// sdkconfig.h, as esp_config.h includes it (y is 1, strings are quoted), for
	// the mbedTLS options; and the two platform facts esp_config.h tests.
	for _, name := range sortedKeys(vals) {
		val := vals[name]
		if !strings.HasPrefix(name, "MBEDTLS_") && name != "IDF_TARGET_LINUX" {
			continue
		}
		generated := !strings.HasPrefix(name, "MBEDTLS_")
		switch {
		case val == "n" || val == "":
			continue
		case val == "y":
			p.define("CONFIG_"+name, "1", generated)
		case isNumber(val):
			p.define("CONFIG_"+name, val, generated)
		default:
			p.define("CONFIG_"+name, strconv.Quote(val), generated)
		}
	}
	if vals["SOC_SHA_SUPPORT_SHA512"] == "y" {
		p.define("SOC_SHA_SUPPORT_SHA512", "(1)", true) // soc/soc_caps.h
	}
	for _, r := range espRules() {
		if r.idf&rel.set == 0 {
			continue
		}
		acts := r.then
		if r.cond != "" {
			e := &expander{lookup: p.lookup, budget: &p.budget}
			ok, err := evalConditionTokens(tokenizeFixed(r.cond), e, p.isDefined)
			if err != nil {
				// The rules are fixed; only the file's values can make one
				// unreadable (a bool option set to something other than y).
				return nil, nil, &SdkconfigError{Err: fmt.Errorf("an option's value cannot be used where esp_config.h tests %s: %v", r.cond, err),
					What: "bool options take y (or are left out); numbers must be decimal or 0x hex"}
			}
			if !ok {
				acts = r.els
			}
		}
		at := ruleOption(r.cond, f)
		for _, a := range acts {
			applyAction(p, a, rel, f, at, &notes)
		}
	}
	if v == errcode.Mbed36 {
		if err := finish36(p); err != nil {
			return nil, nil, err
		}
	}
	m := p.macros()
	for n, d := range p.defs {
		if d.generated && !strings.HasPrefix(n, "MBEDTLS_") && !strings.HasPrefix(n, "PSA_WANT_") {
			delete(m, n)
		}
		if strings.HasSuffix(n, "_H") && strings.HasPrefix(n, "MBEDTLS_") && !knownAnywhere(n) {
			delete(m, n)
		}
	}
	for _, c := range Changes(v, Stock(v), m) {
		if sameAsDefault(v, c) {
			continue
		}
		notes = append(notes, Note{Kind: NoteDiffers, Name: c.Name, Text: describeChange(v, c) + espCause(c.Name, f)})
	}
	return m, notes, nil
}

// espCause names the sdkconfig line behind a changed macro, when one option
// obviously is ("; from CONFIG_MBEDTLS_ECP_DP_SECP384R1_ENABLED at sdkconfig:412").
func espCause(macro string, f *sdkFile) string {
	k := strings.TrimPrefix(macro, "MBEDTLS_")
	for _, cand := range []string{"MBEDTLS_" + k, "MBEDTLS_" + strings.TrimSuffix(k, "_ENABLED")} {
		if s, ok := f.values[cand]; ok {
			return fmt.Sprintf("; from CONFIG_%s=%s at %s:%d", cand, s.val, sdkconfigName, s.line)
		}
	}
	return ""
}

// ruleOption finds the first CONFIG_ option a rule's condition tests that the
// file states, so a note can point at the line that caused it.
func ruleOption(cond string, f *sdkFile) *sdkOption {
	for _, t := range tokenize(cond) {
		if k, ok := strings.CutPrefix(t.text, "CONFIG_"); ok && t.kind == tIdent {
			if s, ok := f.values[k]; ok {
				return &sdkOption{name: t.text, sdkValue: s}
			}
		}
	}
	return nil
}

type sdkOption struct {
	name string
	sdkValue
}

// applyAction performs one action of an esp_config.h rule and notes it when it
// changes the macro.
func applyAction(p *pp, a string, rel idfRelease, f *sdkFile, at *sdkOption, notes *[]Note) {
	cite := fmt.Sprintf("(%s@%s)", espConfigFile, rel.tag)
	note := Note{}
	if at != nil {
		note.File, note.Line = sdkconfigName, at.line
		cite = fmt.Sprintf("(%s=%s; %s@%s)", at.name, at.val, espConfigFile, rel.tag)
	}
	if name, ok := strings.CutPrefix(a, "-"); ok {
		if _, was := p.defs[name]; was {
			delete(p.defs, name)
			note.Kind, note.Name, note.Text = NoteUndef, name, fmt.Sprintf("#undef %s %s", name, cite)
			*notes = append(*notes, note)
		}
		return
	}
	name, value, _ := strings.Cut(a, " ")
	if old, was := p.defs[name]; was && old.value == value {
		return
	}
	p.defs[name] = &macroDef{value: value}
	text := "#define " + name
	if value != "" {
		text += " " + value
		if strings.HasPrefix(value, "CONFIG_") {
			if s, ok := f.values[strings.TrimPrefix(value, "CONFIG_")]; ok {
				text += fmt.Sprintf(" (= %s, %s:%d)", s.val, sdkconfigName, s.line)
			}
		}
	}
	note.Kind, note.Name, note.Text = NoteDefine, name, text+" "+cite
	*notes = append(*notes, note)
}

func showKconfig(v string) string {
	if v == "" {
		return "(unset)"
	}
	return v
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	_, err := parseNumber(strings.TrimPrefix(s, "-"))
	return err == nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// evalKconfig computes the value of every modelled Kconfig symbol: the file's
// value when the symbol is visible, its default when the file leaves it out,
// n when its dependencies are unmet, y when a y symbol selects it. defaulted
// lists the symbols whose value came from a default.
func evalKconfig(f *sdkFile, rel idfRelease) (vals map[string]string, defaulted map[string]bool, err error) {
	vals = map[string]string{}
	syms := map[string]*ksym{}
	var order []*ksym
	for i := range kconfigSymbols() {
		s := &kconfigSymbols()[i]
		if s.idf&rel.set != 0 {
			syms[s.name] = s
			order = append(order, s)
		}
	}
	var choices []kchoice
	for _, c := range kconfigChoices() {
		if c.idf&rel.set != 0 {
			choices = append(choices, c)
		}
	}
	truth := func(expr string) bool {
		if expr == "" {
			return true
		}
		ok, err := kconfigExpr(expr, vals)
		return err == nil && ok
	}
	// Every option of the file is visible to the dependencies (a target symbol
	// such as IDF_TARGET_ESP32C3 may be one); platform symbols are not ours to
	// default: the file's value, else, when the file names no other chip, the
	// ESP32's.
	for name, fv := range f.values {
		vals[name] = fv.val
	}
	for _, s := range order {
		if strings.HasPrefix(s.name, "MBEDTLS_") {
			continue
		}
		if _, ok := f.values[s.name]; ok {
			continue
		}
		if d, ok := platformDefaults()[s.name]; ok && !f.header && (f.target == "" || f.target == "esp32") {
			vals[s.name] = d
		} else {
			vals[s.name] = offValue(s.kind)
		}
	}
	for iter := 0; ; iter++ {
		if iter > 16 {
			return nil, nil, errors.New("internal: Kconfig values do not settle")
		}
		defaulted = map[string]bool{}
		prev := maps.Clone(vals)
		for _, c := range choices {
			visible := truth(c.dep)
			chosen := ""
			for _, m := range c.members {
				if fv, ok := f.values[m]; ok && fv.val == "y" && visible {
					chosen = m
				}
			}
			if chosen == "" && visible {
				chosen = c.def
				if !f.header {
					defaulted[c.def] = true
				}
			}
			for _, m := range c.members {
				vals[m] = "n"
				if m == chosen && (!f.header || f.values[m].val == "y") {
					vals[m] = "y"
				}
			}
		}
		selected := map[string]bool{}
		for _, s := range order {
			if vals[s.name] != "y" {
				continue
			}
			for _, t := range s.sel {
				target, cond, _ := strings.Cut(t, " if ")
				if cond == "" || truth(cond) {
					selected[target] = true
				}
			}
		}
		for _, s := range order {
			if !strings.HasPrefix(s.name, "MBEDTLS_") {
				continue
			}
			fv, inFile := f.values[s.name]
			switch {
			case s.derived:
				vals[s.name] = kdefault(s, truth)
			case selected[s.name]:
				vals[s.name] = "y"
			case !truth(s.dep):
				vals[s.name] = offValue(s.kind)
			case inFile:
				vals[s.name] = fv.val
			case f.header:
				vals[s.name] = offValue(s.kind)
			default:
				vals[s.name] = kdefault(s, truth)
				defaulted[s.name] = true
			}
		}
		if maps.Equal(vals, prev) && iter > 0 {
			break
		}
	}
	return vals, defaulted, nil
}

func offValue(kind byte) string {
	if kind == 'b' {
		return "n"
	}
	return ""
}

func kdefault(s *ksym, truth func(string) bool) string {
	for _, d := range s.defs {
		if truth(d.cond) {
			return d.val
		}
	}
	return offValue(s.kind)
}

// kconfigExpr evaluates a Kconfig dependency with the C evaluator: a bool
// symbol is 1 when y, an int symbol its value.
func kconfigExpr(expr string, vals map[string]string) (bool, error) {
	lookup := func(name string) (*macroDef, bool) {
		v, ok := vals[name]
		switch {
		case !ok || v == "" || v == "n":
			return &macroDef{value: "0"}, true
		case v == "y":
			return &macroDef{value: "1"}, true
		case isNumber(v):
			return &macroDef{value: v}, true
		}
		return &macroDef{value: "0"}, true
	}
	budget := maxExpansionTokens
	e := &expander{lookup: lookup, budget: &budget}
	return evalConditionTokens(tokenizeFixed(expr), e, func(name string) bool { return vals[name] == "y" })
}

func moduleDefaultText(v errcode.MbedVersion, name string) string {
	d, _ := moduleDefault(v, name)
	return d
}

func moduleDefaultInt(v errcode.MbedVersion, name string) int {
	n, _ := EffectiveInt(v, Macros{}, name)
	return n
}
