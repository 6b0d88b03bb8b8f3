package consolelog

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seeds adds every log under testdata/logs, and a few edge cases, to a
// fuzz corpus.
func seeds(f *testing.F) [][]byte {
	files, err := filepath.Glob(filepath.Join("testdata", "logs", "*.log"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seed logs: %v", err)
	}
	var out [][]byte
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, data)
	}
	out = append(out, []byte(""), []byte("\r\r\n\x1b[0;31m"), []byte("\x1b]0;title\x07E (1) x: -0x"), []byte("[12:00:00.] ["), []byte("+QSSLOPEN: ,"), []byte("flags 0x"))
	return out
}

// FuzzRead checks that any input is either read with every event and
// finding inside it, or refused with the package's own error.
func FuzzRead(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := Read(data, Options{Source: "fuzz"})
		if err != nil {
			var nt *NotTextError
			var tl *TooLargeError
			if !errors.Is(err, ErrEmpty) && !errors.As(err, &nt) && !errors.As(err, &tl) {
				t.Fatalf("unexpected error type %T: %v", err, err)
			}
			return
		}
		prev := int64(-1)
		for _, b := range l.Boots {
			for _, e := range b.Events {
				if e.Offset < 0 || e.Offset > int64(len(data)) || e.Offset <= prev {
					t.Fatalf("event offset %d out of order or outside %d bytes", e.Offset, len(data))
				}
				prev = e.Offset
				if e.Line < 1 || e.Line > l.Cleaning.Lines {
					t.Fatalf("event line %d outside 1..%d", e.Line, l.Cleaning.Lines)
				}
			}
		}
		for _, d := range l.Diagnoses {
			if d.ID == "" || d.Message == "" {
				t.Fatalf("diagnosis without ID or message: %+v", d)
			}
			for _, ev := range d.Evidence {
				if ev.Pos.Line < 1 || ev.Pos.Line > l.Cleaning.Lines {
					t.Fatalf("%s: evidence line %d outside the input", d.ID, ev.Pos.Line)
				}
			}
		}
	})
}

// FuzzAnnotate feeds lines one by one to an Annotator.
func FuzzAnnotate(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(string(s))
	}
	f.Fuzz(func(t *testing.T, text string) {
		a := NewAnnotator()
		for _, line := range strings.Split(text, "\n") {
			an, ok := a.Line(line)
			if ok && an.Cause == "" {
				t.Fatalf("annotation without a cause for %q", line)
			}
		}
	})
}

func BenchmarkAnnotatorLine(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "logs", "esp32_verify_notrusted.log"))
	if err != nil {
		b.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	a := NewAnnotator()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a.Line(lines[i%len(lines)])
	}
}
