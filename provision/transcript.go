package provision

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
)

// Direction says who wrote a transcript entry.
type Direction byte

// The directions.
const (
	Sent     Direction = '>' // tlsdoctor to the device
	Received Direction = '<' // the device to tlsdoctor
	Note     Direction = '#' // what the engine did or decided
)

// Entry is one chunk of the conversation.
type Entry struct {
	Time time.Time
	Dir  Direction
	Data []byte
}

// Transcript is the whole conversation, both directions, timestamped. The
// engine keeps it on every outcome.
type Transcript struct {
	Start   time.Time
	Entries []Entry
}

func (t *Transcript) add(at time.Time, dir Direction, b []byte) {
	if len(b) == 0 {
		return
	}
	t.Entries = append(t.Entries, Entry{Time: at, Dir: dir, Data: append([]byte(nil), b...)})
}

func (t *Transcript) note(at time.Time, format string, args ...any) {
	t.add(at, Note, []byte(fmt.Sprintf(format, args...)))
}

// Bytes returns everything that went in one direction, in order.
func (t *Transcript) Bytes(dir Direction) []byte {
	var b []byte
	for _, e := range t.Entries {
		if e.Dir == dir {
			b = append(b, e.Data...)
		}
	}
	return b
}

// WriteText writes the transcript one entry per line: the time since the
// start, the direction (> sent, < received, # note) and the bytes with
// control bytes escaped (\r, \n, \xHH), so that line ends are visible.
// Consecutive received chunks are joined per line of device output.
func (t *Transcript) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# tlsdoctor provision transcript, started %s\n", t.Start.UTC().Format(time.RFC3339Nano))
	fmt.Fprintf(bw, "# > sent to the device, < received from it, # notes; times since the start\n")
	for _, e := range t.Entries {
		at := e.Time.Sub(t.Start).Seconds()
		if e.Dir == Note {
			fmt.Fprintf(bw, "%9.3fs # %s\n", at, e.Data)
			continue
		}
		for _, part := range splitAfterLF(e.Data) {
			fmt.Fprintf(bw, "%9.3fs %c %s\n", at, e.Dir, Escape(part))
		}
	}
	return bw.Flush()
}

// splitAfterLF cuts b after each LF so that a transcript line holds at most
// one line of text.
func splitAfterLF(b []byte) [][]byte {
	var out [][]byte
	for len(b) > 0 {
		i := strings.IndexByte(string(b), '\n')
		if i < 0 || i == len(b)-1 {
			out = append(out, b)
			break
		}
		out = append(out, b[:i+1])
		b = b[i+1:]
	}
	return out
}

// Escape shows bytes with every control byte visible: \r, \n, \t, \\,
// and \xHH for other bytes outside printable ASCII.
func Escape(b []byte) string {
	var s strings.Builder
	for _, c := range b {
		switch {
		case c == '\r':
			s.WriteString(`\r`)
		case c == '\n':
			s.WriteString(`\n`)
		case c == '\t':
			s.WriteString(`\t`)
		case c == '\\':
			s.WriteString(`\\`)
		case c < 0x20 || c >= 0x7f:
			fmt.Fprintf(&s, `\x%02x`, c)
		default:
			s.WriteByte(c)
		}
	}
	return s.String()
}
