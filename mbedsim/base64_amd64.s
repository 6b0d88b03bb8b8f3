//go:build amd64 && !purego

#include "textflag.h"

// base64Vec's rows, 32 bytes each (see initBase64Vec).
#define LUT_LO   0
#define LUT_HI   32
#define ROLL     64
#define NIBBLE   96
#define SLASH    128
#define PAIRS    160
#define QUADS    192
#define PACK     224
#define LANES    256

// Both kernels: the arguments in DI, DX (dst and its length) and SI, CX
// (src and its length), the count of lines in AX; NONE when not even one
// line can be decoded.
#define ENTER(ROOM, NONE) \
	MOVQ dst_base+0(FP), DI  \
	MOVQ dst_len+8(FP), DX   \
	MOVQ src_base+24(FP), SI \
	MOVQ src_len+32(FP), CX  \
	XORQ AX, AX              \
	CMPQ CX, $65             \
	JLT  NONE                \
	CMPQ DX, $ROOM           \
	JLT  NONE

// To DONE unless src starts with 64 bytes and an LF and dst has ROOM.
#define LINE_AHEAD(ROOM, DONE) \
	CMPQ CX, $65     \
	JLT  DONE        \
	CMPQ DX, $ROOM   \
	JLT  DONE        \
	CMPB 64(SI), $10 \
	JNE  DONE

// One line decoded: on to the next.
#define NEXT_LINE(LOOP) \
	ADDQ $65, SI \
	SUBQ $65, CX \
	ADDQ $48, DI \
	SUBQ $48, DX \
	INCQ AX      \
	JMP  LOOP

// One 32-digit step: X is the digits, HI and LO scratch, BAD collects the
// validity bits (non-zero: not all digits).
#define CLASSIFY(X, HI, LO, T, BAD) \
	VPSRLD   $4, X, HI      \
	VPAND    Y11, HI, HI    \
	VPAND    Y11, X, LO     \
	VPSHUFB  LO, Y8, LO     \
	VPSHUFB  HI, Y9, T      \
	VPAND    T, LO, LO      \
	VPOR     LO, BAD, BAD

// Digits to their 6-bit values, four values to three bytes per 32-bit
// lane, and the twelve bytes of each 128-bit lane side by side.
#define DECODE(X, HI, T) \
	VPCMPEQB   Y12, X, T    \
	VPADDB     T, HI, T     \
	VPSHUFB    T, Y10, T    \
	VPADDB     T, X, X      \
	VPMADDUBSW Y13, X, X    \
	VPMADDWD   Y14, X, X    \
	VPSHUFB    Y15, X, X    \
	VPERMD     X, Y7, X

// func decodeLinesAVX2(dst, src []byte) int
TEXT ·decodeLinesAVX2(SB), NOSPLIT, $0-56
	ENTER(56, none)
	LEAQ ·base64Vec(SB), BX
	VMOVDQU LUT_LO(BX), Y8
	VMOVDQU LUT_HI(BX), Y9
	VMOVDQU ROLL(BX), Y10
	VMOVDQU NIBBLE(BX), Y11
	VMOVDQU SLASH(BX), Y12
	VMOVDQU PAIRS(BX), Y13
	VMOVDQU QUADS(BX), Y14
	VMOVDQU PACK(BX), Y15
	VMOVDQU LANES(BX), Y7

loop:
	LINE_AHEAD(56, done)
	VMOVDQU (SI), Y0
	VMOVDQU 32(SI), Y1
	VPXOR   Y6, Y6, Y6
	CLASSIFY(Y0, Y2, Y4, Y5, Y6)
	CLASSIFY(Y1, Y3, Y4, Y5, Y6)
	VPTEST  Y6, Y6
	JNZ     done
	DECODE(Y0, Y2, Y4)
	DECODE(Y1, Y3, Y5)
	VMOVDQU Y0, (DI)
	VMOVDQU Y1, 24(DI)
	NEXT_LINE(loop)

done:
	VZEROUPPER

none:
	MOVQ AX, ret+48(FP)
	RET

// func decodeLinesVBMI(dst, src []byte) int
TEXT ·decodeLinesVBMI(SB), NOSPLIT, $0-56
	ENTER(48, vnone)
	LEAQ ·base64Vec512(SB), BX
	VMOVDQU64 0(BX), Z8    // values of the bytes 0x00-0x3F, 0x80 for non-digits
	VMOVDQU64 64(BX), Z9   // values of the bytes 0x40-0x7F
	VMOVDQU64 128(BX), Z10 // pairs: a*64 + b
	VMOVDQU64 192(BX), Z11 // pairs of pairs: ab*4096 + cd
	VMOVDQU64 256(BX), Z12 // bytes 2, 1, 0 of each 32-bit lane, 48 in a row
	MOVQ $0xFFFFFFFFFFFF, R8
	KMOVQ R8, K1

vloop:
	LINE_AHEAD(48, vdone)
	VMOVDQU64 (SI), Z0
	VMOVDQA64 Z0, Z1
	VPERMI2B  Z9, Z8, Z1
	// A byte of 0x80 and up, or a non-digit, leaves its top bit set.
	VPORQ     Z0, Z1, Z2
	VPMOVB2M  Z2, K2
	KORTESTQ  K2, K2
	JNZ       vdone
	VPMADDUBSW Z10, Z1, Z1
	VPMADDWD   Z11, Z1, Z1
	VPERMB     Z1, Z12, Z1
	VMOVDQU8   Z1, K1, (DI)
	NEXT_LINE(vloop)

vdone:
	VZEROUPPER

vnone:
	MOVQ AX, ret+48(FP)
	RET

// func cpuKernels() (avx2, vbmi bool)
TEXT ·cpuKernels(SB), NOSPLIT, $0-2
	MOVB $0, avx2+0(FP)
	MOVB $0, vbmi+1(FP)
	// Leaf 7 must exist.
	XORL AX, AX
	XORL CX, CX
	CPUID
	CMPL AX, $7
	JLT  cpudone
	MOVL $1, AX
	XORL CX, CX
	CPUID
	// OSXSAVE (bit 27) and AVX (bit 28).
	ANDL $0x18000000, CX
	CMPL CX, $0x18000000
	JNE  cpudone
	// XCR0: the OS saves XMM and YMM (bits 1, 2), and for AVX-512 the
	// mask registers and both halves of the ZMM registers (bits 5-7).
	XORL CX, CX
	XGETBV
	MOVL AX, R8
	ANDL $6, AX
	CMPL AX, $6
	JNE  cpudone
	MOVL $7, AX
	XORL CX, CX
	CPUID
	// AVX2: leaf 7, EBX bit 5.
	MOVL BX, AX
	SHRL $5, AX
	ANDL $1, AX
	MOVB AX, avx2+0(FP)
	// AVX-512 F (EBX bit 16), BW (EBX bit 30), VBMI (ECX bit 1).
	ANDL $0x40010000, BX
	CMPL BX, $0x40010000
	JNE  cpudone
	ANDL $2, CX
	JZ   cpudone
	ANDL $0xE6, R8
	CMPL R8, $0xE6
	JNE  cpudone
	MOVB $1, vbmi+1(FP)

cpudone:
	RET
