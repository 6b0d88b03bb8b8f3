package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/tlsdoctor/tlsdoctor/errcode"
	"github.com/tlsdoctor/tlsdoctor/internal/render"
)

// version is set at build time with -ldflags "-X .../internal/cli.version=v1.2.3";
// otherwise the module version from the build info is used.
var version = ""

// Version returns tlsdoctor's version string.
func Version() string {
	v := version
	if v == "" {
		v = "devel"
		if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
	}
	return "tlsdoctor " + v
}

type versionOptions struct {
	JSON bool
	io   IO
}

func newVersionCmd(stdio IO) *cobra.Command {
	opts := &versionOptions{io: stdio}
	cmd := &cobra.Command{
		Use:     "version",
		Short:   "Print the version and the library releases its tables come from",
		Example: "  tlsdoctor version\n  tlsdoctor version --json",
		Args:    cobra.NoArgs,
		RunE:    func(*cobra.Command, []string) error { return runVersion(opts) },
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	return cmd
}

type versionJSON struct {
	SchemaVersion int               `json:"schema_version"`
	Version       string            `json:"version"`
	Go            string            `json:"go"`
	Platform      string            `json:"platform"`
	Tables        map[string]string `json:"tables"`
}

func runVersion(opts *versionOptions) error {
	tables := errcode.TableReleases()
	if opts.JSON {
		return render.WriteJSON(opts.io.Out, versionJSON{
			SchemaVersion: render.SchemaVersion, Version: Version(), Go: runtime.Version(),
			Platform: runtime.GOOS + "/" + runtime.GOARCH, Tables: tables,
		})
	}
	fmt.Fprintf(opts.io.Out, "%s (%s, %s/%s)\n", Version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(opts.io.Out, "error tables: mbedTLS %s and %s, wolfSSL %s, BearSSL %s, ESP-IDF %s\n",
		tables["mbedtls-2.28"], tables["mbedtls-3.6"], tables["wolfssl"], tables["bearssl"], tables["esp-idf"])
	return nil
}
