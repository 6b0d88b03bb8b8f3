// Package startup readies the process for a short command before the
// standard library's package initialisers run, which is where most of a
// command like explain spends its time.
//
// It must import nothing but runtime. Go initialises packages in import-path
// order among those whose imports are all initialised, so a package that
// needs only the runtime runs right after it, ahead of sync, os, crypto and
// the rest. TestNoInitCode in cmd/tlsdoctor checks that it does.
package startup

import "runtime"

// procs is the GOMAXPROCS the runtime chose (the CPU count, a cgroup limit
// or $GOMAXPROCS), kept until RestoreProcs gives it back.
var procs int

// init does two things, each measured on explain's page faults
// (perf stat, median of 80 runs):
//
//   - It grows the main goroutine's stack once, while it is shallow:
//     12-13 fewer faults.
//   - It runs the rest of start-up on one P: 346-349 faults became 329.
//     In about half the runs the scheduler hands the main goroutine to a
//     second P during the runtime's own start-up. That P brings a second
//     set of heap spans, so every size class the initialisers allocate
//     from is paged in twice, and an idle P makes the runtime wake threads.
//
// Nothing in tlsdoctor computes in parallel, but the garbage collector
// does, so commands that work for longer than a moment call RestoreProcs.
func init() {
	growStack(0)
	procs = runtime.GOMAXPROCS(1)
}

// growStack grows the stack to 16 KiB in one step. The initialisers of
// crypto, x509 and cobra, and later explain and check, need about that
// much. When the stack grows deep inside them, the runtime walks every
// frame and reads each function's stack map, paging in scattered parts of
// the binary's function tables. The pad is no bigger than it takes: the
// compiler zeroes it, and each 4 KiB of it is a page fault.
//
//go:noinline
func growStack(i int) byte {
	var pad [12 << 10]byte
	return pad[i&(len(pad)-1)]
}

// RestoreProcs gives the process back the GOMAXPROCS the runtime chose at
// start-up. Only the first call does anything.
func RestoreProcs() {
	if procs > 1 {
		runtime.GOMAXPROCS(procs)
	}
	procs = 0
}
