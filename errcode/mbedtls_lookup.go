package errcode

import (
	"fmt"
	"sort"
	"strings"
)

// MbedVersion is an mbedTLS release line whose codes we know. Codes were
// renamed, renumbered and removed between the lines (mostly SSL codes in 3.0),
// so every mbedTLS lookup names its line.
type MbedVersion uint8

// The mbedTLS lines, oldest first.
const (
	Mbed228 MbedVersion = iota
	Mbed36
)

// MbedVersions lists every mbedTLS line we know, oldest first.
var MbedVersions = []MbedVersion{Mbed228, Mbed36}

// String returns the line as users write it ("2.28").
func (v MbedVersion) String() string {
	if v == Mbed36 {
		return "3.6"
	}
	return "2.28"
}

// Release returns the exact release our tables were generated from.
func (v MbedVersion) Release() string {
	if v == Mbed36 {
		return mbedtls36Version
	}
	return mbedtls228Version
}

// ParseMbedVersion reads "2.28", "2", "3.6", "3" and exact releases of those lines.
func ParseMbedVersion(s string) (MbedVersion, bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "v")
	switch {
	case s == "2" || s == "2.28" || strings.HasPrefix(s, "2.28."):
		return Mbed228, true
	case s == "3" || s == "3.6" || strings.HasPrefix(s, "3.6."):
		return Mbed36, true
	}
	return 0, false
}

func (v MbedVersion) codes() []mbedCode {
	if v == Mbed36 {
		return mbedtls36Codes()
	}
	return mbedtls228Codes()
}

func (v MbedVersion) flags() []mbedFlag {
	if v == Mbed36 {
		return mbedtls36Flags()
	}
	return mbedtls228Flags()
}

func (v MbedVersion) states() []string {
	if v == Mbed36 {
		return mbedtls36States()
	}
	return mbedtls228States()
}

// toCode turns a table row into the public Code.
func (v MbedVersion) toCode(c *mbedCode) Code {
	module, text := "", c.text
	if i := strings.Index(c.text, " - "); i > 0 {
		module, text = c.text[:i], c.text[i+3:]
	}
	if module == "" {
		// Not in strerror: name the module after the header.
		module = strings.ToUpper(strings.TrimSuffix(c.header, ".h"))
	}
	return Code{
		Stack:  MbedTLS,
		Name:   c.name,
		Value:  -int64(c.value),
		Module: module,
		Text:   text,
		Source: fmt.Sprintf("include/mbedtls/%s@%s", c.header, v.Release()),
	}
}

// Config tells whether a config macro (MBEDTLS_X509_USE_C) is defined in a
// build. A nil Config means every module is compiled in.
type Config func(macro string) bool

func (cfg Config) hasAny(guard string) bool {
	if cfg == nil || guard == "" {
		return true
	}
	for _, m := range strings.Split(guard, "|") {
		if cfg(m) {
			return true
		}
	}
	return false
}

// lookupLevel finds the code that mbedtls_strerror would print for magnitude
// value in the given table, honouring the build's config.
//
// The tables are sorted by magnitude, so a binary search finds the codes of
// that value: every explain looks up a few codes, and a scan would read the
// whole 18 KB table from memory the process has never touched.
func (v MbedVersion) lookupLevel(value int32, level codeLevel, cfg Config) *mbedCode {
	codes := v.codes()
	i := sort.Search(len(codes), func(i int) bool { return codes[i].value >= value })
	for ; i < len(codes) && codes[i].value == value; i++ {
		if c := &codes[i]; c.level == level && cfg.hasAny(c.guard) {
			return c
		}
	}
	return nil
}

// MbedByName finds an MBEDTLS_ERR_* name in a line.
func MbedByName(v MbedVersion, name string) (Code, bool) {
	codes := v.codes()
	for i := range codes {
		if strings.EqualFold(codes[i].name, name) {
			return v.toCode(&codes[i]), true
		}
	}
	return Code{}, false
}

// Strerror returns what mbedtls_strerror prints for ret in the given line and
// build (library/error.c:mbedtls_strerror), with a buffer large enough for
// any text: the high-level text of ret&0xFF80, " : " and the low-level text
// of ret&0x7F, with "UNKNOWN ERROR CODE (XXXX)" for a part the build does not
// know. Positive values are described as their negation, as the library does.
func Strerror(v MbedVersion, ret int, cfg Config) string {
	return StrerrorBuf(v, ret, cfg, 1<<16)
}

// StrerrorBuf returns exactly what mbedtls_strerror(ret, buf, buflen) leaves
// in buf: firmware often passes a small buffer (100 bytes is common), and
// the library then cuts the text, or drops the low-level part when fewer
// than 5 bytes remain after the high-level one.
func StrerrorBuf(v MbedVersion, ret int, cfg Config, buflen int) string {
	if buflen <= 0 {
		return ""
	}
	if ret < 0 {
		ret = -ret
	}
	ret &= 0xFFFF // the library works on an int; larger magnitudes never occur in its codes
	// snprintf into the remaining space keeps at most room-1 bytes.
	put := func(b *strings.Builder, room int, s string) {
		if room <= 0 {
			return
		}
		if len(s) > room-1 {
			s = s[:room-1]
		}
		b.WriteString(s)
	}
	var b strings.Builder
	if high := int32(ret & 0xFF80); high != 0 {
		if c := v.lookupLevel(high, levelHigh, cfg); c != nil {
			put(&b, buflen, c.text)
		} else {
			put(&b, buflen, fmt.Sprintf("UNKNOWN ERROR CODE (%04X)", high))
		}
		// A fatal alert never carries a low-level part.
		if high == 0x7780 && cfg.hasAny("MBEDTLS_SSL_TLS_C") {
			return b.String()
		}
	}
	low := int32(ret & 0x7F)
	if low == 0 {
		return b.String()
	}
	room := buflen
	if b.Len() > 0 {
		if buflen-b.Len() < 5 {
			return b.String()
		}
		room = buflen - b.Len() - 3
		b.WriteString(" : ")
	}
	if c := v.lookupLevel(low, levelLow, cfg); c != nil {
		put(&b, room, c.text)
	} else {
		put(&b, room, fmt.Sprintf("UNKNOWN ERROR CODE (%04X)", low))
	}
	return b.String()
}

// MbedParts splits an mbedTLS return value into the high- and low-level codes
// it is the sum of, as the library's strerror splits it. A part the line does
// not know is returned with an empty Name and its Value; ok is false when no
// part is known at all (the number is not an mbedTLS code of this line).
func MbedParts(v MbedVersion, ret int64) (parts []Code, ok bool) {
	if ret < 0 {
		ret = -ret
	}
	if ret == 0 || ret > 0x7FFF {
		return nil, false
	}
	known := false
	if high := int32(ret & 0xFF80); high != 0 {
		if c := v.lookupLevel(high, levelHigh, nil); c != nil {
			parts = append(parts, v.toCode(c))
			known = true
		} else {
			parts = append(parts, Code{Stack: MbedTLS, Value: -int64(high)})
		}
	}
	if low := int32(ret & 0x7F); low != 0 {
		if c := v.lookupLevel(low, levelLow, nil); c != nil {
			parts = append(parts, v.toCode(c))
			known = true
		} else {
			parts = append(parts, Code{Stack: MbedTLS, Value: -int64(low)})
		}
	}
	return parts, known
}

// MbedTextMatch finds the codes whose library text (without the "MODULE - "
// prefix, or with it) equals or starts the given text, for logs that print
// mbedtls_strerror's words instead of the number. A composite text
// ("A : B") matches part by part.
func MbedTextMatch(v MbedVersion, text string) (value int64, ok bool) {
	text = strings.TrimSpace(text)
	parts := strings.SplitN(text, " : ", 2)
	var total int64
	for i, p := range parts {
		level := levelHigh
		if i == 1 {
			level = levelLow
		}
		c := v.matchText(p, level, len(parts) == 1)
		if c == nil {
			return 0, false
		}
		total += int64(c.value)
	}
	return -total, true
}

func (v MbedVersion) matchText(p string, level codeLevel, anyLevel bool) *mbedCode {
	p = strings.TrimSpace(p)
	if len(p) < 8 {
		return nil
	}
	codes := v.codes()
	var best *mbedCode
	for i := range codes {
		c := &codes[i]
		if c.level == levelNone || (!anyLevel && c.level != level) {
			continue
		}
		full := c.text
		short := full
		if j := strings.Index(full, " - "); j > 0 {
			short = full[j+3:]
		}
		if strings.EqualFold(full, p) || strings.EqualFold(short, p) {
			return c
		}
		// Logs often cut the text short; accept a long enough prefix.
		if len(p) >= 16 && (hasPrefixFold(full, p) || hasPrefixFold(short, p)) && best == nil {
			best = c
		}
	}
	return best
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// MbedFlag is one verify flag set in an mbedtls_x509_crt_verify result.
type MbedFlag struct {
	Name  string
	Value uint32
	Text  string // the header's own comment
}

// MbedFlags splits a verify result (mbedtls_ssl_get_verify_result) into its
// flags; unknown bits are returned as the second result.
func MbedFlags(v MbedVersion, flags uint32) (set []MbedFlag, unknown uint32) {
	rest := flags
	for _, f := range v.flags() {
		if flags&f.value != 0 {
			set = append(set, MbedFlag{Name: f.name, Value: f.value, Text: f.text})
			rest &^= f.value
		}
	}
	return set, rest
}

// MbedState returns the enum name of a TLS handshake state number in a line
// (enum mbedtls_ssl_states, include/mbedtls/ssl.h).
func MbedState(v MbedVersion, n int) (string, bool) {
	s := v.states()
	if n < 0 || n >= len(s) {
		return "", false
	}
	return s[n], true
}

// MbedStateByName returns the number of a state name in a line. Names are
// accepted with or without the MBEDTLS_SSL_ prefix.
func MbedStateByName(v MbedVersion, name string) (int, bool) {
	name = strings.ToUpper(strings.TrimSpace(name))
	if !strings.HasPrefix(name, "MBEDTLS_SSL_") {
		name = "MBEDTLS_SSL_" + name
	}
	for i, s := range v.states() {
		if s == name {
			return i, true
		}
	}
	return 0, false
}

// MbedPartNames names the parts of an mbedTLS return value, joined with
// " + " ("MBEDTLS_ERR_X509_INVALID_FORMAT + MBEDTLS_ERR_ASN1_UNEXPECTED_TAG");
// short drops the MBEDTLS_ERR_ prefix. A part the line does not know is
// written as its hex value; "" when no part is known.
func MbedPartNames(v MbedVersion, ret int64, short bool) string {
	parts, ok := MbedParts(v, ret)
	if !ok {
		return ""
	}
	names := make([]string, 0, len(parts))
	for _, p := range parts {
		n := p.Name
		switch {
		case n == "":
			n = fmt.Sprintf("-0x%04X", -p.Value)
		case short:
			n = strings.TrimPrefix(n, "MBEDTLS_ERR_")
		}
		names = append(names, n)
	}
	return strings.Join(names, " + ")
}
