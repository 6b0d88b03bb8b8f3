package anchor

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/tlsdoctor/tlsdoctor/internal/lazy"
)

// Format is one output form.
type Format string

// The formats.
const (
	PEM          Format = "pem"
	DER          Format = "der"
	PEMBundle    Format = "pem-bundle"
	CPEM         Format = "c-pem"
	CDER         Format = "c-der"
	CHeader      Format = "c-header"
	BearSSL      Format = "bearssl"
	ESPIDFBundle Format = "esp-idf-bundle"
	ESPIDFEmbed  Format = "esp-idf-embed"
	Arduino      Format = "arduino"
	Zephyr       Format = "zephyr"
	WolfSSL      Format = "wolfssl"
	MicroPython  Format = "micropython"
	Rust         Format = "rust"
	Console      Format = "console"
)

// formats lists every format once, with what it is for; the CLI's help
// and the tests range over it.
var formats = []struct {
	f      Format
	binary bool
	about  string
}{
	{PEM, false, "one .pem file per anchor (LF, trailing newline)"},
	{DER, true, "one .der file per anchor"},
	{PEMBundle, false, "all anchors in one .pem, each with a comment"},
	{CPEM, false, "C string literal for mbedtls_x509_crt_parse(&ca, name, name_len); name_len = sizeof, NUL counted"},
	{CDER, false, "C byte array of the DER for mbedtls_x509_crt_parse_der, with name_len"},
	{CHeader, false, "a whole C header: include guard, DER arrays, a table of anchors"},
	{BearSSL, false, "br_x509_trust_anchor array for br_x509_minimal_init (as brssl ta shapes it)"},
	{ESPIDFBundle, true, "ESP-IDF crt-bundle binary for esp_crt_bundle_set (layout by --idf-version)"},
	{ESPIDFEmbed, false, "PEM file plus the CMake EMBED_TXTFILES line and extern symbols"},
	{Arduino, false, "PROGMEM raw string for WiFiClientSecure::setCACert"},
	{Zephyr, false, ".inc DER files plus the tls_credential_add snippet"},
	{WolfSSL, false, "DER arrays with wolfSSL_CTX_load_verify_buffer usage"},
	{MicroPython, false, "DER bytes for SSLContext.load_verify_locations(cadata=...)"},
	{Rust, false, "DER as &[u8] statics (rustls, embedded-tls)"},
	{Console, false, "PEM text to paste into a device console (--eol lf or crlf)"},
}

// Formats returns the format names in a stable order.
func Formats() []Format {
	out := make([]Format, len(formats))
	for i, f := range formats {
		out[i] = f.f
	}
	return out
}

// About says what a format is for, or "" if it is not a format.
func About(f Format) string {
	for _, x := range formats {
		if x.f == f {
			return x.about
		}
	}
	return ""
}

// Binary reports that a format's output is not text.
func Binary(f Format) bool {
	for _, x := range formats {
		if x.f == f {
			return x.binary
		}
	}
	return false
}

// ParseFormat checks a format name.
func ParseFormat(s string) (Format, error) {
	if About(Format(s)) == "" {
		names := make([]string, 0, len(formats))
		for _, f := range formats {
			names = append(names, string(f.f))
		}
		return "", fmt.Errorf("unknown format %q: want one of %s", s, strings.Join(names, ", "))
	}
	return Format(s), nil
}

// IDF versions of the ESP-IDF bundle layout.
const (
	IDF53 = "5.3" // count and lengths big-endian (v4.x up to v5.3)
	IDF54 = "5.4" // offset table and lengths little-endian (v5.4 on)
)

// EmitOptions controls Emit.
type EmitOptions struct {
	// Name is the C identifier (and file-name stem) of the output;
	// DefaultName when empty.
	Name string
	// IDFVersion picks the ESP-IDF bundle layout: IDF53 or IDF54 (default).
	IDFVersion string
	// CRLF ends the console format's lines with CR LF instead of LF.
	CRLF bool
}

// DefaultName is the identifier used when none is given.
const DefaultName = "root_ca"

// File is one output file: a suggested name and its bytes.
type File struct {
	Name string
	Data []byte
}

// NameError says why a name is not a usable C identifier.
type NameError struct {
	Name   string
	Reason string
}

func (e *NameError) Error() string {
	return fmt.Sprintf("name %q is not a usable C identifier: %s", e.Name, e.Reason)
}

var identRELazy lazy.Value[*regexp.Regexp]

func identRE() *regexp.Regexp { return identRELazy.Get(buildIdentRE) }

func buildIdentRE() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`) }

var cKeywordsLazy lazy.Value[map[string]bool]

// cKeywords are the C (C23) and C++ keywords a name may not be; the set is
// built on first use (not at start-up).
func cKeywords() map[string]bool { return cKeywordsLazy.Get(buildCKeywords) }

func buildCKeywords() map[string]bool {
	m := map[string]bool{}
	for _, k := range strings.Fields(`auto break case char const continue default do double else enum extern float for goto if
		inline int long register restrict return short signed sizeof static struct switch typedef union unsigned void volatile while
		alignas alignof bool constexpr false nullptr static_assert thread_local true typeof typeof_unqual
		_Alignas _Alignof _Atomic _BitInt _Bool _Complex _Decimal128 _Decimal32 _Decimal64 _Generic _Imaginary _Noreturn _Static_assert _Thread_local
		asm catch class const_cast delete dynamic_cast explicit export friend mutable namespace new noexcept operator private protected public
		reinterpret_cast static_cast template this throw try typeid typename using virtual wchar_t char8_t char16_t char32_t concept consteval constinit co_await co_return co_yield requires`) {
		m[k] = true
	}
	return m
}

// CheckName reports whether name can be used as a C identifier in every
// format: not empty, letters, digits and underscores, not a keyword, not
// reserved to the implementation (C11 §7.1.3: a leading underscore and a
// capital, or two underscores).
func CheckName(name string) error {
	switch {
	case name == "":
		return &NameError{Name: name, Reason: "empty"}
	case !identRE().MatchString(name):
		return &NameError{Name: name, Reason: "use letters, digits and underscores, not starting with a digit (e.g. " + suggestName(name) + ")"}
	case cKeywords()[name]:
		return &NameError{Name: name, Reason: "a C or C++ keyword"}
	case strings.HasPrefix(name, "__") || (len(name) > 1 && name[0] == '_' && name[1] >= 'A' && name[1] <= 'Z'):
		return &NameError{Name: name, Reason: "reserved to the compiler (leading underscore and capital, or two underscores)"}
	case len(name) > 63:
		return &NameError{Name: name, Reason: "longer than the 63 characters C guarantees significant"}
	}
	return nil
}

func suggestName(name string) string {
	var b strings.Builder
	for i, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r == '_', r >= '0' && r <= '9' && i > 0:
			b.WriteRune(r)
		case r >= '0' && r <= '9':
			b.WriteString("_")
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 {
		return DefaultName
	}
	return b.String()
}

// Emit writes anchors in format f. It returns one file for most formats;
// der and pem give one per anchor, zephyr and esp-idf-embed a data file
// and a snippet.
func Emit(f Format, anchors []*Anchor, opt EmitOptions) ([]File, error) {
	if len(anchors) == 0 {
		return nil, fmt.Errorf("no anchors to emit")
	}
	if opt.Name == "" {
		opt.Name = DefaultName
	}
	if err := CheckName(opt.Name); err != nil {
		return nil, err
	}
	e := emitter{anchors: anchors, name: opt.Name, opt: opt}
	switch f {
	case PEM:
		return e.pemFiles(), nil
	case DER:
		return e.derFiles(), nil
	case PEMBundle:
		return e.one(e.name+".pem", e.pemBundle()), nil
	case CPEM:
		return e.one(e.name+".h", e.cPEM()), nil
	case CDER:
		return e.one(e.name+".h", e.cDER()), nil
	case CHeader:
		return e.one(e.name+".h", e.cHeader()), nil
	case BearSSL:
		b, err := e.bearSSL()
		if err != nil {
			return nil, err
		}
		return e.one(e.name+"_bearssl.h", b), nil
	case ESPIDFBundle:
		b, err := BuildIDFBundle(anchors, opt.IDFVersion)
		if err != nil {
			return nil, err
		}
		return e.one(e.name+".bin", b), nil
	case ESPIDFEmbed:
		return e.espIDFEmbed(), nil
	case Arduino:
		return e.one(e.name+".h", e.arduino()), nil
	case Zephyr:
		return e.zephyr(), nil
	case WolfSSL:
		return e.one(e.name+"_wolfssl.h", e.wolfSSL()), nil
	case MicroPython:
		return e.one(e.name+".py", e.microPython()), nil
	case Rust:
		return e.one(e.name+".rs", e.rust()), nil
	case Console:
		return e.one(e.name+".txt", e.console()), nil
	}
	return nil, fmt.Errorf("unknown format %q", f)
}

type emitter struct {
	anchors []*Anchor
	name    string
	opt     EmitOptions
}

func (e *emitter) one(name string, data []byte) []File {
	return []File{{Name: name, Data: data}}
}

// ident returns the identifier of anchor i: the name itself for a single
// anchor, name_1 ... name_N for several.
func (e *emitter) ident(i int) string {
	if len(e.anchors) == 1 {
		return e.name
	}
	return fmt.Sprintf("%s_%d", e.name, i+1)
}

// describe returns the comment lines every format puts before an anchor.
func describe(a *Anchor) []string {
	d := []string{
		"subject:  " + a.Subject,
		"sha256:   " + a.FingerprintHex(),
		"key:      " + a.Key,
		"notAfter: " + a.NotAfter.Format("2006-01-02 15:04:05 MST"),
	}
	if a.Serves != "" {
		d = append(d, "serves:   "+a.Serves)
	}
	return d
}

// safeComment makes text safe inside any comment style: no control
// characters, no comment terminator, no line splice.
func safeComment(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			b.WriteByte('.')
			continue
		}
		b.WriteRune(r)
	}
	out := strings.ReplaceAll(b.String(), "*/", "* /")
	out = strings.ReplaceAll(out, "\\", "/")
	return strings.ReplaceAll(out, "??", "? ?") // trigraphs
}

// cComment writes a C block comment.
func cComment(b *strings.Builder, indent string, lines []string) {
	b.WriteString(indent + "/*\n")
	for _, l := range lines {
		if l == "" {
			b.WriteString(indent + " *\n")
			continue
		}
		b.WriteString(indent + " * " + safeComment(l) + "\n")
	}
	b.WriteString(indent + " */\n")
}

// lineComment writes comments with a line prefix ("// ", "# ").
func lineComment(b *strings.Builder, prefix string, lines []string) {
	for _, l := range lines {
		if l == "" {
			b.WriteString(strings.TrimRight(prefix, " ") + "\n")
			continue
		}
		b.WriteString(prefix + safeComment(l) + "\n")
	}
}

// hexBytes writes data as "0x30, 0x82, ..." 12 per line.
func hexBytes(b *strings.Builder, indent string, data []byte, trailingComma bool) {
	for i := 0; i < len(data); i += 12 {
		b.WriteString(indent)
		end := min(i+12, len(data))
		for j := i; j < end; j++ {
			fmt.Fprintf(b, "0x%02x", data[j])
			if j < len(data)-1 || trailingComma {
				b.WriteByte(',')
			}
			if j < end-1 {
				b.WriteByte(' ')
			}
		}
		b.WriteByte('\n')
	}
}

// sortedAnchors returns the anchors ordered by subject DER, the order
// ESP-IDF's lookup needs.
func sortedAnchors(in []*Anchor) []*Anchor {
	out := append([]*Anchor(nil), in...)
	sort.SliceStable(out, func(i, j int) bool { return string(out[i].RawSubject) < string(out[j].RawSubject) })
	return out
}
