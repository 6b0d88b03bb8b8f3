package cli

import (
	"context"
	"io"
	"strings"
	"testing"
)

// BenchmarkExplainInProcess measures one explain run without process
// start-up (scripts/bench-startup measures the whole process).
func BenchmarkExplainInProcess(b *testing.B) {
	stdio := IO{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard, Getenv: func(string) string { return "" }}
	for b.Loop() {
		if code := Main(context.Background(), []string{"explain", "-0x2180"}, stdio); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}
