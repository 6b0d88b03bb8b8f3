package roots

import (
	"context"
	"strconv"
)

// macOSRootsKeychain is the keychain that holds Apple's built-in roots
// (what `security find-certificate -a -p` on it prints: every root as PEM).
// Roots an administrator added live in the System keychain and the admin
// trust settings, which a device never carries.
const macOSRootsKeychain = "/System/Library/Keychains/SystemRootCertificates.keychain"

func loadSystem(opt *SystemOptions) (*Store, error) {
	args := []string{"find-certificate", "-a", "-p", macOSRootsKeychain}
	hint := "run `security " + args[0] + " -a -p " + macOSRootsKeychain + " > roots.pem` and pass --roots roots.pem"
	if opt.Run == nil {
		return nil, &SystemError{Tried: []string{macOSRootsKeychain + ": reading it needs the security tool, which this caller cannot run"}, Hint: hint}
	}
	ctx := opt.Context
	if ctx == nil {
		ctx = context.Background()
	}
	out, err := opt.Run(ctx, "security", args...)
	if err != nil {
		return nil, &SystemError{Tried: []string{"security " + args[0] + " -a -p " + macOSRootsKeychain + ": " + err.Error()}, Hint: hint}
	}
	st := &Store{Name: SystemStoreName}
	if err := st.add(macOSRootsKeychain, out); err != nil || len(st.Roots) == 0 {
		return nil, &SystemError{Tried: []string{macOSRootsKeychain + ": security printed no certificate"}, Hint: hint}
	}
	st.Name = SystemStoreName + " (" + macOSRootsKeychain + ": " + strconv.Itoa(len(st.Roots)) + " certificates)"
	sortRoots(st.Roots)
	return st, nil
}
