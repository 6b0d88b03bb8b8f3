package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tlsdoctor/tlsdoctor/internal/render"
	"github.com/tlsdoctor/tlsdoctor/roots"
)

// rootsOptions are the flags every roots subcommand shares.
type rootsOptions struct {
	Stores  []string // --roots FILE|DIR, repeatable
	Version bool

	io  IO
	now func() time.Time
}

// set loads the user stores and returns them with the bundle. Loading is
// here, not in the constructor: flags are only bound there.
func (o *rootsOptions) set() (*roots.Set, error) {
	var user []*roots.Store
	for _, p := range o.Stores {
		st, err := loadStore(p)
		if err != nil {
			return nil, &exitError{code: ExitUsage, msg: err.Error(),
				hints: []string{"--roots takes a PEM bundle, a DER file, a C source, a directory of such files, or system (the OS trust store)"}}
		}
		for _, s := range st.Skipped {
			fmt.Fprintf(o.io.Err, "tlsdoctor: %s: skipped %s\n", p, s)
		}
		user = append(user, st)
	}
	return roots.NewSet(user...), nil
}

// loadStore reads one --roots value: "system" for the operating system's
// trust store, else a file or a directory of files (./system names a file
// called system). Every command that takes --roots loads through here.
func loadStore(p string) (*roots.Store, error) {
	if p == roots.SystemStoreName {
		return roots.LoadSystem(roots.SystemOptions{Getenv: os.Getenv, Run: runCommand})
	}
	fi, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		return roots.LoadFS(os.DirFS(p), ".", p)
	}
	if fi.Size() > maxInput {
		return nil, fmt.Errorf("%s is larger than %d MiB: a trust store is kilobytes", p, maxInput>>20)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	return roots.Load(filepath.Clean(p), data)
}

// runCommand runs a helper program for the library (macOS's security tool
// for --roots system) and returns its standard output; its standard error
// becomes the error text.
func runCommand(ctx context.Context, name string, args ...string) ([]byte, error) {
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, fmt.Errorf("%w: %s", err, msg)
		}
		return nil, err
	}
	return out, nil
}

// rootsFlagHelp is the --roots help every command shares.
const rootsFlagHelp = "add a store of roots: a PEM bundle, DER, C source, a directory of such files, or \"system\" for the OS trust store (repeatable)"

func newRootsCmd(stdio IO) *cobra.Command {
	return newRootsCmdWith(&rootsOptions{io: stdio, now: time.Now})
}

// newRootsCmdWith builds the command around opts, which its subcommands
// share; tests pass a fixed clock this way.
func newRootsCmdWith(opts *rootsOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "roots",
		Short: "Search and show the bundled Mozilla root store and the CA event calendar",
		Long: `Find the root a device should carry, see what it is (key, signature, validity,
size in bytes as DER and PEM), and what happened or will happen to it: expiries,
distrusts, cloud endpoint migrations, cross-sign ends, removals, each with a
public source. The bundled store is Mozilla's, from golang.org/x/crypto/x509roots/fallback;
add your own stores (PEM bundles, a device's trust store, directories) with --roots,
and the operating system's store with --roots system (Linux/BSD: the CA bundle and
certificate directories, SSL_CERT_FILE and SSL_CERT_DIR honoured; macOS: the system
roots keychain; Windows: the ROOT certificate store).`,
		Example: `  tlsdoctor roots search baltimore
  tlsdoctor roots search "amazon root ca 1"
  tlsdoctor roots search cb:3c:cb:b7
  tlsdoctor roots show "DigiCert Global Root G2" --pem
  tlsdoctor roots events
  tlsdoctor roots search isrg --roots device_certs/
  tlsdoctor roots search "usertrust" --roots system
  tlsdoctor roots --version`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.Version {
				fmt.Fprintf(opts.io.Out, "%s %s (%s), %d roots\n", roots.BundleModule, roots.BundleVersion, roots.BundleDate, len(roots.Bundled().Roots))
				fmt.Fprintf(opts.io.Out, "calendar: %d events\n", len(roots.Calendar()))
				return nil
			}
			return cmd.Help()
		},
	}
	cmd.PersistentFlags().StringArrayVar(&opts.Stores, "roots", nil, rootsFlagHelp)
	cmd.Flags().BoolVar(&opts.Version, "version", false, "print the bundled store's module version and date")
	cmd.AddCommand(newRootsSearchCmd(opts, nil), newRootsShowCmd(opts, nil), newRootsEventsCmd(opts, nil))
	return cmd
}

type rootsSearchOptions struct {
	*rootsOptions
	Query string
	JSON  bool
}

func newRootsSearchCmd(parent *rootsOptions, runF func(*rootsSearchOptions) error) *cobra.Command {
	opts := &rootsSearchOptions{rootsOptions: parent}
	if runF == nil {
		runF = runRootsSearch
	}
	cmd := &cobra.Command{
		Use:   "search TEXT...",
		Short: "Find roots by name words, SHA-256 fingerprint (prefix) or SKI",
		Example: `  tlsdoctor roots search baltimore
  tlsdoctor roots search isrg x2
  tlsdoctor roots search 8ecde688 --json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			opts.Query = strings.Join(args, " ")
			if strings.TrimSpace(opts.Query) == "" {
				return usageError("empty search", `tlsdoctor roots search "digicert g2"`)
			}
			return runF(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON (schema_version 1)")
	return cmd
}

func runRootsSearch(o *rootsSearchOptions) error {
	set, err := o.set()
	if err != nil {
		return err
	}
	res := set.Search(o.Query)
	now := o.now()
	if o.JSON {
		if err := render.WriteJSON(o.io.Out, render.RootsSearch(res, now)); err != nil {
			return err
		}
	} else {
		render.RootsSearchText(o.io.Out, res, now)
	}
	switch {
	case len(res.Matches) == 0 && len(res.Known) > 0:
		return &exitError{code: ExitProblems, msg: fmt.Sprintf("%q is not in the bundled store (%s %s)", o.Query, roots.BundleModule, roots.BundleDate),
			hints: []string{"the calendar above says what became of it; `tlsdoctor roots events` lists every event"}}
	case len(res.Matches) == 0:
		return &exitError{code: ExitProblems, msg: fmt.Sprintf("no root matches %q", o.Query),
			hints: []string{"search by a word of the name (\"digicert\"), a SHA-256 fingerprint prefix, or add the device's store with --roots"}}
	}
	return nil
}

type rootsShowOptions struct {
	*rootsOptions
	ID   string
	JSON bool
	PEM  bool
}

func newRootsShowCmd(parent *rootsOptions, runF func(*rootsShowOptions) error) *cobra.Command {
	opts := &rootsShowOptions{rootsOptions: parent}
	if runF == nil {
		runF = runRootsShow
	}
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show one root: key, signature, validity, sizes, fingerprints and its calendar events",
		Long: `Show one root. ID is a SHA-256 fingerprint or a prefix of one (colons allowed),
an SKI, or a name that picks out one root ("isrg x2", "DigiCert Global Root G2").`,
		Example: `  tlsdoctor roots show "isrg root x1"
  tlsdoctor roots show 8ecde688 --pem > AmazonRootCA1.pem
  tlsdoctor roots show "digicert global root g2" --json`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			opts.ID = strings.Join(args, " ")
			if opts.PEM && opts.JSON {
				return usageError("--pem and --json both write to stdout", "use --json alone: its root.pem field holds the PEM")
			}
			return runF(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON (schema_version 1), with the PEM in root.pem")
	cmd.Flags().BoolVar(&opts.PEM, "pem", false, "print the certificate as PEM only")
	return cmd
}

func runRootsShow(o *rootsShowOptions) error {
	set, err := o.set()
	if err != nil {
		return err
	}
	r, err := set.Find(o.ID)
	var nf *roots.NotFoundError
	var amb *roots.AmbiguousError
	switch {
	case errors.As(err, &amb):
		hints := []string{"give a fingerprint prefix or more of the name:"}
		for i, c := range amb.Candidates {
			if i == 8 {
				hints = append(hints, fmt.Sprintf("  ... and %d more (`tlsdoctor roots search %s`)", len(amb.Candidates)-i, o.ID))
				break
			}
			hints = append(hints, fmt.Sprintf("  %s  %s", c.Fingerprint()[:8], c.Name()))
		}
		return &exitError{code: ExitUsage, msg: err.Error(), hints: hints}
	case errors.As(err, &nf):
		if len(nf.Known) > 0 {
			render.RootsSearchText(o.io.Out, &roots.Result{Query: o.ID, Known: nf.Known}, o.now())
		}
		return &exitError{code: ExitProblems, msg: err.Error(),
			hints: []string{"`tlsdoctor roots search WORD` lists candidates; add the device's store with --roots"}}
	case err != nil:
		return err
	}
	switch {
	case o.PEM:
		_, err := o.io.Out.Write(r.PEM())
		return err
	case o.JSON:
		return render.WriteJSON(o.io.Out, render.RootShowJSON{SchemaVersion: render.SchemaVersion, Bundle: render.Bundle(), Root: render.Root(r, o.now(), true)})
	}
	render.RootShowText(o.io.Out, r, o.now())
	return nil
}

type rootsEventsOptions struct {
	*rootsOptions
	JSON bool
}

func newRootsEventsCmd(parent *rootsOptions, runF func(*rootsEventsOptions) error) *cobra.Command {
	opts := &rootsEventsOptions{rootsOptions: parent}
	if runF == nil {
		runF = runRootsEvents
	}
	cmd := &cobra.Command{
		Use:     "events",
		Short:   "List the CA event calendar: expiries, distrusts, migrations, cross-sign ends, removals",
		Example: "  tlsdoctor roots events\n  tlsdoctor roots events --json",
		Args:    cobra.NoArgs,
		RunE:    func(*cobra.Command, []string) error { return runF(opts) },
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON (schema_version 1)")
	return cmd
}

func runRootsEvents(o *rootsEventsOptions) error {
	evs := roots.Calendar()
	if o.JSON {
		return render.WriteJSON(o.io.Out, render.RootsEvents(evs, o.now()))
	}
	render.RootsEventsText(o.io.Out, evs, o.now())
	return nil
}
