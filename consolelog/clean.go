package consolelog

import (
	"strings"
	"unicode/utf8"
)

// line is one line of the input after cleaning, with where it came from.
type line struct {
	line    int   // 1-based
	offset  int64 // of the line's first byte in the input
	text    string
	garbage bool // mostly unprintable: dropped
}

// clean splits the input into lines and removes what the terminal program,
// not the device, put there. Line ends are LF, CR LF or a CR alone (PuTTY
// and minicom captures of a device that sends CR only), counted the way an
// editor counts them, so a line number in a finding is the one the user
// sees.
func clean(data []byte) ([]line, Cleaning) {
	var cl Cleaning
	var out []line
	n := 1
	for start := 0; start < len(data); n++ {
		end := start
		for end < len(data) && data[end] != '\n' && data[end] != '\r' {
			end++
		}
		next := end + 1
		switch {
		case end >= len(data):
			next = len(data)
		case data[end] == '\r' && end+1 < len(data) && data[end+1] == '\n':
			cl.CRLFLines++
			next = end + 2
		case data[end] == '\r':
			cl.CROnlyLines++
		}
		cl.Lines = n
		text, esc, bad, garbage := cleanLine(data[start:end])
		cl.EscapeCodes += esc
		cl.GarbageBytes += bad
		l := line{line: n, offset: int64(start), garbage: garbage}
		if garbage {
			cl.GarbageLines++
			if cl.FirstGarbageLine == 0 {
				cl.FirstGarbageLine = n
			}
		} else {
			t, style := stripTimestamp(text)
			if style != "" {
				cl.Timestamps++
				if cl.TimestampStyle == "" {
					cl.TimestampStyle = style
				}
			}
			l.text = strings.TrimSpace(t)
		}
		if l.text != "" || l.garbage {
			out = append(out, l)
		}
		start = next
	}
	return out, cl
}

// cleanLine removes ANSI escape sequences (ESP-IDF colours its levels,
// Zephyr its errors), NULs and bytes that are not printable text. A line
// whose bytes are mostly unprintable is garbage: what a terminal at the
// wrong baud rate shows, or the ROM chatter of an ESP8266 at 74880 baud.
func cleanLine(b []byte) (text string, escapes, bad int, garbage bool) {
	var sb strings.Builder
	sb.Grow(len(b))
	total := 0
	for i := 0; i < len(b); {
		c := b[i]
		if c == 0x1b {
			// ESC: CSI (ESC [ params intermediates final), OSC (ESC ] ...
			// BEL or ESC \), or a two-byte sequence.
			escapes++
			j := i + 1
			switch {
			case j < len(b) && b[j] == '[':
				j++
				for j < len(b) && b[j] >= 0x20 && b[j] <= 0x3f {
					j++
				}
				if j < len(b) && b[j] >= 0x40 && b[j] <= 0x7e {
					j++
				}
			case j < len(b) && b[j] == ']':
				j++
				for j < len(b) && b[j] != 0x07 && !(b[j] == 0x1b && j+1 < len(b) && b[j+1] == '\\') {
					j++
				}
				if j < len(b) && b[j] == 0x07 {
					j++
				} else if j < len(b) {
					j += 2
				}
			case j < len(b) && b[j] >= 0x40 && b[j] <= 0x5f:
				j++
			}
			i = j
			continue
		}
		if c < 0x80 {
			i++
			switch {
			case c == '\t':
				sb.WriteByte(' ')
				total++
			case c < 0x20 || c == 0x7f:
				bad++
			default:
				sb.WriteByte(c)
				total++
			}
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			bad++
			i++
			continue
		}
		sb.Write(b[i : i+size])
		total++
		i += size
	}
	text = sb.String()
	// Garbage: more bad bytes than a few stray ones, and at least a third of
	// what the line held.
	if bad >= 4 && bad*3 >= bad+total {
		return "", escapes, bad, true
	}
	if total > 0 && bad > 0 && printableShare(text) < 0.5 {
		return "", escapes, bad, true
	}
	return text, escapes, bad, false
}

// printableShare is the share of letters, digits, spaces and common
// punctuation in s; wrong-baud bytes that happen to be valid UTF-8 score low.
func printableShare(s string) float64 {
	n, good := 0, 0
	for _, r := range s {
		n++
		if r < 0x80 {
			good++
		}
	}
	if n == 0 {
		return 1
	}
	return float64(good) / float64(n)
}

// stripTimestamp removes a timestamp a terminal program put before the
// device's text, and returns the style removed ("" when none). The shapes:
//
//	[2024-05-01 12:00:00.123]    tio (iso8601 with a space), CoolTerm, custom loggers
//	[2024-05-01T12:00:00.123]    tio --timestamp-format iso8601
//	[12:00:00.123]               tio's default 24hour format, minicom, picocom --timestamps
//	12:00:00.123 ->              the Arduino IDE serial monitor
//	12:00:00.123 >               PlatformIO's "time" monitor filter
//	2024-05-01 12:00:00          idf.py monitor --timestamps
//	[Wed May 01 12:00:00.123 2024]  Tera Term's log timestamps
//	May 01 12:00:00              moreutils ts
//
// Device timestamps are kept: Zephyr's "[00:00:01.234,567]" has a comma and
// microseconds, ESP-IDF's "(1234)" follows a level letter.
func stripTimestamp(s string) (string, string) {
	t := strings.TrimLeft(s, " ")
	bracket := strings.HasPrefix(t, "[")
	body := t
	if bracket {
		body = t[1:]
	}
	n := matchStamp(body)
	if n == 0 {
		return s, ""
	}
	rest := body[n:]
	if bracket {
		if !strings.HasPrefix(rest, "]") {
			return s, ""
		}
		rest = rest[1:]
	}
	style := "[" + body[:n] + "]"
	if !bracket {
		style = body[:n]
	}
	// The separator after the stamp.
	for _, sep := range []string{" -> ", " > ", " | ", " - ", ": "} {
		if strings.HasPrefix(rest, sep) {
			return rest[len(sep):], style + sep[:len(sep)-1]
		}
	}
	if rest == "" || rest[0] == ' ' || rest[0] == '\t' {
		if !bracket && !hasDate(body[:n]) && !strings.Contains(body[:n], ".") && !isMonth(body[:3]) {
			// A bare "12:00:00 " could be the device's own clock; only a
			// bracketed or dated one is surely the terminal's.
			return s, ""
		}
		return strings.TrimLeft(rest, " \t"), style
	}
	if bracket {
		return rest, style
	}
	return s, ""
}

func hasDate(s string) bool { return len(s) >= 10 && s[4] == '-' }

// matchStamp returns the length of a date-time or time at the start of s, or
// 0. It accepts YYYY-MM-DD[ T]HH:MM:SS[.frac], HH:MM:SS[.frac], Tera Term's
// "Wed May 01 12:00:00.123 2024" and "May 01 12:00:00".
func matchStamp(s string) int {
	i := 0
	if isDigits(s, 0, 4) && at(s, 4) == '-' && isDigits(s, 5, 2) && at(s, 7) == '-' && isDigits(s, 8, 2) && (at(s, 10) == ' ' || at(s, 10) == 'T') {
		i = 11
	} else if len(s) >= 4 && isDay(s[:3]) && s[3] == ' ' {
		i = 4
		if len(s) >= i+4 && isMonth(s[i:i+3]) && s[i+3] == ' ' {
			i += 4
		} else {
			return 0
		}
		i = skipDayOfMonth(s, i)
		if i == 0 {
			return 0
		}
	} else if len(s) >= 4 && isMonth(s[:3]) && s[3] == ' ' {
		i = skipDayOfMonth(s, 4)
		if i == 0 {
			return 0
		}
	}
	j := matchTime(s, i)
	if j == 0 {
		return 0
	}
	// Zephyr's own "[00:00:01.234,567]" is the device's.
	if at(s, j) == ',' {
		return 0
	}
	// Tera Term ends with the year.
	if at(s, j) == ' ' && isDigits(s, j+1, 4) && at(s, j+5) == ']' {
		j += 5
	}
	return j
}

func skipDayOfMonth(s string, i int) int {
	if at(s, i) == ' ' {
		i++
	}
	k := i
	for k < len(s) && k < i+2 && s[k] >= '0' && s[k] <= '9' {
		k++
	}
	if k == i || at(s, k) != ' ' {
		return 0
	}
	return k + 1
}

// matchTime matches HH:MM:SS with an optional .fff fraction at s[i:] and
// returns the index after it, or 0.
func matchTime(s string, i int) int {
	if !(isDigits(s, i, 2) && at(s, i+2) == ':' && isDigits(s, i+3, 2) && at(s, i+5) == ':' && isDigits(s, i+6, 2)) {
		return 0
	}
	j := i + 8
	if at(s, j) == '.' {
		k := j + 1
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		if k > j+1 {
			j = k
		}
	}
	return j
}

func at(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

func isDigits(s string, i, n int) bool {
	if i+n > len(s) {
		return false
	}
	for k := i; k < i+n; k++ {
		if s[k] < '0' || s[k] > '9' {
			return false
		}
	}
	return true
}

func isDay(s string) bool {
	switch s {
	case "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun":
		return true
	}
	return false
}

func isMonth(s string) bool {
	switch s {
	case "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec":
		return true
	}
	return false
}
