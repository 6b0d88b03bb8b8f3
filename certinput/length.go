package certinput

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/tlsdoctor/tlsdoctor/diag"
)

// LengthMode is how the firmware computes the length it passes to the
// parser together with the buffer. The named modes are negative constants;
// Fixed(N) encodes a byte count; the zero value means "not known".
type LengthMode int64

// The named length modes.
const (
	// Sizeof passes sizeof(buf): the whole array, including the implicit
	// NUL of a string literal and any zero fill up to a declared size.
	Sizeof LengthMode = -1 - iota
	// Strlen passes strlen(buf): up to, not including, the first NUL.
	Strlen
	// StrlenPlus1 passes strlen(buf)+1: the first NUL included.
	StrlenPlus1
	// SizeofMinus1 passes sizeof(buf)-1.
	SizeofMinus1
	// AsIs passes the bytes exactly as read (file or flash contents).
	AsIs
	// AsIsPlusNUL passes the bytes followed by one NUL, as a loader that
	// terminates what it read does; mbedtls_x509_crt_parse_file does so
	// when the file contains "-----BEGIN " (library/pkparse.c:mbedtls_pk_load_file).
	AsIsPlusNUL
)

// Fixed returns the mode that passes exactly n bytes.
func Fixed(n int) LengthMode {
	if n < 0 {
		n = 0
	}
	return LengthMode(n) + 1
}

// Fixed returns the byte count of a Fixed mode.
func (m LengthMode) Fixed() (n int, ok bool) {
	if m > 0 {
		return int(m - 1), true
	}
	return 0, false
}

// String returns the mode as --length spells it.
func (m LengthMode) String() string {
	switch m {
	case 0:
		return "unknown"
	case Sizeof:
		return "sizeof"
	case Strlen:
		return "strlen"
	case StrlenPlus1:
		return "strlen+1"
	case SizeofMinus1:
		return "sizeof-1"
	case AsIs:
		return "as-is"
	case AsIsPlusNUL:
		return "as-is+nul"
	}
	if n, ok := m.Fixed(); ok {
		return strconv.Itoa(n)
	}
	return fmt.Sprintf("mode(%d)", int64(m))
}

// MarshalText makes modes readable in JSON.
func (m LengthMode) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// ParseLengthMode reads a mode as given to --length: "sizeof", "strlen",
// "strlen+1", "sizeof-1", "as-is", "as-is+nul", or a byte count (decimal or
// 0x hex). Blanks are ignored ("strlen + 1").
func ParseLengthMode(s string) (LengthMode, error) {
	k := strings.ToLower(strings.Join(strings.Fields(s), ""))
	switch k {
	case "sizeof":
		return Sizeof, nil
	case "strlen":
		return Strlen, nil
	case "strlen+1":
		return StrlenPlus1, nil
	case "sizeof-1":
		return SizeofMinus1, nil
	case "as-is", "asis", "file", "flash":
		return AsIs, nil
	case "as-is+nul", "asis+nul", "as-is+1", "file+nul":
		return AsIsPlusNUL, nil
	}
	if n, err := strconv.ParseInt(k, 0, 64); err == nil && n >= 0 && n < 1<<40 {
		return Fixed(int(n)), nil
	}
	return 0, fmt.Errorf("unknown length %q: want sizeof, strlen, strlen+1, sizeof-1, as-is, as-is+nul or a byte count", s)
}

// LengthExpr is how the source passes an item to the parser, when the
// source shows the call.
type LengthExpr struct {
	// Mode is the mode the expression amounts to; 0 when the expression was
	// seen but not understood (Expr still shows it).
	Mode LengthMode
	// Expr is the length as written: "strlen(root_ca) + 1", "ca_der_len".
	// For a call that implies the length (setCACert), it is the implied
	// expression.
	Expr string
	// Call is the function or field that takes the buffer:
	// "mbedtls_x509_crt_parse", "setCACert", ".cacert_pem_bytes".
	Call string
	// Note explains an implied length: "WiFiClientSecure passes strlen+1".
	Note string
	// Pos is where the call (or field assignment) is.
	Pos diag.Position
}

// PointerSize is the size of a data pointer on the devices tlsdoctor
// models (32-bit MCUs: ESP32, ARM Cortex-M); sizeof of a pointer is this.
const PointerSize = 4

// BufferError says why a length mode cannot be applied to an item.
type BufferError struct {
	Item string
	Mode LengthMode
	// Size is the size in bytes of the object the item is.
	Size int
	// Need is how many bytes the mode would read (for Fixed), or -1.
	Need   int
	Reason string
}

func (e *BufferError) Error() string {
	name := e.Item
	if name == "" {
		name = "input"
	}
	return fmt.Sprintf("%s: length %s: %s", name, e.Mode, e.Reason)
}

// object returns the bytes of the object the item is in the firmware's
// memory: a literal with its terminating NUL (as wide as an element), an
// array zero-filled or cut to its declared size, or the bytes as read.
func (it *Item) object() []byte {
	b := it.Bytes
	es := max(it.ElemSize, 1)
	if !it.CString && it.DeclaredSize == 0 {
		return b[:len(b):len(b)]
	}
	n := len(b)
	if it.CString {
		n += es
	}
	if it.DeclaredSize > 0 {
		n = it.DeclaredSize * es
	}
	obj := make([]byte, n)
	copy(obj, b)
	return obj
}

// asRead reports whether the item is bytes read as they are (a file, a
// paste, a dump), rather than a C object with a known size.
func (it *Item) asRead() bool {
	return it.Form != FormCString && it.Form != FormCArray
}

// Buffer returns exactly the bytes the firmware passes to the parser when
// it computes the length with m: Strlen stops at the first NUL; Sizeof of a
// C string literal includes its implicit NUL, and of a pointer is the first
// PointerSize bytes; Fixed(N) beyond the object is an error naming its size.
// For bytes read as they are (PEM, paste, dump), Sizeof and AsIs are the
// bytes, and Strlen assumes the loader terminated them. The result never
// aliases memory the caller could grow into Input.Data.
func (it *Item) Buffer(m LengthMode) ([]byte, error) {
	obj := it.object()
	fail := func(need int, format string, args ...any) ([]byte, error) {
		return nil, &BufferError{Item: it.Name, Mode: m, Size: len(obj), Need: need, Reason: fmt.Sprintf(format, args...)}
	}
	strlen := func() (int, bool) {
		if i := bytes.IndexByte(obj, 0); i >= 0 {
			return i, true
		}
		return len(obj), it.asRead()
	}
	switch m {
	case AsIs:
		return it.Bytes[:len(it.Bytes):len(it.Bytes)], nil
	case AsIsPlusNUL:
		out := make([]byte, len(it.Bytes)+1)
		copy(out, it.Bytes)
		return out, nil
	case Sizeof, SizeofMinus1:
		n := len(obj)
		if it.Pointer {
			n = PointerSize
		}
		if m == SizeofMinus1 {
			if n == 0 {
				return fail(-1, "the object is empty, so sizeof-1 is negative (a huge size_t)")
			}
			n--
		}
		if n > len(obj) {
			return fail(n, "sizeof a pointer is %d bytes, but the string it points to holds only %d", PointerSize, len(obj))
		}
		return obj[:n:n], nil
	case Strlen, StrlenPlus1:
		n, ok := strlen()
		if !ok {
			return fail(-1, "the %d-byte array holds no NUL, so strlen reads past its end", len(obj))
		}
		if m == Strlen {
			return obj[:n:n], nil
		}
		if n < len(obj) {
			return obj[: n+1 : n+1], nil
		}
		out := make([]byte, n+1) // a read file, terminated by its loader
		copy(out, obj)
		return out, nil
	}
	if n, ok := m.Fixed(); ok {
		if n > len(obj) {
			return fail(n, "%d bytes asked, but the object holds %d; the parser would read past its end", n, len(obj))
		}
		return obj[:n:n], nil
	}
	return fail(-1, "not a length mode")
}

// PlausibleModes returns the length modes worth reporting by default for an
// item: the one the source shows first, then those its form allows: for a C
// string, sizeof, strlen and strlen+1; for a C array, sizeof; for PEM, a
// paste or JSON text, as read and with a NUL added; for DER and other
// decoded bytes, as read (and with a NUL if they hold PEM text).
func PlausibleModes(it *Item) []LengthMode {
	var modes []LengthMode
	add := func(ms ...LengthMode) {
		for _, m := range ms {
			if m == 0 {
				continue
			}
			dup := false
			for _, have := range modes {
				dup = dup || have == m
			}
			if !dup {
				modes = append(modes, m)
			}
		}
	}
	add(it.Length.Mode)
	switch it.Form {
	case FormCString:
		if it.Pointer {
			add(Strlen, StrlenPlus1)
		} else {
			add(Sizeof, Strlen, StrlenPlus1)
		}
	case FormCArray:
		add(Sizeof)
	case FormPEM, FormPaste, FormJSON:
		add(AsIs, AsIsPlusNUL)
	default:
		add(AsIs)
		if bytes.Contains(it.Bytes, []byte("-----BEGIN")) {
			add(AsIsPlusNUL)
		}
	}
	return modes
}
