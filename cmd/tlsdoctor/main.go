// Command tlsdoctor diagnoses and fixes TLS trust failures on embedded devices.
package main

import (
	"context"
	"os"

	"github.com/tlsdoctor/tlsdoctor/internal/cli"
)

func main() { os.Exit(cli.Main(context.Background(), os.Args[1:], cli.System())) }
