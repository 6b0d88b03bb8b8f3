//go:build amd64 && !purego

package mbedsim

// Two kernels decode whole PEM lines, 64 base64 digits and an LF each, from
// the start of src into dst, and return how many lines they decoded (each
// is 65 bytes of src, 48 of dst). They stop before the first line that is
// not exactly that (a CR, a space, '=', a short or long line, any other
// byte), so the scalar decoder takes it from there and the result is the
// same byte for byte. Both read constants that initBase64Vec fills.
//
// decodeLinesAVX2 takes 32 digits per step and stores 32 bytes of which
// it keeps 24, so it stops while dst has less than 56 bytes of room.
//
//go:noescape
func decodeLinesAVX2(dst, src []byte) int

// decodeLinesVBMI takes a line per step with AVX-512 VBMI (one 128-entry
// byte lookup, one byte permutation) and stores exactly 48 bytes under a
// mask, so it needs 48 bytes of room.
//
//go:noescape
func decodeLinesVBMI(dst, src []byte) int

// cpuKernels reports AVX2, and AVX-512 F, BW and VBMI, each with the
// operating system's saving of the registers it needs (CPUID leaves 1 and
// 7, XGETBV). It is asked once, when the tables are built, not at
// start-up.
func cpuKernels() (avx2, vbmi bool)

// bestLineKernel is the fastest kernel this processor runs.
func bestLineKernel() lineKernel {
	switch avx2, vbmi := cpuKernels(); {
	case vbmi:
		return kernelVBMI
	case avx2:
		return kernelAVX2
	}
	return kernelNone
}

// decodeLines decodes with the kernel in use.
func decodeLines(dst, src []byte) int {
	switch useKernel {
	case kernelVBMI:
		return decodeLinesVBMI(dst, src)
	case kernelAVX2:
		return decodeLinesAVX2(dst, src)
	}
	return 0
}
