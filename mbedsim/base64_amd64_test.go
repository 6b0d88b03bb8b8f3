//go:build amd64 && !purego

package mbedsim

import (
	"bytes"
	"math/rand/v2"
	"os"
	"regexp"
	"testing"
)

// TestLineKernelInUse: on a Linux machine, the kernel in use must be the
// best one /proc/cpuinfo's flags allow, or the differential tests would
// check less than they claim.
func TestLineKernelInUse(t *testing.T) {
	info, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		t.Skip("no /proc/cpuinfo to compare with")
	}
	has := func(flag string) bool {
		return regexp.MustCompile(`(?m)^flags\s*:.*\b` + flag + `\b`).Match(info)
	}
	want := kernelNone
	switch {
	case has("avx512f") && has("avx512bw") && has("avx512vbmi"):
		want = kernelVBMI
	case has("avx2"):
		want = kernelAVX2
	}
	if useKernel != want {
		t.Fatalf("line kernel %d in use, /proc/cpuinfo allows %d", useKernel, want)
	}
}

// TestLineKernels drives each kernel the processor has directly: it decodes
// exactly the whole LF-ended 64-digit lines at the start, stops at the
// first other line, and never writes past the room it needs per line.
func TestLineKernels(t *testing.T) {
	kernels := []struct {
		k      lineKernel
		name   string
		decode func(dst, src []byte) int
		room   int
	}{
		{kernelAVX2, "avx2", decodeLinesAVX2, 56},
		{kernelVBMI, "vbmi", decodeLinesVBMI, 48},
	}
	r := rand.New(rand.NewPCG(21, 22))
	src := wrap(randomDigits(r, 64*6), 64, "\n")
	want, _, _, _ := refDecodeBase64(src, true)
	for _, k := range kernels {
		t.Run(k.name, func(t *testing.T) {
			if useKernel < k.k {
				t.Skip("not on this processor")
			}
			for lines := 0; lines <= 6; lines++ {
				for room := 0; room <= 48*lines+60; room++ {
					dst := bytes.Repeat([]byte{0xA5}, room+64)
					got := k.decode(dst[:room], src[:65*lines])
					wantLines := 0
					if room >= k.room {
						wantLines = min(lines, (room-k.room)/48+1)
					}
					if got != wantLines {
						t.Fatalf("%d lines, %d bytes of room: decoded %d lines, want %d", lines, room, got, wantLines)
					}
					if !bytes.Equal(dst[:48*got], want[:48*got]) {
						t.Fatalf("%d lines: wrong bytes", got)
					}
					for i := room; i < len(dst); i++ {
						if dst[i] != 0xA5 {
							t.Fatalf("%d lines, %d bytes of room: wrote at %d", lines, room, i)
						}
					}
				}
			}
			// A third line that is not 64 digits and an LF stops it there.
			for _, bad := range []string{"\r\n", " \n", "=\n", "AA\n", "-", "\x80\n", "\xc1\n"} {
				s := append(append([]byte{}, src[:65*2+63]...), bad...)
				s = append(s, src[65*3:]...)
				if got := k.decode(make([]byte, 1024), s); got != 2 {
					t.Fatalf("line 3 ending %q: decoded %d lines, want 2", bad, got)
				}
			}
		})
	}
}
