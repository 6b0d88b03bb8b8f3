package errcode

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/tlsdoctor/tlsdoctor/internal/lazy"
)

// Kind is what a reading of the input is.
type Kind uint8

// The kinds of reading.
const (
	KindCode  Kind = iota // an error code a function returned
	KindAlert             // a TLS alert number or name
	KindState             // an mbedTLS handshake state ("client state 3")
)

// String names the kind as JSON spells it.
func (k Kind) String() string {
	switch k {
	case KindAlert:
		return "alert"
	case KindState:
		return "state"
	}
	return "code"
}

// MaxInput is the longest input Explain reads: one code or one log line.
// Longer text is a log file, for `tlsdoctor log`.
const MaxInput = 64 << 10

// Options narrow a lookup.
type Options struct {
	// Stack picks one stack; StackUnknown tries them all.
	Stack Stack
}

// Result is everything Explain read from its input.
type Result struct {
	Input string
	// Function is the library function the input names ("mbedtls_x509_crt_parse"),
	// and Phase what that tells about when the error happened.
	Function string
	Phase    Phase
	// Readings are the ways the input can be read, most likely first.
	Readings []Reading
	// Ambiguous says why the input has several readings: its digits could be
	// read in two bases, or its number is both an errno and a library code.
	Ambiguous string
}

// Reading is one interpretation of (part of) the input.
type Reading struct {
	Stack Stack
	Kind  Kind
	// Token is the part of the input this reading comes from.
	Token string
	// Value is the number as the stack returns it (negative for mbedTLS).
	Value int64
	// Note says how the token was read when that was a choice
	// ("read as hexadecimal", "sign-extended 32-bit").
	Note string
	// Mbed holds, per mbedTLS line, the parts and library text (codes) or the
	// state name (states). Empty for other stacks.
	Mbed []MbedReading
	// Code is the code or alert, for stacks other than mbedTLS.
	Code *Code
	// Explanations are ours, for the codes of this reading.
	Explanations []*Explanation
	score        int
}

// MbedReading is a reading in one mbedTLS line.
type MbedReading struct {
	Version MbedVersion
	// Parts are the high- and low-level codes of a code reading; a part the
	// line does not know has an empty Name.
	Parts []Code
	// Strerror is what mbedtls_strerror prints for the value in this line
	// with every module compiled in.
	Strerror string
	// Known is false when this line has no such code or state.
	Known bool
	// State is the enum name, for a state reading.
	State string
}

// PartNames are the names of the parts this line knows, high part first.
func (m *MbedReading) PartNames() []string {
	var names []string
	for _, p := range m.Parts {
		if p.Name != "" {
			names = append(names, p.Name)
		}
	}
	return names
}

// InputError is returned for input that is no code in any accepted form.
type InputError struct {
	Input  string // shortened for display
	Reason string
}

func (e *InputError) Error() string {
	return fmt.Sprintf("cannot read %q as an error code: %s", e.Input, e.Reason)
}

// Forms lists the accepted input forms, for hints.
const Forms = "-0x2180, 0x2180, -8576, FFFFDE80, MBEDTLS_ERR_X509_INVALID_FORMAT, " +
	"an mbedTLS error text, ESP_ERR_MBEDTLS_X509_CRT_PARSE_FAILED, -188, ASN_NO_SIGNER_E, " +
	"BR_ERR_X509_NOT_TRUSTED, 62, \"alert 40\", \"client state 3\", \"+CME ERROR: 572\", " +
	"an errno (-111 --stack errno, ECONNREFUSED), or a whole log line"

// NotFoundError is returned for a well-formed code that no table knows.
type NotFoundError struct {
	Input   string
	Guessed Stack
	Value   int64
	Nearest []Code
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("%s is not a known %s code", e.Input, e.Guessed.Title())
}

// ErrEmpty is returned for an empty input.
var ErrEmpty = errors.New("empty input: give an error code or a log line")

// patterns are compiled on first use, not at start-up: most runs of
// tlsdoctor never read a code.
type patterns struct {
	alert   *regexp.Regexp
	state   *regexp.Regexp
	cme     *regexp.Regexp
	reply   *regexp.Regexp
	numTok  *regexp.Regexp
	nameTok *regexp.Regexp
}

var patLazy lazy.Value[*patterns]

func pat() *patterns { return patLazy.Get(buildPat) }

func buildPat() *patterns {
	return &patterns{
		alert:   regexp.MustCompile(`(?i)\balert(?:\s+(?:number|no\.?|description|desc))?\s*[:=#(]?\s*(\d{1,3}|[a-z_]{4,})\b`),
		state:   regexp.MustCompile(`(?i)\b(?:client\s+|server\s+)?state\s*[:=]?\s*(\d{1,2}|MBEDTLS_SSL_[A-Z0-9_]+)\b`),
		cme:     regexp.MustCompile(`(?i)\+(?:CME|CMS)\s+ERROR\s*:\s*(\d{1,5})`),
		reply:   regexp.MustCompile(`(?i)\+(QSSLOPEN|QIOPEN|QSSLURC|QHTTPGET|QHTTPPOST|QMTOPEN|QMTCONN|CCH_PEER_CLOSED|CCH_RECV_CLOSED|CCHOPEN|CCHCLOSE|CCHSEND|CCHSTART|CCHSTOP|CAOPEN|CASTATE|UUSOCL|UUSOCO|USOER|USOCTL|UUHTTPCR)\b\s*(?::\s*(?:"[^"\r\n]{0,32}"\s*,\s*)?(-?\d{1,5}(?:\s*,\s*-?\d{1,5})*))?`),
		numTok:  regexp.MustCompile(`(?:^|[^0-9A-Za-z_])(-?0[xX][0-9A-Fa-f]{1,8}|-[0-9]{1,6}|[0-9A-Fa-f]{8}|[0-9]{1,6})(?:[^0-9A-Za-z_]|$)`),
		nameTok: regexp.MustCompile(`\b(MBEDTLS_ERR_[A-Z0-9_]+|MBEDTLS_X509_BAD[A-Z0-9_]+|ESP_ERR_[A-Z0-9_]+|ESP_FAIL|BR_ERR_[A-Z0-9_]+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b`),
	}
}

// Explain reads one code, name, phrase or log line and returns every reading
// of it, most likely first, with our explanations. Errors are *InputError
// (not a code in any form), *NotFoundError (well-formed, unknown) or ErrEmpty.
func Explain(input string, opt Options) (*Result, error) {
	in := strings.TrimSpace(input)
	if in == "" {
		return nil, ErrEmpty
	}
	if len(in) > MaxInput {
		return nil, &InputError{Input: shorten(in), Reason: fmt.Sprintf("%d bytes is longer than one log line (at most %d); read whole logs with `tlsdoctor log FILE`", len(in), MaxInput)}
	}
	res := &Result{Input: in}
	res.Function, res.Phase = phaseOf(in)

	var rs []Reading
	var nf *NotFoundError
	if !strings.ContainsAny(in, " \t:=,()[]\"'") && !isReplyName(in) {
		// One token: read it strictly.
		var err error
		rs, err = readToken(in, opt, res)
		if err != nil {
			var nfe *NotFoundError
			if errors.As(err, &nfe) {
				return nil, err
			}
			return nil, err
		}
	} else {
		rs, nf = readPhrase(in, opt, res)
	}
	rs = preferNamedStack(rs, in, res.Function, opt)
	if res.Ambiguous != "" && !hasStack(rs, MbedTLS) {
		res.Ambiguous = "" // the line names a stack whose codes are decimal
	}
	if len(rs) == 0 {
		if nf != nil {
			return nil, nf
		}
		return nil, &InputError{Input: shorten(in), Reason: "found no error code, name, alert or handshake state in it"}
	}
	for i := range rs {
		attachExplanations(&rs[i])
	}
	// slices, not sort: sort.SliceStable swaps through reflection, which
	// reads the element type's descriptor (a page of the binary, start-up).
	slices.SortStableFunc(rs, func(a, b Reading) int { return b.score - a.score })
	if a := errnoAmbiguity(rs); a != "" {
		res.Ambiguous = strings.TrimPrefix(res.Ambiguous+"; "+a, "; ")
	}
	res.Readings = rs
	return res, nil
}

// preferNamedStack keeps, when a log line names a library function, only the
// readings of that library (and the alerts and states it logs), if any. A
// line that prints "errno" keeps its errno readings too, and a line about a
// socket or MQTT call that names no TLS library (Zephyr's "mqtt_connect,
// error: -111") keeps only them: its numbers are errno, not wolfSSL's.
func preferNamedStack(rs []Reading, line, fn string, opt Options) []Reading {
	if opt.Stack != StackUnknown {
		return rs
	}
	var want []Stack
	l := strings.ToLower(line)
	if strings.Contains(l, "errno") {
		want = append(want, Errno)
	}
	switch f := strings.ToLower(fn); {
	case strings.HasPrefix(f, "mbedtls_"):
		want = append(want, MbedTLS)
	case strings.HasPrefix(f, "esp_"):
		want = append(want, ESPIDF, MbedTLS)
	case strings.HasPrefix(f, "wolfssl_"), strings.HasPrefix(f, "wc_"), strings.Contains(l, "wolfssl"):
		want = append(want, WolfSSL)
	case strings.HasPrefix(f, "br_"), strings.Contains(l, "bearssl"):
		want = append(want, BearSSL)
	case strings.Contains(l, "esp-tls"), strings.Contains(l, "esp_err"):
		want = append(want, ESPIDF, MbedTLS)
	case strings.Contains(l, "mbedtls"):
		want = append(want, MbedTLS)
	case strings.Contains(l, "at+") || strings.Contains(l, "+cme") || strings.Contains(l, "+q"):
		want = append(want, Modem)
	case errnoLine(l):
		return errnoFirst(rs)
	default:
		if len(want) == 0 {
			return rs
		}
	}
	var out []Reading
	for _, r := range rs {
		for _, s := range want {
			if r.Stack == s || r.Stack == TLS {
				out = append(out, r)
				break
			}
		}
	}
	if len(out) == 0 {
		return rs
	}
	return out
}

func hasStack(rs []Reading, s Stack) bool {
	for _, r := range rs {
		if r.Stack == s {
			return true
		}
	}
	return false
}

func shorten(s string) string {
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}

// phaseOf recognises the function or step a log line names.
func phaseOf(line string) (string, Phase) {
	fn := functionIn(line)
	l := strings.ToLower(line)
	switch {
	case containsAny(l, "x509_crt_parse", "pk_parse", "parse_key", "load_verify", "setcacert", "set_ca_cert",
		"parsing root", "parse root", "root cert", "ca cert", "cacert", "parsing ca", "parse ca", "loading ca",
		"global_ca_store", "usecmng", "qfupl", "own_cert", "client cert", "private key", "certificate_file", "cert_buf"):
		return fn, PhaseLoad
	case containsAny(l, "handshake", "ssl_connect", "wolfssl_connect", "verify", "peer cert", "client state", "x509_crt_bundle", "br_ssl"):
		return fn, PhaseHandshake
	case containsAny(l, "net_connect", "getaddrinfo", "socket", "dns", "connect to host", "tcp"):
		return fn, PhaseNetwork
	}
	return fn, PhaseAny
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// number is a numeric token with how it was read.
type number struct {
	token string
	value int64
	base  int  // 16 or 10
	sign  bool // an explicit minus sign
	ext32 bool // 8 hex digits read as a sign-extended 32-bit value
	bare  bool // digits only: could be either base
}

// parseNumber reads one numeric token in any accepted form: -0x2180,
// 0x2180, FFFFDE80 (sign-extended 32-bit), -8576, 8576. No regexp: this is
// the path of a plain `tlsdoctor explain CODE`, and start-up time counts.
func parseNumber(tok string) (number, bool) {
	body, sign := tok, ""
	if body != "" && (body[0] == '-' || body[0] == '+') {
		sign, body = body[:1], body[1:]
	}
	if len(body) > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X') {
		digits := body[2:]
		if len(digits) > 8 || !allDigits(digits, 16) {
			return number{}, false
		}
		u, _ := strconv.ParseUint(digits, 16, 64)
		n := number{token: tok, base: 16, sign: sign == "-"}
		switch {
		case len(digits) == 8 && u >= 0x80000000 && sign == "":
			n.value, n.ext32 = int64(int32(uint32(u))), true
		case n.sign:
			n.value = -int64(u)
		default:
			n.value = int64(u)
		}
		return n, true
	}
	if sign == "" && len(body) == 8 && allDigits(body, 16) && strings.ContainsAny(body, "ABCDEFabcdef") {
		u, _ := strconv.ParseUint(body, 16, 64)
		return number{token: tok, base: 16, value: int64(int32(uint32(u))), ext32: u >= 0x80000000}, true
	}
	if len(body) == 0 || len(body) > 10 || !allDigits(body, 10) {
		return number{}, false
	}
	v, err := strconv.ParseInt(body, 10, 64)
	if err != nil {
		return number{}, false
	}
	n := number{token: tok, base: 10, value: v, sign: sign == "-", bare: sign == ""}
	if n.sign {
		n.value = -v
	}
	return n, true
}

func allDigits(s string, base int) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := c >= '0' && c <= '9'
		if base == 16 {
			ok = ok || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
		}
		if !ok {
			return false
		}
	}
	return s != ""
}

// isIdent reports whether s is a C identifier.
func isIdent(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9') {
			continue
		}
		return false
	}
	return s != ""
}

// functionIn returns the first library function name in a line
// (mbedtls_*, wolfSSL_*, wc_*, br_*, esp_*).
func functionIn(line string) string {
	for _, f := range strings.FieldsFunc(line, func(r rune) bool {
		return !(r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9'))
	}) {
		for _, p := range []string{"mbedtls_", "wolfSSL_", "wolfssl_", "wc_", "br_", "esp_tls_", "esp_"} {
			if strings.HasPrefix(f, p) && len(f) > len(p) {
				return f
			}
		}
	}
	return ""
}

// readToken reads an input that is a single token.
func readToken(tok string, opt Options, res *Result) ([]Reading, error) {
	if n, ok := parseNumber(tok); ok {
		rs := readNumber(n, opt, res)
		if len(rs) == 0 {
			return nil, notFound(tok, n, opt)
		}
		return rs, nil
	}
	if isIdent(tok) {
		if rs := readName(tok, opt); len(rs) > 0 {
			return rs, nil
		}
		if looksLikeName(tok) {
			return nil, &NotFoundError{Input: tok, Guessed: guessStackOfName(tok)}
		}
	}
	return nil, &InputError{Input: shorten(tok), Reason: "not a number in hex (0x2180, -0x2180, FFFFDE80) or decimal (-8576), nor a known code name"}
}

func looksLikeName(tok string) bool {
	return strings.HasPrefix(tok, "MBEDTLS_") || strings.HasPrefix(tok, "ESP_ERR_") || strings.HasPrefix(tok, "BR_ERR_") ||
		(strings.ToUpper(tok) == tok && strings.HasSuffix(tok, "_E") && strings.Contains(tok, "_"))
}

func guessStackOfName(tok string) Stack {
	switch {
	case strings.HasPrefix(tok, "MBEDTLS_"):
		return MbedTLS
	case strings.HasPrefix(tok, "ESP_"):
		return ESPIDF
	case strings.HasPrefix(tok, "BR_"):
		return BearSSL
	}
	return WolfSSL
}

// readPhrase reads a multi-word input: a known phrase ("alert 40",
// "client state 3", "+CME ERROR: 572", an mbedTLS error text) or a log line.
func readPhrase(in string, opt Options, res *Result) ([]Reading, *NotFoundError) {
	var rs []Reading
	var nf *NotFoundError
	covered := []string{}
	for _, m := range pat().alert.FindAllStringSubmatch(in, -1) {
		if r, ok := readAlert(m[1], m[0]); ok && allow(opt, TLS) {
			rs = append(rs, r)
			covered = append(covered, m[0])
		}
	}
	for _, m := range pat().state.FindAllStringSubmatch(in, -1) {
		if !allow(opt, MbedTLS) {
			break
		}
		if r, ok := readState(m[1], m[0]); ok {
			rs = append(rs, r)
			covered = append(covered, m[0])
		}
	}
	for _, m := range pat().cme.FindAllStringSubmatch(in, -1) {
		covered = append(covered, m[0])
		if !allow(opt, Modem) {
			continue
		}
		v, _ := strconv.ParseInt(m[1], 10, 64)
		got := modemReadings(v, m[0], "", 100, func(c *Code) bool { return !modemInReplyOnly(c) })
		if len(got) == 0 && nf == nil {
			nf = modemNotFound(m[0], v, func(c *Code) bool { return !modemInReplyOnly(c) })
		}
		rs = append(rs, got...)
	}
	for _, m := range pat().reply.FindAllStringSubmatch(in, -1) {
		covered = append(covered, m[0])
		if !allow(opt, Modem) {
			continue
		}
		got, miss := readModemReply(m[1], m[2], m[0])
		if miss != nil && nf == nil {
			nf = miss
		}
		rs = append(rs, got...)
	}
	// The library's own words, as logs that call mbedtls_strerror print them.
	if allow(opt, MbedTLS) {
		if r, ok := readMbedText(in); ok {
			rs = append(rs, r)
		}
	}
	for _, m := range pat().nameTok.FindAllStringSubmatch(in, -1) {
		if rn := readName(m[1], opt); len(rn) > 0 {
			rs = append(rs, rn...)
			covered = append(covered, m[1])
		}
	}
	rs = append(rs, errnoNames(in, opt)...)
	rest := in
	for _, c := range covered {
		rest = strings.Replace(rest, c, " ", 1)
	}
	// Signed and hex numbers first; bare digits in a log line are more often
	// timestamps and counts, so they are read only when nothing else was.
	var bare []number
	for _, m := range pat().numTok.FindAllStringSubmatch(rest, -1) {
		n, ok := parseNumber(m[1])
		if !ok {
			continue
		}
		if n.bare {
			bare = append(bare, n)
			continue
		}
		got := readNumber(n, opt, res)
		if len(got) == 0 && nf == nil {
			nf = notFound(m[1], n, opt)
		}
		rs = append(rs, got...)
	}
	if len(rs) == 0 {
		for _, n := range bare {
			rs = append(rs, readNumber(n, opt, res)...)
		}
	}
	return dedupe(rs), nf
}

func dedupe(rs []Reading) []Reading {
	seen := map[string]bool{}
	out := rs[:0]
	for _, r := range rs {
		k := fmt.Sprintf("%d/%d/%d", r.Stack, r.Kind, r.Value)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, r)
	}
	return out
}

func allow(opt Options, s Stack) bool {
	return opt.Stack == StackUnknown || opt.Stack == s || (s == TLS && opt.Stack != StackUnknown)
}

// readNumber returns every stack's reading of a number, scored by how likely
// that stack prints numbers in this form.
func readNumber(n number, opt Options, res *Result) []Reading {
	var rs []Reading
	add := func(r []Reading) { rs = append(rs, r...) }
	v := n.value
	if allow(opt, MbedTLS) {
		switch {
		case n.base == 16 && (n.sign || n.ext32):
			add(mbedReading(v, n.token, note(n), 100))
		case n.base == 16:
			add(mbedReading(-v, n.token, "read as -0x"+strings.ToUpper(strings.TrimPrefix(strings.TrimPrefix(n.token, "0x"), "0X"))+": mbedTLS codes are negative", 80))
		case n.sign:
			add(mbedReading(v, n.token, fmt.Sprintf("decimal %d = -0x%04X", v, -v), 70))
		case n.bare:
			// Digits alone: mbedTLS users usually drop the "-0x".
			if hv, err := strconv.ParseInt(n.token, 16, 64); err == nil {
				add(mbedReading(-hv, n.token, fmt.Sprintf("read as hexadecimal: -0x%04X", hv), 60))
			}
			add(mbedReading(-v, n.token, fmt.Sprintf("read as decimal: -%d = -0x%04X", v, v), 50))
		}
	}
	if allow(opt, WolfSSL) {
		switch {
		case n.base == 10 && n.sign:
			add(byValue(WolfSSL, v, n.token, "", 90))
		case n.base == 10 && n.bare:
			add(byValue(WolfSSL, -v, n.token, fmt.Sprintf("read as -%d: wolfSSL codes are negative", v), 40))
		case n.ext32:
			add(byValue(WolfSSL, v, n.token, note(n), 50))
		}
	}
	if allow(opt, BearSSL) && n.base == 10 && v >= 0 {
		add(bearReading(v, n.token, 80))
	}
	if allow(opt, ESPIDF) {
		score := 40
		if n.base == 16 && v >= 0x100 {
			score = 90
		}
		add(byValue(ESPIDF, v, n.token, "", score))
	}
	if allow(opt, Errno) {
		add(errnoReading(n, opt, res))
	}
	if allow(opt, Modem) && n.base == 10 && v > 0 {
		// Numbers that exist only inside one reply (+CCHOPEN, +CAOPEN,
		// +USOER) are read from a bare number only when asked for modems.
		add(modemReadings(v, n.token, "", 75, func(c *Code) bool { return opt.Stack == Modem || !modemInReplyOnly(c) }))
	}
	// A positive return from mbedtls_x509_crt_parse is a count, not an error.
	if res != nil && res.Phase == PhaseLoad && n.base == 10 && !n.sign && v > 0 && v < 1000 && allow(opt, MbedTLS) && strings.Contains(strings.ToLower(res.Input), "x509_crt_parse") {
		for i := range rs {
			if rs[i].Stack == MbedTLS {
				rs[i].Note = fmt.Sprintf("a positive return of mbedtls_x509_crt_parse: %d certificate(s) failed to parse while others succeeded", v)
				rs[i].score = 110
			}
		}
	}
	if n.bare && res != nil && allow(opt, MbedTLS) && len(rs) > 0 {
		if hv, err := strconv.ParseInt(n.token, 16, 64); err == nil && hv != v {
			res.Ambiguous = fmt.Sprintf("%s could be hexadecimal (0x%X) or decimal (%d); both readings are shown", n.token, hv, v)
		}
	}
	return rs
}

func note(n number) string {
	if n.ext32 {
		return fmt.Sprintf("sign-extended 32-bit %s = %d", strings.ToUpper(strings.TrimPrefix(strings.TrimPrefix(n.token, "0x"), "0X")), n.value)
	}
	return ""
}

// mbedReading reads ret as an mbedTLS code in every line; nil when no line
// knows any part of it.
func mbedReading(ret int64, tok, note string, score int) []Reading {
	if ret >= 0 || ret < -0x7FFF {
		return nil
	}
	r := Reading{Stack: MbedTLS, Kind: KindCode, Token: tok, Value: ret, Note: note, score: score}
	known := false
	for _, v := range MbedVersions {
		parts, ok := MbedParts(v, ret)
		r.Mbed = append(r.Mbed, MbedReading{Version: v, Parts: parts, Known: ok, Strerror: Strerror(v, int(ret), nil)})
		known = known || ok
	}
	if !known {
		return nil
	}
	// A real code has every part known in some line; a partial match is kept
	// only when the user wrote the number the way mbedTLS prints it.
	complete := false
	for _, m := range r.Mbed {
		whole := m.Known
		for _, p := range m.Parts {
			whole = whole && p.Name != ""
		}
		complete = complete || whole
	}
	if !complete {
		if score < 100 {
			return nil
		}
		r.Note = strings.TrimPrefix(r.Note+"; no mbedTLS line defines every part of this value", "; ")
	}
	return []Reading{r}
}

func byValue(s Stack, v int64, tok, note string, score int) []Reading {
	var rs []Reading
	tab := tableFor(s)
	// Each table is sorted by value (wolfSSL's by magnitude; TestTablesSorted
	// holds them to it): search, do not read the whole table.
	key := func(x int64) int64 { return x }
	if s == WolfSSL {
		key = func(x int64) int64 { return -x }
	}
	for i := sort.Search(len(tab), func(i int) bool { return key(tab[i].Value) >= key(v) }); i < len(tab) && tab[i].Value == v; i++ {
		c := tab[i]
		n := note
		if strings.Contains(c.Module, "numbering") {
			// ESP-IDF renumbered esp-tls in v4.4; older firmware means this.
			n = strings.TrimPrefix(n+"; on "+c.Module, "; ")
		}
		rs = append(rs, Reading{Stack: s, Kind: KindCode, Token: tok, Value: v, Note: n, Code: &c, score: score})
	}
	return rs
}

// bearReading reads a BearSSL status, including the alert ranges
// (BR_ERR_RECV_FATAL_ALERT + n, BR_ERR_SEND_FATAL_ALERT + n).
func bearReading(v int64, tok string, score int) []Reading {
	if rs := byValue(BearSSL, v, tok, "", score); len(rs) > 0 {
		return rs
	}
	for _, base := range []struct {
		v   int64
		dir string
	}{{256, "received from the server"}, {512, "sent by the device"}} {
		if v > base.v && v < base.v+256 {
			if a, ok := alertByValue(v - base.v); ok {
				c := a
				return []Reading{{Stack: BearSSL, Kind: KindAlert, Token: tok, Value: v, Code: &c, score: score,
					Note: fmt.Sprintf("BearSSL status %d = fatal alert %d (%s) %s", v, v-base.v, a.Name, base.dir)}}
			}
		}
	}
	return nil
}

func alertByValue(v int64) (Code, bool) {
	for _, a := range tableFor(TLS) {
		if a.Value == v {
			return a, true
		}
	}
	return Code{}, false
}

func readAlert(arg, tok string) (Reading, bool) {
	if v, err := strconv.ParseInt(arg, 10, 64); err == nil {
		if a, ok := alertByValue(v); ok {
			return Reading{Stack: TLS, Kind: KindAlert, Token: tok, Value: v, Code: &a, score: 100}, true
		}
		return Reading{}, false
	}
	for _, a := range tableFor(TLS) {
		if strings.EqualFold(a.Name, arg) {
			c := a
			return Reading{Stack: TLS, Kind: KindAlert, Token: tok, Value: a.Value, Code: &c, score: 100}, true
		}
	}
	return Reading{}, false
}

// readState reads a handshake state number or name in both mbedTLS lines.
func readState(arg, tok string) (Reading, bool) {
	r := Reading{Stack: MbedTLS, Kind: KindState, Token: tok, score: 95}
	n, err := strconv.Atoi(arg)
	known := false
	for _, v := range MbedVersions {
		num := n
		if err != nil {
			var ok bool
			if num, ok = MbedStateByName(v, arg); !ok {
				r.Mbed = append(r.Mbed, MbedReading{Version: v})
				continue
			}
		}
		name, ok := MbedState(v, num)
		if ok {
			r.Value = int64(num)
			known = true
		}
		r.Mbed = append(r.Mbed, MbedReading{Version: v, State: name, Known: ok})
	}
	return r, known
}

func readMbedText(in string) (Reading, bool) {
	// The text may sit after a prefix such as "failed: " or inside parentheses.
	candidates := []string{in}
	for _, sep := range []string{": ", " - ", "(", "'"} {
		if i := strings.Index(in, sep); i >= 0 {
			candidates = append(candidates, strings.Trim(in[i+len(sep):], " ()'\""))
		}
	}
	if i := strings.Index(in, " - "); i > 0 {
		// "X509 - The CRT..." starts at the module name before " - ".
		j := strings.LastIndexAny(in[:i], " :(") + 1
		candidates = append(candidates, strings.Trim(in[j:], " ()'\""))
	}
	for _, c := range candidates {
		for _, v := range []MbedVersion{Mbed228, Mbed36} {
			if val, ok := MbedTextMatch(v, c); ok {
				rs := mbedReading(val, c, "matched mbedtls_strerror's text", 90)
				if len(rs) == 1 {
					return rs[0], true
				}
			}
		}
	}
	return Reading{}, false
}

// readName reads a code, flag or state name of any stack.
func readName(name string, opt Options) []Reading {
	var rs []Reading
	up := strings.ToUpper(name)
	if allow(opt, MbedTLS) && strings.HasPrefix(up, "MBEDTLS_") {
		for _, v := range MbedVersions {
			if c, ok := MbedByName(v, up); ok {
				return mbedReading(c.Value, name, "", 100)
			}
		}
		if strings.HasPrefix(up, "MBEDTLS_SSL_") {
			if r, ok := readState(up, name); ok {
				return []Reading{r}
			}
		}
	}
	for _, s := range []Stack{WolfSSL, BearSSL, ESPIDF, Modem, Errno} {
		if !allow(opt, s) {
			continue
		}
		for _, c := range tableFor(s) {
			if c.Name == up || c.Name == name {
				cc := c
				rs = append(rs, Reading{Stack: s, Kind: KindCode, Token: name, Value: c.Value, Code: &cc, score: 100})
			}
		}
	}
	return rs
}

// notFound builds the error for a well-formed number no table knows, with the
// nearest codes of the stack the form suggests.
func notFound(tok string, n number, opt Options) *NotFoundError {
	guess := opt.Stack
	if guess == StackUnknown {
		switch {
		case n.base == 16:
			guess = MbedTLS
		case n.sign:
			guess = WolfSSL
		default:
			guess = BearSSL
		}
	}
	e := &NotFoundError{Input: tok, Guessed: guess, Value: n.value}
	var pool []Code
	target := n.value
	if guess == MbedTLS {
		if target > 0 {
			target = -target
		}
		codes := Mbed228.codes()
		for i := range codes {
			if codes[i].level != levelNone {
				pool = append(pool, Mbed228.toCode(&codes[i]))
			}
		}
	} else {
		// A copy: the sort below must not reorder the shared table.
		pool = append([]Code(nil), tableFor(guess)...)
		if guess == WolfSSL && target > 0 || guess == Errno && target < 0 {
			target = -target
		}
	}
	sort.SliceStable(pool, func(i, j int) bool { return dist(pool[i].Value, target) < dist(pool[j].Value, target) })
	if len(pool) > 3 {
		pool = pool[:3]
	}
	e.Nearest = pool
	return e
}

func dist(a, b int64) int64 {
	if a > b {
		return a - b
	}
	return b - a
}

// attachExplanations finds our explanations for every named part of a reading.
func attachExplanations(r *Reading) {
	var names []string
	switch {
	case r.Kind == KindState:
		for _, m := range r.Mbed {
			if m.State != "" {
				names = append(names, m.State)
			}
		}
	case r.Stack == MbedTLS:
		for _, m := range r.Mbed {
			for _, p := range m.Parts {
				if p.Name != "" {
					names = append(names, p.Name)
				}
			}
		}
	case r.Code != nil:
		names = append(names, r.Code.Name)
	}
	stack := r.Stack
	if r.Kind == KindAlert {
		stack = TLS
	}
	var seen []int // records already attached: a renamed code lists both names
	for _, name := range names {
		if off, ok := findExplanation(stack, name); ok && !slices.Contains(seen, off) {
			seen = append(seen, off)
			r.Explanations = append(r.Explanations, decodeExplanation(off))
		}
	}
}

// FindExplanation returns our explanation of a named code, or nil.
func FindExplanation(s Stack, name string) *Explanation {
	if off, ok := findExplanation(s, name); ok {
		return decodeExplanation(off)
	}
	return nil
}

// RankCauses orders causes for a phase: those that apply to it (or to any
// phase) first, in their own order, then the rest.
func RankCauses(causes []Cause, p Phase) []Cause {
	if p == PhaseAny {
		return causes
	}
	out := make([]Cause, 0, len(causes))
	for _, c := range causes {
		if c.When == p || c.When == PhaseAny {
			out = append(out, c)
		}
	}
	for _, c := range causes {
		if c.When != p && c.When != PhaseAny {
			out = append(out, c)
		}
	}
	return out
}
