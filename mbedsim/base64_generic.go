//go:build !amd64 || purego

package mbedsim

// Without the vector kernels (other architectures, or -tags purego) the
// scalar decoder does every line.

func bestLineKernel() lineKernel { return kernelNone }

func decodeLines(dst, src []byte) int { return 0 }
