// internal/startup sets GOMAXPROCS itself, which ends the runtime's automatic
// updates from the cgroup CPU limit; without this default the runtime would
// still start the goroutine that makes them (10k instructions, callgrind).
//go:debug updatemaxprocs=0

// Command tlsdoctor diagnoses and fixes TLS trust failures on embedded devices.
package main

import (
	"context"
	"os"

	"github.com/tlsdoctor/tlsdoctor/internal/cli"
)

func main() { os.Exit(cli.Main(context.Background(), os.Args[1:], cli.System())) }
